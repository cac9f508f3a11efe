import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EvaluationRound, ProjectDetail, ProjectSummary } from '../../../../shared/projects.ts';
import { expectPage } from '../../../testing/expect.ts';
import { publicProject } from '../public/public-projects.ts';
import { fixture, ok, type Fixture } from './testing.ts';

// The demo as a new user finds it on 2026-11-20: the 2026 projects under way, 2025's delivered and evaluated.
describe('projects demo: delivery and evaluation', () => {
  let f: Fixture;
  let current: ProjectDetail[];
  before(async () => {
    f = await fixture();
    const list = expectPage<ProjectSummary>(await f.api('admin', 'GET', '/projects?year=2026&limit=100')).items.filter((p) => ['passed', 'in_progress', 'completed'].includes(p.status));
    current = await Promise.all(list.map(async (p) => ok(await f.api('deputy', 'GET', `/projects/${p.id}`))));
  });
  after(() => f.t.close());

  test('the 2026 passed projects have 3–5 milestones in 2026 (some done with evidence), reports over the year, exactly one overdue', async () => {
    assert.ok(current.length >= 5, `passed 2026 projects: ${current.length}`);
    for (const p of current) {
      assert.ok(p.milestones.length >= 3 && p.milestones.length <= 5, `${p.title}: ${p.milestones.length} milestones`);
      assert.ok(p.milestones.every((m) => m.dueOn.startsWith('2026-')), p.title);
      assert.ok(p.milestones.some((m) => m.doneOn && m.evidence), `${p.title}: a done milestone with evidence`);
      assert.ok(p.updates.length >= 3, p.title);
      assert.equal(p.updates[0]!.progress, p.progress, 'the latest report is the project\'s figure');
      assert.ok(p.updates.every((u) => u.byName && !u.byName.includes('demo')), p.title);
    }
    const late = current.filter((p) => p.overdueMilestones > 0);
    assert.equal(late.length, 1, 'one project with an overdue milestone');
    assert.equal(late[0]!.overdueMilestones, 1);
    assert.equal(late[0]!.department?.id, f.s.dept.user.departmentId, 'the demo dept account\'s project');
    assert.ok(current.some((p) => p.status === 'completed') && current.some((p) => p.status === 'in_progress'));
    const overdue = expectPage<ProjectSummary>(await f.api('dept', 'GET', '/projects?overdue=true&limit=100')).items;
    assert.deepEqual(overdue.map((p) => p.id), [late[0]!.id]);
    // Its notice went to the department and the office once.
    const notices = await f.t.deps.db.selectFrom('messages').select('recipient_user_id').where('entity_id', '=', late[0]!.id).where('subject', 'like', '实施节点逾期%').execute();
    assert.ok(notices.some((m) => m.recipient_user_id === f.s.dept.user.id) && notices.some((m) => m.recipient_user_id === f.s.admin.user.id));
  });

  test('the demo deputy follows two projects and their reports are in the inbox', async () => {
    const followed = current.filter((p) => p.following);
    assert.equal(followed.length, 2);
    const inbox = await f.t.deps.db.selectFrom('messages').select(['entity_id', 'subject']).where('recipient_user_id', '=', f.s.deputy.user.id).where('entity_type', '=', 'project').execute();
    assert.deepEqual(new Set(inbox.map((m) => m.entity_id)), new Set(followed.map((p) => p.id)));
    assert.ok(inbox.every((m) => m.subject.startsWith('项目进展')));
  });

  test('2025: every passed project completed, its round published with many raters and shown on the public page', async () => {
    const last = expectPage<ProjectSummary>(await f.api('admin', 'GET', '/projects?year=2025&limit=100')).items.filter((p) => p.status !== 'not_passed');
    assert.ok(last.length >= 3);
    assert.ok(last.every((p) => p.status === 'completed' && p.progress === 100 && p.overdueMilestones === 0));
    const rounds = (await f.api('deputy', 'GET', '/evaluation-rounds')).json() as { items: EvaluationRound[] };
    const r2025 = rounds.items.find((r) => r.year === 2025)!;
    assert.equal(r2025.status, 'published');
    assert.ok(r2025.raterCount >= 10);
    assert.ok(r2025.projects.every((p) => p.summary && p.summary.raters >= 10 && p.summary.total > 0));
    const pub = await publicProject(f.t.deps.db, f.districtCode, last[0]!.id);
    assert.deepEqual(pub!.evaluation && { ...pub!.evaluation, criteria: undefined }, { ...r2025.projects.find((p) => p.id === last[0]!.id)!.summary!, criteria: undefined });
  });

  test('2026: the round is open, some scores are in, the demo deputy has not scored and may', async () => {
    const rounds = (await f.api('deputy', 'GET', '/evaluation-rounds')).json() as { items: EvaluationRound[] };
    const r = rounds.items.find((x) => x.year === 2026)!;
    assert.equal(r.status, 'open');
    assert.equal(r.abilities.score, true);
    assert.ok(r.projects.every((p) => p.myScore === null));
    assert.ok(r.raterCount >= 3);
    const byAdmin = (await f.api('admin', 'GET', `/evaluation-rounds/${r.id}`)).json() as EvaluationRound;
    assert.ok(byAdmin.projects.some((p) => p.summary !== null));
    const res = await f.api('deputy', 'POST', `/evaluation-rounds/${r.id}/scores`, { projectId: r.projects[0]!.id, scores: { completion: 90, quality: 88, budget: 85, satisfaction: 92 } });
    assert.equal(res.statusCode, 201, res.body);
  });
});
