/**
 * Fixtures for the suggestion tests: a test app with every demo account signed in, the demo
 * district's people and cases they use, request helpers, and a helper that drives a fresh
 * suggestion through the API to any status.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { SuggestionAction, SuggestionDetail, SuggestionStatus } from '../../../shared/suggestions.ts';
import type { Database } from '../../database.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

export const USERS = ['admin', 'admin2', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison'] as const;
export type User = (typeof USERS)[number];

/** Everything a suggestion write may touch: a refused request writes none of it. */
export const WRITE_TABLES = [
  'suggestions', 'suggestion_cosponsors', 'suggestion_cases', 'suggestion_departments', 'suggestion_replies', 'suggestion_evaluations', 'suggestion_events',
  'case_events', 'messages', 'audit_log',
] as const satisfies ReadonlyArray<keyof Database>;

export interface Fixture {
  t: TestApp;
  s: Record<User, Session>;
  /** The demo `deputy` account's deputy (马家河街道) and other deputies of 马家河 and 栗雨. */
  deputyId: string;
  maDeputies: string[];
  liDeputies: string[];
  /** 区城管局 (dept), 区住建局 (dept2), and a unit without a demo account. */
  deptId: string;
  dept2Id: string;
  otherDeptId: string;
  /** Cases of 马家河街道 (the deputy's station) with a phone and no suggestion yet, and one of 栗雨街道. */
  maCases: Array<{ id: string; trackingCode: string; title: string }>;
  liCase: { id: string; trackingCode: string; title: string };
  api(u: User | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Signs every account in again (after moving the clock past the sessions' lifetime). */
  relogin(users?: readonly User[]): Promise<void>;
  /** Row counts of WRITE_TABLES. */
  counts(): Promise<Record<string, number>>;
}

export async function fixture(): Promise<Fixture> {
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off', SESSION_IDLE_MINUTES: String(7 * 24 * 60), SESSION_MAX_HOURS: String(90 * 24) } });
  const sessions = await Promise.all(USERS.map((u) => t.login(u)));
  const s = Object.fromEntries(USERS.map((u, i) => [u, sessions[i]!])) as Record<User, Session>;
  const db = t.deps.db;
  const deputiesAt = async (stationId: string) =>
    (await db.selectFrom('deputy_stations').select('deputy_id').where('station_id', '=', stationId).orderBy('deputy_id').execute()).map((r) => r.deputy_id);
  const ma = s.station.user.stationId!;
  const li = s.station2.user.stationId!;
  // Cases no demo suggestion links yet, so each test's steps are the only ones on them.
  const casesAt = (stationId: string) =>
    db.selectFrom('cases').select(['id', 'tracking_code', 'title']).where('station_id', '=', stationId).where('contact_phone', 'is not', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('suggestion_cases as k').select('k.case_id').whereRef('k.case_id', '=', 'cases.id')))).orderBy('id').execute();
  const ma2 = (await casesAt(ma)).map((c) => ({ id: c.id, trackingCode: c.tracking_code, title: c.title }));
  const li1 = (await casesAt(li)).map((c) => ({ id: c.id, trackingCode: c.tracking_code, title: c.title }))[0]!;
  const other = await db.selectFrom('departments').select('id').where('id', 'not in', [s.dept.user.departmentId!, s.dept2.user.departmentId!]).orderBy('id').executeTakeFirstOrThrow();
  const api: Fixture['api'] = (u, method, url, payload) =>
    t.as(u ? s[u] : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of WRITE_TABLES) out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  const relogin = async (users: readonly User[] = USERS) => {
    const again = await Promise.all(users.map((u) => t.login(u)));
    users.forEach((u, i) => (s[u] = again[i]!));
  };
  return {
    t, s, relogin, deputyId: s.deputy.user.deputyId!, maDeputies: await deputiesAt(ma), liDeputies: await deputiesAt(li),
    deptId: s.dept.user.departmentId!, dept2Id: s.dept2.user.departmentId!, otherDeptId: other.id, maCases: ma2, liCase: li1, api, counts,
  };
}

/** The response is `status` with a suggestion; returns it. */
export function ok(res: LightMyRequestResponse, status = 200): SuggestionDetail {
  assert.equal(res.statusCode, status, res.body.slice(0, 600));
  return res.json() as SuggestionDetail;
}

/** The response is the error `code` (and `status`), naming `field` when given. */
export function refused(res: LightMyRequestResponse, status: number, code: string, field?: string): void {
  assert.equal(res.statusCode, status, res.body.slice(0, 600));
  const e = (res.json() as { error: { code: string; field?: string; message: string } }).error;
  assert.equal(e.code, code, res.body);
  if (field !== undefined) assert.equal(e.field, field, res.body);
  assert.match(e.message, /[\u4e00-\u9fff]/, 'the message is in Chinese');
}

let serial = 0;

/** A draft by the demo deputy (or `as`), with `extra` fields. */
export async function draft(f: Fixture, extra: Record<string, unknown> = {}, as: User = 'deputy'): Promise<SuggestionDetail> {
  serial++;
  return ok(await f.api(as, 'POST', '/suggestions', {
    title: `关于改善新马片区公共设施的建议 ${serial}`, content: '新马片区路灯、人行道等公共设施年久失修，群众多次反映。', proposals: '一、全面排查；二、列入年度维修计划。', ...extra,
  }), 201);
}

/** The right account and body for each action (the happy path). */
export const ACTOR: Record<SuggestionAction, User> = {
  submit: 'deputy', withdraw: 'deputy', return: 'admin', register: 'admin', assign: 'admin', 'co-opinion': 'dept2', 'request-extension': 'dept',
  'approve-extension': 'admin', reply: 'dept', evaluate: 'deputy', supervise: 'admin', publish: 'admin', sign: 'deputy', decline: 'deputy',
};

export function bodyFor(f: Fixture, action: SuggestionAction, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<SuggestionAction, Record<string, unknown>> = {
    submit: {}, withdraw: { reason: '情况已变化' }, return: { reason: '请补充具体建议' }, register: { period: 'recess', congress: '天元区第十八届人民代表大会常务委员会' },
    assign: { leadDepartmentId: f.deptId, coDepartmentIds: [f.dept2Id] }, 'co-opinion': { content: '住建局将配合排查小区内设施。' },
    'request-extension': { months: 1, reason: '需要等待年度预算批复' }, 'approve-extension': { approve: true }, reply: { category: 'in_progress', content: '已排查路灯 42 盏，维修 18 盏。' },
    evaluate: { rating: 'satisfied' }, supervise: { note: '请加快办理' }, publish: { published: true }, sign: {}, decline: {},
  };
  return { ...base[action], ...extra };
}

export async function act(f: Fixture, s: SuggestionDetail, action: SuggestionAction, extra: Record<string, unknown> = {}, as: User = ACTOR[action]): Promise<LightMyRequestResponse> {
  return f.api(as, 'POST', `/suggestions/${s.id}/${action}`, { version: s.version, ...bodyFor(f, action, extra) });
}

export async function step(f: Fixture, s: SuggestionDetail, action: SuggestionAction, extra: Record<string, unknown> = {}, as: User = ACTOR[action]): Promise<SuggestionDetail> {
  return ok(await act(f, s, action, extra, as));
}

/** A fresh suggestion by the demo deputy, driven to `status` through the API. */
export async function driveTo(f: Fixture, status: SuggestionStatus, extra: Record<string, unknown> = {}): Promise<SuggestionDetail> {
  let s = await draft(f, extra);
  if (status === 'draft') return s;
  if (status === 'withdrawn') return step(f, s, 'withdraw');
  s = await step(f, s, 'submit');
  if (status === 'submitted') return s;
  s = await step(f, s, 'register');
  if (status === 'registered') return s;
  s = await step(f, s, 'assign');
  if (status === 'assigned') return s;
  s = await step(f, s, 'reply');
  if (status === 'replied') return s;
  if (status === 'closed') return step(f, s, 'evaluate');
  s = await step(f, s, 'evaluate', { rating: 'unsatisfied', comment: '路灯维修不彻底' });
  assert.equal(s.status, status);
  return s;
}
