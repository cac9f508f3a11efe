import { RATER_KINDS, type AssessmentCriterion, type RaterKind } from '../../../../../shared/assessment.ts';
import type { Principal } from '../../../../platform/auth/principal.ts';
import { principalForUser } from '../../../../platform/auth/sessions.ts';
import { systemContext, type ActionContext } from '../../../../platform/context.ts';
import type { AppDeps } from '../../../../platform/deps.ts';
import type { DemoSeed } from '../../../../platform/module.ts';
import { orgLookups } from '../../../org/index.ts';
import { closeRound, createRound, createSheet, openRound } from '../assessment.service.ts';

/**
 * The demo's assessment rounds, replayed through the services at past dates:
 * - 2025 (closed in January 2026): every active 区人大代表, the default criteria and rater
 *   weights, all four sheets of every deputy submitted, results stored;
 * - 2026 (open since 9 November): the office has scored some deputies, station staff some group
 *   and township sheets (one a draft), a few deputies their self-assessments — not the demo
 *   `deputy`, whose self sheet is waiting.
 * Station staff of stations without a demo account act as `demo-station:<station>` (the audit trail
 * names them), as the other demo seeds do for deputies without an account.
 */

const at = (iso: string, principal: Principal): ActionContext => ({ ...systemContext(new Date(iso), 'demo-seed'), principal });

const demoStaff = (stationId: string, name: string, districtCode: string): Principal => ({
  userId: `demo-station:${stationId}`, username: `demo-station:${name}`, displayName: `${name}工作人员`, roles: ['station'], districtCode,
  stationId, departmentId: null, deputyId: null, sessionId: 'demo-seed', csrfToken: '',
});
const demoDeputy = (deputyId: string, name: string, districtCode: string): Principal => ({
  userId: `demo-deputy:${deputyId}`, username: `demo-deputy:${name}`, displayName: name, roles: ['deputy'], districtCode,
  stationId: null, departmentId: null, deputyId, sessionId: 'demo-seed', csrfToken: '',
});

/** Each deputy's level, by position in name order: mostly 称职 and 优秀, one 基本称职. */
const BASE = [91, 86, 83, 78, 90, 80, 85, 82, 76, 93, 84, 71, 88, 81, 79, 92, 85, 62, 87, 89];
const KIND_OFFSET: Record<RaterKind, number> = { self: 4, group: 1, township: 0, office: -1 };

function scoresFor(criteria: AssessmentCriterion[], i: number, kind: RaterKind, year: number): Record<string, number> {
  const k = RATER_KINDS.indexOf(kind);
  const out: Record<string, number> = {};
  for (const [c, crit] of criteria.entries()) {
    const spread = ((i * 7 + c * 3 + k * 5 + year) % 9) - 4;
    const half = (i + c + k) % 3 === 0 ? 0.5 : 0;
    out[crit.key] = Math.max(0, Math.min(100, BASE[i % BASE.length]! + KIND_OFFSET[kind] + spread + half));
  }
  return out;
}

const COMMENTS: Record<RaterKind, string[]> = {
  self: ['全年按时参加人代会和常委会组织的活动，在联络站接待群众，提出的建议得到答复。', '本年度履职尽责，联系群众还可以更经常一些。'],
  group: ['积极参加代表小组活动，发言有质量。', '按时参加小组活动，建议多深入选区调研。'],
  township: ['在联络站接待群众认真，反映的问题跟踪到底。', '联系选民较为经常，群众反映较好。'],
  office: ['履职积极，建议质量较高。', '按要求参加闭会期间活动，审议发言有见地。'],
};

export async function seedAssessmentDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const account = async (u: string): Promise<Principal> => {
    const id = demo.ids.get(`user:${u}`);
    const p = id ? await principalForUser(deps.db, id) : null;
    if (!p) throw new Error(`demo: account ${u} missing`);
    return p;
  };
  const admin = await account('admin');
  const stationUser = await account('station');
  const deputyUser = await account('deputy');
  const district = admin.districtCode;

  /** The station staff who rate a deputy: the demo account of the deputy's station, or a stand-in for the station. */
  const staffFor = async (stations: Array<{ id: string; name: string; parentId: string | null }>): Promise<Principal | null> => {
    const s = stations[0];
    if (!s) return null;
    const stationId = s.parentId ?? s.id;
    if (stationId === stationUser.stationId) return stationUser;
    const station = await orgLookups.station(deps.db, stationId);
    return demoStaff(stationId, station?.name ?? '联络站', district);
  };

  // ---- 2025: complete and closed ----
  const r25 = await createRound(deps, at('2025-12-01T01:30:00Z', admin), { year: 2025, name: '2025年度代表履职考评' });
  if (r25.deputies.length === 0) {
    demo.log('演示：本区没有在任的区人大代表，跳过履职考评 (no county deputies)');
    return;
  }
  const open25 = await openRound(deps, at('2025-12-08T01:00:00Z', admin), r25.id, r25.version);
  const stations25 = await orgLookups.deputyStations(deps.db, open25.deputies.map((d) => d.deputyId));
  for (const [i, d] of open25.deputies.entries()) {
    const staff = await staffFor(stations25.get(d.deputyId) ?? []);
    const raters: Record<RaterKind, Principal | null> = {
      self: d.deputyId === deputyUser.deputyId ? deputyUser : demoDeputy(d.deputyId, d.name, district),
      group: staff, township: staff, office: admin,
    };
    for (const [k, kind] of RATER_KINDS.entries()) {
      const who = raters[kind];
      if (!who) continue;
      const day = 10 + ((i + k * 3) % 18);
      await createSheet(deps, at(`2025-12-${String(day).padStart(2, '0')}T0${2 + k}:00:00Z`, who), r25.id, {
        deputyId: d.deputyId, raterKind: kind, scores: scoresFor(open25.criteria, i, kind, 2025), comment: COMMENTS[kind][(i + k) % 2], submit: true,
      });
    }
  }
  // A deputy without station (none in the demo) would leave group and township missing: close only what is complete.
  const closed = await closeRound(deps, at('2026-01-12T02:00:00Z', admin), r25.id, { version: open25.version, allowIncomplete: true });

  // ---- 2026: open, some sheets in ----
  const r26 = await createRound(deps, at('2026-11-02T01:30:00Z', admin), { year: 2026, name: '2026年度代表履职考评' });
  const open26 = await openRound(deps, at('2026-11-09T01:00:00Z', admin), r26.id, r26.version);
  const stations26 = await orgLookups.deputyStations(deps.db, open26.deputies.map((d) => d.deputyId));
  let selfSheets = 0;
  let staffSheets = 0;
  for (const [i, d] of open26.deputies.entries()) {
    const scores = (kind: RaterKind) => scoresFor(open26.criteria, i, kind, 2026);
    const day = (n: number) => `2026-11-${String(10 + (n % 9)).padStart(2, '0')}T03:00:00Z`;
    // the office: the first six deputies in name order submitted, the seventh saved as a draft
    if (i < 7) {
      await createSheet(deps, at(day(i), admin), r26.id, { deputyId: d.deputyId, raterKind: 'office', scores: scores('office'), comment: i < 6 ? COMMENTS.office[i % 2] : '', submit: i < 6 });
    }
    // station staff: every third deputy's group sheet, every fifth's township sheet (a draft when also every third)
    const staff = await staffFor(stations26.get(d.deputyId) ?? []);
    if (staff && i % 3 === 0) {
      await createSheet(deps, at(day(i + 1), staff), r26.id, { deputyId: d.deputyId, raterKind: 'group', scores: scores('group'), comment: COMMENTS.group[i % 2], submit: true });
      staffSheets++;
    }
    if (staff && i % 5 === 0) {
      await createSheet(deps, at(day(i + 2), staff), r26.id, { deputyId: d.deputyId, raterKind: 'township', scores: scores('township'), submit: i % 3 !== 0 });
      staffSheets++;
    }
    // a few deputies assessed themselves; never the demo account (its sheet is waiting)
    if (i % 4 === 1 && d.deputyId !== deputyUser.deputyId) {
      await createSheet(deps, at(day(i + 3), demoDeputy(d.deputyId, d.name, district)), r26.id, { deputyId: d.deputyId, raterKind: 'self', scores: scores('self'), comment: COMMENTS.self[i % 2], submit: true });
      selfSheets++;
    }
  }
  demo.log(`履职考评演示：2025 年度 ${closed.deputyCount} 位代表已出结果；2026 年度评分中（工委 7 张、联络站 ${staffSheets} 张、自评 ${selfSheets} 张）`);
}
