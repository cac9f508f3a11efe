/**
 * Personal data out of published text (the suggestion compendium, published case results). Pure.
 *
 * Public text shows no phone or ID number at all, not even partly (QUALITY.md: the 138****5678
 * form is for staff roles that need no more, never for the public).
 *
 * - `maskPersonalText`: the given names become 某某, 18-digit ID card numbers and 11-digit mobile
 *   numbers (also those already half masked, 138****5678) become ***.
 * - `maskCaseText`: the same, plus one person's own phone numbers in any written form (spaces,
 *   dashes, full-width or Chinese digits, +86, landlines) and addresses (the whole address and
 *   its part below the street or town) removed: what a publication is pre-filled with.
 * - `findPersonalData`: what of one person's data a text still holds, to refuse publishing it.
 */
const ID_CARD = /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d\d{4}\d{4}(?!\d)/g;
/** A mobile number with its middle masked by hand or by a staff view (138****5678): still 7 digits of it. */
const HALF_MASKED_MOBILE = /(?<!\d)1[3-9]\d[*＊xX×]{4}\d{4}(?!\d)/g;

/** What replaces a phone or an ID card number in public text. */
export const NUMBER_MASK = '***';

export function maskPersonalText(text: string, names: readonly string[] = []): string {
  let out = text.replace(ID_CARD, NUMBER_MASK).replace(MOBILE, NUMBER_MASK).replace(HALF_MASKED_MOBILE, NUMBER_MASK);
  // Longest first, so 李秀英 is masked whole before a shorter name inside it could be.
  for (const name of usableNames(names)) out = out.replace(spaced(name), '某某');
  return out;
}

/** One person's data as a publication must not show it. */
export interface PersonalData {
  /** Names (the constituent's; one-character names are ignored: they would hit every word). */
  names?: readonly string[];
  /** Phone numbers as stored (normalised: `13812345678`, `073122832001`). */
  phones?: readonly string[];
  /** Addresses as given (`马家河街道新马社区东门`). */
  addresses?: readonly string[];
  /** Other identifiers that must not appear verbatim (a tracking code). */
  codes?: readonly string[];
}

export type PersonalDataKind = 'name' | 'phone' | 'address' | 'code' | 'number';

/** Where an address is replaced. */
export const ADDRESS_MASK = '某处';

function usableNames(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.replace(/\s+/g, '')).filter((n) => [...n].length >= 2))].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for `s` that also matches it written with spaces between its characters (李 秀 英, 新马小区3栋). */
function spaced(s: string): RegExp {
  return new RegExp([...s.replace(/\s+/g, '')].map(escapeRegExp).join('\\s*'), 'g');
}

// ---- phone numbers in any written form ----

const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
// What people put between the digits of a phone number.
const SEPARATOR = /[\s\u00a0\u3000\-‐‑–—－.．·()（）+＋]/;

function digitOf(ch: string): string | null {
  const n = ch.normalize('NFKC');
  if (/^\d$/.test(n)) return n;
  return CHINESE_DIGITS[ch] ?? null;
}

interface DigitRun {
  digits: string;
  /** The index in the text of each digit. */
  at: number[];
}

/** The runs of digits in a text, each allowing up to three separator characters between two digits. */
function digitRuns(text: string): DigitRun[] {
  const chars = [...text];
  const offsets: number[] = [];
  let o = 0;
  for (const c of chars) {
    offsets.push(o);
    o += c.length;
  }
  const runs: DigitRun[] = [];
  let cur: DigitRun | null = null;
  let gap = 0;
  for (let i = 0; i < chars.length; i++) {
    const d = digitOf(chars[i]!);
    if (d !== null) {
      if (!cur) cur = { digits: '', at: [] };
      cur.digits += d;
      cur.at.push(offsets[i]!);
      gap = 0;
    } else if (cur && SEPARATOR.test(chars[i]!) && gap < 3) {
      gap++;
    } else {
      if (cur) runs.push(cur);
      cur = null;
      gap = 0;
    }
  }
  if (cur) runs.push(cur);
  return runs;
}

/** The digit strings a phone may be written as: itself, and for landlines the local number without the area code. */
function phoneForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return [];
  const forms = [digits];
  if (digits.startsWith('0')) {
    const area = /^0(10|2\d)/.test(digits) ? 3 : 4;
    if (digits.length - area >= 7) forms.push(digits.slice(area));
  }
  return forms;
}

/** Spans [start, end) of the text where one of the phones is written, with the digits found. */
function phoneSpans(text: string, phones: readonly string[]): { start: number; end: number; digits: string }[] {
  const forms = [...new Set(phones.flatMap(phoneForms))].sort((a, b) => b.length - a.length);
  if (!forms.length) return [];
  const spans: { start: number; end: number; digits: string }[] = [];
  for (const run of digitRuns(text)) {
    let from = 0;
    while (from < run.digits.length) {
      let hit: { i: number; form: string } | null = null;
      for (const form of forms) {
        const i = run.digits.indexOf(form, from);
        if (i >= 0 && (!hit || i < hit.i)) hit = { i, form };
      }
      if (!hit) break;
      const last = run.at[hit.i + hit.form.length - 1]!;
      spans.push({ start: run.at[hit.i]!, end: last + [...text.slice(last)][0]!.length, digits: hit.form });
      from = hit.i + hit.form.length;
    }
  }
  return spans;
}

// ---- addresses ----

// The end of an administrative unit's name: the part after it is the address within that unit.
// 小区, 社区, 园区… end with 区 and 菜市场 holds 市, but they are places, not units.
const UNIT_END = /(省|市(?!场)|(?<![小社园校厂营景城片街矿山郊库])区|县|街道|镇|乡)/g;

/**
 * The pieces of an address that point at a place: the whole address and every part of it after a
 * province, city, district, county, street or town name (马家河街道新马社区东门 → 新马社区东门),
 * when that part is at least 4 characters long. Longest first.
 */
export function addressFragments(address: string): string[] {
  const a = address.replace(/\s+/g, '');
  if ([...a].length < 2) return [];
  const out = new Set([a]);
  for (const m of a.matchAll(UNIT_END)) {
    const rest = a.slice(m.index + m[0].length);
    if ([...rest].length >= 4) out.add(rest);
  }
  return [...out].sort((x, y) => y.length - x.length);
}

/**
 * A publication's pre-filled text: the person's phones (any form) masked, the addresses replaced by
 * 某处, then `maskPersonalText` (names → 某某, any other mobile and ID number masked).
 */
export function maskCaseText(text: string, d: PersonalData): string {
  let out = text;
  // The person's phones, and any mobile number written with spaces or dashes, as ***.
  const spans = phoneSpans(out, d.phones ?? []);
  for (const r of digitRuns(out)) {
    if (!/^(86)?1[3-9]\d{9}$/.test(r.digits)) continue;
    const start = r.at[0]!;
    const last = r.at[r.at.length - 1]!;
    if (!spans.some((s) => s.start < last + 1 && start < s.end)) spans.push({ start, end: last + [...out.slice(last)][0]!.length, digits: r.digits.slice(-11) });
  }
  for (const s of spans.sort((a, b) => b.start - a.start)) out = `${out.slice(0, s.start)}${NUMBER_MASK}${out.slice(s.end)}`;
  const fragments = [...new Set((d.addresses ?? []).flatMap(addressFragments))].sort((a, b) => b.length - a.length);
  for (const f of fragments) out = out.replace(spaced(f), ADDRESS_MASK);
  for (const code of d.codes ?? []) if (code.length >= 6) out = out.split(code).join('');
  return maskPersonalText(out, d.names ?? []);
}

/**
 * The first piece of the person's data still in the text, or null: a name (spaces between its
 * characters do not hide it), a phone in any written form, an address or the detailed part of one,
 * a code; and `number` for any unmasked mobile or ID card number (someone else's is not for the public either).
 */
export function findPersonalData(text: string, d: PersonalData): { kind: PersonalDataKind; value: string } | null {
  for (const name of usableNames(d.names ?? [])) if (spaced(name).test(text)) return { kind: 'name', value: name };
  const phone = phoneSpans(text, d.phones ?? [])[0];
  if (phone) return { kind: 'phone', value: phone.digits };
  for (const address of d.addresses ?? []) {
    for (const f of addressFragments(address)) if (spaced(f).test(text)) return { kind: 'address', value: f };
  }
  const flat = text.toUpperCase();
  for (const code of d.codes ?? []) if (code.length >= 6 && flat.replace(/[\s-]/g, '').includes(code.toUpperCase())) return { kind: 'code', value: code };
  const id = new RegExp(ID_CARD.source).exec(text);
  if (id) return { kind: 'number', value: id[0] };
  // A mobile number however it is written: the whole run of digits is one (with +86 or without).
  const mobile = digitRuns(text).find((r) => /^(86)?1[3-9]\d{9}$/.test(r.digits));
  if (mobile) return { kind: 'number', value: mobile.digits };
  const half = new RegExp(HALF_MASKED_MOBILE.source).exec(text);
  if (half) return { kind: 'number', value: half[0] };
  return null;
}
