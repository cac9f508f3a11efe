/**
 * Fixtures for the publication tests: the cases fixture (every demo account signed in), the demo's
 * cases by title, a closed case made through the API with the constituent's data written into its
 * text and reply, and the demo constituents' data a public page must never show.
 */
import assert from 'node:assert/strict';
import type { CasePublicationOut, CasePublicationState } from '../../../../shared/case-publications.ts';
import type { CasesFixture, User } from '../testing.ts';
import { api, createPublicCase, step } from '../testing.ts';
import { formatTrackingCode } from '../tracking-code.ts';

export { casesFixture, api, type CasesFixture } from '../testing.ts';

/** The demo case's id, by its title. */
export async function demoCase(f: CasesFixture, title: string): Promise<string> {
  const row = await f.t.deps.db.selectFrom('cases').select('id').where('title', '=', title).executeTakeFirst();
  assert.ok(row, `demo case ${title}`);
  return row.id;
}

export async function stateOf(f: CasesFixture, caseId: string, u: User = 'admin'): Promise<CasePublicationState> {
  const res = await api(f, u, 'GET', `/cases/${caseId}/publication`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as CasePublicationState;
}

export async function publicationOf(f: CasesFixture, caseId: string): Promise<CasePublicationOut> {
  const s = await stateOf(f, caseId);
  assert.ok(s.publication, 'the case has a publication');
  return s.publication;
}

export async function ok<T = CasePublicationOut>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as T;
}

/** POST /case-publications/:id/<action> at the publication's current version. */
export async function pubAct(f: CasesFixture, u: User, pub: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) {
  return api(f, u, 'POST', `/case-publications/${pub.id}/${action}`, { version: pub.version, ...extra });
}

export const LEAKY = {
  name: '欧阳秀兰',
  phone: '13912345678',
  address: '马家河街道新马小区 9 栋 2 单元',
};

/**
 * A case from the public form whose text and department reply name the constituent, her phone (written
 * with spaces) and her address, driven to closed (assigned to dept, replied, feedback, rated 满意).
 */
export async function leakyClosedCase(f: CasesFixture, extra: Record<string, unknown> = {}): Promise<{ id: string; trackingCode: string }> {
  const c = await createPublicCase(f, {
    title: `${LEAKY.name}反映楼道漏水`,
    content: `我是${LEAKY.name}，住在${LEAKY.address}，楼道顶上漏水一个多月了。电话 139 1234 5678。`,
    contact: { name: LEAKY.name, phone: LEAKY.phone },
    location: { address: LEAKY.address },
    ...extra,
  });
  await step(f, c.id, 'accept');
  await step(f, c.id, 'assign');
  await step(f, c.id, 'dept-accept');
  await step(f, c.id, 'reply', { content: `已联系${LEAKY.name}（${LEAKY.phone}），派人到新马小区9栋2单元修补屋面防水层，漏水已止住。` });
  await step(f, c.id, 'feedback');
  await step(f, c.id, 'follow-up', { rating: 'satisfied' });
  return c;
}

/** Every demo constituent's name, phone, email, address and tracking code (decrypted here, in the test), with the forms a page could show them in. */
export async function demoSecrets(f: CasesFixture): Promise<string[]> {
  const rows = await f.t.deps.db.selectFrom('cases').select(['contact_name', 'contact_phone', 'contact_email', 'location_address', 'tracking_code']).execute();
  const out = new Set<string>();
  const dec = (v: string | null) => (v ? f.t.deps.pii.decrypt(v) : null);
  for (const r of rows) {
    const name = dec(r.contact_name);
    if (name && [...name].length >= 2) out.add(name);
    const phone = dec(r.contact_phone);
    if (phone) {
      out.add(phone);
      if (phone.length === 11) out.add(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`).add(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
    }
    const email = dec(r.contact_email);
    if (email) out.add(email);
    if (r.location_address) out.add(r.location_address).add(r.location_address.replace(/\s+/g, ''));
    out.add(r.tracking_code).add(formatTrackingCode(r.tracking_code));
  }
  return [...out];
}
