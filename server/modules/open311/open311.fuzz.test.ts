/**
 * Fuzz of the Open311 GeoReport v2 endpoints (issue 8, "Bad input"; server/fuzz.test.ts covers
 * /api/v1): random and malformed requests over discovery, services, a service's definition,
 * the request list, one request and POST requests, in JSON, XML and extensions that are neither;
 * query strings with every parameter the spec names, injection strings, control characters and
 * broken percent-encodings; POST bodies form-encoded or JSON, valid, mutated, missing fields,
 * invalid JSON, invalid UTF-8, huge.
 *
 * Never a 5xx; every refusal in the spec's error format for the format asked (JSON
 * `[{ code, description }]` or XML `<errors>`), its code the HTTP status, its description in
 * Chinese; a refused POST stores nothing; no answer carries a constituent's personal data (the
 * requests' own contacts included). Seeded: LIANXIN_FUZZ_SEED replays a run, LIANXIN_FUZZ_RUNS sets
 * its length (2,000 on SQLite, 500 on PostgreSQL: the CI budget).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { createTestApp, testDialect, type TestApp } from '../../testing/harness.ts';
import { findLeaks, personalDataOf, type Secret } from '../../testing/privacy.ts';

const SEED = Number(process.env.LIANXIN_FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.LIANXIN_FUZZ_RUNS ?? (testDialect() === 'postgres' ? 500 : 2000));
const BASE = '/open311/v2';
const CJK = /[\u4e00-\u9fff]/;

let t: TestApp;
let secrets: Secret[];
let serviceCodes: string[];
let stationIds: string[];
let trackingCodes: string[];
/** Contacts this run sends: a public answer must not show them either. */
const sentContacts = { name: '司马秋云', phone: '13987654321', email: 'sima.qiuyun@example.com' };

before(async () => {
  t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
  serviceCodes = (await t.deps.db.selectFrom('case_categories').select('id').where('active', '=', 1).execute()).map((r) => r.id);
  stationIds = (await t.deps.db.selectFrom('stations').select('id').limit(5).execute()).map((r) => r.id);
  trackingCodes = (await t.deps.db.selectFrom('cases').select('tracking_code').limit(5).execute()).map((r) => r.tracking_code);
  secrets = [
    ...(await personalDataOf(t)).map((s) => ({ ...s, owner: undefined })),
    { kind: 'sent name', text: sentContacts.name }, { kind: 'sent phone', text: sentContacts.phone }, { kind: 'sent e-mail', text: sentContacts.email },
  ];
});
after(() => t?.close());

const INJECTIONS = ["'; DROP TABLE cases; --", "1' OR '1'='1", '<script>alert(1)</script>', '<![CDATA[x]]>', ']]>', '&amp;&lt;', '../../etc/passwd', '__proto__', '${7*7}', 'NaN', '1e309', '-1'];
const CONTROLS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u2028', '\ud800', '\ufffd', '\u202e', '\r\n'];
const WEIRD = ['', ' ', '　', '测试', '𠀀𠀁', '🙂', 'Ａ', 'a'.repeat(5000), '字'.repeat(3000)];
const textArb = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...WEIRD),
  fc.tuple(fc.constantFrom(...WEIRD.slice(0, 5)), fc.constantFrom(...CONTROLS)).map(([a, c]) => `${a}${c}${a}`),
  fc.string({ maxLength: 30 }),
);
const enc = (v: string) => encodeURIComponent(v.toWellFormed());
const BROKEN = ['%', '%FF', '%00', '%ED%A0%80', '%C0%AF', 'a%2Fb', '..'];

type Endpoint = 'discovery' | 'services' | 'service' | 'requests' | 'request' | 'post' | 'unknown';
type Ext = 'json' | 'xml' | 'csv' | '' | 'JSON';
type BodyKind = 'form' | 'json' | 'mutated-form' | 'mutated-json' | 'missing' | 'invalid-json' | 'invalid-utf8' | 'huge' | 'none';
interface FuzzRequest { endpoint: Endpoint; ext: Ext; name: string; query: Array<[string, string]>; body: BodyKind; field: string; value: string; key: boolean }

const QUERY_KEYS = ['jurisdiction_id', 'service_code', 'status', 'start_date', 'end_date', 'service_request_id', 'page', 'page_size', 'lat', 'long', 'x[]', 'a[b]'];
const FIELDS = ['service_code', 'description', 'station_id', 'lat', 'long', 'address_string', 'first_name', 'last_name', 'phone', 'email', 'jurisdiction_id', 'media_url', 'attribute[x]'];

const requestArb = (): fc.Arbitrary<FuzzRequest> => fc.record({
  endpoint: fc.constantFrom<Endpoint>('discovery', 'services', 'service', 'requests', 'requests', 'request', 'request', 'post', 'post', 'post', 'unknown'),
  ext: fc.constantFrom<Ext>('json', 'json', 'xml', 'xml', 'csv', '', 'JSON'),
  name: fc.oneof(
    fc.constantFrom(...serviceCodes, ...trackingCodes, ...stationIds),
    fc.constantFrom(...BROKEN),
    textArb.map((s) => enc(s.slice(0, 120))),
  ),
  query: fc.array(fc.tuple(
    fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 6 }).map(enc)),
    fc.oneof(
      fc.constantFrom('430211', '110101', 'open', 'closed', '2026-11-01', '2026-02-30T25:00:00Z', '2026-11-20T00:00:00+08:00', '1', '0', '-5', '1000000', ...serviceCodes.slice(0, 3), ...trackingCodes.slice(0, 2)),
      fc.constantFrom(...BROKEN),
      textArb.map((s) => enc(s.slice(0, 200))),
    ),
  ), { maxLength: 4 }),
  body: fc.constantFrom<BodyKind>('form', 'form', 'json', 'mutated-form', 'mutated-form', 'mutated-json', 'missing', 'invalid-json', 'invalid-utf8', 'huge', 'none'),
  field: fc.constantFrom(...FIELDS),
  value: fc.oneof(textArb, fc.constantFrom(...serviceCodes, ...stationIds, '27.79', '113.03', '999', '-91', 'abc', '13800000000', 'not-an-email')),
  key: fc.boolean(),
});

/** A valid submission: a service, a description, a station and the constituent's contact. */
function validFields(r: FuzzRequest): Record<string, string> {
  return {
    service_code: serviceCodes[r.name.length % serviceCodes.length]!, description: '小区门口的路灯坏了一个多星期，晚上出行不方便，请尽快修复。',
    station_id: stationIds[r.value.length % stationIds.length]!, first_name: sentContacts.name.slice(2), last_name: sentContacts.name.slice(0, 2),
    phone: sentContacts.phone, email: sentContacts.email,
  };
}

function toInject(r: FuzzRequest): InjectOptions {
  const ext = r.ext ? `.${r.ext}` : '';
  const path = {
    discovery: `/discovery${ext}`, services: `/services${ext}`, service: `/services/${r.name}${ext}`, requests: `/requests${ext}`,
    request: `/requests/${r.name}${ext}`, post: `/requests${ext}`, unknown: `/${r.name}${ext}`,
  }[r.endpoint];
  const qs = r.query.map(([k, v]) => `${k}=${v}`).join('&');
  const url = `${BASE}${path}${qs ? `?${qs}` : ''}`;
  if (r.endpoint !== 'post') return { method: 'GET', url };
  const headers: Record<string, string> = r.key ? { 'idempotency-key': `fuzz-${r.field}-${r.value.length}-${r.name.length}` } : {};
  const fields = validFields(r);
  const formed = (f: Record<string, string>) => ({ payload: new URLSearchParams(f).toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
  const json = (v: unknown) => ({ payload: JSON.stringify(v), headers: { ...headers, 'content-type': 'application/json' } });
  const body = (() => {
    switch (r.body) {
      case 'form': return formed(fields);
      case 'json': return json(fields);
      case 'mutated-form': return formed({ ...fields, [r.field]: r.value.toWellFormed() });
      case 'mutated-json': return json({ ...fields, [r.field]: r.value.length % 3 === 0 ? [r.value] : r.value.length % 3 === 1 ? { a: r.value } : r.value });
      case 'missing': {
        const f: Record<string, string> = { ...fields };
        delete f[r.field];
        return formed(f);
      }
      case 'invalid-json': return { payload: ['{', '{"a":}', '[1,2', '"', '{"description":"\\ud800"}', ''][r.value.length % 6]!, headers: { ...headers, 'content-type': 'application/json' } };
      case 'invalid-utf8': return { payload: Buffer.concat([Buffer.from('description='), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80])]), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } };
      case 'huge': return formed({ ...fields, description: '字'.repeat(400_000) });
      case 'none': return { headers };
    }
  })();
  return { method: 'POST', url, ...body };
}

/** Where the answer says it is in XML (the path's extension); JSON otherwise. */
const wantsXml = (url: string) => /\.xml(\?|$)/i.test(url);

function checkAnswer(res: LightMyRequestResponse, url: string): string | null {
  if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  if (wantsXml(url)) {
    if (!/^text\/xml/.test(String(res.headers['content-type']))) return `${res.statusCode} content-type ${res.headers['content-type']}`;
    const m = /^<\?xml version="1.0" encoding="utf-8"\?>\n<errors><error><code>(\d+)<\/code><description>([^<]*)<\/description><\/error><\/errors>\s*$/.exec(res.body);
    if (!m) return `${res.statusCode} not the spec's XML error: ${res.body.slice(0, 200)}`;
    if (Number(m[1]) !== res.statusCode) return `${res.statusCode} with code ${m[1]}`;
    if (!CJK.test(m[2]!)) return `${res.statusCode} description not zh-CN: ${m[2]}`;
    return null;
  }
  if (!/^application\/json/.test(String(res.headers['content-type']))) return `${res.statusCode} content-type ${res.headers['content-type']}`;
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} is not JSON: ${res.body.slice(0, 200)}`;
  }
  const e = Array.isArray(body) && body.length === 1 ? (body[0] as { code?: unknown; description?: unknown }) : null;
  if (!e || e.code !== res.statusCode || typeof e.description !== 'string') return `${res.statusCode} not the spec's JSON error: ${res.body.slice(0, 200)}`;
  if (!CJK.test(e.description)) return `${res.statusCode} description not zh-CN: ${e.description}`;
  return null;
}

const counts = async () => {
  const n = async (table: 'cases' | 'audit_log' | 'messages' | 'case_events') => Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return JSON.stringify([await n('cases'), await n('case_events'), await n('audit_log'), await n('messages')]);
};

test(`Open311 fuzz: ${RUNS} random and malformed requests (seed ${SEED})`, { timeout: 240_000 }, async () => {
  const requests = fc.sample(requestArb(), { seed: SEED, numRuns: RUNS });
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (const [i, r] of requests.entries()) {
    const opts = toInject(r);
    const url = String(opts.url);
    const before = opts.method === 'POST' ? await counts() : '';
    const res = await t.as(null, opts);
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const label = `#${i} ${opts.method} ${url.slice(0, 160)} body=${opts.method === 'POST' ? r.body : '-'}`;
    const bad = checkAnswer(res, url);
    if (bad) failures.push(`${label} → ${bad}`);
    for (const leak of findLeaks(res.body, secrets)) failures.push(`${label} → personal data in a public answer: ${leak}`);
    if (opts.method === 'POST' && res.statusCode >= 400 && (await counts()) !== before) failures.push(`${label} → ${res.statusCode} but rows were written`);
    if (failures.length >= 25) break;
  }
  const chain = await verifyAuditChain(t.deps.db);
  assert.ok(chain.ok, `the audit chain after the run: ${JSON.stringify(chain)}`);
  const summary = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  assert.deepEqual(failures, [], `seed ${SEED} (replay: LIANXIN_FUZZ_SEED=${SEED} LIANXIN_FUZZ_RUNS=${RUNS}); statuses ${summary}\n  ${failures.join('\n  ')}`);
  // The handlers were reached: reads answered and submissions stored, besides the refusals.
  assert.ok((statuses.get(200) ?? 0) > RUNS / 20 && (statuses.get(201) ?? 0) > RUNS / 100, `too few requests got through: ${summary}`);
  console.log(`Open311 fuzz seed ${SEED}: ${requests.length} requests, statuses ${summary}`);
});
