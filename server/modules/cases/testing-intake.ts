/**
 * Helpers for the intake, privacy, photo and settings tests: the demo district's places and
 * people, intake requests (public and staff), a driver that walks a case through the workflow,
 * raw rows, and multipart bodies built by hand.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../database.ts';
import type { Session, TestApp } from '../../testing/harness.ts';

export const PUBLIC_CASES = '/api/v1/public/cases';
/** Crockford base32, 16 characters: no I, L, O, U. */
export const TRACKING_CODE = /^[0-9A-HJKMNP-TV-Z]{16}$/;
/** The constituent of these tests (invented). */
export const PERSON = { name: '欧阳秀英', phone: '13812345678', email: 'ouyang.xiuying@example.com' } as const;
export const PHONE_MASKED = '138****5678';
/** Everything an intake may write: a refused one writes none of it. */
export const INTAKE_TABLES = ['cases', 'case_events', 'case_deputies', 'case_attachments', 'case_idempotency', 'audit_log', 'messages'] as const satisfies ReadonlyArray<keyof Database>;

export const ROLES = ['admin', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

export interface Demo {
  s: Record<Role, Session>;
  /** 马家河街道代表联系群众工作站 (the `station` account's). */
  ma: string;
  /** 栗雨街道人大代表联络站 (the `station2` account's). */
  li: string;
  /** 区城市管理和综合执法局 (`dept`), 区住房和城乡建设局 (`dept2`). */
  cg: string;
  zj: string;
  /** Deputies who serve at 马家河 / 栗雨. */
  maDeputies: string[];
  liDeputies: string[];
}

/** Logs every demo account in and looks up the places and people the tests use. */
export async function loadDemo(t: TestApp): Promise<Demo> {
  const sessions = await Promise.all(ROLES.map((r) => t.login(r)));
  const s = Object.fromEntries(ROLES.map((r, i) => [r, sessions[i]!])) as Record<Role, Session>;
  const deputiesAt = async (stationId: string) =>
    (await t.deps.db.selectFrom('deputy_stations').select('deputy_id').where('station_id', '=', stationId).orderBy('deputy_id').execute()).map((r) => r.deputy_id);
  const ma = s.station.user.stationId!;
  const li = s.station2.user.stationId!;
  return { s, ma, li, cg: s.dept.user.departmentId!, zj: s.dept2.user.departmentId!, maDeputies: await deputiesAt(ma), liDeputies: await deputiesAt(li) };
}

export const idemHeaders = (key?: string): Record<string, string> => (key ? { 'idempotency-key': key } : {});

/** POST /api/v1/public/cases, signed out. */
export const publicIntake = (t: TestApp, payload: unknown, key?: string): Promise<LightMyRequestResponse> =>
  t.as(null, { method: 'POST', url: PUBLIC_CASES, payload: payload as Record<string, unknown>, headers: idemHeaders(key) });

/** POST /api/v1/cases as a staff session. */
export const staffIntake = (t: TestApp, s: Session, payload: unknown, key?: string): Promise<LightMyRequestResponse> =>
  t.as(s, { method: 'POST', url: '/api/v1/cases', payload: payload as Record<string, unknown>, headers: idemHeaders(key) });

/** A public submission that must succeed: its tracking code and case id. */
export async function submitted(t: TestApp, payload: Record<string, unknown>, key?: string): Promise<{ code: string; id: string }> {
  const res = await publicIntake(t, payload, key);
  assert.equal(res.statusCode, 201, res.body);
  const code = (res.json() as { trackingCode: string }).trackingCode;
  return { code, id: (await caseRow(t, code)).id };
}

export const caseRow = (t: TestApp, code: string) => t.deps.db.selectFrom('cases').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
export const caseById = (t: TestApp, id: string) => t.deps.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const countCases = async (t: TestApp): Promise<number> =>
  Number((await t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export interface CaseJson {
  id: string;
  trackingCode: string;
  status: string;
  version: number;
  contact: { name: string | null; phone: string | null; email: string | null; masked: boolean } | null;
  deputies: { id: string; name: string }[];
  suggestedDepartment: { id: string; name: string; ruleId: string } | null;
  attachments: { id: string; filename: string; mime: string; size: number; url: string }[];
  timeline: { type: string; note: string | null; internalNote: string | null; actor: { name: string } | null; attachments: { id: string }[] }[];
}

export async function getCase(t: TestApp, s: Session, id: string): Promise<CaseJson> {
  const res = await t.as(s, { method: 'GET', url: `/api/v1/cases/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as CaseJson;
}

/** One workflow action at the case's current version; it must succeed. */
export async function act(t: TestApp, s: Session, id: string, action: string, fields: Record<string, unknown> = {}): Promise<CaseJson> {
  const { version } = await caseById(t, id);
  const res = await t.as(s, { method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: { version, ...fields } });
  assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  return res.json() as CaseJson;
}

/** A 马家河 case from submitted to in_progress at 城管 (accept, assign, dept-accept), with internal notes. */
export async function toInProgress(t: TestApp, d: Demo, id: string, notes: { accept?: string; assign?: string } = {}): Promise<void> {
  await act(t, d.s.station, id, 'accept', notes.accept ? { note: notes.accept } : {});
  await act(t, d.s.station, id, 'assign', { departmentId: d.cg, ...(notes.assign ? { note: notes.assign } : {}) });
  await act(t, d.s.dept, id, 'dept-accept');
}

/** A multipart/form-data body with one file part (server/testing/multipart.ts). */
export { multipart } from '../../testing/multipart.ts';

/** Fails when any of `secrets` appears in `text` (also as JSON-escaped unicode). */
export function assertNoLeak(text: string, secrets: readonly string[], where: string): void {
  for (const s of secrets) {
    assert.ok(!text.includes(s), `${where} leaks “${s}”`);
    const escaped = JSON.stringify(s).slice(1, -1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    assert.ok(!text.toLowerCase().includes(escaped.toLowerCase()), `${where} leaks “${s}” (escaped)`);
  }
}
