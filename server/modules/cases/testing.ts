/**
 * Fixtures for the case tests: the workflow contract as PRODUCT.md states it (written out here
 * on purpose, independently of case-status.ts, so the tests compare the code with the contract),
 * a test app with every demo account signed in, and helpers that make a case through the public
 * form and drive it to any status through the HTTP API.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { CaseAction, CaseOut, CaseStatus, Rating } from '../../../shared/cases.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

type Actor = 'station' | 'department' | 'admin';
type To = CaseStatus | 'same' | 'by-rating';

const OPEN: CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'feedback_given'];

/** PRODUCT.md, "Case workflow": action → who, from which statuses, to where. */
export const CONTRACT: Record<CaseAction, { actor: Actor; from: CaseStatus[]; to: To }> = {
  accept: { actor: 'station', from: ['submitted'], to: 'accepted' },
  reject: { actor: 'station', from: ['submitted'], to: 'rejected' },
  assign: { actor: 'station', from: ['accepted'], to: 'assigned' },
  resolve: { actor: 'station', from: ['accepted'], to: 'replied' },
  'dept-accept': { actor: 'department', from: ['assigned'], to: 'in_progress' },
  return: { actor: 'department', from: ['assigned'], to: 'accepted' },
  'request-extension': { actor: 'department', from: ['in_progress'], to: 'same' },
  'approve-extension': { actor: 'station', from: ['in_progress'], to: 'same' },
  reply: { actor: 'department', from: ['in_progress'], to: 'replied' },
  feedback: { actor: 'station', from: ['replied'], to: 'feedback_given' },
  'follow-up': { actor: 'station', from: ['feedback_given'], to: 'by-rating' },
  supervise: { actor: 'admin', from: ['assigned', 'in_progress'], to: 'same' },
  merge: { actor: 'station', from: OPEN, to: 'merged' },
  close: { actor: 'admin', from: ['replied', 'feedback_given'], to: 'closed' },
};

/** The contract's answer: the status after `action` from `from`, or null when it is not allowed. */
export function contractNext(action: CaseAction, from: CaseStatus, rating?: Rating): CaseStatus | null {
  const c = CONTRACT[action];
  if (!c.from.includes(from)) return null;
  if (c.to === 'same') return from;
  if (c.to === 'by-rating') return rating === 'unsatisfied' ? 'in_progress' : 'closed';
  return c.to;
}

/** docs/plans/cases-api.md: the list filter's groups. */
export const STATUS_GROUPS = { open: OPEN, handling: ['assigned', 'in_progress'], ended: ['rejected', 'closed', 'merged'] } as const;

export const USERS = ['admin', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison'] as const;
export type User = (typeof USERS)[number];

export const PHONE = '13812345678';
export const CONTACT_NAME = '张三丰';

export interface CasesFixture {
  t: TestApp;
  s: Record<User, Session>;
  /** 马家河街道 (station, deputy, liaison) and 栗雨街道 (station2). */
  stationId: string;
  station2Id: string;
  /** 区城市管理和综合执法局 (dept) and 区住房和城乡建设局 (dept2). */
  deptId: string;
  dept2Id: string;
  /** The account's session, signed in again when the clock has moved away from it (sessions follow the clock). */
  session(u: User): Promise<Session>;
}

/** A test app (public rate limits off: the tests make many cases from one address) with every demo account signed in. */
export async function casesFixture(): Promise<CasesFixture> {
  // Sessions follow the test clock; long ones spare most of the (deliberately slow) sign-ins when tests move it by days.
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off', SESSION_IDLE_MINUTES: String(7 * 24 * 60), SESSION_MAX_HOURS: String(90 * 24) } });
  const f = { t, s: {} as Record<User, Session> } as CasesFixture;
  const DAY = 86_400_000;
  const seen: Partial<Record<User, { signedIn: number; used: number }>> = {};
  f.session = async (u) => {
    const now = t.clock.now().getTime();
    const k = seen[u];
    if (!k || now - k.used > 6 * DAY || now - k.signedIn > 89 * DAY) {
      f.s[u] = await t.login(u);
      seen[u] = { signedIn: now, used: now };
    } else k.used = Math.max(k.used, now);
    return f.s[u];
  };
  for (const u of USERS) await f.session(u);
  f.stationId = f.s.station.user.stationId!;
  f.station2Id = f.s.station2.user.stationId!;
  f.deptId = f.s.dept.user.departmentId!;
  f.dept2Id = f.s.dept2.user.departmentId!;
  assert.ok(f.stationId && f.station2Id && f.deptId && f.dept2Id);
  return f;
}

/** The account's name as the timeline shows it to staff (from the sign-in answer). */
export const displayName = (f: CasesFixture, u: User): string => (f.s[u].user as Session['user'] & { displayName: string }).displayName;

/** A request to `/api/v1…` as a demo account (null: signed out), at the test clock's time. */
export const api = async (f: CasesFixture, u: User | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
  f.t.as(u ? await f.session(u) : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

export async function getCase(f: CasesFixture, id: string, u: User = 'admin'): Promise<CaseOut> {
  const res = await api(f, u, 'GET', `/cases/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as CaseOut;
}

export async function publicView(f: CasesFixture, code: string): Promise<Record<string, unknown> & { status: CaseStatus; timeline: Array<Record<string, unknown>> }> {
  const res = await api(f, null, 'GET', `/public/cases/${code}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** The case's id, found as the station staff would: by its tracking code in the list. */
export async function idOf(f: CasesFixture, trackingCode: string, u: User = 'station'): Promise<string> {
  const res = await api(f, u, 'GET', `/cases?q=${encodeURIComponent(trackingCode)}`);
  assert.equal(res.statusCode, 200, res.body);
  const items = (res.json() as { items: Array<{ id: string; trackingCode: string }> }).items.filter((c) => c.trackingCode === trackingCode);
  assert.equal(items.length, 1, `case ${trackingCode} in the station's list`);
  return items[0]!.id;
}

let serial = 0;

/** A case submitted through the public form at 马家河街道 (or `extra.stationId`, then found by `lister`), with a name and a phone. */
export async function createPublicCase(f: CasesFixture, extra: Record<string, unknown> = {}, lister: User = 'station'): Promise<{ id: string; trackingCode: string }> {
  serial++;
  const res = await api(f, null, 'POST', '/public/cases', {
    stationId: f.stationId, title: `测试诉求 ${serial}`, content: `测试诉求内容 ${serial}：楼道灯坏了，请尽快修理。`,
    contact: { name: CONTACT_NAME, phone: PHONE }, ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  const { trackingCode, status } = res.json() as { trackingCode: string; status: string };
  assert.equal(status, 'submitted');
  return { id: await idOf(f, trackingCode, lister), trackingCode };
}

/** A case recorded by the station staff (e.g. urgent ones, which the public form cannot mark). */
export async function createStaffCase(f: CasesFixture, extra: Record<string, unknown> = {}): Promise<{ id: string; trackingCode: string }> {
  serial++;
  const res = await api(f, 'station', 'POST', '/cases', { channel: 'phone', stationId: f.stationId, title: `电话登记 ${serial}`, content: `电话反映 ${serial}：路面塌陷。`, ...extra });
  assert.equal(res.statusCode, 201, res.body);
  const out = res.json() as { id: string; trackingCode: string };
  return { id: out.id, trackingCode: out.trackingCode };
}

/** Each action's fields besides `version`, as the right actor would send them. */
export function bodyFor(f: CasesFixture, action: CaseAction, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<CaseAction, Record<string, unknown>> = {
    accept: {},
    reject: { reason: '不属于受理范围' },
    assign: { departmentId: f.deptId },
    resolve: { reply: '已当场解答' },
    'dept-accept': {},
    return: { reason: '不属于本单位职责' },
    'request-extension': { workingDays: 5, reason: '需要协调施工' },
    'approve-extension': { approve: true },
    reply: { content: '已修复' },
    feedback: { content: '已告知群众办理结果' },
    'follow-up': { rating: 'satisfied', note: '电话回访' },
    supervise: { note: '请加快办理' },
    merge: {},
    close: { note: '已办结' },
  };
  return { ...base[action], ...extra };
}

/** The account that performs `action` on a 马家河街道 case assigned to dept. */
export const rightUser = (action: CaseAction): User => ({ station: 'station', department: 'dept', admin: 'admin' } as const)[CONTRACT[action].actor];

/** POST /cases/:id/<action> with an explicit version. */
export const act = (f: CasesFixture, u: User, id: string, action: CaseAction, version: number, extra: Record<string, unknown> = {}) =>
  api(f, u, 'POST', `/cases/${id}/${action}`, { version, ...bodyFor(f, action, extra) });

/** One step at the case's current version (as the right actor unless `u` is given); must succeed. */
export async function step(f: CasesFixture, id: string, action: CaseAction, extra: Record<string, unknown> = {}, u: User = rightUser(action)): Promise<CaseOut> {
  const before = await getCase(f, id);
  const res = await act(f, u, id, action, before.version, extra);
  assert.equal(res.statusCode, 200, `${action} by ${u} from ${before.status}: ${res.body}`);
  const out = res.json() as CaseOut;
  assert.equal(out.version, before.version + 1, action);
  return out;
}

const PATHS: Record<Exclude<CaseStatus, 'merged'>, CaseAction[]> = {
  submitted: [],
  accepted: ['accept'],
  rejected: ['reject'],
  assigned: ['accept', 'assign'],
  in_progress: ['accept', 'assign', 'dept-accept'],
  replied: ['accept', 'assign', 'dept-accept', 'reply'],
  feedback_given: ['accept', 'assign', 'dept-accept', 'reply', 'feedback'],
  closed: ['accept', 'assign', 'dept-accept', 'reply', 'feedback', 'follow-up'],
};

/**
 * A fresh public case driven to `status` the usual way (assigned to dept). `merged`: assigned,
 * accepted by dept, then merged into a fresh submitted case (`into`, or a new one).
 */
export async function driveTo(f: CasesFixture, status: CaseStatus, opts: { into?: string; extra?: Record<string, unknown> } = {}): Promise<CaseOut & { intoId?: string }> {
  const c = await createPublicCase(f, opts.extra);
  const path = status === 'merged' ? PATHS.in_progress : PATHS[status];
  for (const a of path) await step(f, c.id, a);
  if (status === 'merged') {
    const intoId = opts.into ?? (await createPublicCase(f)).id;
    await step(f, c.id, 'merge', { intoCaseId: intoId });
    const out = await getCase(f, c.id);
    assert.equal(out.status, 'merged');
    return { ...out, intoId };
  }
  const out = await getCase(f, c.id);
  assert.equal(out.status, status);
  return out;
}

/** The response is a successful action: 200, the expected status, the version one up. */
export function expectActed(res: LightMyRequestResponse, to: CaseStatus, fromVersion: number, label = ''): CaseOut {
  assert.equal(res.statusCode, 200, `${label} ${res.body.slice(0, 300)}`);
  const out = res.json() as CaseOut;
  assert.equal(out.status, to, label);
  assert.equal(out.version, fromVersion + 1, label);
  return out;
}

/** The case as it is now, to compare with after a refused request. */
export async function snapshot(f: CasesFixture, id: string): Promise<{ status: CaseStatus; version: number; events: number; dueAt: string | null; departmentId: string | null }> {
  const c = await getCase(f, id);
  return { status: c.status, version: c.version, events: c.timeline.length, dueAt: c.dueAt, departmentId: c.departmentId };
}

/** End of a Shanghai day as an ISO instant: '2026-10-10' → 2026-10-10T15:59:59.999Z. */
export const endOfDay = (date: string): string => `${date}T15:59:59.999Z`;
