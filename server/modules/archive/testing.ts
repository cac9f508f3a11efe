/**
 * Fixtures for the archive tests: a test app with every demo account signed in, request helpers,
 * and the archive a deputy should have, computed straight from the source modules' tables
 * (independently of the projection and of the modules' exported queries).
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { ArchiveEntryOut, ArchiveKind } from '../../../shared/archive.ts';
import type { Database } from '../../database.ts';
import type { Db } from '../../platform/db/database.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { expectPage, walkPages } from '../../testing/expect.ts';

export const USERS = ['admin', 'station', 'station2', 'deputy', 'dept', 'liaison'] as const;
export type User = (typeof USERS)[number];
export const TODAY = '2026-11-20';

/** Everything a self-report write may touch: a refused request writes none of it. */
export const SELF_REPORT_TABLES = ['archive_self_reports', 'archive_self_report_files', 'archive_self_report_events', 'audit_log', 'messages'] as const satisfies ReadonlyArray<keyof Database>;

export interface Fixture {
  t: TestApp;
  s: Record<User, Session>;
  /** The demo deputy account's deputy (唐承志, 马家河街道). */
  deputyId: string;
  /** 马家河街道 (station, liaison, deputy) and 栗雨街道 (station2). */
  ma: string;
  li: string;
  api(u: User | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function fixture(): Promise<Fixture> {
  const t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
  const sessions = await Promise.all(USERS.map((u) => t.login(u)));
  const s = Object.fromEntries(USERS.map((u, i) => [u, sessions[i]!])) as Record<User, Session>;
  const api: Fixture['api'] = (u, method, url, payload, headers) =>
    t.as(u ? s[u] : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}), ...(headers ? { headers } : {}) });
  return { t, s, deputyId: s.deputy.user.deputyId!, ma: s.station.user.stationId!, li: s.station2.user.stationId!, api };
}

export function ok<T>(res: LightMyRequestResponse, status = 200): T {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as T;
}

/** Every entry of a deputy's archive through the paginated API (small pages, so paging is exercised). */
export async function allEntries(f: Fixture, u: User, deputyId: string, qs = ''): Promise<ArchiveEntryOut[]> {
  const { items } = await walkPages<ArchiveEntryOut>((cursor) => f.api(u, 'GET', `/archive/deputies/${deputyId}/entries?limit=7${qs ? `&${qs}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
  return items;
}

export interface Expected {
  key: string;
  kind: ArchiveKind;
  sourceId: string;
  occurredOn: string;
  link: RegExp;
  /** Checked against the entry's detail when given. */
  detail?: Record<string, unknown>;
}

const day = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * What the deputy did, read from the raw tables of the source modules: reception days on duty
 * (not cancelled, up to today) and records naming the deputy, cases received, suggestions led
 * or co-signed once submitted, sessions with counted ballots, rounds with score sheets, held
 * activities, approved self-reports.
 */
export async function expectedArchive(db: Db, deputyId: string, today = TODAY): Promise<{ entries: Expected[]; attended: number; people: number }> {
  const out: Expected[] = [];
  const add = (kind: ArchiveKind, sourceId: string, occurredOn: string, link: RegExp, detail?: Record<string, unknown>) => out.push({ key: `${kind}:${sourceId}`, kind, sourceId, occurredOn, link, detail });

  const duties = await db.selectFrom('reception_duties as d').innerJoin('receptions as r', 'r.id', 'd.reception_id').select(['r.id', 'r.date'])
    .where('d.deputy_id', '=', deputyId).where('r.status', '=', 'scheduled').where('r.date', '<=', today).execute();
  let attended = 0;
  for (const r of duties) {
    const record = await db.selectFrom('reception_sessions').select('id').where('reception_id', '=', r.id).executeTakeFirst();
    const present = record
      ? await db.selectFrom('reception_session_deputies').select('deputy_id').where('session_id', '=', record.id).where('deputy_id', '=', deputyId).executeTakeFirst()
      : undefined;
    if (present) attended++;
    const link = record ? new RegExp(`^/schedule/sessions/${record.id}$`) : /^\/schedule\/calendar\?station=[^&]+&month=\d{4}-\d{2}$/;
    add('reception_duty', r.id, r.date, link, { attended: Boolean(present) });
  }
  const sessions = await db.selectFrom('reception_session_deputies as sd').innerJoin('reception_sessions as s', 's.id', 'sd.session_id').select(['s.id', 's.date', 's.people_received'])
    .where('sd.deputy_id', '=', deputyId).where('s.date', '<=', today).execute();
  let people = 0;
  for (const s of sessions) {
    people += Number(s.people_received);
    add('reception_people', s.id, s.date, new RegExp(`^/schedule/sessions/${s.id}$`), { peopleReceived: Number(s.people_received) });
  }
  for (const c of await db.selectFrom('case_deputies as cd').innerJoin('cases as c', 'c.id', 'cd.case_id').select(['c.id', 'c.created_at']).where('cd.deputy_id', '=', deputyId).execute()) {
    add('case', c.id, day(c.created_at), new RegExp(`^/cases/${c.id}$`));
  }
  const led = await db.selectFrom('suggestions').select(['id', 'submitted_at']).where('lead_deputy_id', '=', deputyId).where('status', 'not in', ['draft', 'withdrawn']).execute();
  const cosigned = await db.selectFrom('suggestion_cosponsors as c').innerJoin('suggestions as s', 's.id', 'c.suggestion_id').select(['s.id', 's.submitted_at'])
    .where('c.deputy_id', '=', deputyId).where('c.status', '=', 'signed').where('s.status', 'not in', ['draft', 'withdrawn']).execute();
  for (const [role, list] of [['lead', led], ['cosponsor', cosigned]] as const) {
    for (const s of list) add('suggestion', s.id, day(s.submitted_at!), new RegExp(`^/suggestions/${s.id}$`), { role });
  }
  const ballots = await db.selectFrom('ballots').select(['session_id', (eb) => eb.fn.min('created_at').as('first')]).where('deputy_id', '=', deputyId).where('counted', '=', 1).groupBy('session_id').execute();
  for (const b of ballots) {
    const n = await db.selectFrom('ballots').select((eb) => eb.fn.countAll<number>().as('n')).where('deputy_id', '=', deputyId).where('session_id', '=', b.session_id).where('counted', '=', 1).executeTakeFirstOrThrow();
    add('vote', b.session_id, day(String(b.first)), new RegExp(`^/voting/${b.session_id}$`), { projects: Number(n.n) });
  }
  const sheets = await db.selectFrom('project_scores').select(['round_id', (eb) => eb.fn.min('created_at').as('first')]).where('deputy_id', '=', deputyId).groupBy('round_id').execute();
  for (const r of sheets) add('project_score', r.round_id, day(String(r.first)), new RegExp(`^/project-evaluation/${r.round_id}$`));
  const acts = await db.selectFrom('activity_deputies as ad').innerJoin('activities as a', 'a.id', 'ad.activity_id').select(['a.id', 'a.date'])
    .where('ad.deputy_id', '=', deputyId).where('a.status', '=', 'held').where('a.date', '<=', today).execute();
  for (const a of acts) add('activity', a.id, a.date, new RegExp(`^/activities/${a.id}$`));
  for (const r of await db.selectFrom('archive_self_reports').select(['id', 'occurred_on']).where('deputy_id', '=', deputyId).where('status', '=', 'approved').execute()) {
    add('self_report', r.id, r.occurred_on, new RegExp(`^/archive/self-reports/${r.id}$`));
  }
  return { entries: out.filter((e) => e.occurredOn <= today), attended, people };
}

/** The API's entries equal the expected ones: the same (kind, source) pairs, days and source links. */
export function assertSameArchive(got: readonly ArchiveEntryOut[], expected: readonly Expected[], label = ''): void {
  const keys = (xs: readonly { kind: string; sourceId: string }[]) => xs.map((x) => `${x.kind}:${x.sourceId}`).sort();
  assert.deepEqual(keys(got), keys(expected), `${label}: the archive lists exactly what the deputy did`);
  const by = new Map(expected.map((e) => [e.key, e]));
  for (const g of got) {
    const e = by.get(`${g.kind}:${g.sourceId}`)!;
    assert.equal(g.occurredOn, e.occurredOn, `${label}: ${g.kind} ${g.title} day`);
    assert.match(g.link, e.link, `${label}: ${g.kind} ${g.title} links to its source`);
    assert.equal(g.year, Number(g.occurredOn.slice(0, 4)));
    for (const [k, v] of Object.entries(e.detail ?? {})) assert.deepEqual((g.detail as Record<string, unknown>)[k], v, `${label}: ${g.kind} ${g.title} detail.${k}`);
  }
}

export const page = <T>(res: LightMyRequestResponse) => expectPage<T>(res);
