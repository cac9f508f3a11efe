import type { ModuleManifest } from '../../platform/module.ts';
import type { ArchiveEntryTables } from './archive.tables.ts';
import type { AssessmentTables } from './assessment/assessment.tables.ts';

export type ArchiveTables = ArchiveEntryTables & AssessmentTables;

/** Deputies' performance archives (一人一档, read side) with self-reports and assessment rounds. */
export const archiveModule: ModuleManifest = {
  name: 'archive',
};
