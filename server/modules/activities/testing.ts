/**
 * Fixtures for the activity tests: a test app with every demo account signed in, the places and
 * people of the demo district they use, request helpers and a multipart body built by hand.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { ActivityOut } from '../../../shared/activities.ts';
import type { Database } from '../../database.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

export const USERS = ['admin', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison'] as const;
export type User = (typeof USERS)[number];

/** Everything an activity write may touch: a refused request writes none of it. */
export const ACTIVITY_TABLES = [
  'activities', 'activity_deputies', 'activity_participants', 'activity_files', 'activity_outcomes', 'roundtable_invitations', 'roundtable_posts', 'cases', 'audit_log',
] as const satisfies ReadonlyArray<keyof Database>;

export const TODAY = '2026-11-20';

export interface Fixture {
  t: TestApp;
  s: Record<User, Session>;
  /** 马家河街道 (station, liaison, deputy) and 栗雨街道 (station2). */
  ma: string;
  li: string;
  /** A room of 马家河街道. */
  maRoom: string;
  /** Deputies serving at 马家河 and 栗雨. */
  maDeputies: string[];
  liDeputies: string[];
  /** A request to `/api/v1…` as a demo account (null: signed out). */
  api(u: User | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function fixture(): Promise<Fixture> {
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
  const sessions = await Promise.all(USERS.map((u) => t.login(u)));
  const s = Object.fromEntries(USERS.map((u, i) => [u, sessions[i]!])) as Record<User, Session>;
  const ma = s.station.user.stationId!;
  const li = s.station2.user.stationId!;
  const db = t.deps.db;
  const deputiesAt = async (stationId: string) =>
    (await db.selectFrom('deputy_stations').select('deputy_id').where('station_id', '=', stationId).orderBy('deputy_id').execute()).map((r) => r.deputy_id);
  const room = await db.selectFrom('stations').select('id').where('parent_id', '=', ma).orderBy('id').executeTakeFirstOrThrow();
  const api: Fixture['api'] = (u, method, url, payload, headers) =>
    t.as(u ? s[u] : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}), ...(headers ? { headers } : {}) });
  return { t, s, ma, li, maRoom: room.id, maDeputies: await deputiesAt(ma), liDeputies: await deputiesAt(li), api };
}

/** The response is 200/201 with an activity; returns it. */
export function ok(res: LightMyRequestResponse, status = 200): ActivityOut {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as ActivityOut;
}

let serial = 0;

/** An activity at 马家河 recorded by the station staff (or `as`), with `extra` fields. */
export async function record(f: Fixture, extra: Record<string, unknown> = {}, as: User = 'station'): Promise<ActivityOut> {
  serial++;
  return ok(await f.api(as, 'POST', '/activities', {
    kind: 'forum', title: `测试座谈会 ${serial}`, stationId: f.ma, date: '2026-11-18', startTime: '09:00', endTime: '11:00', status: 'held',
    place: '工作站会议室', organiser: '马家河街道人大工委', deputyIds: f.maDeputies.slice(0, 2), ...extra,
  }), 201);
}

/** An open online roundtable at 马家河 (planned for tomorrow). */
export const onlineRoundtable = (f: Fixture, extra: Record<string, unknown> = {}): Promise<ActivityOut> =>
  record(f, { kind: 'roundtable', mode: 'online', status: 'planned', date: TODAY, title: `线上圆桌会 ${serial + 1}`, startTime: null, endTime: null, ...extra });

/** A multipart/form-data body with one file part. */
export function multipart(field: string, filename: string, mime: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----lianxin-activities-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(f: Fixture, u: User, url: string, filename: string, mime: string, bytes: Uint8Array): Promise<LightMyRequestResponse> {
  const body = multipart('file', filename, mime, bytes);
  return f.t.as(f.s[u], { method: 'POST', url: `/api/v1${url}`, payload: body.payload, headers: body.headers });
}
