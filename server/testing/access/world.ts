/**
 * The world the access matrix and the fuzz run act in: the demo district 天元区 (430211) with a
 * session for every demo role, and a second district 荷塘区 (430202) with its own office,
 * station, department, deputy, accounts, a case and an activity. Only the second district's
 * first office account is written directly (no district can create another's accounts through
 * the API); everything else is built through the API by its own users, as in production.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { newId } from '../../platform/ids.ts';
import { createTestApp, type Session, type TestApp } from '../harness.ts';

export const TIANYUAN = '430211';
export const OTHER = '430202';
const OTHER_PASSWORD = 'hetang-matrix-password';

export const HOME_ROLES = ['admin', 'station', 'station2', 'liaison', 'deputy', 'dept', 'dept2'] as const;
export const OTHER_ROLES = ['otherAdmin', 'otherStation', 'otherDept', 'otherDeputy'] as const;
export type HomeRole = (typeof HOME_ROLES)[number];
export type OtherRole = (typeof OTHER_ROLES)[number];
export type Caller = HomeRole | OtherRole | 'anonymous';
export const CALLERS: Caller[] = ['anonymous', ...HOME_ROLES, ...OTHER_ROLES];

export interface World {
  t: TestApp;
  sessions: Record<Exclude<Caller, 'anonymous'>, Session>;
  /** Named ids: `station:mjh`, `case:other`, `department:cg` … */
  ids: Map<string, string>;
  /** Every id of a main table, by district: no answer to one district may name the other's. */
  districtIds: { home: Set<string>; other: Set<string> };
  session(c: Caller): Session | null;
}

const api = (t: TestApp, s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.as(s, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

async function created(t: TestApp, s: Session | null, url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await t.as(s, { method: 'POST', url: `/api/v1${url}`, payload: payload as Record<string, unknown>, headers });
  assert.equal(res.statusCode, 201, `${url}: ${res.body.slice(0, 400)}`);
  return res.json() as Record<string, unknown>;
}

/** The tables whose ids name a district's records (for the cross-district leak checks). */
export const MAIN_TABLES = [
  'stations', 'deputies', 'departments', 'users', 'cases', 'activities', 'receptions', 'reception_sessions', 'reception_rules',
  'suggestions', 'projects', 'project_calls', 'project_proposals', 'voting_sessions', 'routing_rules', 'case_categories',
  'standard_items', 'assessment_rounds', 'project_evaluation_rounds',
] as const;

export async function buildWorld(): Promise<World> {
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
  const db = t.deps.db;
  const ids = new Map<string, string>();
  const sessions = {} as World['sessions'];
  for (const u of HOME_ROLES) sessions[u] = await t.login(u);

  // 天元区's named records.
  const user = async (username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const mjh = (await user('station')).station_id!;
  const liyu = (await user('station2')).station_id!;
  const cg = (await user('dept')).department_id!;
  const zj = (await user('dept2')).department_id!;
  const deputyId = (await user('deputy')).deputy_id!;
  ids.set('station:mjh', mjh).set('station:liyu', liyu).set('department:cg', cg).set('department:zj', zj).set('deputy:own', deputyId);
  const rooms = (await db.selectFrom('stations').select('id').where('parent_id', '=', mjh).execute()).map((r) => r.id);
  const deputyStations = (await db.selectFrom('deputy_stations').select('station_id').where('deputy_id', '=', deputyId).execute()).map((r) => r.station_id);
  const namingDeputy = db.selectFrom('case_deputies').select('case_id').where('deputy_id', '=', deputyId);

  const pick = async (label: string, q: Promise<{ id: string } | undefined>) => {
    const row = await q;
    assert.ok(row, `the demo district has no ${label}`);
    ids.set(label, row.id);
  };
  await pick('case:mjh', db.selectFrom('cases').select('id').where('station_id', '=', mjh).where('department_id', '=', cg).orderBy('id').executeTakeFirst());
  await pick('case:liyu', db.selectFrom('cases').select('id').where('station_id', '=', liyu).where('department_id', '=', zj)
    .where('station_id', 'not in', [...deputyStations, mjh]).where('id', 'not in', namingDeputy).orderBy('id').executeTakeFirst());
  for (const [table, kind] of [['receptions', 'reception'], ['reception_sessions', 'reception-session'], ['reception_rules', 'reception-rule']] as const) {
    await pick(`${kind}:mjh`, db.selectFrom(table).select('id').where('station_id', '=', mjh).orderBy('id').executeTakeFirst());
    await pick(`${kind}:liyu`, db.selectFrom(table).select('id').where('station_id', '=', liyu).orderBy('id').executeTakeFirst());
  }
  const notTheDeputys = db.selectFrom('activity_deputies').select('activity_id').where('deputy_id', '=', deputyId);
  await pick('activity:mjh', db.selectFrom('activities').select('id').where('station_id', '=', mjh).orderBy('id').executeTakeFirst());
  await pick('activity:liyu', db.selectFrom('activities').select('id').where('station_id', '=', liyu).where('id', 'not in', notTheDeputys).orderBy('id').executeTakeFirst());
  ids.set('station:room', rooms[0]!);
  ids.set('case-filter:home', String((await created(t, sessions.admin, '/me/case-filters', { name: '访问矩阵的筛选', query: { status: 'open' } })).id));

  // 荷塘区: its office account, then everything else through the API.
  const now = t.clock.now().toISOString();
  await db.insertInto('users').values({
    id: newId(), username: 'hetang-admin', password_hash: await hashPassword(OTHER_PASSWORD), display_name: '荷塘区人大常委会代表工委',
    roles: JSON.stringify(['admin']), district_code: OTHER, station_id: null, department_id: null, deputy_id: null, phone: null,
    active: 1, is_demo: 0, version: 1, created_at: now, updated_at: now, password_changed_at: now,
  }).execute();
  sessions.otherAdmin = await t.login('hetang-admin', OTHER_PASSWORD);
  const oa = sessions.otherAdmin;
  const station = await created(t, oa, '/stations', { name: '月塘街道代表联络站', kind: 'station', regionCode: '430202001', address: '荷塘区月塘街道' });
  const dept = await created(t, oa, '/departments', { name: '荷塘区城市管理局', regionCode: OTHER });
  const deputy = await created(t, oa, '/deputies', { name: '荷塘测试代表', level: 'county', regionCode: '430202001', stationIds: [station.id] });
  ids.set('station:other', String(station.id)).set('department:other', String(dept.id)).set('deputy:other', String(deputy.id));
  const account = (username: string, extra: Record<string, unknown>) => created(t, oa, '/users', { username, displayName: `荷塘 ${username}`, password: OTHER_PASSWORD, ...extra });
  await account('hetang-station', { roles: ['station'], stationId: station.id });
  await account('hetang-dept', { roles: ['department'], departmentId: dept.id });
  await account('hetang-deputy', { roles: ['deputy'], deputyId: deputy.id });
  sessions.otherStation = await t.login('hetang-station', OTHER_PASSWORD);
  sessions.otherDept = await t.login('hetang-dept', OTHER_PASSWORD);
  sessions.otherDeputy = await t.login('hetang-deputy', OTHER_PASSWORD);
  const kase = await created(t, sessions.otherStation, '/cases', { stationId: station.id, channel: 'visit', content: '月塘社区路灯坏了三盏，晚上出行不安全。', contact: { name: '荷塘测试群众', phone: '13912345678' } }, { 'idempotency-key': newId() });
  ids.set('case:other', String(kase.id));
  const activity = await api(t, sessions.otherStation, 'POST', '/activities', { kind: 'inspection', title: '月塘社区路灯视察', stationId: station.id, date: '2026-11-18', status: 'held' });
  if (activity.statusCode === 201) ids.set('activity:other', String(activity.json().id));

  const districtIds = { home: new Set<string>(), other: new Set<string>() };
  for (const table of MAIN_TABLES) {
    const rows = (await sql<{ id: string; district_code: string }>`select id, district_code from ${sql.table(table)}`.execute(db)).rows;
    for (const r of rows) (r.district_code === OTHER ? districtIds.other : districtIds.home).add(r.id);
  }
  return { t, sessions, ids, districtIds, session: (c) => (c === 'anonymous' ? null : sessions[c]) };
}
