import type { ActivitiesTables } from './modules/activities/index.ts';
import type { CasesTables } from './modules/cases/index.ts';
import type { DashboardTables } from './modules/dashboard/index.ts';
import type { ArchiveTables } from './modules/archive/index.ts';
import type { InsightTables } from './modules/insight/index.ts';
import type { ProjectsTables } from './modules/projects/index.ts';
import type { SuggestionsTables } from './modules/suggestions/index.ts';
import type { OrgTables } from './modules/org/index.ts';
import type { ScheduleTables } from './modules/schedule/index.ts';
import type { NotifyTables } from './platform/notify/notify.tables.ts';
import type { PlatformTables } from './platform/tables.ts';

/** The whole schema as Kysely sees it: the platform's tables and every module's. */
export interface Database extends PlatformTables, NotifyTables, OrgTables, ScheduleTables, CasesTables, ActivitiesTables, SuggestionsTables, ProjectsTables, DashboardTables, ArchiveTables, InsightTables {}
