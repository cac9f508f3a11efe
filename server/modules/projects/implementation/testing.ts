/**
 * Fixtures for the implementation, evaluation and public-project tests: a test app with the demo
 * accounts signed in, and a closed voting session of this module's own tables with its projects
 * (passed or otherwise) inserted directly, so the tests do not depend on any demo data.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { ProjectDetail, VotingResults } from '../../../../shared/projects.ts';
import type { Database } from '../../../database.ts';
import { newId } from '../../../platform/ids.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

export const USERS = ['admin', 'admin2', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison'] as const;
export type User = (typeof USERS)[number];

/** Everything an implementation write may touch: a refused request writes none of it. */
export const PROJECT_TABLES = [
  'projects', 'project_milestones', 'project_milestone_files', 'project_updates', 'project_followers', 'messages', 'audit_log',
] as const satisfies ReadonlyArray<keyof Database>;
export const EVALUATION_TABLES = ['project_evaluation_rounds', 'project_scores', 'audit_log'] as const satisfies ReadonlyArray<keyof Database>;

export interface Fixture {
  t: TestApp;
  s: Record<User, Session>;
  districtCode: string;
  /** A request to `/api/v1…` as a demo account (null: signed out). */
  api(u: User | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function fixture(env: Record<string, string> = {}): Promise<Fixture> {
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off', ...env } });
  const sessions = await Promise.all(USERS.map((u) => t.login(u)));
  const s = Object.fromEntries(USERS.map((u, i) => [u, sessions[i]!])) as Record<User, Session>;
  const admin = await t.deps.db.selectFrom('users').select('district_code').where('id', '=', s.admin.user.id).executeTakeFirstOrThrow();
  const api: Fixture['api'] = (u, method, url, payload) =>
    t.as(u ? s[u] : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  return { t, s, districtCode: admin.district_code, api };
}

export interface SeededSession {
  sessionId: string;
  /** In ballot order. */
  projectIds: string[];
}

let serial = 0;

/**
 * A voting session of `year`, closed at `closedAt`, with one project per entry of `projects`
 * (its status, its department: 'dept' for the demo account dept's unit, 'dept2', or none) and
 * stored results carrying vote totals. `districtCode` other than the demo's makes a project of
 * another district.
 */
export async function seedSession(
  f: Fixture,
  o: { year: number; closedAt?: string; districtCode?: string; projects: Array<{ status: string; dept?: 'dept' | 'dept2' | null; title?: string }> },
): Promise<SeededSession> {
  const db = f.t.deps.db;
  const now = '2026-01-01T00:00:00.000Z';
  const sessionId = newId();
  const district = o.districtCode ?? f.districtCode;
  const closedAt = o.closedAt ?? `${o.year}-01-15T08:00:00.000Z`;
  const projectIds = o.projects.map(() => newId());
  const results: VotingResults = {
    quorumMet: true, turnout: 18, memberCount: 20, passThreshold: 11, ballotsDigest: 'test', computedAt: closedAt,
    rows: o.projects.map((p, i) => {
      const passed = p.status !== 'not_passed';
      return { projectId: projectIds[i]!, for: passed ? 17 - i : 6, against: passed ? 1 : 10, abstain: passed ? i : 2, rank: i + 1, passed, reason: passed ? 'passed' : 'below_threshold' };
    }),
  };
  await db.insertInto('voting_sessions').values({
    id: sessionId, district_code: district, year: o.year, title: `测试票决会议 ${o.year}-${++serial}`, congress: '测试', description: '', status: 'closed',
    quorum: 11, pass_threshold: 11, max_approvals: null, seats: null, opened_at: `${o.year}-01-15T01:00:00.000Z`, closed_at: closedAt,
    results: JSON.stringify(results), version: 3, created_by: null, created_at: now, updated_at: now,
  }).execute();
  for (const [i, p] of o.projects.entries()) {
    const dept = p.dept === undefined ? 'dept' : p.dept;
    await db.insertInto('projects').values({
      id: projectIds[i]!, district_code: district, session_id: sessionId, proposal_id: null, year: o.year, title: p.title ?? `测试项目 ${serial}-${i + 1}`,
      description: `测试项目说明 ${i + 1}`, category: null, department_id: dept ? f.s[dept].user.departmentId : null, cost_wan: 100 + i, sort: i,
      status: p.status, progress: p.status === 'completed' ? 100 : 0, version: 1, created_at: now, updated_at: now,
    }).execute();
  }
  return { sessionId, projectIds };
}

/** The response is 200/201 with a project; returns it. */
export function ok(res: LightMyRequestResponse, status = 200): ProjectDetail {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as ProjectDetail;
}

/** A multipart/form-data body with one file part. */
export function multipart(field: string, filename: string, mime: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----lianxin-projects-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(f: Fixture, u: User, url: string, filename: string, mime: string, bytes: Uint8Array): Promise<LightMyRequestResponse> {
  const body = multipart('file', filename, mime, bytes);
  return f.t.as(f.s[u], { method: 'POST', url: `/api/v1${url}`, payload: body.payload, headers: body.headers });
}
