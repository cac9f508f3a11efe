/**
 * Synthetic cases in bulk, straight into the `cases` table (and one `submitted` timeline entry
 * each), for exports, benchmarks and scale tests: spread over the district's stations,
 * categories, channels, kinds and statuses, with the timestamps, departments, due dates and
 * ratings each status implies, over the `years` before `now`. Big transactions of multi-row
 * inserts, so a million rows take minutes, not hours.
 *
 * What it does NOT do: go through the case commands. There is no audit entry and no event per
 * case, so read models built from events (dashboard counters, archives) do not see these cases;
 * the list, search and exports do. Works on SQLite and PostgreSQL (the Kysely `Db` of a booted app).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/platform/db/database.ts';
import type { PiiCipher } from '../../server/platform/crypto/pii.ts';
import type { Database } from '../../server/database.ts';
import { GIVEN, SURNAMES, caseText, pick, prng } from './case-texts.ts';
import { bulkRepository, type BulkReference } from './bulk.repository.ts';
import { loadWorkingCalendar } from '../../server/platform/calendar/office-days.ts';
import { shanghaiDate } from '../../server/platform/calendar/working-days.ts';
import { escalationLevel } from '../../server/modules/cases/index.ts';

type CaseRow = Database['cases'];
type EventRow = Database['case_events'];

export interface BulkCasesOptions {
  count: number;
  districtCode: string;
  /** Cases are created before this instant (the app's clock). */
  now: Date;
  /** How far back creation dates go (default 3 years). */
  years?: number;
  /** Rows per transaction (default 10 000). */
  batchSize?: number;
  /** Same seed, same data (except ids and tracking codes, which stay random and unique). */
  seed?: number;
  /**
   * Encrypts contact names and phones as intake does (a pool of 500 people who write in, so a
   * million rows do not cost two million encryptions); without it the cases are anonymous.
   */
  pii?: PiiCipher;
  /**
   * The timeline: `true` (default) each case's first entry only; `'full'` every step its status
   * implies (受理, 交办, 签收, 答复 with the department's words, 办结, 评价), as a station's history has;
   * `false` none.
   */
  timeline?: boolean | 'full';
  /** Called after every transaction. */
  progress?: (done: number, total: number) => void;
}

const DAY = 86_400_000;
// Crockford base32, as tracking codes are (server/modules/cases/tracking-code.ts).
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHANNELS = ['online', 'online', 'online', 'reception', 'reception', 'phone', 'phone', 'letter', 'wechat', 'visit', 'roundtable'] as const;
const KINDS = ['problem', 'problem', 'problem', 'opinion', 'consultation', 'dispute'] as const;
/** How cases end (per mille): most are closed; some are not accepted (不予受理) or merged into another. */
const END_MIX: Array<[string, number]> = [['closed', 930], ['rejected', 40], ['merged', 30]];
/** The open stages in order, with the share of a case's open time spent in each. */
const OPEN_STAGES: Array<[string, number]> = [['submitted', 0.04], ['accepted', 0.04], ['assigned', 0.07], ['in_progress', 0.55], ['replied', 0.2], ['feedback_given', 0.1]];

/**
 * A case's status at its age: how it ends, and whether it has yet. A case stays open 5–40 days
 * (one in fifty, a hard case, 2–12 months); a rejection is decided within a day or so, a merge
 * within a week; until then it is at the open stage its share of that time has reached. So old
 * history is closed, as a real office's is, and what is open and overdue is recent or hard: about
 * 2 % of a few years' cases are open, not half (the mix of statuses regardless of age, used
 * before, left 46 % of all cases open and overdue, which made "overdue" lists and counts unlike
 * any real district's).
 */
function statusAt(rnd: () => number, ageMs: number): string {
  const end = weighted(rnd, END_MIX);
  const hard = rnd() < 0.02;
  const open = end === 'rejected' ? DAY * (0.2 + rnd()) : end === 'merged' ? DAY * (1 + 6 * rnd()) : DAY * (hard ? 60 + 300 * rnd() : 5 + 35 * rnd());
  if (ageMs >= open) return end;
  if (end === 'rejected') return 'submitted';
  let f = ageMs / open;
  for (const [stage, share] of OPEN_STAGES) if ((f -= share) < 0) return end === 'merged' && stage !== 'submitted' ? 'accepted' : stage;
  return 'feedback_given';
}
const RATING_MIX: Array<[string | null, number]> = [['satisfied', 600], ['basically_satisfied', 250], ['unsatisfied', 100], [null, 50]];

function weighted<T>(rnd: () => number, mix: Array<[T, number]>): T {
  let r = rnd() * mix.reduce((n, [, w]) => n + w, 0);
  for (const [v, w] of mix) if ((r -= w) < 0) return v;
  return mix[mix.length - 1]![0];
}

/** Random bytes from a refilled pool: one system call per 64 KB instead of two per case. */
let pool = randomBytes(0);
let at = 0;
function random16(): Buffer {
  if (at + 16 > pool.length) {
    pool = randomBytes(1 << 16);
    at = 0;
  }
  at += 16;
  return pool.subarray(at - 16, at);
}

function trackingCode(): string {
  const bytes = random16();
  let out = '';
  for (let i = 0; i < 16; i++) out += CODE_ALPHABET[bytes[i]! & 31];
  return out;
}

/** A UUIDv7 for an instant, so ids sort like creation times (as the app's own ids do). */
export function uuidv7At(ms: number): string {
  const b = Buffer.from(random16());
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** End of the Shanghai day `days` calendar days after `ms` (due dates end at 23:59:59.999 in Beijing). */
const dueAfter = (ms: number, days: number) => {
  const shanghaiMidnight = Math.floor((ms + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
  return shanghaiMidnight + (days + 1) * DAY - 1;
};

/** Department replies (a reply's note is public and searchable, as real ones are). */
const REPLIES = [
  '经现场核查，情况属实，已安排施工队维修，预计一周内完成。', '已联系属地社区和物业，督促其限期整改，整改情况将及时反馈。',
  '已纳入本年度改造计划，资金已落实，近期开工。', '经调查，该问题已由执法队依法处理，并将加强日常巡查。',
  '已协调相关单位召开现场会，明确了责任分工和完成时限。', '该事项涉及多个部门，已报区政府统筹协调，有进展将及时答复。',
] as const;

/** One synthetic case and its timeline. */
interface Person { name: string; phone: string; phoneHash: string }

function people(rnd: () => number, pii: PiiCipher, n = 500): Person[] {
  return Array.from({ length: n }, () => {
    const phone = `1${pick(rnd, ['3', '5', '7', '8', '9'])}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
    return { name: pii.encrypt(`${pick(rnd, SURNAMES)}${pick(rnd, GIVEN)}`), phone: pii.encrypt(phone), phoneHash: pii.hash(phone) };
  });
}

function makeCase(rnd: () => number, ref: BulkReference, opts: BulkCasesOptions, createdMs: number, earlierIds: string[], who: Person[], lateLevel: (dueAt: string) => number): { row: CaseRow; event: EventRow; deputyId: string | null } {
  const nowMs = opts.now.getTime();
  const station = pick(rnd, ref.stations);
  const category = rnd() < 0.08 ? null : pick(rnd, ref.categories);
  const text = caseText(rnd, category ?? '市政设施');
  const channel = pick(rnd, CHANNELS);
  const age = nowMs - createdMs;
  let status = statusAt(rnd, age);
  if (status === 'merged' && earlierIds.length === 0) status = 'submitted';
  const anonymous = rnd() < 0.15 || who.length === 0;
  const urgent = rnd() < 0.04;
  const step = (frac: number) => Math.min(nowMs - 60_000, createdMs + Math.max(60_000, Math.floor(age * frac)));

  const row: CaseRow = {
    id: uuidv7At(createdMs), tracking_code: trackingCode(), district_code: opts.districtCode, station_id: station.id, region_code: station.regionCode,
    channel, kind: pick(rnd, KINDS), category, title: text.title, content: text.content, urgent: urgent ? 1 : 0, anonymous: anonymous ? 1 : 0,
    contact_name: null, contact_phone: null, contact_email: null, phone_hash: null,
    location_address: rnd() < 0.7 ? text.address : null, location_lat: null, location_lng: null,
    status, version: 1, department_id: null, due_at: null, due_stage: null, overdue_level: 0, supervision_level: 0,
    extension_days: null, extension_reason: null, extension_requested_at: null, merged_into_id: null, rating: null, rated_at: null,
    reopen_count: 0, rating_failures: 0, accepted_at: null, assigned_at: null, replied_at: null, reply_due_at: null, closed_at: null,
    created_by: null, reception_id: null, no_publish: rnd() < 0.05 ? 1 : 0, created_at: iso(createdMs), updated_at: iso(createdMs),
  };
  if (!anonymous) {
    const person = pick(rnd, who);
    row.contact_name = person.name;
    row.contact_phone = person.phone;
    row.phone_hash = person.phoneHash;
  }
  const taken = !['submitted', 'rejected'].includes(status);
  const assigned = ['assigned', 'in_progress', 'replied', 'feedback_given', 'closed', 'merged'].includes(status);
  const answered = ['replied', 'feedback_given', 'closed'].includes(status);
  let version = 1;
  if (status === 'submitted') {
    row.due_at = iso(dueAfter(createdMs, 3));
    row.due_stage = 'assign';
  }
  if (taken) {
    row.accepted_at = iso(step(0.02));
    version++;
  }
  if (status === 'accepted') {
    row.due_at = iso(dueAfter(Date.parse(row.accepted_at!), 3));
    row.due_stage = 'assign';
  }
  if (assigned) {
    row.department_id = pick(rnd, ref.departments);
    row.assigned_at = iso(step(0.05));
    version += 2;
    if (status !== 'closed' && status !== 'merged') {
      row.due_at = iso(dueAfter(Date.parse(row.assigned_at), urgent ? 7 : 21));
      row.due_stage = 'handle';
    }
  }
  if (answered) {
    row.reply_due_at = iso(dueAfter(Date.parse(row.assigned_at ?? row.accepted_at!), urgent ? 7 : 21));
    // Most replies are on time; some come late.
    const late = rnd() < 0.12;
    const replied = late ? Date.parse(row.reply_due_at) + Math.floor(rnd() * 10) * DAY + 3600_000 : Date.parse(row.assigned_at ?? row.accepted_at!) + Math.floor(rnd() * 15) * DAY + 3600_000;
    row.replied_at = iso(Math.min(nowMs - 60_000, replied));
    version++;
    if (status !== 'closed') {
      row.due_at = iso(dueAfter(Date.parse(row.replied_at), 5));
      row.due_stage = 'follow_up';
    }
  }
  if (status === 'closed') {
    row.rating = weighted(rnd, RATING_MIX);
    const closed = Math.min(nowMs - 60_000, Date.parse(row.replied_at!) + Math.floor(1 + rnd() * 5) * DAY);
    row.rated_at = row.rating ? iso(closed) : null;
    row.closed_at = iso(closed);
    version += 3;
  }
  if (status === 'merged') {
    row.merged_into_id = pick(rnd, earlierIds);
    version++;
  }
  if ((status === 'assigned' || status === 'in_progress') && rnd() < 0.1) row.supervision_level = 1 + Math.floor(rnd() * 3);
  // What the SLA sweep (督办, every minute) has done by `now`: a clock that ran out is at its
  // escalation level, and supervision is at least that level.
  if (row.due_at && Date.parse(row.due_at) < nowMs) {
    row.overdue_level = lateLevel(row.due_at);
    row.supervision_level = Math.max(row.supervision_level, row.overdue_level);
    version++;
  }
  row.version = version;
  row.updated_at = [row.closed_at, row.replied_at, row.assigned_at, row.accepted_at, row.created_at].find(Boolean)!;
  const event: EventRow = {
    id: uuidv7At(createdMs), case_id: row.id, at: row.created_at, type: 'submitted', actor_id: null, actor_name: channel === 'online' ? '群众' : '工作人员', actor_role: null,
    from_status: null, to_status: 'submitted', note: null, note_public: 0, internal_note: null, data: '{}', public: 1,
  };
  // Cases received at a reception day name the deputy who received them (接待代表).
  const deputies = channel === 'reception' || channel === 'visit' ? ref.deputiesByStation.get(station.id) : undefined;
  return { row, event, deputyId: deputies?.length ? pick(rnd, deputies) : null };
}

/** The timeline entries after the first that a case's status implies, in time order. */
function laterEvents(rnd: () => number, row: CaseRow, departmentName: (id: string) => string): EventRow[] {
  const out: EventRow[] = [];
  const add = (at: string | null, type: string, from: string, to: string, actor: string, role: string, note: string | null = null, notePublic = 0) => {
    if (!at) return;
    out.push({
      id: uuidv7At(Date.parse(at)), case_id: row.id, at, type, actor_id: null, actor_name: actor, actor_role: role, from_status: from, to_status: to,
      note, note_public: notePublic, internal_note: null, data: '{}', public: 1,
    });
  };
  if (row.status === 'rejected') add(iso(Date.parse(row.created_at) + 3600_000), 'reject', 'submitted', 'rejected', '工作人员', 'station', '不属于受理范围，已告知其他反映渠道。', 1);
  add(row.accepted_at, 'accept', 'submitted', 'accepted', '工作人员', 'station');
  if (row.department_id) {
    const dept = departmentName(row.department_id);
    add(row.assigned_at, 'assign', 'accepted', 'assigned', '工作人员', 'station');
    if (row.status !== 'assigned') add(iso(Date.parse(row.assigned_at!) + 3600_000), 'dept-accept', 'assigned', 'in_progress', dept, 'department');
    add(row.replied_at, 'reply', 'in_progress', 'replied', dept, 'department', pick(rnd, REPLIES), 1);
  }
  if (row.status === 'closed') {
    if (row.rating) add(row.rated_at, 'rating', 'replied', 'closed', '群众', 'constituent');
    else add(row.closed_at, 'close', 'replied', 'closed', '工作人员', 'admin');
  }
  if (row.status === 'merged') add(iso(Date.parse(row.updated_at) + 7200_000), 'merge', row.department_id ? 'in_progress' : 'accepted', 'merged', '工作人员', 'station');
  return out;
}

/** Inserts `count` synthetic cases; returns how many were written. */
export async function bulkInsertCases(db: Db, opts: BulkCasesOptions): Promise<number> {
  const ref = await bulkRepository.reference(db, opts.districtCode);
  if (!ref.stations.length) throw new Error(`区 ${opts.districtCode} 没有联络站：请先载入演示数据 (LIANXIN_DEMO=1)`);
  if (!ref.departments.length) throw new Error(`区 ${opts.districtCode} 没有承办部门`);
  const rnd = prng(opts.seed ?? 20261121);
  const calendar = await loadWorkingCalendar(db, opts.districtCode);
  const today = shanghaiDate(opts.now);
  const lateLevel = (dueAt: string) => escalationLevel(calendar.workingDaysBetween(shanghaiDate(new Date(dueAt)), today));
  const who = opts.pii ? people(rnd, opts.pii) : [];
  const timeline = opts.timeline ?? true;
  const departmentNames = new Map(ref.departmentNames);
  const departmentName = (id: string) => departmentNames.get(id) ?? '承办部门';
  const batch = opts.batchSize ?? 10_000;
  const span = (opts.years ?? 3) * 365 * DAY;
  const start = opts.now.getTime() - span;
  // Creation times rise through the run (ids sort like them); merges point at a recent earlier case.
  const recent: string[] = [];
  let done = 0;
  while (done < opts.count) {
    const n = Math.min(batch, opts.count - done);
    const rows: CaseRow[] = [];
    const events: EventRow[] = [];
    const deputies: Database['case_deputies'][] = [];
    for (let i = 0; i < n; i++) {
      const k = done + i;
      const createdMs = Math.floor(start + (span * (k + rnd())) / opts.count);
      const { row, event, deputyId } = makeCase(rnd, ref, opts, Math.min(createdMs, opts.now.getTime() - 120_000), recent, who, lateLevel);
      rows.push(row);
      if (timeline) events.push(event);
      if (timeline === 'full') events.push(...laterEvents(rnd, row, departmentName));
      if (deputyId) deputies.push({ case_id: row.id, deputy_id: deputyId });
      if (row.status !== 'merged') {
        recent.push(row.id);
        if (recent.length > 200) recent.shift();
      }
    }
    await bulkRepository.insertCases(db, rows, events, deputies);
    done += n;
    opts.progress?.(done, opts.count);
  }
  return done;
}
