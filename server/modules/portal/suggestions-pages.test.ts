import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

/** The public compendium of deputies' suggestions (代表建议汇编) as server-rendered pages. */
describe('public suggestion pages: the compendium, search, one suggestion with its replies', () => {
  let t: TestApp;
  let admin: Session;
  let deputy: Session;
  let dept: Session;
  let majiahe: string;
  let chengguan: string;
  /** A suggestion of this test, from two cases whose constituents' names and phones are known. */
  let mine: { id: string; title: string };
  let unpublished: string;
  const people = [
    { name: '欧阳晓测', phone: '13712345678' },
    { name: '司马文测', phone: '15987654321' },
  ];
  const title = '<script>alert("汇编")</script>关于新马路测试路段路灯维修的建议';

  async function act(who: Session, id: string, action: string, body: Record<string, unknown> = {}) {
    const current = (await t.as(who, { method: 'GET', url: `/api/v1/suggestions/${id}` })).json();
    const res = await t.as(who, { method: 'POST', url: `/api/v1/suggestions/${id}/${action}`, payload: { version: current.version, ...body } });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    return res.json();
  }

  const page = (url: string) => t.app.inject({ method: 'GET', url });

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    [admin, deputy, dept] = [await t.login('admin'), await t.login('deputy'), await t.login('dept')];
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/public/stations?limit=100' });
    majiahe = list.json().items.find((s: { name: string }) => s.name === '马家河街道代表联系群众工作站').id;
    const deps = (await t.as(admin, { method: 'GET', url: '/api/v1/departments?limit=100' })).json();
    chengguan = deps.items.find((d: { name: string }) => d.name === '区城市管理和综合执法局').id;

    // Two constituents report at the station the demo deputy serves.
    const caseIds: string[] = [];
    for (const p of people) {
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/public/cases',
        payload: { stationId: majiahe, title: '路灯不亮', content: `新马路测试路段的路灯坏了，我是${p.name}，电话${p.phone}`, contact: { name: p.name, phone: p.phone } },
      });
      assert.equal(res.statusCode, 201, res.body);
      const row = await t.deps.db.selectFrom('cases').select('id').where('tracking_code', '=', res.json().trackingCode).executeTakeFirstOrThrow();
      caseIds.push(row.id);
    }
    const created = await t.as(deputy, {
      method: 'POST', url: '/api/v1/suggestions',
      payload: {
        title, category: '市政设施', caseIds,
        content: `${people[0]!.name}（电话 ${people[0]!.phone}）和${people[1]!.name}反映：新马路测试路段 12 盏路灯长期不亮，夜间出行不便。`,
        proposals: '一、尽快维修路灯；\n二、建立路灯巡查制度。',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    mine = { id: created.json().id, title };
    await act(deputy, mine.id, 'submit');
    await act(admin, mine.id, 'register', { period: 'recess', category: '市政设施' });
    await act(admin, mine.id, 'assign', { leadDepartmentId: chengguan });
    await act(dept, mine.id, 'reply', { category: 'resolved', content: `已更换新马路测试路段路灯 12 盏，并已电话告知${people[0]!.name}（${people[0]!.phone}）。` });

    const draft = await t.as(deputy, { method: 'POST', url: '/api/v1/suggestions', payload: { title: '尚未公开的草稿建议测试', content: '草稿内容' } });
    assert.equal(draft.statusCode, 201, draft.body);
    unpublished = draft.json().id;
  });
  after(() => t.close());

  test('a replied suggestion is not public until the office publishes it; a draft never is', async () => {
    const before = await page(`/suggestions/${mine.id}`);
    assert.equal(before.statusCode, 404);
    assert.match(before.body, /没有找到这件建议/);
    assert.ok(!before.body.includes('测试路段'));
    assert.equal((await page(`/suggestions/${unpublished}`)).statusCode, 404);
    assert.equal((await page('/suggestions/no-such-id')).statusCode, 404);
    const list = await page('/suggestions?q=%E6%B5%8B%E8%AF%95%E8%B7%AF%E6%AE%B5');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(`/suggestions/${mine.id}`), 'not listed before publication');

    await act(admin, mine.id, 'publish', { published: true });
    const after = await page(`/suggestions/${mine.id}`);
    assert.equal(after.statusCode, 200, after.body.slice(0, 500));
  });

  test('the compendium renders in Chinese with no script, escaped titles, the deputy, departments, reply class and rating', async () => {
    const res = await page('/suggestions');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.match(res.body, /<html lang="zh-CN"/);
    assert.match(res.body, /<h1>代表建议汇编<\/h1>/);
    assert.ok(!/<script/i.test(res.body), 'no script element, the stored one escaped');
    assert.match(res.body, /&lt;script&gt;alert\(&quot;汇编&quot;\)&lt;\/script&gt;关于新马路测试路段路灯维修的建议/);
    // Every published suggestion of the API's first page is on the page, with its number.
    const api = (await t.app.inject({ method: 'GET', url: '/api/v1/public/suggestions?limit=20' })).json();
    assert.ok(api.items.length >= 2, 'the demo publishes suggestions');
    for (const s of api.items) {
      assert.ok(res.body.includes(`href="/suggestions/${s.id}"`), s.title);
      assert.ok(res.body.includes(s.number), s.number);
    }
    const card = res.body.slice(res.body.indexOf(`href="/suggestions/${mine.id}"`));
    const one = card.slice(0, card.indexOf('</article>'));
    assert.match(one, /领衔代表/);
    assert.match(one, /区人大代表/);
    assert.match(one, /主办：区城市管理和综合执法局/);
    assert.match(one, /已解决/);
    assert.match(one, /代表尚未评价/);
    assert.match(one, /市政设施/);
  });

  test('one suggestion: content, proposals, the handling departments and the reply; the rating once the deputy evaluates', async () => {
    const res = await page(`/suggestions/${mine.id}`);
    assert.equal(res.statusCode, 200);
    assert.ok(!/<script/i.test(res.body));
    assert.match(res.body, /<h1>&lt;script&gt;/);
    assert.match(res.body, /闭会期间/);
    assert.match(res.body, /建立路灯巡查制度/);
    assert.match(res.body, /主办单位<\/dt><dd>区城市管理和综合执法局/);
    assert.match(res.body, /已更换新马路测试路段路灯 12 盏/);
    assert.match(res.body, /根据 <strong>2<\/strong> 件选民群众反映的问题/);
    assert.match(res.body, /尚未对办理结果作出评价/);
    const number = (await t.as(admin, { method: 'GET', url: `/api/v1/suggestions/${mine.id}` })).json().number;
    assert.ok(number && res.body.includes(number));

    await act(deputy, mine.id, 'evaluate', { rating: 'basically_satisfied' });
    const rated = await page(`/suggestions/${mine.id}`);
    assert.match(rated.body, /领衔代表对办理结果的评价：<strong class="rating-basically_satisfied">基本满意<\/strong>/);
    assert.match(rated.body, /已办结/);
  });

  test('search by a word of the title, the content or the reply; filters by year and category; nothing found says so', async () => {
    const find = async (qs: string) => (await page(`/suggestions?${qs}`)).body;
    const q = (s: string) => `q=${encodeURIComponent(s)}`;
    assert.ok((await find(q('测试路段路灯维修'))).includes(`/suggestions/${mine.id}"`), 'title');
    assert.ok((await find(q('12 盏路灯长期不亮'))).includes(`/suggestions/${mine.id}"`), 'content');
    assert.ok((await find(q('已更换新马路测试路段'))).includes(`/suggestions/${mine.id}"`), 'reply');
    const none = await find(q('一个不会出现在任何建议里的词组'));
    assert.ok(!none.includes('class="card sugg"'));
    assert.match(none, /没有找到符合条件的建议/);
    assert.match(none, /value="一个不会出现在任何建议里的词组"/, 'the search box keeps the words');

    const year = (await t.as(admin, { method: 'GET', url: `/api/v1/suggestions/${mine.id}` })).json().year as number;
    const inYear = await find(`year=${year}&category=${encodeURIComponent('市政设施')}`);
    assert.ok(inYear.includes(`/suggestions/${mine.id}"`));
    assert.match(inYear, new RegExp(`<option value="${year}" selected>`));
    assert.match(inYear, /<option value="市政设施" selected>/);
    assert.ok(!(await find(`year=${year - 3}`)).includes(`/suggestions/${mine.id}"`));
    assert.ok(!(await find(`category=${encodeURIComponent('教育卫生')}`)).includes(`/suggestions/${mine.id}"`));
    // Nonsense in the query string is ignored, not an error page.
    assert.equal((await page('/suggestions?year=abc&cursor=%00zz')).statusCode, 200);
  });

  test('pagination follows the cursor links (a page holds 20) without repeats, with the search kept', async () => {
    const count = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/public/suggestions?limit=100' })).json().items.length as number;
    // Enough published suggestions for a second page.
    for (let i = 0; i < 21; i++) {
      const res = await t.as(deputy, { method: 'POST', url: '/api/v1/suggestions', payload: { title: `翻页测试建议 ${i}`, content: `翻页测试内容 ${i}` } });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as string;
      await act(deputy, id, 'submit');
      await act(admin, id, 'register', { period: 'recess' });
      await act(admin, id, 'assign', { leadDepartmentId: chengguan });
      await act(dept, id, 'reply', { category: 'planned', content: '已列入计划。' });
      await act(admin, id, 'publish', { published: true });
    }
    const walk = async (start: string) => {
      const seen: string[] = [];
      let url: string | null = start;
      let pages = 0;
      while (url && pages < 10) {
        const res = await page(url);
        assert.equal(res.statusCode, 200);
        seen.push(...[...res.body.matchAll(/<a class="stretched" href="\/suggestions\/([^"]+)"/g)].map((m) => m[1]!));
        if (pages > 0) assert.match(res.body, />回到第一页<\/a>/);
        url = /<a class="button" href="([^"]+)">下一页<\/a>/.exec(res.body)?.[1]?.replaceAll('&amp;', '&') ?? null;
        if (url && start.includes('q=')) assert.match(url, /[?&]q=/, 'the search words stay in the next link');
        pages++;
      }
      return { seen, pages };
    };
    const total = await count();
    assert.ok(total > 20);
    const all = await walk('/suggestions');
    assert.equal(all.pages, Math.ceil(total / 20));
    assert.equal(all.seen.length, total);
    assert.equal(new Set(all.seen).size, total);
    const searched = await walk(`/suggestions?q=${encodeURIComponent('翻页测试')}`);
    const matching = (await t.app.inject({ method: 'GET', url: `/api/v1/public/suggestions?limit=100&q=${encodeURIComponent('翻页测试')}` })).json().items.length as number;
    assert.ok(matching >= 10);
    assert.equal(searched.seen.length, matching);
    assert.equal(new Set(searched.seen).size, matching);
  });

  test('no personal data: the constituents behind the cases (this test\'s and the demo\'s) appear on no page', async () => {
    const urls = ['/suggestions', `/suggestions?q=${encodeURIComponent('路灯')}`];
    const published = (await t.app.inject({ method: 'GET', url: '/api/v1/public/suggestions?limit=100' })).json().items as Array<{ id: string }>;
    for (const s of published) urls.push(`/suggestions/${s.id}`);
    // The demo's published suggestions: their linked cases' constituents, as the office sees them.
    const secrets: string[] = [];
    for (const s of published) {
      if (s.id === mine.id) continue;
      const detail = (await t.as(admin, { method: 'GET', url: `/api/v1/suggestions/${s.id}` })).json();
      for (const c of detail.cases as Array<{ id: string; trackingCode: string }>) {
        if (c.trackingCode) secrets.push(c.trackingCode);
        const contact = await t.as(admin, { method: 'GET', url: `/api/v1/cases/${c.id}/contact` });
        if (contact.statusCode !== 200) continue;
        const { name, phone } = contact.json() as { name?: string | null; phone?: string | null };
        if (name && name.length >= 2) secrets.push(name);
        if (phone) secrets.push(phone);
      }
    }
    assert.ok(secrets.length >= 2, 'the demo has published suggestions linked to cases with contacts');
    secrets.push(...people.flatMap((p) => [p.name, p.phone]));
    for (const url of urls) {
      const body = (await page(url)).body;
      for (const s of secrets) assert.ok(!body.includes(s), `${url} shows ${s}`);
    }
  });

  test('the navigation, the home page and a station page lead to the compendium', async () => {
    for (const url of ['/', `/stations/${majiahe}`, '/track']) {
      const body = (await page(url)).body;
      assert.match(body, /<a href="\/suggestions">代表建议<\/a>/, url);
      assert.match(body, /<a href="\/projects">民生实事<\/a>/, url);
    }
    assert.match((await page('/')).body, /class="service" href="\/suggestions"/);
    assert.match((await page(`/stations/${majiahe}`)).body, /class="service" href="\/suggestions"/);
    assert.match((await page(`/stations/${majiahe}`)).body, /class="service" href="\/projects"/);
  });

  test('large-text mode renders the same page larger', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/suggestions', cookies: { lianxin_text: 'large' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="zh-CN" class="large">/);
  });
});
