import type { PiiCipher } from '../../../platform/crypto/pii.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { findPersonalData, maskCaseText, type PersonalData, type PersonalDataKind } from '../../../platform/text/mask-text.ts';
import { casesRepository, type CaseRow } from '../cases.repository.ts';
import { publicationErrors } from './publication.errors.ts';

/**
 * What must never reach the public from a case: its constituent's name, phone numbers, email, address
 * and tracking code, and those of the cases merged into it (their people are behind the same result).
 * Decrypted only here, to mask and to check text; never returned by an API.
 */
export async function personalDataOf(db: Executor, pii: PiiCipher, c: CaseRow): Promise<PersonalData> {
  const merged = await casesRepository.mergedInto(db, c.id);
  const rows = [c, ...(await Promise.all(merged.map((m) => casesRepository.get(db, m.id)))).filter((r): r is CaseRow => !!r)];
  const dec = (v: string | null) => (v ? pii.decrypt(v).trim() : '');
  const names = new Set<string>();
  const phones = new Set<string>();
  const addresses = new Set<string>();
  const codes = new Set<string>();
  for (const r of rows) {
    if (dec(r.contact_name)) names.add(dec(r.contact_name));
    if (dec(r.contact_phone)) phones.add(dec(r.contact_phone));
    if (dec(r.contact_email)) codes.add(dec(r.contact_email));
    if (r.location_address?.trim()) addresses.add(r.location_address.trim());
    codes.add(r.tracking_code);
  }
  return { names: [...names], phones: [...phones], addresses: [...addresses], codes: [...codes] };
}

export const maskForPublication = (text: string, d: PersonalData): string => maskCaseText(text, d);

const WHAT: Record<PersonalDataKind, string> = {
  name: '反映人的姓名',
  phone: '反映人的电话号码',
  address: '反映人的地址或具体位置',
  code: '查询码或联系方式',
  number: '完整的手机号码或身份证号码',
};

export const PUBLIC_FIELDS = { title: '标题', summary: '问题概述', result: '办理结果' } as const;
export type PublicField = keyof typeof PUBLIC_FIELDS;

/** Refuses (400, naming the field) a public text that still holds the person's data; fields checked in their order on the page. */
export function refusePersonalData(texts: Record<PublicField, string>, d: PersonalData): void {
  for (const field of Object.keys(PUBLIC_FIELDS) as PublicField[]) {
    const found = findPersonalData(texts[field], d);
    if (found) {
      throw publicationErrors.PERSONAL_DATA(`${PUBLIC_FIELDS[field]}中仍含有${WHAT[found.kind]}，请删除或改写后再提交`, { field: `body.${field}`, kind: found.kind });
    }
  }
}
