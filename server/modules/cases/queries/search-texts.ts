import type { Executor } from '../../../platform/db/database.ts';

/**
 * What a search may find a case by: the texts every viewer of the case can read.
 *
 * The case page shows the whole timeline to everyone who can see the case (cases.presenter.ts
 * `presentTimeline` does not filter by role: station staff, liaison officers, deputies,
 * department handlers and the office read the same entries, internal notes included). So every
 * note of the timeline may be searched by anyone who finds the case, and the texts are:
 *
 * - the title and the content (the constituent's own words);
 * - the replies and reasons written by people, shown in the `note` of these entries:
 *   `reply` (the department's reply), `resolve` (answered on the spot), `feedback` (the answer
 *   given to the constituent), `reject` (why it was not accepted), `rating` (the constituent's
 *   comment with a rating);
 * - every internal note (`internal_note`: accepting, assigning, a department's return, an
 *   extension asked or decided, supervision, a follow-up visit, closing).
 *
 * Left out: texts the system writes itself, which would make words like 超期 or 交办 match
 * almost every case — the overdue sweep's note (`overdue`), the notes of `assign`
 * (“已交办至…”) and `merge` (“与同类诉求合并办理”), notification records; and the steps of a
 * deputy's suggestion (`suggestion*`, written by the suggestions module without a case event,
 * so an index fed by case events would not see them change).
 */
export interface CaseSearchText {
  id: string;
  districtCode: string;
  trackingCode: string;
  title: string;
  content: string;
  /** The timeline's searchable texts, oldest first. */
  notes: string[];
}

/** Timeline entries whose `note` a person wrote (the other types' notes are generated). */
export const SEARCHABLE_NOTE_TYPES: readonly string[] = ['reply', 'resolve', 'feedback', 'reject', 'rating'];
/** Timeline entries whose `internal_note` the system writes. */
const GENERATED_INTERNAL_NOTE_TYPES: readonly string[] = ['overdue'];

/** The searchable texts of the given cases; ids that do not exist are absent. */
export async function caseSearchTexts(db: Executor, ids: readonly string[]): Promise<CaseSearchText[]> {
  const unique = [...new Set(ids)];
  const out: CaseSearchText[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.selectFrom('cases').select(['id', 'district_code', 'tracking_code', 'title', 'content']).where('id', 'in', chunk).orderBy('id').execute();
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'type', 'note', 'internal_note'])
      .where('case_id', 'in', chunk)
      .where((eb) => eb.or([eb('note', 'is not', null), eb('internal_note', 'is not', null)]))
      .orderBy('case_id')
      .orderBy('id')
      .execute();
    const notes = new Map<string, string[]>();
    for (const e of events) {
      const texts: string[] = [];
      if (e.note && SEARCHABLE_NOTE_TYPES.includes(e.type)) texts.push(e.note);
      if (e.internal_note && !GENERATED_INTERNAL_NOTE_TYPES.includes(e.type)) texts.push(e.internal_note);
      if (texts.length) notes.set(e.case_id, [...(notes.get(e.case_id) ?? []), ...texts]);
    }
    for (const r of rows) {
      out.push({ id: r.id, districtCode: r.district_code, trackingCode: r.tracking_code, title: r.title, content: r.content, notes: notes.get(r.id) ?? [] });
    }
  }
  return out;
}
