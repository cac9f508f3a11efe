/** The schedule module's tables (portable column types: see server/platform/tables.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScheduleTables {}
