/**
 * What the public must never read (QUALITY.md, "Privacy"): constituents' names, phone numbers in
 * any revealing form, e-mail addresses, ID-card numbers. Shared by the portal's crawl
 * (modules/portal/privacy-scan.test.ts), the access matrix and the fuzz run over the public API.
 */
import type { TestApp } from './harness.ts';
import { DEMO_CASES } from '../modules/cases/index.ts';

/** 18-digit resident ID numbers: region, birth date (19xx/20xx), sequence, check digit. */
const ID_CARD = /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;
/** Any mainland mobile number written whole (with or without +86, spaces or dashes in the 3-4-4 places). */
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/;
/** Any mainland mobile number half masked (138****5678): seven of its digits, not for the public either (QUALITY.md). */
const HALF_MASKED_MOBILE = /(?<![0-9A-Za-z])1[3-9]\d[*＊xX×]{4}\d{4}(?![0-9A-Za-z])/;

export interface Secret { kind: string; text: string; owner?: string }

/** The written forms of a phone number that reveal it: whole, 3-4-4, or seven of its digits with the rest masked. */
export function phoneForms(phone: string): string[] {
  const d = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (d.length !== 11) return d.length >= 7 ? [d] : [];
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 7), d.slice(7)];
  // Staff views mask as 138****5678; the public sees no such form either, nor one showing the middle digits.
  return [d, `${a} ${b} ${c}`, `${a}-${b}-${c}`, `${a}****${c}`, `${a} **** ${c}`, `${a}${b}****`, `${a} ${b} ****`, `***${b}${c}`, `****${b.slice(1)}${c}`];
}

/** What of `secrets` (and of the generic ID-card and mobile patterns) a response body contains. */
export function findLeaks(body: string, secrets: readonly Secret[], ownerOfRequest?: string): string[] {
  const out: string[] = [];
  const lower = body.toLowerCase();
  for (const s of secrets) {
    if (ownerOfRequest && s.owner === ownerOfRequest) continue;
    if (lower.includes(s.text.toLowerCase())) out.push(`${s.kind} “${s.text}”`);
  }
  const id = ID_CARD.exec(body);
  if (id) out.push(`ID-card number “${id[0]}”`);
  const mobile = MOBILE.exec(body);
  if (mobile) out.push(`mobile number “${mobile[0]}”`);
  const half = HALF_MASKED_MOBILE.exec(body);
  if (half) out.push(`half-masked mobile number “${half[0]}”`);
  return out;
}

export interface Person { name?: string | null; phone?: string | null; email?: string | null }

/** What of one person must never show: the name (two characters or more), every revealing form of the phone, the e-mail. */
export function personSecrets(kind: string, p: Person, owner?: string): Secret[] {
  const out: Secret[] = [];
  if (p.name && p.name.trim().length >= 2) out.push({ kind: `${kind} name`, text: p.name.trim(), owner });
  for (const f of phoneForms(p.phone ?? '')) out.push({ kind: `${kind} phone`, text: f, owner });
  if (p.email) out.push({ kind: `${kind} e-mail`, text: p.email, owner });
  return out;
}

/**
 * The people of the demo cases as written, and every constituent and public proposer the database
 * holds (decrypted), each case's contact owned by its tracking code (its own tracking view may
 * show them to the one who holds the code).
 */
export async function personalDataOf(t: TestApp): Promise<Secret[]> {
  const secrets: Secret[] = [];
  const add = (kind: string, p: Person, owner?: string) => secrets.push(...personSecrets(kind, p, owner));
  const clear = (v: string | null | undefined) => (v ? t.deps.pii.decrypt(v) : null);
  for (const c of DEMO_CASES) add('demo constituent', c.contact ?? {});
  for (const c of await t.deps.db.selectFrom('cases').select(['tracking_code', 'contact_name', 'contact_phone', 'contact_email']).execute()) {
    add('constituent', { name: clear(c.contact_name), phone: clear(c.contact_phone), email: clear(c.contact_email) }, c.tracking_code);
  }
  for (const p of await t.deps.db.selectFrom('project_proposals').select(['proposer_name', 'proposer_phone']).execute()) {
    add('proposer', { name: clear(p.proposer_name), phone: clear(p.proposer_phone) });
  }
  return secrets;
}
