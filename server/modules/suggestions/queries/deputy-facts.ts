import type { Executor } from '../../../platform/db/database.ts';

/**
 * What deputies did with a suggestion, for read-side modules (the performance archive): the
 * lead deputy, the co-signers who signed, where it stands, the reply's class and the lead
 * deputy's evaluation. Loaded by id after an event (idempotent, replay-safe).
 */
export interface SuggestionDeputyFact {
  id: string;
  districtCode: string;
  number: string | null;
  title: string;
  /** SuggestionStatus. */
  status: string;
  year: number;
  period: string | null;
  submittedAt: string | null;
  createdAt: string;
  /** The latest reply's class (ReplyCategory) and the lead deputy's latest evaluation (EvaluationRating). */
  replyCategory: string | null;
  rating: string | null;
  leadDeputyId: string;
  /** Deputies who co-signed (联名, status signed). */
  signedCosponsorIds: string[];
}

export async function suggestionDeputyFacts(db: Executor, ids: readonly string[]): Promise<SuggestionDeputyFact[]> {
  const unique = [...new Set(ids)];
  const out: SuggestionDeputyFact[] = [];
  for (let i = 0; i < unique.length; i += 400) {
    const chunk = unique.slice(i, i + 400);
    const rows = await db.selectFrom('suggestions')
      .select(['id', 'district_code', 'number', 'title', 'status', 'year', 'period', 'submitted_at', 'created_at', 'reply_category', 'rating', 'lead_deputy_id'])
      .where('id', 'in', chunk).execute();
    const signed = new Map<string, string[]>();
    for (const c of await db.selectFrom('suggestion_cosponsors').select(['suggestion_id', 'deputy_id']).where('suggestion_id', 'in', chunk).where('status', '=', 'signed').execute()) {
      (signed.get(c.suggestion_id) ?? signed.set(c.suggestion_id, []).get(c.suggestion_id)!).push(c.deputy_id);
    }
    for (const r of rows) {
      out.push({
        id: r.id, districtCode: r.district_code, number: r.number, title: r.title, status: r.status, year: Number(r.year), period: r.period,
        submittedAt: r.submitted_at, createdAt: r.created_at, replyCategory: r.reply_category, rating: r.rating, leadDeputyId: r.lead_deputy_id,
        signedCosponsorIds: (signed.get(r.id) ?? []).sort(),
      });
    }
  }
  return out;
}
