import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import { likeContains } from '../../../platform/db/like.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { CasesTables } from '../cases.tables.ts';
import { normaliseTrackingCode } from '../tracking-code.ts';

export type PublicationRow = CasesTables['case_publications'];

/** A publication with what it shows of its case (a read join into cases, stations and departments). */
export type PublicationListRow = PublicationRow & {
  tracking_code: string;
  case_title: string;
  case_status: string;
  no_publish: number;
  station_id: string;
  station_name: string;
  category: string | null;
  department_name: string | null;
  case_created_at: string;
  case_closed_at: string | null;
};

/** Who sees which publications: the district (the office) or the cases of some stations (station staff). */
export interface PublicationScope {
  districtCode: string;
  all: boolean;
  stationIds: string[];
}

export interface PublicationFilters {
  statuses?: string[];
  stationId?: string;
  q?: string;
}

export interface PublicResultFilters {
  category?: string;
  stationId?: string;
  q?: string;
}

const joined = (db: Executor) =>
  db
    .selectFrom('case_publications as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .innerJoin('stations as s', 's.id', 'c.station_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .selectAll('p')
    .select([
      'c.tracking_code', 'c.title as case_title', 'c.status as case_status', 'c.no_publish', 'c.station_id', 's.name as station_name', 'c.category',
      'd.name as department_name', 'c.created_at as case_created_at', 'c.closed_at as case_closed_at',
    ]);

/** What the public may see: published, in the district, and never a case whose constituent said no. */
const published = (db: Executor, districtCode: string) =>
  joined(db).where('p.district_code', '=', districtCode).where('p.status', '=', 'published').where('c.no_publish', '=', 0);

export const publicationRepository = {
  async insert(db: Executor, row: PublicationRow): Promise<void> {
    await db.insertInto('case_publications').values(row).execute();
  },
  /** Optimistic concurrency: the write happens only at the version the caller saw. */
  async update(db: Executor, id: string, version: number, patch: Partial<PublicationRow>): Promise<boolean> {
    const res = await db.updateTable('case_publications').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async get(db: Executor, id: string): Promise<PublicationListRow | undefined> {
    return joined(db).where('p.id', '=', id).executeTakeFirst();
  },
  async byCase(db: Executor, caseId: string): Promise<PublicationListRow | undefined> {
    return joined(db).where('p.case_id', '=', caseId).executeTakeFirst();
  },
  /** The queue, newest first (ids are time-sortable). */
  async list(db: Executor, scope: PublicationScope, f: PublicationFilters, limit: number, after: CursorValue[] | null): Promise<PublicationListRow[]> {
    let q = joined(db).where('p.district_code', '=', scope.districtCode);
    if (!scope.all) q = scope.stationIds.length ? q.where('c.station_id', 'in', scope.stationIds) : q.where((eb) => eb.val(false));
    if (f.statuses?.length) q = q.where('p.status', 'in', f.statuses);
    if (f.stationId) q = q.where('c.station_id', '=', f.stationId);
    if (f.q) {
      const text = f.q;
      const code = normaliseTrackingCode(text) ?? text.toUpperCase();
      q = q.where((eb) => eb.or([likeContains('p.title', text), likeContains('p.summary', text), likeContains('c.title', text), eb('c.tracking_code', '=', code)]));
    }
    return keyset(q, 'p.id', 'p.id', 'desc', after).limit(limit + 1).execute();
  },
  /** Published results, newest publication first; the search reads only the published (masked) texts. */
  async publicList(db: Executor, districtCode: string, f: PublicResultFilters, limit: number, after: CursorValue[] | null): Promise<PublicationListRow[]> {
    let q = published(db, districtCode);
    if (f.category) q = q.where('c.category', '=', f.category);
    if (f.stationId) q = q.where('c.station_id', '=', f.stationId);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([likeContains('p.title', text), likeContains('p.summary', text), likeContains('p.result', text)]));
    }
    return keyset(q.where('p.published_at', 'is not', null), 'p.published_at', 'p.id', 'desc', after).limit(limit + 1).execute();
  },
  async publicGet(db: Executor, districtCode: string, id: string): Promise<PublicationListRow | undefined> {
    return published(db, districtCode).where('p.id', '=', id).executeTakeFirst();
  },
  /** The categories and stations that have published results (the public filters' choices). */
  async publicFacets(db: Executor, districtCode: string): Promise<{ categories: string[]; stations: { id: string; name: string }[] }> {
    const base = () => db.selectFrom('case_publications as p').innerJoin('cases as c', 'c.id', 'p.case_id').where('p.district_code', '=', districtCode).where('p.status', '=', 'published').where('c.no_publish', '=', 0);
    const cats = await base().select('c.category').distinct().where('c.category', 'is not', null).orderBy('c.category').execute();
    const stations = await base().innerJoin('stations as s', 's.id', 'c.station_id').select(['s.id', 's.name', 's.name_key']).distinct().orderBy('s.name_key').execute();
    return { categories: cats.map((r) => r.category!), stations: stations.map((s) => ({ id: s.id, name: s.name })) };
  },
  /** The final answer of a case: the latest department reply or on-the-spot answer (its timeline note), else the feedback to the constituent. */
  async finalReply(db: Executor, caseId: string): Promise<string | null> {
    for (const types of [['reply', 'resolve'], ['feedback']]) {
      const row = await db.selectFrom('case_events').select('note').where('case_id', '=', caseId).where('type', 'in', types).where('note', 'is not', null).orderBy('id', 'desc').executeTakeFirst();
      if (row?.note) return row.note;
    }
    return null;
  },
};
