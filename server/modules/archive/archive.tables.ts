/** The performance archive's own tables (一人一档): entries derived from events, self-reports. See docs/plans/archive-api.md. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ArchiveEntryTables {}
