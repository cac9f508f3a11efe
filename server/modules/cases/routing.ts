/**
 * Routing rules as data (FixMyStreet's body + category contacts): (category, region) →
 * department. The most specific active rule wins: a rule for the case's category beats an
 * "any category" rule; then the longer region prefix (community 12 > street 9 > district-wide);
 * then the older rule (smaller id), so the answer is deterministic.
 */
export interface RoutingRule {
  id: string;
  category: string | null;
  regionCode: string | null;
  departmentId: string;
  active: boolean;
}

export function matchRule<R extends RoutingRule>(rules: readonly R[], c: { category: string | null; regionCode: string }): R | null {
  let best: R | null = null;
  let bestScore = -1;
  for (const r of rules) {
    if (!r.active) continue;
    if (r.category !== null && r.category !== c.category) continue;
    if (r.regionCode !== null && !c.regionCode.startsWith(r.regionCode)) continue;
    const score = (r.category !== null ? 100 : 0) + (r.regionCode?.length ?? 0);
    if (score > bestScore || (score === bestScore && best !== null && r.id < best.id)) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}
