/**
 * The search tests' reference and their sampled terms: what a LIKE scan over the raw rows finds,
 * and terms cut from the timeline's texts of every entry type, whoever wrote them.
 */
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import { seededRandom } from '../../../platform/random.ts';
import { casesContainingText } from '../../cases/index.ts';

/**
 * The reference: a LIKE scan over the raw rows — the cases whose title or content contains the
 * term, or one of whose timeline entries does in its note or internal note, whatever the entry's
 * type and author (cases' `casesContainingText`, beside the rule it checks; the search keeps the
 * caller's cases).
 */
export const likeScan = casesContainingText;

/** A seeded generator: the same terms on every run and on both databases. */
export const seeded = seededRandom;

/** A sampled term and where it was cut from. */
export interface SampledTerm {
  term: string;
  type: string;
  field: 'note' | 'internal_note';
}

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * For every timeline entry type that has texts, up to `perType` entries (each field that has
 * text), and from each text `perText` terms: runs of 1–4 Han characters at random places (Han
 * only: the index keeps Latin words and numbers whole, where LIKE matches inside them). The
 * entries are taken in id order and picked by the seeded generator, so a run is repeatable.
 */
export async function sampledTimelineTerms(db: Executor, opts: { perType: number; perText: number; seed: number }): Promise<{ terms: SampledTerm[]; typesWithText: Set<string> }> {
  const random = seeded(opts.seed);
  const rows = await sql<{ type: string; note: string | null; internal_note: string | null }>`select type, note, internal_note from case_events
    where note is not null or internal_note is not null order by id`.execute(db);
  const byType = new Map<string, Array<{ type: string; note: string | null; internal_note: string | null }>>();
  for (const r of rows.rows) (byType.get(r.type) ?? byType.set(r.type, []).get(r.type)!).push(r);
  const terms: SampledTerm[] = [];
  for (const [type, entries] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const picked = new Set<number>();
    while (picked.size < Math.min(opts.perType, entries.length)) picked.add(Math.floor(random() * entries.length));
    for (const i of [...picked].sort((a, b) => a - b)) {
      for (const field of ['note', 'internal_note'] as const) {
        const runs = [...(entries[i]![field] ?? '').matchAll(HAN_RUN)].map((m) => m[0]);
        if (!runs.length) continue;
        for (let k = 0; k < opts.perText; k++) {
          const run = runs[Math.floor(random() * runs.length)]!;
          const len = Math.min(run.length, 1 + Math.floor(random() * 4));
          const start = Math.floor(random() * (run.length - len + 1));
          terms.push({ term: run.slice(start, start + len), type, field });
        }
      }
    }
  }
  return { terms, typesWithText: new Set(byType.keys()) };
}
