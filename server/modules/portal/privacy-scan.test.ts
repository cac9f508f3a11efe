/**
 * The public portal shows no personal data (issue 6, "done when"): a crawler walks every public
 * page from `/` along same-site links, and every GET endpoint under /api/v1/public/ (listed from
 * the OpenAPI document, filled with the ids the lists and pages hand out), and looks in every
 * text response for the demo constituents' names, phone numbers (whole, 3-4-4, or masked so that
 * more than the last four digits show), e-mail addresses, ID-card numbers and other people's
 * tracking codes. The constituents come from the cases demo data and from the database itself
 * (decrypted), so people added by any module's seed or by this test are looked for too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, TEST_NOW, type Session, type TestApp } from '../../testing/harness.ts';
import { DEMO_CASES, formatTrackingCode } from '../cases/index.ts';
import { findLeaks, personSecrets, phoneForms, type Person, type Secret } from '../../testing/privacy.ts';

/** A person of this test (invented), who reports a problem at a station. */
const OWN = { name: '钱玉珍', phone: '13755501234', email: 'qian.yuzhen@example.com', id: '430211195803127729' };
/** Someone invited to an online roundtable by personal link (invented). */
const INVITEE = '龚新民';

const MAX_REQUESTS = 1500;
const MAX_VARIANTS = 12;
const MAX_OF_SHAPE = 60;
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
const skipped = (path: string) => /^\/(console|api\/docs|prefs|assets)(\/|$)/.test(path);

describe('the public portal shows no personal data', () => {
  let t: TestApp;
  let station: Session;
  let ownCode: string;
  let token: string;
  const secrets: Secret[] = [];
  /** Every URL requested → its status (and, for text answers, what came back). */
  const requested = new Map<string, number>();
  const answers = new Map<string, { status: number; type: string; body: string }>();
  const leaks: string[] = [];

  const addPerson = (kind: string, p: Person, owner?: string) => secrets.push(...personSecrets(kind, p, owner));
  const clear = (v: string | null | undefined) => (v ? t.deps.pii.decrypt(v) : null);

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    station = await t.login('station');
    const stations = (await t.app.inject({ url: '/api/v1/public/stations?limit=100' })).json().items as Array<{ id: string; name: string }>;
    const ma = stations.find((s) => s.name === '马家河街道代表联系群众工作站')!.id;

    // A constituent of this test reports a problem, with an ID number in the text.
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/public/cases',
      payload: { stationId: ma, content: `新马社区北门的下水道堵了一周，污水漫到路上。我的身份证号 ${OWN.id}，电话 ${OWN.phone}，请联系我。`, category: '城乡建设', contact: { name: OWN.name, phone: OWN.phone, email: OWN.email } },
    });
    assert.equal(created.statusCode, 201, created.body);
    ownCode = created.json().trackingCode;

    // Someone without an account is invited to an online roundtable by personal link.
    const me = (await t.as(station, { method: 'GET', url: '/api/v1/me' })).json();
    const activity = await t.as(station, {
      method: 'POST', url: '/api/v1/activities',
      payload: { kind: 'roundtable', mode: 'online', title: '线上圆桌会：北门下水道怎么改造', stationId: me.user?.stationId ?? me.stationId, date: '2026-11-20', status: 'held', agenda: '雨污分流改造的时间和施工安排' },
    });
    assert.equal(activity.statusCode, 201, activity.body);
    const invited = await t.as(station, { method: 'POST', url: `/api/v1/activities/${activity.json().id}/invitations`, payload: { version: activity.json().version, invitees: [{ type: 'resident', name: INVITEE, organisation: '新马小区 5 栋' }] } });
    assert.equal(invited.statusCode, 201, invited.body);
    token = invited.json().tokens[0].token;

    // Everyone the portal must never name: the demo data as written, and every person the database holds (decrypted).
    for (const c of DEMO_CASES) addPerson('demo constituent', c.contact ?? {});
    const db = t.deps.db;
    for (const c of await db.selectFrom('cases').select(['tracking_code', 'contact_name', 'contact_phone', 'contact_email']).execute()) {
      const owner = c.tracking_code === ownCode ? 'own-case' : undefined;
      addPerson('constituent', { name: clear(c.contact_name), phone: clear(c.contact_phone), email: clear(c.contact_email) }, owner);
      secrets.push({ kind: 'tracking code', text: c.tracking_code, owner }, { kind: 'tracking code', text: formatTrackingCode(c.tracking_code), owner });
    }
    for (const p of await db.selectFrom('project_proposals').select(['proposer_name', 'proposer_phone']).execute()) {
      addPerson('proposer', { name: clear(p.proposer_name), phone: clear(p.proposer_phone) });
    }
    for (const p of await db.selectFrom('activity_participants').select(['name']).where('name', '!=', '').execute()) addPerson('activity participant', { name: clear(p.name) });
    for (const i of await db.selectFrom('roundtable_invitations').select(['name']).where('name', '!=', '').execute()) {
      const name = clear(i.name);
      addPerson('roundtable invitee', { name }, name === INVITEE ? 'own-invitation' : undefined);
    }
  });
  after(() => t?.close());

  /** GETs a path, records its status and any leak in a text answer; returns the body of text answers. */
  async function visit(path: string, owner?: string): Promise<{ status: number; type: string; body: string } | null> {
    if (requested.has(path)) return answers.get(path) ?? null;
    if (requested.size >= MAX_REQUESTS) return null;
    const res = await t.app.inject({ method: 'GET', url: path });
    requested.set(path, res.statusCode);
    const type = String(res.headers['content-type'] ?? '');
    if (!/^(text\/|application\/json)/.test(type)) return null;
    for (const l of findLeaks(res.body, secrets, owner)) leaks.push(`${path} (${res.statusCode}): ${l}`);
    const answer = { status: res.statusCode, type, body: res.body };
    answers.set(path, answer);
    return answer;
  }

  /** Same-site links of a page, and paths inside a JSON answer. */
  function linksOf(body: string, type: string): string[] {
    const out: string[] = [];
    if (type.startsWith('text/html')) {
      for (const m of body.matchAll(/\b(?:href|src)="([^"]+)"/g)) out.push(decode(m[1]!));
    } else if (type.startsWith('application/json')) {
      for (const m of body.matchAll(/"(\/[^"\s]*)"/g)) out.push(m[1]!);
    }
    return out.filter((h) => h.startsWith('/') && !h.startsWith('//')).map((h) => h.split('#')[0]!).filter((h) => h && !skipped(h));
  }

  test('the checks themselves find what they look for', () => {
    const s: Secret[] = [{ kind: 'name', text: '李秀英' }, ...phoneForms('13907331111').map((text) => ({ kind: 'phone', text }))];
    assert.deepEqual(findLeaks('反映人：李秀英', s), ['name “李秀英”']);
    assert.ok(findLeaks('电话 139 0733 1111', s).length > 0);
    assert.ok(findLeaks('电话 1390733****', s).some((l) => l.startsWith('phone')));
    assert.ok(findLeaks('电话 139****1111', s).some((l) => l.startsWith('phone')), 'the staff masking is not for the public');
    assert.ok(findLeaks('电话 138****5678', []).some((l) => l.startsWith('half-masked')), 'nor anyone else’s number half masked');
    assert.deepEqual(findLeaks('电话 尾号 1111，李**', s), []);
    assert.ok(findLeaks(`身份证 ${OWN.id}`, []).some((l) => l.startsWith('ID-card')));
    assert.ok(findLeaks('{"phone":"+8613812345678"}', []).some((l) => l.startsWith('mobile')));
    assert.deepEqual(findLeaks('订单号 20261120123456789012345，联系电话 0731-22881234', []), []);
    assert.ok(secrets.some((x) => x.text === '李秀英'), 'the demo constituents are listed');
    assert.ok(secrets.some((x) => x.kind === 'proposer name'), 'the public proposers are listed');
    assert.ok(secrets.filter((x) => x.kind === 'tracking code').length > 40, 'every case\'s tracking code is listed');
  });

  test('every public page reachable from / names none of them', async () => {
    const queue = ['/', '/track', '/suggestions', '/projects', '/stats', '/reports', '/results'];
    // A closed call links no form: its form and thank-you pages are public all the same.
    for (const c of (await t.app.inject({ url: '/api/v1/public/project-calls' })).json().items as Array<{ id: string }>) queue.push(`/projects/calls/${c.id}/propose`, `/projects/calls/${c.id}/thanks`);
    const pages: string[] = [];
    const seen = new Set<string>();
    /** Month pickers and pagers lead on for ever: a few query variants of each page are enough. */
    const variants = new Map<string, number>();
    const shapes = new Map<string, number>();
    while (queue.length && requested.size < MAX_REQUESTS) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const bare = path.split('?')[0]!;
      if (bare !== path) {
        const n = (variants.get(bare) ?? 0) + 1;
        variants.set(bare, n);
        if (n > MAX_VARIANTS) continue;
      }
      // …and month by month through the reports: enough pages of each shape.
      const shape = bare.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}(?=\/|$)/g, '/:id').replace(/\/\d{4}-\d{2}(?=\/|$)/g, '/:month');
      const k = (shapes.get(shape) ?? 0) + 1;
      shapes.set(shape, k);
      if (k > MAX_OF_SHAPE) continue;
      const got = await visit(path);
      if (!got) continue;
      if (got.type.startsWith('text/html')) pages.push(path);
      for (const l of linksOf(got.body, got.type)) if (!seen.has(l)) queue.push(l);
    }
    assert.ok(requested.size < MAX_REQUESTS, `the crawl stayed within ${MAX_REQUESTS} requests`);
    // The crawl reached every kind of public page.
    for (const re of [
      /^\/stations\/[^/]+$/, /^\/stations\/[^/]+\/notice/, /^\/stations\/[^/]+\/report$/, /^\/suggestions\/[^/?]+$/, /^\/projects\/[^/?]+$/, /^\/projects\/calls\/[^/]+\/propose$/,
      /^\/stats\?stationId=/, /^\/reports\/\d{4}-\d{2}$/, /^\/stations\/[^/]+\/reports\/\d{4}-\d{2}$/, /^\/results\/[^/?]+$/,
    ]) {
      assert.ok(pages.some((p) => re.test(p)), `the crawl reached ${re}`);
    }
    const broken = [...requested].filter(([, s]) => s >= 500 || s === 404);
    assert.deepEqual(broken, [], 'every link the portal shows works');
    assert.deepEqual(leaks, []);
  });

  test('a person\'s own pages (tracking, roundtable invitation) name nobody else', async () => {
    for (const p of [`/track/${ownCode}`, `/track/${ownCode}?new=1`, `/api/v1/public/cases/${ownCode}`]) {
      const got = await visit(p, 'own-case');
      assert.equal(got?.status, 200, p);
    }
    for (const p of [`/roundtables/${token}`, `/api/v1/public/roundtables/${token}`]) {
      const got = await visit(p, 'own-invitation');
      assert.equal(got?.status, 200, p);
    }
    assert.deepEqual(leaks, []);
  });

  test('every GET endpoint under /api/v1/public/ answers without personal data, for every id it hands out', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean; schema?: { enum?: string[] } }> }>> };
    const templates = Object.entries(doc.paths).filter(([p, ops]) => p.startsWith('/api/v1/public/') && ops.get).map(([p, ops]) => ({ path: p, params: ops.get!.parameters ?? [] }));
    assert.ok(templates.length >= 10, 'the public API is listed');
    const month = TEST_NOW.slice(0, 7);
    const samples: Record<string, string[]> = { month: [month], year: [TEST_NOW.slice(0, 4)], trackingCode: [ownCode], token: [token] };
    /** ids handed out by a list endpoint, by the list's path. */
    const idsOf = new Map<string, Set<string>>();
    const queue: string[] = [];

    const queryVariants = (params: (typeof templates)[number]['params']): string[] => {
      let variants = [''];
      for (const q of params.filter((x) => x.in === 'query' && x.required)) {
        const values = q.schema?.enum ?? samples[q.name];
        assert.ok(values, `a sample value for the required query parameter ${q.name}`);
        variants = variants.flatMap((v) => values.map((x) => `${v}${v ? '&' : '?'}${q.name}=${encodeURIComponent(x)}`));
      }
      return variants;
    };

    const pending = new Set(templates.map((x) => x.path));
    for (let round = 0; round < 4 && pending.size; round++) {
      for (const tp of templates) {
        const names = [...tp.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        let paths = [tp.path];
        for (const name of names) {
          const list = tp.path.slice(0, tp.path.indexOf(`{${name}}`) - 1);
          const values = samples[name] ?? [...(idsOf.get(list) ?? [])];
          paths = paths.flatMap((p) => values.map((v) => p.replace(`{${name}}`, encodeURIComponent(v))));
        }
        for (const p of paths.filter((x) => !x.includes('{'))) for (const q of queryVariants(tp.params)) queue.push(p + q);
      }
      const seen = new Set<string>();
      while (queue.length) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const owner = path.includes(ownCode) ? 'own-case' : path.includes(token) ? 'own-invitation' : undefined;
        const got = await visit(path, owner);
        if (!got || got.status !== 200) continue;
        if (got.type.startsWith('application/json')) {
          const body = JSON.parse(got.body) as { items?: Array<{ id?: string }>; nextCursor?: string | null };
          const base = path.split('?')[0]!;
          if (Array.isArray(body.items)) {
            const set = idsOf.get(base) ?? new Set<string>();
            for (const it of body.items) if (typeof it.id === 'string') set.add(it.id);
            idsOf.set(base, set);
            if (body.nextCursor) queue.push(`${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(body.nextCursor)}`);
          }
        }
        for (const l of linksOf(got.body, got.type)) if (l.startsWith('/api/v1/public/')) queue.push(l);
      }
      for (const tp of [...pending]) {
        const re = new RegExp(`^${tp.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/?]+')}(\\?|$)`);
        if ([...requested].some(([p, s]) => s === 200 && re.test(p))) pending.delete(tp);
      }
    }
    // File downloads (photos, milestone evidence) are images and documents, not text: reached when the demo has any.
    assert.deepEqual([...pending].filter((p) => !/\/(files|photos)\/\{\w+\}$/.test(p)), [], 'every public GET endpoint was reached with ids the portal hands out');
    assert.deepEqual(leaks, []);
  });
});
