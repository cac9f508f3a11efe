/**
 * Fixtures for the standards tests: a test app with every demo account signed in, the demo
 * stations' and items' ids, request helpers, and a multipart body built by hand.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { CoverageOut, EvidenceDetailOut, EvidenceOut, StandardItemOut, StationStandardsOut } from '../../../../shared/standards.ts';
import { countRows, expectError } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';
import { STATIONS } from '../demo/tianyuan.data.ts';

export const USERS = ['admin', 'station', 'station2', 'deputy', 'dept', 'liaison'] as const;
export type User = (typeof USERS)[number];

export const WRITE_TABLES = ['standard_items', 'standard_evidence', 'standard_evidence_files', 'standard_evidence_events', 'audit_log', 'events'] as const;

export interface StandardsFixture {
  t: TestApp;
  s: Record<User, Session>;
  /** Station ids by demo key (tianyuan.data.ts): 马家河街道, 栗雨街道, 马家河街道·新马社区 … */
  station: Record<string, string>;
  /** Item ids by code: place, funds … room_place … */
  item: Record<string, string>;
}

export async function standardsFixture(env?: Record<string, string>): Promise<StandardsFixture> {
  const t = await createTestApp(env ? { env } : {});
  const s = {} as Record<User, Session>;
  for (const u of USERS) s[u] = await t.login(u);
  const rows = await t.deps.db.selectFrom('stations').select(['id', 'name']).execute();
  const station: Record<string, string> = {};
  for (const st of STATIONS) {
    station[st.key] = rows.find((r) => r.name === st.name)!.id;
    for (const r of st.rooms ?? []) station[r.key] = rows.find((x) => x.name === r.name)!.id;
  }
  const items = await t.deps.db.selectFrom('standard_items').select(['id', 'code']).where('district_code', '=', '430211').execute();
  const item = Object.fromEntries(items.map((i) => [i.code, i.id]));
  assert.equal(s.station.user.stationId, station['马家河街道']);
  return { t, s, station, item };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export const api = (f: StandardsFixture, u: User | null, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
  f.t.as(u ? f.s[u] : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

export function ok<T>(res: LightMyRequestResponse, status = 200): T {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as T;
}

export const items = async (f: StandardsFixture, u: User = 'admin', qs = ''): Promise<StandardItemOut[]> =>
  ok<{ items: StandardItemOut[] }>(await api(f, u, 'GET', `/standard-items${qs ? `?${qs}` : ''}`)).items;
export const checklist = async (f: StandardsFixture, stationId: string, u: User = 'admin'): Promise<StationStandardsOut> =>
  ok(await api(f, u, 'GET', `/stations/${stationId}/standards`));
export const detail = async (f: StandardsFixture, stationId: string, itemId: string, u: User = 'admin'): Promise<EvidenceDetailOut> =>
  ok(await api(f, u, 'GET', `/stations/${stationId}/standards/${itemId}`));
export const evidence = async (f: StandardsFixture, stationId: string, itemId: string, u: User = 'admin'): Promise<EvidenceOut> =>
  (await detail(f, stationId, itemId, u)).evidence;
export const coverage = async (f: StandardsFixture, u: User = 'admin', qs = ''): Promise<CoverageOut> =>
  ok(await api(f, u, 'GET', `/standards/coverage${qs ? `?${qs}` : ''}`));

/** A multipart/form-data body with one file part. */
export function multipart(filename: string, bytes: Uint8Array, mime = 'application/octet-stream', field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----lianxin-standards-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const upload = (f: StandardsFixture, u: User, stationId: string, itemId: string, filename: string, bytes: Uint8Array, mime?: string): Promise<LightMyRequestResponse> =>
  f.t.as(f.s[u], { method: 'POST', url: `/api/v1/stations/${stationId}/standards/${itemId}/files`, ...multipart(filename, bytes, mime) });

/** Runs a request that must be refused and checks that nothing was written. */
export async function refusedUnchanged(f: StandardsFixture, run: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const before = await countRows(f.t.deps.db, [...WRITE_TABLES]);
  const versions = await f.t.deps.db.selectFrom('standard_evidence').select(['id', 'version']).orderBy('id').execute();
  const res = await run();
  assert.ok(res.statusCode >= 400, `expected a refusal, got ${res.statusCode} ${res.body.slice(0, 300)}`);
  assert.deepEqual(await countRows(f.t.deps.db, [...WRITE_TABLES]), before, 'a refused request wrote something');
  assert.deepEqual(await f.t.deps.db.selectFrom('standard_evidence').select(['id', 'version']).orderBy('id').execute(), versions, 'a refused request changed evidence');
  return res;
}

/** A request that must be refused with this status and code (and field), writing nothing. */
export async function refused(f: StandardsFixture, run: () => Promise<LightMyRequestResponse>, status: number, code: string, field?: string): Promise<LightMyRequestResponse> {
  const res = await refusedUnchanged(f, run);
  expectError(res, status, code, field);
  return res;
}
