import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { publicVotingResults } from '../projects/index.ts';

/** A multipart body as a browser without JavaScript sends it. */
function multipart(fields: Record<string, string | undefined>) {
  const b = `----lianxinTest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const hiddenToken = (body: string) => /name="token" value="([^"]+)"/.exec(body)?.[1];

interface PublicProjectItem { id: string; title: string; year: number; status: string; progress: number; overdueMilestones: number }

describe('public project pages: the year\'s projects, one project\'s timeline, the call and its proposal form', () => {
  let t: TestApp;
  let admin: Session;
  let district: string;
  /** A call this test opens (with markup in its title), taking proposals today. */
  let call: { id: string; title: string };
  let demoCall: string;

  const page = (url: string) => t.app.inject({ method: 'GET', url });
  const propose = (id: string, fields: Record<string, string | undefined>) => t.app.inject({ method: 'POST', url: `/projects/calls/${id}/propose`, ...multipart(fields) });
  const proposalsOf = (callId: string) => t.deps.db.selectFrom('project_proposals').select(['id', 'title', 'proposer_name', 'proposer_phone', 'source']).where('call_id', '=', callId).execute();

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    admin = await t.login('admin');
    district = t.deps.config.LIANXIN_DISTRICT;
    const created = await t.as(admin, {
      method: 'POST', url: '/api/v1/project-calls',
      payload: { title: '<script>alert(1)</script>2028年民生实事项目征集', year: 2028, description: '欢迎提出 2028 年民生实事项目建议。', opensOn: '2026-11-01', closesOn: '2026-12-31' },
    });
    assert.equal(created.statusCode, 201, created.body);
    call = { id: created.json().id, title: created.json().title };
    const calls = (await t.as(admin, { method: 'GET', url: '/api/v1/project-calls?limit=100' })).json().items as Array<{ id: string; title: string }>;
    demoCall = calls.find((c) => c.title === '天元区2027年民生实事项目征集')!.id;
  });
  after(() => t.close());

  test('the projects page lists this year\'s projects with progress bars and status, and the vote\'s totals', async () => {
    const res = await page('/projects');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.match(res.body, /<html lang="zh-CN"/);
    assert.match(res.body, /<h1>民生实事项目<\/h1>/);
    assert.match(res.body, /<h2>2026 年民生实事项目<\/h2>/, 'the current year (Asia/Shanghai) by default');
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/public/projects?year=2026' })).json().items as PublicProjectItem[];
    assert.ok(items.length >= 5, 'the demo passed projects in 2026');
    for (const p of items) {
      const at = res.body.indexOf(`href="/projects/${p.id}"`);
      assert.ok(at > 0, p.title);
      const card = res.body.slice(at, res.body.indexOf('</article>', at));
      assert.match(card, new RegExp(`<progress max="100" value="${p.progress}"`));
      assert.match(card, /class="status p-(passed|in_progress|completed)"/);
    }
    assert.match(res.body, new RegExp(`共 ${items.length} 个项目`));

    const [results] = await publicVotingResults(t.deps.db, district, 2026);
    assert.ok(results, 'the 2026 vote is closed');
    assert.match(res.body, /代表票决结果/);
    assert.ok(res.body.includes(results.title));
    for (const r of results.projects) {
      assert.ok(res.body.includes(`<th scope="row">${r.title}</th><td class="num">${r.for}</td><td class="num">${r.against}</td><td class="num">${r.abstain}</td>`), r.title);
    }
    assert.match(res.body, new RegExp(`共通过 ${results.projects.filter((r) => r.passed).length} 个项目`));
  });

  test('no deputy\'s vote and no deputy\'s name appears with the results', async () => {
    const deputies = (await t.as(admin, { method: 'GET', url: '/api/v1/deputies?limit=100' })).json().items as Array<{ name: string }>;
    assert.ok(deputies.length >= 20);
    const body = (await page('/projects')).body;
    for (const d of deputies) assert.ok(!body.includes(d.name), d.name);
    assert.ok(!/投了|赞成票的代表|voter/i.test(body));
  });

  test('the year switch shows earlier years\' projects and their vote', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/public/projects' })).json().items as PublicProjectItem[];
    const years = [...new Set(all.map((p) => p.year))];
    assert.ok(years.includes(2025) && years.includes(2026), years.join());
    const home = (await page('/projects')).body;
    for (const y of years) assert.match(home, new RegExp(`<a href="/projects\\?year=${y}"( aria-current="page")?>${y} 年</a>`));
    const res = await page('/projects?year=2025');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<a href="\/projects\?year=2025" aria-current="page">/);
    const shown = [...res.body.matchAll(/<a class="stretched" href="\/projects\/([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(shown, all.filter((p) => p.year === 2025).map((p) => p.id).sort());
    const [r2025] = await publicVotingResults(t.deps.db, district, 2025);
    assert.ok(r2025 && res.body.includes(r2025.title));
    // A year with nothing says so; nonsense is ignored.
    assert.match((await page('/projects?year=2031')).body, /2031 年还没有票决通过的民生实事项目/);
    assert.equal((await page('/projects?year=abc')).statusCode, 200);
  });

  test('one project: milestones with dates, done and overdue; progress updates; escaped text; candidates and unknown ids are not public', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/public/projects?year=2026' })).json().items as PublicProjectItem[];
    // The demo's project with an overdue milestone; markup is stored in its texts through the API.
    const target = items.find((p) => p.overdueMilestones > 0)?.id;
    assert.ok(target, 'the demo has a 2026 project with an overdue milestone');
    const detail = async () => (await t.as(admin, { method: 'GET', url: `/api/v1/projects/${target}` })).json();
    type Ms = { id: string; title: string; dueOn: string; doneOn: string | null; overdue: boolean; version: number };
    const d1 = await detail();
    const late = (d1.milestones as Ms[]).find((m) => m.overdue)!;
    const done = (d1.milestones as Ms[]).find((m) => m.doneOn)!;
    assert.ok(late && done);
    const patch = async (m: Ms, payload: Record<string, unknown>) => {
      const res = await t.as(admin, { method: 'PATCH', url: `/api/v1/projects/${target}/milestones/${m.id}`, payload: { version: m.version, ...payload } });
      assert.equal(res.statusCode, 200, res.body);
    };
    await patch(late, { title: '<img src=x onerror=alert(1)>主体工程完工' });
    await patch(done, { evidence: '设计图纸已通过<b>审查</b>' });
    const d2 = await detail();
    const upd = await t.as(admin, { method: 'POST', url: `/api/v1/projects/${target}/updates`, payload: { version: d2.version, progress: Math.min(99, d2.progress + 3), note: '<script>x</script>施工单位已进场，完成基础施工。' } });
    assert.equal(upd.statusCode, 201, upd.body);
    const progress = Math.min(99, d2.progress + 3);

    const res = await page(`/projects/${target}`);
    assert.equal(res.statusCode, 200);
    assert.ok(!/<script|<img src=x|<b>审查/i.test(res.body), 'stored markup is escaped');
    assert.match(res.body, new RegExp(`<progress max="100" value="${progress}"`));
    assert.match(res.body, new RegExp(`完成进度 ${progress}%</strong><p>&lt;script&gt;x&lt;/script&gt;施工单位已进场`));
    const liOf = (text: string) => {
      const at = res.body.lastIndexOf(text);
      assert.ok(at > 0, text);
      const from = res.body.lastIndexOf('<li', at);
      return res.body.slice(from, res.body.indexOf('</li>', at));
    };
    const lateLi = liOf('&lt;img src=x onerror=alert(1)&gt;主体工程完工');
    assert.match(lateLi, /^<li class="ms-overdue">/);
    assert.match(lateLi, /已逾期<\/span> 计划 /);
    const doneLi = liOf('设计图纸已通过&lt;b&gt;审查&lt;/b&gt;');
    assert.match(doneLi, /^<li class="ms-done">/);
    const [y, m, d] = done.doneOn!.split('-').map(Number);
    assert.ok(doneLi.includes(`<span class="nowrap">${y} 年 ${m} 月 ${d} 日</span>完成`));
    assert.match(res.body, new RegExp(`${d2.overdueMilestones} 个节点逾期`));
    // On the list too.
    const list = (await page('/projects')).body;
    const card = list.slice(list.indexOf(`href="/projects/${target}"`));
    assert.match(card.slice(0, card.indexOf('</article>')), /个节点逾期/);

    assert.equal((await page('/projects/no-such-project')).statusCode, 404);
    const open = (await t.as(admin, { method: 'GET', url: '/api/v1/voting-sessions?status=open' })).json().items[0];
    const candidate = (await t.as(admin, { method: 'GET', url: `/api/v1/voting-sessions/${open.id}` })).json().projects[0];
    const notPublic = await page(`/projects/${candidate.id}`);
    assert.equal(notPublic.statusCode, 404);
    assert.ok(!notPublic.body.includes(candidate.title));
  });

  test('a project of an earlier year shows its published year-end evaluation per criterion; an unpublished round shows nothing', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/public/projects?year=2025' })).json().items as PublicProjectItem[];
    const p = (await t.app.inject({ method: 'GET', url: `/api/v1/public/projects/${all[0]!.id}` })).json();
    assert.ok(p.evaluation, 'the demo published the 2025 round');
    const res = await page(`/projects/${p.id}`);
    assert.match(res.body, /<h2>年终测评<\/h2>/);
    assert.ok(res.body.includes(`共有 ${p.evaluation.raters} 名代表参加测评，综合得分 <strong class="score">${p.evaluation.total.toFixed(1)}</strong> 分`));
    for (const c of p.evaluation.criteria as Array<{ key: string; label: string; weight: number }>) {
      assert.ok(res.body.includes(`<th scope="row">${c.label}</th><td class="num">${c.weight}%</td><td class="num">${p.evaluation.means[c.key].toFixed(1)}</td>`), c.label);
    }
    const y2026 = (await t.app.inject({ method: 'GET', url: '/api/v1/public/projects?year=2026' })).json().items as PublicProjectItem[];
    assert.ok(!(await page(`/projects/${y2026[0]!.id}`)).body.includes('年终测评'), 'the 2026 round is open, not published');
  });

  test('an open call is announced with a link to the form; its page lists what was proposed, escaped', async () => {
    const home = (await page('/projects')).body;
    assert.ok(!/<script/i.test(home));
    assert.match(home, /&lt;script&gt;alert\(1\)&lt;\/script&gt;2028年民生实事项目征集/);
    assert.ok(home.includes(`href="/projects/calls/${call.id}/propose"`));
    assert.ok(!home.includes(`href="/projects/calls/${demoCall}/propose"`), 'the closed call is not announced');
    const res = await page(`/projects/calls/${call.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /征集中/);
    assert.match(res.body, /还没有收到建议/);
    assert.equal((await page('/projects/calls/nope')).statusCode, 404);
  });

  test('the proposal form: field errors in Chinese naming each field, what was typed kept, nothing stored', async () => {
    const form = await page(`/projects/calls/${call.id}/propose`);
    assert.equal(form.statusCode, 200);
    assert.ok(!/<script/i.test(form.body));
    for (const name of ['title', 'description', 'location', 'name', 'phone', 'token']) assert.match(form.body, new RegExp(`name="${name}"`), name);
    assert.match(form.body, /称呼和手机号只给人大常委会办公室筛选建议的工作人员看/);
    const token = hiddenToken(form.body)!;
    assert.ok(token.length >= 16);

    const before = (await proposalsOf(call.id)).length;
    const res = await propose(call.id, { token, title: '   ', description: '', location: '马家河'.repeat(70), name: '张测试', phone: '12ab' });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /提交没有成功，请修改以下内容/);
    assert.match(res.body, /<a href="#f-title">请填写项目名称<\/a>/);
    assert.match(res.body, /<a href="#f-description">请写明建议的具体内容<\/a>/);
    assert.match(res.body, /<a href="#f-location">地点不能超过 200 个字符<\/a>/);
    assert.match(res.body, /<a href="#f-phone">手机号：[^<]*格式不正确/);
    assert.match(res.body, /id="f-title"[^>]*aria-invalid="true"/);
    assert.match(res.body, /value="张测试"/);
    assert.match(res.body, /value="12ab"/);
    assert.equal(hiddenToken(res.body), token, 'the same token: nothing was made');
    assert.equal((await proposalsOf(call.id)).length, before);

    const long = await propose(call.id, { token, title: '长'.repeat(101), description: '内容' });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /项目名称不能超过 100 个字符/);
    assert.equal((await proposalsOf(call.id)).length, before);
  });

  test('a proposal is stored once for a double submit, thanks the person and never shows who proposed it', async () => {
    const token = hiddenToken((await page(`/projects/calls/${call.id}/propose`)).body)!;
    const fields = { token, title: '<script>alert(2)</script>栗雨公园增设健身器材', description: '栗雨公园只有一处健身角，器材老旧，建议增设一批适老健身器材。', location: '栗雨街道栗雨公园', name: '端木测试', phone: '13812349876' };
    const [first, second] = [await propose(call.id, fields), await propose(call.id, fields)];
    assert.equal(first.statusCode, 303, first.body.slice(0, 300));
    assert.equal(first.headers.location, `/projects/calls/${call.id}/thanks`);
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location);
    const rows = (await proposalsOf(call.id)).filter((r) => r.title.includes('栗雨公园增设健身器材'));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.source, 'public');
    // Both copies of a double tap at once.
    const racing = { ...fields, token: 'double-tap-proposal-0123456789', title: '并发提交测试：增设公交站台雨棚' };
    const [a, b] = await Promise.all([propose(call.id, racing), propose(call.id, racing)]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.equal((await proposalsOf(call.id)).filter((r) => r.title === racing.title).length, 1);
    // The same token with a changed text: told so, with a fresh token; nothing more stored.
    const changed = await propose(call.id, { ...fields, description: `${fields.description}（补充）` });
    assert.equal(changed.statusCode, 409);
    assert.match(changed.body, /已经提交过一次/);
    assert.notEqual(hiddenToken(changed.body), token);
    assert.equal((await proposalsOf(call.id)).filter((r) => r.title.includes('栗雨公园增设健身器材')).length, 1);

    const thanks = await page(first.headers.location as string);
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /感谢您的建议/);
    assert.match(thanks.body, />再提一条建议<\/a>/);
    assert.match(thanks.body, /&lt;script&gt;alert\(2\)&lt;\/script&gt;栗雨公园增设健身器材/);
    assert.ok(!/<script/i.test(thanks.body));
    for (const url of [first.headers.location as string, `/projects/calls/${call.id}`, '/projects']) {
      const body = (await page(url)).body;
      for (const secret of [fields.name, fields.phone, fields.location, fields.description.slice(0, 12)]) assert.ok(!body.includes(secret), `${url} shows ${secret}`);
    }
  });

  test('a closed call refuses proposals (page and POST, nothing stored) and lists its proposals with support, never the proposers', async () => {
    const form = await page(`/projects/calls/${demoCall}/propose`);
    assert.equal(form.statusCode, 409);
    assert.match(form.body, /征集已经截止/);
    assert.ok(!form.body.includes('name="title"'));
    const before = (await proposalsOf(demoCall)).length;
    const res = await propose(demoCall, { token: 'closed-call-token-0123456789', title: '截止后提交的建议', description: '不应保存' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /征集已经截止/);
    assert.equal((await proposalsOf(demoCall)).length, before);

    const call = await page(`/projects/calls/${demoCall}`);
    assert.equal(call.statusCode, 200);
    assert.match(call.body, /已截止/);
    assert.match(call.body, /本次征集已经截止/);
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/public/project-calls/${demoCall}` })).json();
    assert.ok(api.proposals.length >= 8);
    for (const p of api.proposals as Array<{ title: string; supportCount: number }>) {
      assert.ok(call.body.includes(p.title), p.title);
    }
    assert.ok(api.proposals.some((p: { supportCount: number }) => p.supportCount > 1));
    assert.match(call.body, /\d+ 人次提出同样的需求/);
    // Every proposer's name and phone as stored (encrypted) for the demo call's proposals from the public.
    const stored = await t.deps.db.selectFrom('project_proposals').select(['proposer_name', 'proposer_phone', 'location', 'description']).where('call_id', '=', demoCall).where('source', '=', 'public').execute();
    const secrets = stored.flatMap((r) => [r.proposer_name, r.proposer_phone].filter((v): v is string => !!v).map((v) => t.deps.pii.decrypt(v)));
    assert.ok(secrets.length >= 4, 'the demo has proposers with names and phones');
    // What they typed beyond the title (description, place) is not shown either.
    secrets.push(...stored.map((r) => r.description.slice(0, 20)));
    for (const url of [`/projects/calls/${demoCall}`, '/projects', '/projects?year=2027']) {
      const body = (await page(url)).body;
      for (const s of secrets) assert.ok(!body.includes(s), `${url} shows ${s}`);
    }
  });

  test('large-text mode', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/projects', cookies: { lianxin_text: 'large' } });
    assert.match(res.body, /<html lang="zh-CN" class="large">/);
  });
});

describe('the public proposal form is rate limited like the case report form', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'on' } });
  });
  after(() => t.close());

  test('too many proposals from one address get a 429 page, not JSON', async () => {
    const admin = await t.login('admin');
    const created = await t.as(admin, { method: 'POST', url: '/api/v1/project-calls', payload: { title: '限流测试征集', year: 2028, opensOn: '2026-11-01', closesOn: '2026-12-31' } });
    assert.equal(created.statusCode, 201, created.body);
    let last;
    for (let i = 0; i < 40; i++) {
      last = await t.app.inject({ method: 'POST', url: `/projects/calls/${created.json().id}/propose`, ...multipart({ title: '', description: '' }) });
      if (last.statusCode === 429) break;
    }
    assert.equal(last?.statusCode, 429);
    assert.match(String(last?.headers['content-type']), /text\/html/);
    assert.match(last!.body, /操作过于频繁/);
  });
});
