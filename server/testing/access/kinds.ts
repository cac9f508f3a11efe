/**
 * The kinds of record a path parameter names, where their rows live, and who may reach which
 * of the named records: the policy of docs/ARCHITECTURE.md ("Access") written out by hand,
 * independently of the code under test.
 *
 * Every kind has a record of 天元区 (`home`, or the named `mjh` / `liyu` ones) and, where the
 * second district has one, `other`. A caller of the other district never reaches a 天元区
 * record, nor 天元区's callers an `other` one. Within 天元区, the station-bound kinds say which
 * roles reach the 马家河 record (the station of `station`, `liaison` and `deputy`) and which the
 * 栗雨 one (the station of `station2`); the case of 马家河 is assigned to 城管 (`dept`), the case
 * of 栗雨 to 住建 (`dept2`) and names no deputy of 马家河. The district-wide kinds (projects,
 * settings …) are checked at the district boundary only; their finer rules are their modules' tests.
 */
import type { Database } from '../../database.ts';
import type { Kind } from './table.ts';
import type { Caller, HomeRole } from './world.ts';

type Named = 'mjh' | 'liyu';

export interface KindInfo {
  /** null: not a record (regions are national reference data; a calendar day is a date of the caller's own district). */
  table: keyof Database | null;
  /** Within 天元区: what each role reaches of the named records. Absent: district-wide (or another test's business). */
  within?: Record<HomeRole, Named[]>;
  /** A personal record: its `home` record belongs to this account alone. */
  ownedBy?: HomeRole;
  /**
   * Where a route's further path parameters come from: `param → [table, the column naming the parent
   * record (or `district_code:<code>` for any of the district's), the column to use (id), and a
   * further `column:value` condition]`; `segment/param` applies where the parameter follows that segment.
   */
  children?: Record<string, [table: keyof Database, parentColumn: string, valueColumn?: string, also?: string]>;
}

const ALL: Named[] = ['mjh', 'liyu'];
const stationBound: Record<HomeRole, Named[]> = { admin: ALL, station: ['mjh'], liaison: ['mjh'], deputy: ['mjh'], station2: ['liyu'], dept: [], dept2: [] };

export const KINDS: Record<Kind, KindInfo> = {
  station: { table: 'stations', within: { ...stationBound, dept: ALL, dept2: ALL }, children: { itemId: ['standard_items', 'district_code:430211'] } },
  deputy: { table: 'deputies' },
  department: { table: 'departments' },
  user: { table: 'users' },
  'standard-item': { table: 'standard_items' },
  region: { table: null },
  'import-batch': { table: 'import_batches' },
  reception: { table: 'receptions', within: stationBound },
  'reception-session': { table: 'reception_sessions', within: stationBound, children: { batchId: ['reception_batches', 'session_id'] } },
  'reception-rule': { table: 'reception_rules', within: stationBound },
  case: { table: 'cases', within: { ...stationBound, dept: ['mjh'], dept2: ['liyu'] }, children: { attachmentId: ['case_attachments', 'case_id'] } },
  'routing-rule': { table: 'routing_rules' },
  'case-category': { table: 'case_categories' },
  'calendar-day': { table: null },
  'case-filter': { table: 'case_saved_filters', ownedBy: 'admin' },
  'case-publication': { table: 'case_publications' },
  activity: {
    table: 'activities',
    within: stationBound,
    children: { 'photos/fileId': ['activity_files', 'activity_id', 'id', 'kind:photo'], 'attachments/fileId': ['activity_files', 'activity_id', 'id', 'kind:attachment'], outcomeId: ['activity_outcomes', 'activity_id'], invitationId: ['roundtable_invitations', 'activity_id'], postId: ['roundtable_posts', 'activity_id'] },
  },
  suggestion: { table: 'suggestions' },
  'voting-session': { table: 'voting_sessions', children: { projectId: ['projects', 'session_id'] } },
  'paper-ballot': { table: 'paper_ballot_entries' },
  'project-call': { table: 'project_calls' },
  'project-proposal': { table: 'project_proposals' },
  project: { table: 'projects', children: { mid: ['project_milestones', 'project_id'] } },
  'evaluation-round': { table: 'project_evaluation_rounds' },
  'hot-issue': { table: 'insight_hot_clusters' },
  'archive-deputy': { table: 'deputies' },
  'self-report': { table: 'archive_self_reports', children: { fileId: ['archive_self_report_files', 'report_id'] } },
  'assessment-round': { table: 'assessment_rounds', children: { sheetId: ['assessment_sheets', 'round_id'], deputyId: ['assessment_results', 'round_id', 'deputy_id'] } },
};

const isOther = (c: Caller) => c.startsWith('other');

/**
 * Whether `caller` reaches the record `name` of `kind`: true, false, or undefined when this
 * table does not decide (a district-wide kind inside its own district).
 */
export function reaches(caller: Exclude<Caller, 'anonymous'>, kind: Kind, name: string): boolean | undefined {
  if (name === 'other') return isOther(caller) ? undefined : false;
  if (isOther(caller)) return false;
  const owner = KINDS[kind].ownedBy;
  if (owner) return caller === owner;
  const within = KINDS[kind].within;
  if (!within || name === 'home') return undefined;
  return within[caller as HomeRole].includes(name as Named);
}

/** The records of a kind that the matrix acts on. */
export const recordNames = (kind: Kind): string[] => (KINDS[kind].within ? ['mjh', 'liyu', 'other'] : ['home', 'other']);
