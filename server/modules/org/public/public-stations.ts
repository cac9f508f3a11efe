import { DEPUTY_LEVELS } from '../../../../shared/org.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import { likeContains } from '../../../platform/db/like.ts';

/**
 * What the public may know about stations and the deputies stationed there: no staff
 * accounts, no internal fields. Used by the portal (public API and pages).
 */
export interface PublicStationSummary {
  id: string;
  name: string;
  kind: 'station' | 'room';
  regionCode: string;
  regionName: string | null;
  address: string;
  parentId: string | null;
}

export interface PublicStation extends PublicStationSummary {
  parentName: string | null;
  openingHours: string;
  contactPhone: string;
  description: string;
  location: { lat: number; lng: number } | null;
  deputies: Array<{ id: string; name: string; level: string; occupation: string; expertise: string[] }>;
  rooms: Array<{ id: string; name: string; address: string }>;
}

function base(db: Executor) {
  return db
    .selectFrom('stations as s')
    .leftJoin('regions as r', 'r.code', 's.region_code')
    .leftJoin('stations as p', 'p.id', 's.parent_id')
    .select(['s.id', 's.name', 's.kind', 's.region_code', 'r.name as region_name', 's.address', 's.parent_id', 'p.name as parent_name', 's.opening_hours', 's.contact_phone', 's.description', 's.lat', 's.lng'])
    .where('s.active', '=', 1);
}

type BaseRow = { id: string; name: string; kind: string; region_code: string; region_name: string | null; address: string; parent_id: string | null };

const toSummary = (r: BaseRow): PublicStationSummary => ({
  id: r.id,
  name: r.name,
  kind: r.kind as 'station' | 'room',
  regionCode: r.region_code,
  regionName: r.region_name,
  address: r.address,
  parentId: r.parent_id,
});

export async function listPublicStations(db: Executor, f: { q?: string; regionCode?: string; limit: number; cursor?: string }): Promise<Page<PublicStationSummary>> {
  let q = base(db);
  if (f.q) q = q.where((eb) => eb.or([likeContains('s.name', f.q!), likeContains('s.address', f.q!)]));
  if (f.regionCode) q = q.where('s.region_code', 'like', `${f.regionCode}%`);
  // Ordered by region code then id: a district's stations come street by street.
  const rows = await keyset(q, 's.region_code', 's.id', 'asc', decodeCursor(f.cursor, 2)).limit(f.limit + 1).execute();
  return toPage(rows, f.limit, (r) => [r.region_code, r.id], toSummary);
}

export async function getPublicStation(db: Executor, id: string): Promise<PublicStation | null> {
  const r = await base(db).where('s.id', '=', id).executeTakeFirst();
  if (!r) return null;
  const [deputies, rooms] = await Promise.all([
    db
      .selectFrom('deputy_stations as ds')
      .innerJoin('deputies as d', 'd.id', 'ds.deputy_id')
      .select(['d.id', 'd.name', 'd.level', 'd.occupation', 'd.expertise'])
      .where('ds.station_id', '=', id)
      .where('d.active', '=', 1)
      .orderBy('d.name_key')
      .execute(),
    db.selectFrom('stations').select(['id', 'name', 'address']).where('parent_id', '=', id).where('active', '=', 1).orderBy('name_key').execute(),
  ]);
  return {
    ...toSummary(r),
    parentName: r.parent_name,
    openingHours: r.opening_hours,
    contactPhone: r.contact_phone,
    description: r.description,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    // National deputies first, as people expect to read the list.
    deputies: deputies.sort((a, b) => DEPUTY_LEVELS.indexOf(a.level as never) - DEPUTY_LEVELS.indexOf(b.level as never)).map((d) => ({ id: d.id, name: d.name, level: d.level, occupation: d.occupation, expertise: JSON.parse(d.expertise) as string[] })),
    rooms,
  };
}
