import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { RegionLevel } from '../../../../shared/org.ts';
import { likeContains } from '../../../platform/db/like.ts';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

const toRegion = (r: { code: string; name: string; level: string; parent_code: string | null }): Region => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  parentCode: r.parent_code,
});

export const regionsRepository = {
  async get(db: Executor, code: string): Promise<Region | undefined> {
    const r = await db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
    return r && toRegion(r);
  },

  async getMany(db: Executor, codes: string[]): Promise<Map<string, Region>> {
    const unique = [...new Set(codes)];
    if (!unique.length) return new Map();
    const rows = await db.selectFrom('regions').selectAll().where('code', 'in', unique).execute();
    return new Map(rows.map((r) => [r.code, toRegion(r)]));
  },

  async children(
    db: Executor,
    opts: { parent: string | null; q?: string; within?: string; limit: number; after: CursorValue[] | null },
  ): Promise<Array<Region & { hasChildren: boolean }>> {
    let q = db
      .selectFrom('regions as r')
      .select(['r.code', 'r.name', 'r.level', 'r.parent_code'])
      .select((eb) =>
        eb.exists(eb.selectFrom('regions as c').select('c.code').whereRef('c.parent_code', '=', 'r.code')).as('has_children'),
      );
    q = opts.parent === null ? q.where('r.parent_code', 'is', null) : q.where('r.parent_code', '=', opts.parent);
    if (opts.q) q = q.where(likeContains('r.name', opts.q));
    if (opts.within) q = q.where('r.code', 'like', `${opts.within}%`);
    const rows = await keyset(q, 'r.code', 'r.code', 'asc', opts.after).limit(opts.limit + 1).execute();
    return rows.map((r) => ({ ...toRegion(r), hasChildren: Boolean(Number(r.has_children)) }));
  },

  /** The chain from the province down to `code` itself. */
  async path(db: Executor, code: string): Promise<Region[]> {
    const out: Region[] = [];
    let cur: string | null = code;
    while (cur) {
      const r = await this.get(db, cur);
      if (!r) break;
      out.unshift(r);
      cur = r.parentCode;
    }
    return out;
  },
};
