import type { Executor } from '../../../platform/db/database.ts';
import { likeContains } from '../../../platform/db/like.ts';

/**
 * What a search may find a case by: the texts every viewer of the case can read.
 *
 * The case page shows the whole timeline to everyone who can see the case (cases.presenter.ts
 * `presentTimeline` does not filter by role: station staff, liaison officers, deputies,
 * department handlers and the office read the same entries, internal notes included). So every
 * note of the timeline may be searched by anyone who finds the case, and the texts are:
 *
 * - the title and the content (the constituent's own words);
 * - the `note` and the `internal_note` of every timeline entry, whoever wrote it: the replies and
 *   reasons people write (`reply`, `resolve`, `feedback`, `reject`, `rating`, accepting, a
 *   department's return, extensions, supervision, follow-up visits, closing) and the texts the
 *   system writes (the assignment's “已交办至…”, the merge's “与同类诉求合并办理”, the SLA
 *   sweep's overdue supervision, the steps of a deputy's suggestion, which come with a case event
 *   of their own: suggestion-steps.ts).
 *
 * Everything the timeline shows is searched (QUALITY.md: search finds every case a LIKE scan over
 * these texts finds). An earlier rule left the system's texts out, so that 交办 or 超期 would not
 * match nearly every case; but a user who reads “写入代表建议” or a department's name on the
 * timeline expects to find the case by it, and ranking puts such common words' matches low.
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

/** The searchable texts of the given cases; ids that do not exist are absent. */
export async function caseSearchTexts(db: Executor, ids: readonly string[]): Promise<CaseSearchText[]> {
  const unique = [...new Set(ids)];
  const out: CaseSearchText[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.selectFrom('cases').select(['id', 'district_code', 'tracking_code', 'title', 'content']).where('id', 'in', chunk).orderBy('id').execute();
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'note', 'internal_note'])
      .where('case_id', 'in', chunk)
      .where((eb) => eb.or([eb('note', 'is not', null), eb('internal_note', 'is not', null)]))
      .orderBy('case_id')
      .orderBy('id')
      .execute();
    const notes = new Map<string, string[]>();
    for (const e of events) {
      const texts: string[] = [];
      if (e.note) texts.push(e.note);
      if (e.internal_note) texts.push(e.internal_note);
      if (texts.length) notes.set(e.case_id, [...(notes.get(e.case_id) ?? []), ...texts]);
    }
    for (const r of rows) {
      out.push({ id: r.id, districtCode: r.district_code, trackingCode: r.tracking_code, title: r.title, content: r.content, notes: notes.get(r.id) ?? [] });
    }
  }
  return out;
}

/**
 * The reference for a search (its tests and the search benchmark): a LIKE scan over the same texts
 * as `caseSearchTexts` — the cases whose title or content contains the term, or one of whose
 * timeline entries does in its note or internal note. Reads every case; never on a request.
 */
export async function casesContainingText(db: Executor, term: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('cases as c')
    .select('c.id')
    .where((eb) => eb.or([
      likeContains('c.title', term),
      likeContains('c.content', term),
      eb.exists(eb.selectFrom('case_events as e').select('e.id').whereRef('e.case_id', '=', 'c.id').where((w) => w.or([likeContains('e.note', term), likeContains('e.internal_note', term)]))),
    ]))
    .execute();
  return new Set(rows.map((r) => r.id));
}
