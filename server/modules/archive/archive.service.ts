import type { ArchiveEntryOut, ArchiveListItem, DeputyArchive } from '../../../shared/archive.ts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { catchUp } from '../../platform/events/projector.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { archiveErrors } from './archive.errors.ts';
import { deputyAssessmentResults } from './assessment/assessment.service.ts';
import { archiveScopeFor } from './archive.policy.ts';
import { emptyCounts, presentDeputy, presentEntry, sections, summarise } from './archive.presenter.ts';
import { archiveRepository as repo, type ArchiveScope, type DeputyRow, type EntryPeriod } from './archive.repository.ts';
import { archiveProjection } from './entries/archive.projection.ts';
import { archivePeriod } from './period.ts';

export interface ListQuery { year?: number; stationId?: string; q?: string; limit: number; cursor?: string }
export interface PeriodQuery { year?: number; term?: string }

const today = (deps: AppDeps) => shanghaiDate(deps.clock.now());

/** The archive reflects every write acknowledged before the read. */
async function fresh(deps: AppDeps): Promise<void> {
  await catchUp(deps, archiveProjection);
}

async function checkStation(deps: AppDeps, scope: ArchiveScope, stationId: string): Promise<void> {
  if (!(await repo.stationInDistrict(deps.db, stationId, scope.districtCode))) throw archiveErrors.STATION_NOT_FOUND(undefined, { field: 'query.stationId' });
  if (scope.all || scope.stationIds.includes(stationId)) return;
  const own = scope.deputyIds.length ? (await repo.stationsOf(deps.db, scope.deputyIds)).get(scope.deputyIds[0]!) ?? [] : [];
  if (!own.some((s) => s.id === stationId)) throw archiveErrors.STATION_NOT_FOUND(undefined, { field: 'query.stationId' });
}

/** Deputies whose archives the caller may read, in name order (pinyin), each with entries per kind in the year (or all time). */
export async function listArchives(deps: AppDeps, p: Principal, q: ListQuery): Promise<Page<ArchiveListItem>> {
  const scope = await archiveScopeFor(deps.db, p);
  const day = today(deps);
  const thisYear = Number(day.slice(0, 4));
  if (q.year !== undefined && q.year > thisYear) throw archiveErrors.PERIOD_INVALID(`年份不能晚于今年（${thisYear}）`, { field: 'query.year' });
  if (q.stationId) await checkStation(deps, scope, q.stationId);
  await fresh(deps);
  const rows = await repo.deputies(deps.db, scope, { q: q.q, stationId: q.stationId }, q.limit, decodeCursor(q.cursor, 2));
  const ids = rows.slice(0, q.limit).map((r) => r.id);
  const period: EntryPeriod = { fromYear: q.year ?? null, toYear: q.year ?? null, today: day };
  const [stations, counts] = await Promise.all([repo.stationsOf(deps.db, ids), repo.countsByKind(deps.db, ids, period)]);
  return toPage(rows, q.limit, (r) => [r.name_key, r.id], (r) => {
    const c = emptyCounts();
    for (const x of counts) if (x.deputy_id === r.id && x.kind in c) c[x.kind as keyof typeof c] = x.n;
    return { deputy: presentDeputy(r, stations.get(r.id) ?? []), counts: c };
  });
}

async function loadDeputy(deps: AppDeps, p: Principal, deputyId: string): Promise<DeputyRow> {
  const scope = await archiveScopeFor(deps.db, p);
  const d = await repo.deputy(deps.db, scope, deputyId);
  if (!d) throw archiveErrors.DEPUTY_NOT_FOUND();
  return d;
}

/** One deputy's archive for a year, a term or all time: summary, and every entry by kind with its source. */
export async function getDeputyArchive(deps: AppDeps, p: Principal, deputyId: string, q: PeriodQuery): Promise<DeputyArchive> {
  const d = await loadDeputy(deps, p, deputyId);
  const { period, entries: range } = archivePeriod(q, d, today(deps));
  await fresh(deps);
  const [stations, rows, years] = await Promise.all([repo.stationsOf(deps.db, [d.id]), repo.entries(deps.db, d.id, range, {}, null, null), repo.years(deps.db, d.id, range.today)]);
  const entries = rows.map(presentEntry);
  const firstYear = period.from ? Number(period.from.slice(0, 4)) : -Infinity;
  const lastYear = Number(period.to.slice(0, 4));
  const assessments = (await deputyAssessmentResults(deps.db, d.district_code, d.id)).filter((r) => r.year >= firstYear && r.year <= lastYear);
  return {
    deputy: presentDeputy(d, stations.get(d.id) ?? []),
    period, years, summary: summarise(entries), sections: sections(entries), assessments,
    asOf: deps.clock.now().toISOString(),
    abilities: { export: true, selfReport: hasRole(p, 'deputy') && p.deputyId === d.id },
  };
}

/** A deputy's entries, newest first (keyset), of one kind or all, in the period. */
export async function listEntries(deps: AppDeps, p: Principal, deputyId: string, q: PeriodQuery & { kind?: string; limit: number; cursor?: string }): Promise<Page<ArchiveEntryOut>> {
  const d = await loadDeputy(deps, p, deputyId);
  const { entries: range } = archivePeriod(q, d, today(deps));
  await fresh(deps);
  const rows = await repo.entries(deps.db, d.id, range, { kind: q.kind }, q.limit, decodeCursor(q.cursor, 2));
  return toPage(rows, q.limit, (r) => [r.occurred_on, r.id], presentEntry);
}

/** What an export needs before it streams: the deputy (404 outside the scope), the period (400 when wrong). */
export async function exportTarget(deps: AppDeps, p: Principal, deputyId: string, q: PeriodQuery): Promise<{ deputy: DeputyRow; period: ReturnType<typeof archivePeriod> }> {
  const deputy = await loadDeputy(deps, p, deputyId);
  const period = archivePeriod(q, deputy, today(deps));
  await fresh(deps);
  return { deputy, period };
}
