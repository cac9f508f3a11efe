/**
 * Fixtures for the schedule API tests (`*.api.test.ts`): a test app with every demo account signed
 * in, the demo stations by short name, request helpers, and a check that a refused write stored
 * nothing in the schedule's tables or the audit log.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { ReceptionOut, ReceptionRuleBody, ReceptionRuleOut, ReceptionSessionOut } from '../../../shared/schedule.ts';
import { refuser } from '../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { orgLookups } from '../org/index.ts';

export const USERS = ['admin', 'station', 'station2', 'deputy', 'dept', 'liaison'] as const;
export type User = (typeof USERS)[number];

/** The demo stations the tests use, by their names in the demo district. */
export const STATION_NAMES = {
  mjh: '马家河街道代表联系群众工作站',
  liyu: '栗雨街道人大代表联络站',
  lds: '雷打石镇人大代表联络站',
  xinma: '新马社区代表工作室',
  park: '新马工业园代表工作室',
} as const;

export const SCHEDULE_TABLES = ['reception_rules', 'receptions', 'reception_duties', 'reception_sessions', 'reception_session_deputies', 'reception_batches', 'audit_log'] as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ScheduleFixture {
  t: TestApp;
  s: Record<User, Session>;
  /** Station ids by short name (STATION_NAMES). */
  st: Record<keyof typeof STATION_NAMES, string>;
  api(u: User | null, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** The request must be refused with this status/code (and field), and write nothing to SCHEDULE_TABLES. */
  refused(run: () => Promise<LightMyRequestResponse>, status: number, code: string, field?: string): Promise<LightMyRequestResponse>;
  /** The active deputies serving at a station, in the station's (name) order. */
  deputiesAt(stationId: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function scheduleFixture(): Promise<ScheduleFixture> {
  // Long sessions: the tests move the clock by weeks; a session is signed in again when it would have lapsed.
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off', SESSION_IDLE_MINUTES: String(7 * 24 * 60), SESSION_MAX_HOURS: String(90 * 24) } });
  const s = Object.fromEntries(await Promise.all(USERS.map(async (u) => [u, await t.login(u)] as const))) as Record<User, Session>;
  const DAY = 86_400_000;
  const seen = Object.fromEntries(USERS.map((u) => [u, { signedIn: t.clock.now().getTime(), used: t.clock.now().getTime() }])) as Record<User, { signedIn: number; used: number }>;
  const sessionOf = async (u: User): Promise<Session> => {
    const now = t.clock.now().getTime();
    const k = seen[u];
    if (now - k.used > 6 * DAY || now - k.signedIn > 89 * DAY) {
      s[u] = await t.login(u);
      seen[u] = { signedIn: now, used: now };
    } else k.used = Math.max(k.used, now);
    return s[u];
  };
  const rows = await t.deps.db.selectFrom('stations').select(['id', 'name']).execute();
  const st = Object.fromEntries(Object.entries(STATION_NAMES).map(([k, name]) => {
    const row = rows.find((r) => r.name === name);
    assert.ok(row, `demo station ${name}`);
    return [k, row.id];
  })) as ScheduleFixture['st'];
  const api: ScheduleFixture['api'] = async (u, method, url, payload) =>
    t.as(u ? await sessionOf(u) : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  return {
    t, s, st, api,
    refused: refuser(() => t, SCHEDULE_TABLES),
    deputiesAt: async (id) => (await orgLookups.stationDeputies(t.deps.db, id)).map((d) => d.id),
    close: () => t.close(),
  };
}

/** A rule body: 马家河 (or `stationId`) on the 5th of the month, Dec 2026–Feb 2027, afternoons, two deputies by turns. */
export const ruleBody = (stationId: string, extra: Partial<ReceptionRuleBody> = {}): ReceptionRuleBody => ({
  stationId, kind: 'month_days', days: [5], startTime: '14:00', endTime: '16:00', holidayPolicy: 'keep',
  validFrom: '2026-12-01', validUntil: '2027-02-28', rotaMode: 'rotate', deputiesPerDay: 2, place: '二楼会议室', ...extra,
});

export function ok<T>(res: LightMyRequestResponse, status = 200, label = ''): T {
  assert.equal(res.statusCode, status, `${label} ${res.body.slice(0, 400)}`);
  return res.json() as T;
}

export async function createRule(f: ScheduleFixture, body: ReceptionRuleBody, u: User = 'admin'): Promise<ReceptionRuleOut> {
  return ok<ReceptionRuleOut>(await f.api(u, 'POST', '/reception-rules', body), 201, 'create rule');
}

/** Reception days of a station between two dates, as `u` sees them. */
export async function receptions(f: ScheduleFixture, stationId: string, from: string, to: string, u: User = 'admin'): Promise<ReceptionOut[]> {
  return ok<{ items: ReceptionOut[] }>(await f.api(u, 'GET', `/receptions?stationId=${stationId}&from=${from}&to=${to}`), 200, 'receptions').items;
}

export async function ruleDays(f: ScheduleFixture, ruleId: string, from = '2000-01-01', to = '2099-12-31'): Promise<ReceptionOut[]> {
  const rows = await f.t.deps.db.selectFrom('receptions').select(['station_id', 'date']).where('rule_id', '=', ruleId).orderBy('date').execute();
  if (!rows.length) return [];
  const all = await receptions(f, rows[0]!.station_id, rows[0]!.date, rows.at(-1)!.date);
  return all.filter((r) => r.ruleId === ruleId && r.date >= from && r.date <= to);
}

export async function reception(f: ScheduleFixture, id: string, u: User = 'admin'): Promise<ReceptionOut> {
  return ok<ReceptionOut>(await f.api(u, 'GET', `/receptions/${id}`), 200, 'reception');
}

export async function session(f: ScheduleFixture, id: string, u: User = 'admin'): Promise<ReceptionSessionOut> {
  return ok<ReceptionSessionOut>(await f.api(u, 'GET', `/reception-sessions/${id}`), 200, 'session');
}

export const ids = (xs: ReadonlyArray<{ id: string }>): string[] => xs.map((x) => x.id).sort();
export const dates = (xs: ReadonlyArray<{ date: string }>): string[] => xs.map((x) => x.date);

/** A well-formed UUIDv7 that names nothing. */
export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
