import type { Executor } from '../../../platform/db/database.ts';
import { solicitationRepository } from './solicitation.repository.ts';

export interface Support {
  /** The proposal's own linked cases. */
  caseIds: string[];
  /** Its own and its merged proposals' cases, without repeats (what a project copies). */
  allCaseIds: string[];
  /** 1 (the proposer) + distinct linked cases + each merged proposal (its proposer). */
  supportCount: number;
}

/**
 * How many people raised the same need, per proposal: the proposer, the cases behind it and the
 * proposals merged into it with their cases (a case linked twice counts once).
 */
export async function supportFor(db: Executor, proposalIds: readonly string[]): Promise<Map<string, Support>> {
  const children = await solicitationRepository.mergedInto(db, proposalIds);
  const links = await solicitationRepository.caseLinks(db, 'proposal', [...proposalIds, ...children.map((c) => c.id)]);
  const out = new Map<string, Support>();
  for (const id of proposalIds) {
    const mine = children.filter((c) => c.merged_into_id === id);
    const all = new Set(links.get(id) ?? []);
    for (const c of mine) for (const caseId of links.get(c.id) ?? []) all.add(caseId);
    out.set(id, { caseIds: links.get(id) ?? [], allCaseIds: [...all].sort(), supportCount: 1 + all.size + mine.length });
  }
  return out;
}
