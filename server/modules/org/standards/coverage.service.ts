import type { StationKind } from '../../../../shared/org.ts';
import type { CoverageOut, EvidenceStatus } from '../../../../shared/standards.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/database.ts';
import { stationScopeFor } from '../org.policy.ts';
import { emptyCounts } from './evidence.service.ts';
import { requireEvidenceReader } from './standards.policy.ts';
import { appliesToOf } from './standards.presenter.ts';
import { standardsRepository as repo } from './standards.repository.ts';

/** One decimal place; null when no station is checked against the item. */
const percent = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1000) / 10);

/**
 * The at-a-glance view: every active station and room in the caller's scope against the active
 * items that apply to its kind, and the district's totals (stations meeting every item, the share
 * of stations with each item approved).
 */
export async function getCoverage(db: Db, p: Principal, f: { kind?: StationKind }): Promise<CoverageOut> {
  requireEvidenceReader(p);
  const scope = await stationScopeFor(db, p);
  const items = (await repo.items(db, p.districtCode)).filter((i) => i.active === 1).map((i) => ({ row: i, kinds: appliesToOf(i) }));
  const stations = await repo.activeStations(db, scope, f.kind);
  const status = new Map<string, EvidenceStatus>();
  for (const r of await repo.statuses(db, stations.map((s) => s.id))) status.set(`${r.station_id}/${r.item_id}`, r.status as EvidenceStatus);

  const perItem = new Map(items.map(({ row }) => [row.id, { itemId: row.id, applicable: 0, ...emptyCounts() }]));
  const totals = emptyCounts();
  let complete = 0;
  const rows = stations.map((s) => {
    const statuses: Record<string, EvidenceStatus> = {};
    const counts = emptyCounts();
    let total = 0;
    for (const { row, kinds } of items) {
      if (!kinds.includes(s.kind as StationKind)) continue;
      const st = status.get(`${s.id}/${row.id}`) ?? 'missing';
      statuses[row.id] = st;
      counts[st]++;
      totals[st]++;
      total++;
      const agg = perItem.get(row.id)!;
      agg.applicable++;
      agg[st]++;
    }
    const done = total > 0 && counts.approved === total;
    if (done) complete++;
    return { id: s.id, name: s.name, kind: s.kind as StationKind, parentId: s.parent_id, statuses, counts, total, complete: done };
  });

  return {
    items: items.map(({ row, kinds }) => ({ id: row.id, code: row.code, name: row.name, appliesTo: kinds })),
    stations: rows,
    totals: {
      stations: rows.length,
      complete,
      counts: totals,
      perItem: [...perItem.values()].map((a) => ({ ...a, approvedPercent: percent(a.approved, a.applicable) })),
    },
  };
}
