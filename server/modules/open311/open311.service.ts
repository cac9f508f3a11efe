import type { PublicResult } from '../../../shared/case-publications.ts';
import type { CaseStatus } from '../../../shared/cases.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type ErrorSpec } from '../../platform/errors.ts';
import { publicBaseUrl } from '../../platform/config.ts';
import {
  createCase, districtCategories, formatTrackingCode, getPublicCase, getPublicResult, listPublicResults, normaliseTrackingCode, type PublicCase,
} from '../cases/index.ts';
import { getPublicStation, listPublicStations } from '../org/index.ts';
import { open311Errors } from './open311.errors.ts';
import type { Open311Value } from './open311.format.ts';
import type { Open311PostInput, Open311RequestsQuery } from './open311.schemas.ts';

/** An unknown service code or request id is not repeated back: it is whatever the caller typed (a phone number, a name), and the answer is public. */
const NO_SUCH_SERVICE = 'service_code：找不到该服务类别（可用的类别见 GET services）';

type Row = Record<string, Open311Value>;

/** The spec's closed states: nothing more will happen (rejected and merged cases included). */
const CLOSED: readonly CaseStatus[] = ['closed', 'rejected', 'merged'];

/** Discovery (GET /open311/v2/discovery.json): where the endpoint is and what it speaks. */
export function discovery(deps: AppDeps): Row {
  return {
    changeset: '2026-12-20T00:00:00Z',
    contact: `连心桥 Lianxin · ${publicBaseUrl(deps.config)}/`,
    key_service: '无需 API key：提交与公开诉求接口相同，按来源地址限流（api_key 参数可带，不作校验）',
    endpoints: [{
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${publicBaseUrl(deps.config)}/open311/v2`,
      changeset: '2026-12-20T00:00:00Z',
      type: 'production',
      formats: ['application/json', 'text/xml'],
    }],
  };
}

/** Services = the district's active case categories; service_code is the category's id (stable when renamed). */
export async function listServices(deps: AppDeps): Promise<Row[]> {
  const cats = (await districtCategories(deps.db, deps.config.LIANXIN_DISTRICT)).filter((c) => c.active);
  return cats.map((c) => ({
    service_code: c.id,
    service_name: c.name,
    description: `向人大代表联络站反映${c.name}方面的问题、意见和建议`,
    metadata: false,
    type: 'realtime',
    keywords: c.name,
    group: '群众诉求',
  }));
}

/** A service definition: no extra attributes (metadata is false), so an empty list; unknown codes are 404. */
export async function serviceDefinition(deps: AppDeps, code: string): Promise<Row> {
  const cat = (await districtCategories(deps.db, deps.config.LIANXIN_DISTRICT)).find((c) => c.active && c.id === code);
  if (!cat) throw open311Errors.SERVICE_NOT_FOUND(NO_SUCH_SERVICE, { field: 'service_code' });
  return { service_code: cat.id, attributes: [] };
}

// ── the station a request goes to ───────────────────────────────────────────────────────────

const EARTH_KM = 6371;
/** A point farther than this from every station is outside the district. */
export const MAX_STATION_KM = 50;

export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface StationPlace { id: string; name: string; regionName: string | null; parentId: string | null; location: { lat: number; lng: number } | null }

async function districtStations(deps: AppDeps): Promise<StationPlace[]> {
  const out: StationPlace[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPublicStations(deps.db, { regionCode: deps.config.LIANXIN_DISTRICT, limit: 100, cursor });
    for (const s of page.items) {
      const full = await getPublicStation(deps.db, s.id);
      out.push({ id: s.id, name: s.name, regionName: s.regionName, parentId: s.parentId, location: full?.location ?? null });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * Which station receives a request (docs/ARCHITECTURE.md, Open311): `station_id` when given
 * (our extension: a station's id from /api/v1/public/stations); otherwise the station nearest
 * to lat/long (within 50 km); otherwise the station whose street or township (or own name)
 * appears in address_string, the longest match; rooms only when named by station_id.
 */
export async function chooseStation(deps: AppDeps, p: Pick<Open311PostInput, 'station_id' | 'lat' | 'long' | 'address_string'>): Promise<string> {
  if (p.station_id) return p.station_id;
  const stations = (await districtStations(deps)).filter((s) => s.parentId === null);
  if (p.lat !== undefined && p.long !== undefined) {
    const here = { lat: p.lat, lng: p.long };
    const placed = stations.filter((s) => s.location).map((s) => ({ s, km: distanceKm(here, s.location!) })).sort((a, b) => a.km - b.km);
    if (placed.length && placed[0]!.km <= MAX_STATION_KM) return placed[0]!.s.id;
    if (placed.length && !p.address_string) throw open311Errors.OUT_OF_AREA(`lat/long：该位置距本区最近的联络站超过 ${MAX_STATION_KM} 公里，不在本区范围内`, { field: 'lat' });
  }
  if (p.address_string) {
    // The longest name found wins; a station's own name before its street's (two stations may share a street).
    let best: { id: string; score: number } | null = null;
    for (const s of stations) {
      const own = s.name.replace(/(人大代表联络站|代表联系群众工作站|代表联络站|联络站|工作站)$/, '');
      for (const [key, bonus] of [[own, 0.5], [s.regionName, 0]] as const) {
        const score = (key?.length ?? 0) + bonus;
        if (key && key.length >= 2 && p.address_string.includes(key) && (!best || score > best.score)) best = { id: s.id, score };
      }
    }
    if (best) return best.id;
    throw open311Errors.STATION_REQUIRED('address_string：地址中没有找到本区的街道或乡镇名称，请提供 station_id 或 lat/long', { field: 'address_string' });
  }
  throw open311Errors.STATION_REQUIRED(undefined, { field: 'station_id' });
}

/** Our intake's field names → the spec's parameter names, so an error names what the client sent. */
const PARAM_OF: Record<string, string> = {
  'body.stationId': 'station_id', 'body.content': 'description', 'body.category': 'service_code', 'body.contact.phone': 'phone',
  'body.contact.email': 'email', 'body.contact.name': 'last_name', 'body.location.lat': 'lat', 'body.location.lng': 'long', 'body.location.address': 'address_string',
};

/**
 * POST /requests: the public intake (the same command as the station page's form: Idempotency-Key,
 * notices, the tracking code). The answer's service_request_id is the case's tracking code, which
 * is also how the client follows it (GET /requests/{id}); the name, phone and email are stored
 * encrypted like every constituent's and never returned.
 */
export async function createRequest(deps: AppDeps, ctx: ActionContext, p: Open311PostInput, idempotencyKey: string | undefined): Promise<Row[]> {
  const cat = (await districtCategories(deps.db, deps.config.LIANXIN_DISTRICT)).find((c) => c.active && c.id === p.service_code);
  if (!cat) throw open311Errors.SERVICE_NOT_FOUND(NO_SUCH_SERVICE, { field: 'service_code' });
  const stationId = await chooseStation(deps, p);
  const name = `${p.last_name ?? ''}${p.first_name ?? ''}`.trim();
  const contact = { ...(name ? { name } : {}), ...(p.phone ? { phone: p.phone } : {}), ...(p.email ? { email: p.email } : {}) };
  const location = {
    ...(p.address_string ? { address: p.address_string } : {}),
    ...(p.lat !== undefined && p.long !== undefined ? { lat: p.lat, lng: p.long } : {}),
  };
  try {
    const res = await createCase(deps, { ...ctx, principal: null }, {
      channel: 'online', stationId, content: p.description, category: cat.name,
      ...(Object.keys(contact).length ? { contact } : {}), ...(Object.keys(location).length ? { location } : {}),
    }, { idempotencyKey });
    return [{ service_request_id: formatTrackingCode(res.trackingCode), service_notice: '已收到。请保存查询码（service_request_id），用它查看办理进展和评价。', account_id: null }];
  } catch (e) {
    if (e instanceof AppError && typeof e.details?.field === 'string' && PARAM_OF[e.details.field]) {
      const param = PARAM_OF[e.details.field]!;
      throw new AppError(e.code, { status: e.status as ErrorSpec['status'], message: e.message }, `${param}：${e.message}`, { ...e.details, field: param });
    }
    throw e;
  }
}

// ── reading requests ────────────────────────────────────────────────────────────────────────

const lastNote = (c: PublicCase) => [...c.timeline].reverse().find((e) => e.note)?.note ?? null;

/** A case seen through its tracking code: exactly what the tracking page shows. */
/**
 * What GeoReport's location and media fields say of every request here: nothing. A public request
 * never carries the constituent's address, position or photos (they are personal data: PRODUCT.md).
 */
const NO_LOCATION = { address: null, address_id: null, zipcode: null, lat: null, long: null, media_url: null } as const;

function fromTracking(c: PublicCase): Row {
  const closed = CLOSED.includes(c.status);
  return {
    service_request_id: formatTrackingCode(c.trackingCode),
    status: closed ? 'closed' : 'open',
    status_notes: lastNote(c),
    service_name: null,
    service_code: null,
    description: c.title,
    agency_responsible: null,
    service_notice: c.statusLabel,
    requested_datetime: c.submittedAt,
    updated_datetime: c.timeline.at(-1)?.at ?? c.submittedAt,
    expected_datetime: closed ? null : c.dueAt,
    ...NO_LOCATION,
    station_id: c.stationId,
    station_name: c.stationName,
  };
}

/** Dates of the results pages are days in China's time (UTC+8). */
const chinaDay = (day: string) => `${day}T00:00:00+08:00`;

/** A published result (办理结果公开): the office's reviewed, masked texts; received at month precision only. */
function fromResult(r: PublicResult, codeOf: Map<string, string>): Row {
  return {
    service_request_id: r.id,
    status: 'closed',
    status_notes: r.result,
    service_name: r.category,
    service_code: r.category ? (codeOf.get(r.category) ?? null) : null,
    description: r.summary,
    agency_responsible: r.departmentName,
    service_notice: r.title,
    requested_datetime: null,
    updated_datetime: r.closedOn ? chinaDay(r.closedOn) : null,
    expected_datetime: null,
    ...NO_LOCATION,
    station_id: r.stationId,
    station_name: r.stationName,
    received_month: r.receivedMonth,
  };
}

async function oneRequest(deps: AppDeps, id: string, codeOf: Map<string, string>): Promise<Row | null> {
  const code = normaliseTrackingCode(id);
  if (code) {
    try {
      return fromTracking(await getPublicCase(deps.db, code));
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 404) throw e;
    }
  }
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const r = await getPublicResult(deps.db, deps.config.LIANXIN_DISTRICT, id.toLowerCase());
  return r ? fromResult(r, codeOf) : null;
}

async function categoryCodes(deps: AppDeps): Promise<Map<string, string>> {
  return new Map((await districtCategories(deps.db, deps.config.LIANXIN_DISTRICT)).map((c) => [c.name, c.id]));
}

/** GET /requests/{id}: a tracking code (the submitter's) or a published result's id; 404 otherwise. */
export async function getRequest(deps: AppDeps, id: string): Promise<Row[]> {
  const row = await oneRequest(deps, id, await categoryCodes(deps));
  if (!row) throw open311Errors.REQUEST_NOT_FOUND('service_request_id：找不到该诉求（应为查询码或公开结果编号）', { field: 'service_request_id' });
  return [row];
}

/** At most this many requests in one answer (the spec's suggested limit). */
export const MAX_REQUESTS = 1000;
/** Published results looked through for one answer at most. */
const MAX_SCANNED = 5000;

/**
 * GET /requests. The list is what the public results pages (/results) list: closed cases the
 * office published, their texts reviewed and masked; open cases are followed one by one by
 * tracking code only (service_request_id=…), never listed, so nothing a constituent did not
 * agree to publish is enumerable. start_date/end_date filter on the day the case was closed
 * (updated_datetime); newest publications first.
 */
export async function listRequests(deps: AppDeps, q: Open311RequestsQuery): Promise<Row[]> {
  const codeOf = await categoryCodes(deps);
  if (q.service_request_id) {
    const out: Row[] = [];
    for (const id of q.service_request_id) {
      const r = await oneRequest(deps, id, codeOf);
      if (r) out.push(r);
    }
    return out;
  }
  let category: string | undefined;
  if (q.service_code) {
    const cat = (await districtCategories(deps.db, deps.config.LIANXIN_DISTRICT)).find((c) => c.id === q.service_code);
    if (!cat) throw open311Errors.SERVICE_NOT_FOUND(NO_SUCH_SERVICE, { field: 'service_code' });
    category = cat.name;
  }
  if (q.status && !q.status.includes('closed')) return [];
  const from = q.start_date?.getTime() ?? -Infinity;
  const to = q.end_date?.getTime() ?? Infinity;
  const out: Row[] = [];
  let cursor: string | undefined;
  let scanned = 0;
  do {
    const page = await listPublicResults(deps.db, deps.config.LIANXIN_DISTRICT, { category, limit: 100, cursor });
    for (const r of page.items) {
      const closed = r.closedOn ? new Date(chinaDay(r.closedOn)).getTime() : null;
      if ((from !== -Infinity || to !== Infinity) && (closed === null || closed < from || closed > to)) continue;
      out.push(fromResult(r, codeOf));
      if (out.length >= MAX_REQUESTS) return out;
    }
    scanned += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && scanned < MAX_SCANNED);
  return out;
}
