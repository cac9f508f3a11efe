import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { DEMO_CASES } from '../cases/index.ts';

const BASE = '/open311/v2';
const PERSON = { first_name: '秀英', last_name: '欧阳', phone: '13812345678', email: 'ouyang.xiuying@example.com' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

interface Secret { kind: string; text: string }
/** The demo's constituents' names and phones, and any whole mobile number or e-mail address: never in a public answer. */
function findLeaks(body: string, secrets: readonly Secret[]): string[] {
  const out = secrets.filter((s) => body.includes(s.text)).map((s) => `${s.kind} “${s.text}”`);
  const mobile = /(?<![0-9A-Za-z])1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/.exec(body);
  if (mobile) out.push(`mobile “${mobile[0]}”`);
  const email = /[\w.+-]+@[\w-]+\.[\w.]+/.exec(body);
  if (email) out.push(`email “${email[0]}”`);
  return out;
}

interface Service { service_code: string; service_name: string; description: string; metadata: boolean; type: string; keywords: string; group: string }
type Req = Record<string, string | number | null>;

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let admin: Session;
  let services: Service[];
  let secrets: Secret[];
  const stationId = async (name: string) => (await t.deps.db.selectFrom('stations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const get = (url: string) => t.as(null, { method: 'GET', url });
  const post = (fmt: 'json' | 'xml', payload: string | Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.as(null, { method: 'POST', url: `${BASE}/requests.${fmt}`, payload: payload as never, headers: typeof payload === 'string' ? { ...FORM, ...headers } : headers });
  const countCases = async () => Number((await t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  /** The spec's error body, in JSON or XML, with this status; the description names the parameter. */
  function specError(res: LightMyRequestResponse, status: number, mentions: string, fmt: 'json' | 'xml' = 'json') {
    assert.equal(res.statusCode, status, `${mentions}: ${res.body}`);
    if (fmt === 'json') {
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const body = res.json() as Array<{ code: number; description: string }>;
      assert.equal(body.length, 1);
      assert.equal(body[0]!.code, status);
      assert.ok(body[0]!.description.includes(mentions), `“${body[0]!.description}” names ${mentions}`);
      assert.match(body[0]!.description, /[\u4e00-\u9fff]/, 'described in Chinese');
    } else {
      assert.match(String(res.headers['content-type']), /^text\/xml/);
      assert.match(res.body, new RegExp(`^<\\?xml version="1.0" encoding="utf-8"\\?>\\n<errors><error><code>${status}</code><description>[^<]*${mentions}[^<]*</description></error></errors>`));
    }
  }

  /** A request that is refused writes nothing. */
  async function refused(run: () => Promise<LightMyRequestResponse>, status: number, mentions: string, fmt: 'json' | 'xml' = 'json') {
    const before = await countCases();
    specError(await run(), status, mentions, fmt);
    assert.equal(await countCases(), before, `${mentions}: nothing stored`);
  }

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    admin = await t.login('admin');
    secrets = DEMO_CASES.flatMap((c) => [
      ...(c.contact?.name ? [{ kind: 'name', text: c.contact.name }] : []),
      ...(c.contact?.phone ? [{ kind: 'phone', text: c.contact.phone }, { kind: 'phone', text: `${c.contact.phone.slice(0, 3)}****${c.contact.phone.slice(-4)}` }] : []),
    ]);
    assert.ok(secrets.length > 10);
  });
  after(() => t.close());

  test('discovery and services, JSON and XML: services are the district\'s active categories', async () => {
    const d = await get(`${BASE}/discovery.json`);
    assert.equal(d.statusCode, 200, d.body);
    assert.equal(d.json().endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.match((await get(`${BASE}/discovery.xml`)).body, /<discovery>.*<endpoints><endpoint><specification>http:\/\/wiki.open311.org\/GeoReport_v2<\/specification>.*<formats><format>application\/json<\/format><format>text\/xml<\/format><\/formats>/s);

    const res = await get(`${BASE}/services.json`);
    assert.equal(res.statusCode, 200, res.body);
    services = res.json() as Service[];
    const active = await t.deps.db.selectFrom('case_categories').select(['id', 'name']).where('district_code', '=', '430211').where('active', '=', 1).orderBy('sort').orderBy('id').execute();
    assert.deepEqual(services.map((s) => [s.service_code, s.service_name]), active.map((c) => [c.id, c.name]));
    for (const s of services) assert.deepEqual([s.metadata, s.type, s.group, typeof s.description], [false, 'realtime', '群众诉求', 'string']);

    const xml = await get(`${BASE}/services.xml`);
    assert.equal(xml.statusCode, 200);
    assert.match(String(xml.headers['content-type']), /^text\/xml; charset=utf-8/);
    assert.ok(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>'));
    assert.equal(xml.body.match(/<service>/g)?.length, services.length);
    assert.ok(xml.body.includes(`<service_name>${services[0]!.service_name}</service_name><description>`));
    assert.ok(xml.body.includes('<metadata>false</metadata><type>realtime</type>'));

    assert.equal((await get(`${BASE}/services.json?jurisdiction_id=430211`)).statusCode, 200);
    specError(await get(`${BASE}/services.json?jurisdiction_id=110101`), 404, 'jurisdiction_id');
    specError(await get(`${BASE}/services.xml?jurisdiction_id=110101`), 404, 'jurisdiction_id', 'xml');

    const def = await get(`${BASE}/services/${services[0]!.service_code}.json`);
    assert.deepEqual(def.json(), { service_code: services[0]!.service_code, attributes: [] });
    assert.match((await get(`${BASE}/services/${services[0]!.service_code}.xml`)).body, /<service_definition><service_code>[^<]+<\/service_code><attributes\/?>(<\/attributes>)?<\/service_definition>/);
    specError(await get(`${BASE}/services/nope.json`), 404, 'service_code');
    specError(await get(`${BASE}/services/nope.xml`), 404, 'service_code', 'xml');
    specError(await get(`${BASE}/services/nope.csv`), 404, '.json');
    specError(await get(`${BASE}/nothing.json`), 404, 'Open311');
  });

  test('POST requests (form-encoded): a public case at the station nearest to lat/long, shown in the console list', async () => {
    const before = await countCases();
    const res = await post('json', form({
      service_code: services[0]!.service_code, description: '新马路和新马东路口的红绿灯坏了三天，早晚高峰很危险。',
      lat: '27.7911', long: '113.0330', address_string: '马家河街道新马路与新马东路交叉口', ...PERSON, api_key: 'anything', 'attribute[x]': 'ignored',
    }));
    assert.equal(res.statusCode, 201, res.body);
    const [created] = res.json() as Array<{ service_request_id: string; service_notice: string; account_id: null }>;
    assert.match(created!.service_request_id, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.equal(await countCases(), before + 1);
    const row = await t.deps.db.selectFrom('cases').selectAll().where('tracking_code', '=', created!.service_request_id.replace(/-/g, '')).executeTakeFirstOrThrow();
    assert.equal(row.station_id, await stationId('马家河街道代表联系群众工作站'));
    assert.deepEqual([row.channel, row.category, row.status, row.location_lat, row.location_lng], ['online', services[0]!.service_name, 'submitted', 27.7911, 113.033]);
    assert.equal(t.deps.pii.decrypt(row.contact_name!), '欧阳秀英', 'family name first, as Chinese names are written');
    assert.equal(t.deps.pii.decrypt(row.contact_phone!), '13812345678');
    assert.ok(!res.body.includes('欧阳') && !res.body.includes('13812345678'));

    // It is a case like any other: in the console's list.
    const list = await t.as(admin, { method: 'GET', url: `/api/v1/cases?stationId=${row.station_id}&status=submitted&limit=100` });
    assert.equal(list.statusCode, 200, list.body);
    assert.ok((list.json() as { items: Array<{ id: string }> }).items.some((c) => c.id === row.id), 'listed in the console');

    // The submitter follows it by its id (the tracking code): what the tracking page shows, no personal data.
    const one = await get(`${BASE}/requests/${created!.service_request_id}.json`);
    assert.equal(one.statusCode, 200, one.body);
    const [r] = one.json() as Req[];
    assert.deepEqual([r!.service_request_id, r!.status, r!.description, r!.station_name, r!.lat, r!.address], [created!.service_request_id, 'open', row.title, '马家河街道代表联系群众工作站', null, null]);
    assert.deepEqual(findLeaks(one.body, [...secrets, { kind: 'name', text: '欧阳秀英' }, { kind: 'email', text: PERSON.email }, { kind: 'address', text: '新马东路交叉口' }]), []);
    const oneXml = await get(`${BASE}/requests/${created!.service_request_id.toLowerCase()}.xml`);
    assert.match(oneXml.body, new RegExp(`<service_requests><request><service_request_id>${created!.service_request_id}</service_request_id><status>open</status>`));
    const byQuery = await get(`${BASE}/requests.json?service_request_id=${created!.service_request_id}`);
    assert.deepEqual((byQuery.json() as Req[]).map((x) => x.service_request_id), [created!.service_request_id]);
  });

  test('POST requests.xml with JSON: station by station_id or by the street in address_string; Idempotency-Key makes a retry one case', async () => {
    const li = await stationId('栗雨街道人大代表联络站');
    const res = await post('xml', { service_code: services[1]!.service_code, description: '栗雨小区垃圾站清运不及时，气味很大。', address_string: '株洲市天元区栗雨街道栗雨小区 2 栋旁' });
    assert.equal(res.statusCode, 201, res.body);
    const code = /<service_request_id>([^<]+)<\/service_request_id>/.exec(res.body)![1]!;
    assert.ok(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>'));
    const row = await t.deps.db.selectFrom('cases').select(['station_id', 'contact_name']).where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { station_id: li, contact_name: null });

    const qun = await stationId('群丰镇人大代表联络站');
    const body = { service_code: services[0]!.service_code, description: '群丰镇集镇的路面坑洼，雨天积水。', station_id: qun };
    const headers = { 'idempotency-key': 'open311-retry-0001' };
    const before = await countCases();
    const [a, b] = await Promise.all([post('json', body, headers), post('json', body, headers)]);
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(b.statusCode, 201, b.body);
    assert.equal(a.json()[0].service_request_id, b.json()[0].service_request_id);
    assert.equal(await countCases(), before + 1, 'one case');
    const again = await post('json', body, headers);
    assert.equal(again.json()[0].service_request_id, a.json()[0].service_request_id);
    specError(await post('json', { ...body, description: '另一件事' }, headers), 409, 'Idempotency-Key');
    specError(await post('json', body, { 'idempotency-key': 'short' }), 400, 'Idempotency-Key');
  });

  test('bad input: the spec\'s error format, in Chinese, naming the parameter; nothing stored', async () => {
    const code = services[0]!.service_code;
    const ok = { service_code: code, description: '路灯不亮' };
    await refused(() => post('json', form({ description: '路灯不亮', lat: '27.79', long: '113.03' })), 400, 'service_code');
    await refused(() => post('xml', form({ description: '路灯不亮', lat: '27.79', long: '113.03' })), 400, 'service_code', 'xml');
    await refused(() => post('json', form({ service_code: code, lat: '27.79', long: '113.03' })), 400, 'description');
    await refused(() => post('json', form({ service_code: 'no-such-service', description: '路灯不亮', lat: '27.79', long: '113.03' })), 404, 'service_code');
    // What the caller typed is not repeated in the public answer (a phone number typed as the code, found by the fuzz).
    const typed = await post('json', form({ service_code: '13800000000', description: '路灯不亮', lat: '27.79', long: '113.03' }));
    assert.equal(typed.statusCode, 404);
    assert.ok(!typed.body.includes('13800000000'), typed.body);
    await refused(() => post('json', form(ok)), 400, 'station_id');
    await refused(() => post('json', form({ ...ok, lat: '27.79' })), 400, 'lat');
    await refused(() => post('json', form({ ...ok, lat: 'north', long: '113.03' })), 400, 'lat');
    await refused(() => post('json', form({ ...ok, lat: '95', long: '113.03' })), 400, 'lat');
    await refused(() => post('json', form({ ...ok, lat: '39.9042', long: '116.4074' })), 400, 'lat');
    await refused(() => post('json', form({ ...ok, address_string: '北京市东城区王府井大街' })), 400, 'address_string');
    await refused(() => post('json', form({ ...ok, lat: '27.79', long: '113.03', phone: 'call me maybe' })), 400, 'phone');
    await refused(() => post('json', form({ ...ok, lat: '27.79', long: '113.03', email: 'not-an-email' })), 400, 'email');
    await refused(() => post('json', form({ ...ok, station_id: 'not-a-station' })), 400, 'station_id');
    await refused(() => post('json', form({ ...ok, lat: '27.79', long: '113.03', description: '路灯\u0007不亮' })), 400, 'description');
    await refused(() => post('json', form({ ...ok, lat: '27.79', long: '113.03', jurisdiction_id: '110101' })), 404, 'jurisdiction_id');
    await refused(() => post('json', { ...ok, lat: '27.79', long: '113.03', description: 12345 }), 400, 'description');
    await refused(() => post('json', { ...ok, lat: '27.79', long: '113.03', first_name: ['a'] }), 400, 'first_name');
    await refused(() => post('json', `${form({ ...ok, lat: '27.79', long: '113.03' })}&description=%E8%B7%AF%FF`), 400, 'body');
    await refused(() => post('json', `${form({ ...ok, lat: '27.79', long: '113.03' })}&description=%E8%B7`), 400, 'body');
    await refused(() => t.as(null, { method: 'POST', url: `${BASE}/requests.json`, payload: '{"service_code": ', headers: { 'content-type': 'application/json' } }), 400, 'JSON');
    await refused(() => t.as(null, { method: 'POST', url: `${BASE}/requests.xml`, payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } }), 400, 'UTF-8', 'xml');
    await refused(() => post('json', form({ ...ok, lat: '27.79', long: '113.03', description: '长'.repeat(400_000) })), 413, '过大');
    await refused(() => post('json', form({ ...ok, lat: '27.79', long: '113.03', description: '长'.repeat(4001) })), 400, 'description');
  });

  test('GET requests: the published results only, never personal data; filters; bad filters named', async () => {
    const res = await get(`${BASE}/requests.json`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json() as Req[];
    const published = await t.deps.db.selectFrom('case_publications').select('id').where('status', '=', 'published').execute();
    assert.ok(items.length > 0, 'the demo has published results');
    assert.ok(items.length <= published.length);
    const ids = new Set(published.map((p) => p.id));
    for (const r of items) {
      assert.ok(ids.has(String(r.service_request_id)), 'only published results are listed');
      assert.deepEqual([r.status, r.lat, r.long, r.address, r.requested_datetime], ['closed', null, null, null, null]);
    }
    assert.deepEqual(findLeaks(res.body, secrets), []);
    const xml = await get(`${BASE}/requests.xml`);
    assert.equal(xml.body.match(/<request>/g)?.length, items.length);
    assert.deepEqual(findLeaks(xml.body, secrets), []);

    const one = await get(`${BASE}/requests/${items[0]!.service_request_id}.json`);
    assert.deepEqual(one.json(), [items[0]]);
    assert.deepEqual(await (await get(`${BASE}/requests.json?status=open`)).json(), []);
    assert.equal((await get(`${BASE}/requests.json?status=open,closed`)).json().length, items.length);
    const withCode = items.find((r) => r.service_code)!;
    const byService = (await get(`${BASE}/requests.json?service_code=${withCode.service_code}`)).json() as Req[];
    assert.ok(byService.length > 0 && byService.every((r) => r.service_code === withCode.service_code));
    assert.deepEqual((await get(`${BASE}/requests.json?start_date=2030-01-01T00:00:00Z`)).json(), []);
    const day = String(items.find((r) => r.updated_datetime)!.updated_datetime);
    const sameDay = (await get(`${BASE}/requests.json?start_date=${encodeURIComponent(day)}&end_date=${encodeURIComponent(day)}`)).json() as Req[];
    assert.ok(sameDay.length > 0 && sameDay.every((r) => r.updated_datetime === day));

    specError(await get(`${BASE}/requests.json?start_date=yesterday`), 400, 'start_date');
    specError(await get(`${BASE}/requests.json?start_date=2026-02-30`), 400, 'start_date');
    specError(await get(`${BASE}/requests.json?start_date=2026-11-02&end_date=2026-11-01`), 400, 'end_date');
    specError(await get(`${BASE}/requests.json?status=pending`), 400, 'status');
    specError(await get(`${BASE}/requests.xml?service_code=nope`), 404, 'service_code', 'xml');
    specError(await get(`${BASE}/requests/NOT-A-CODE.json`), 404, 'service_request_id');
    specError(await get(`${BASE}/requests/0000-0000-0000-0000.xml`), 404, 'service_request_id', 'xml');
  });
});
