/**
 * Fixtures for the voting and solicitation tests: a test app with the demo accounts signed in,
 * request helpers, and a fresh open session with the demo district's county deputies.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../../database.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

export const USERS = ['admin', 'admin2', 'station', 'deputy', 'dept', 'liaison'] as const;
export type User = (typeof USERS)[number];

/** Everything a vote or a solicitation write may touch: a refused request writes none of it. */
export const VOTING_TABLES = ['voting_sessions', 'voting_session_members', 'projects', 'ballots', 'paper_ballot_entries', 'project_case_links', 'audit_log'] as const satisfies ReadonlyArray<keyof Database>;
export const SOLICITATION_TABLES = ['project_calls', 'project_proposals', 'project_case_links', 'projects', 'audit_log'] as const satisfies ReadonlyArray<keyof Database>;

export interface Fixture {
  t: TestApp;
  s: Record<User, Session>;
  /** The demo deputy account's deputy id. */
  deputyId: string;
  /** The district's active county deputies (区人大代表), the default members. */
  county: string[];
  api(u: User | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function fixture(): Promise<Fixture> {
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
  const sessions = await Promise.all(USERS.map((u) => t.login(u)));
  const s = Object.fromEntries(USERS.map((u, i) => [u, sessions[i]!])) as Record<User, Session>;
  const county = (await t.deps.db.selectFrom('deputies').select('id').where('district_code', '=', '430211').where('level', '=', 'county').where('active', '=', 1).execute()).map((r) => r.id);
  const api: Fixture['api'] = (u, method, url, payload, headers) =>
    t.as(u ? s[u] : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}), ...(headers ? { headers } : {}) });
  return { t, s, deputyId: s.deputy.user.deputyId!, county, api };
}

export function ok<T = Record<string, unknown>>(res: LightMyRequestResponse, status = 200): T {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as T;
}

export interface SessionOut {
  id: string;
  title: string;
  status: string;
  version: number;
  quorum: number;
  passThreshold: number;
  maxApprovals: number | null;
  seats: number | null;
  memberCount: number;
  projects: Array<{ id: string; title: string; status: string; proposalId: string | null }>;
  tally: Array<{ projectId: string; for: number; against: number; abstain: number }>;
  turnout: number;
  pendingPaperEntries: number;
  myBallots: Array<{ projectId: string; choice: string; at: string; counted: boolean }>;
  isMember: boolean;
  members: Array<{ id: string; name: string; voted: boolean | null }>;
  results: null | { quorumMet: boolean; turnout: number; rows: Array<{ projectId: string; for: number; against: number; abstain: number; passed: boolean; reason: string; rank: number }>; ballotsDigest: string };
  abilities: Record<string, boolean>;
}

let serial = 0;

/** A session with `projects` manual candidates, opened unless `open: false`. */
export async function session(f: Fixture, opts: { projects?: number; open?: boolean; body?: Record<string, unknown> } = {}): Promise<SessionOut> {
  serial++;
  let s = ok<SessionOut>(await f.api('admin', 'POST', '/voting-sessions', { title: `测试票决 ${serial}`, year: 2030 + serial, congress: '测试会议', ...opts.body }), 201);
  for (let i = 0; i < (opts.projects ?? 3); i++) ok(await f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { title: `候选项目 ${serial}-${i + 1}`, costWan: 100 + i }), 201);
  if (opts.open !== false) s = ok<SessionOut>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/open`, { version: s.version }));
  else s = ok<SessionOut>(await f.api('admin', 'GET', `/voting-sessions/${s.id}`));
  return s;
}
