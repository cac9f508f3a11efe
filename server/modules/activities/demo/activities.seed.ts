import type { Principal } from '../../../platform/auth/principal.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { orgLookups } from '../../org/index.ts';
import { activitiesRepository } from '../activities.repository.ts';
import { addFile } from '../commands/files.ts';
import { addOutcome } from '../commands/outcomes.ts';
import { cancelActivity, createActivity, setEvaluation } from '../commands/save-activity.ts';
import { postAsAccount, postByToken } from '../roundtable/posts.ts';
import { closeRoundtable, invite, moderatePost } from '../roundtable/roundtable.service.ts';
import { DEMO_ACTIVITIES, type DemoActivity, type DemoPostBy } from './activities.data.ts';
import { demoPhoto } from './demo-images.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo district's activity history, replayed through the same service functions as the API
 * at the times the data gives, so versions, audit entries, created cases and thread times are real.
 */
export async function seedActivitiesDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const now = deps.clock.now().getTime();
  const id = (key: string) => {
    const v = demo.ids.get(key);
    if (!v) throw new Error(`demo id missing: ${key}`);
    return v;
  };
  const users = new Map<string, Principal>();
  for (const u of ['admin', 'station', 'station2', 'deputy', 'dept', 'dept2']) users.set(u, (await principalForUser(deps.db, id(`user:${u}`)))!);
  const at = (t: number, principal: Principal | null): ActionContext => ({ ...systemContext(new Date(t), 'demo-seed'), principal });
  const recorderFor = (station: string | null): Principal => {
    if (station?.startsWith('马家河街道')) return users.get('station')!;
    if (station === '栗雨街道') return users.get('station2')!;
    return users.get('admin')!;
  };
  const districtDeputies = await orgLookups.districtDeputyIds(deps.db, users.get('admin')!.districtCode);
  // Cases the cases seed made, by title (its demo ids), for outcomes that link them.
  const caseIdByTitle = (title: string) => demo.ids.get(`case:${title}`);

  let photos = 0;
  let links = '';
  // Oldest first, so ids (time-sortable) follow the order things happened.
  for (const [i, d] of DEMO_ACTIVITIES.map((x, n) => [n, x] as const).sort((a, b) => b[1].daysAgo - a[1].daysAgo)) {
    const host = recorderFor(d.station);
    const stationId = d.station ? id(`station:${d.station}`) : null;
    const pool = stationId ? (await orgLookups.stationDeputies(deps.db, stationId)).map((d) => d.id) : districtDeputies;
    const deputyIds = [...new Set(d.deputies.map((k) => (typeof k === 'string' ? id(k) : pool[k % pool.length]!)))];
    const day = now - d.daysAgo * DAY;
    const past = d.daysAgo > 0 && !d.roundtable;
    // Past activities are recorded the evening after; planned ones and online roundtables some days before.
    const createdAt = past ? day + 8 * HOUR : Math.min(now, day) - (d.roundtable ? 3 : 5) * DAY;
    let a = await createActivity(deps, at(createdAt, host), {
      kind: d.kind, title: d.title, stationId, date: shanghaiDate(new Date(day)), startTime: d.start ?? null, endTime: d.end ?? null,
      status: past ? 'held' : 'planned', place: d.place, organiser: d.organiser, agenda: d.agenda, minutes: d.minutes, summary: d.summary,
      mode: d.online ? 'online' : 'offline', deputyIds, participants: d.participants,
    });
    let t = createdAt;
    const next = (ms = 10 * 60_000) => (t += ms);
    for (let k = 0; k < (d.photos ?? 0); k++) {
      await addFile(deps, at(next(), host), a.id, 'photo', { bytes: demoPhoto(i + k), filename: `活动现场-${k + 1}.png`, public: k < (d.publicPhotos ?? 0) });
      photos++;
    }
    if (d.roundtable) a = await replayRoundtable(deps, d, a.id, a.version, host, users, at, day, (url) => (links ||= url));
    if (d.evaluation) a = await setEvaluation(deps, at(next(), host), a.id, { version: (await version(deps, a.id)), ...d.evaluation });
    for (const o of d.outcomes ?? []) {
      const closeT = d.roundtable ? day + 14 * HOUR : next();
      const caseId = o.linkCaseTitle ? await caseIdByTitle(o.linkCaseTitle) : undefined;
      a = await addOutcome(deps, at(Math.max(closeT, t), host), a.id, {
        version: await version(deps, a.id), text: o.text, caseId,
        newCase: o.newCase ? { title: o.newCase.title, category: o.newCase.category, content: o.newCase.content } : undefined,
      });
    }
    if (d.cancelled) await cancelActivity(deps, at(now - 1 * DAY, host), a.id, { version: await version(deps, a.id), reason: d.cancelled });
  }
  demo.log(`已载入演示活动 ${DEMO_ACTIVITIES.length} 场（照片 ${photos} 张） (demo activities loaded)`);
  if (links) demo.log(`演示线上圆桌会邀请链接 (demo roundtable invite link): ${links}`);
}

const version = async (deps: AppDeps, activityId: string): Promise<number> => (await activitiesRepository.get(deps.db, activityId))!.version;

/** Invitations, posts (one hidden by the host), and the close with its summary, at the times the data gives. */
async function replayRoundtable(
  deps: AppDeps, d: DemoActivity, activityId: string, v: number, host: Principal, users: Map<string, Principal>,
  at: (t: number, p: Principal | null) => ActionContext, day: number, keepLink: (url: string) => void,
) {
  const rt = d.roundtable!;
  const open = Math.min(deps.clock.now().getTime() - HOUR, day - DAY + 9 * HOUR - (d.daysAgo < 0 ? 6 * DAY : 0));
  const invited = await invite(deps, at(open - HOUR, host), activityId, {
    version: v, userIds: rt.accounts.map((u) => users.get(u)!.userId), invitees: rt.invitees,
  });
  if (d.daysAgo < 0 && invited.tokens[0]) keepLink(invited.tokens[0].url);
  const who = (by: DemoPostBy): Principal | string => {
    if (by === 'host') return host;
    if (by === 'deputy') return users.get('deputy')!;
    if (by === 'dept' || by === 'dept2') return users.get(by)!;
    return invited.tokens[Number(by.split(':')[1])]!.token;
  };
  for (const post of rt.posts) {
    const t = Math.min(open + post.at * HOUR, deps.clock.now().getTime() - 30 * 60_000);
    const author = who(post.by);
    const out = typeof author === 'string'
      ? await postByToken(deps, at(t, null), author, post.body)
      : await postAsAccount(deps, at(t, author), activityId, post.body);
    if (post.hide) await moderatePost(deps, at(t + 20 * 60_000, host), activityId, out.id, 'hide', post.hide);
  }
  if (!rt.summary) return invited.activity;
  const closeAt = Math.max(day + 9 * HOUR, open + (Math.max(...rt.posts.map((p) => p.at)) + 2) * HOUR);
  return closeRoundtable(deps, at(closeAt, host), activityId, { version: await version(deps, activityId), summary: rt.summary });
}
