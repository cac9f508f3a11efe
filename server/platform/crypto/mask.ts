/**
 * Phone normalisation and masking. Normalised phones are what gets hashed for look-ups, so
 * "138 1234 5678", "+86 138-1234-5678" and "１３８１２３４５６７８" (full-width, as typed with a
 * Chinese input method) must all become the same string. Masks are what roles that need not
 * see the full value (station staff, deputies) are shown.
 */

const MOBILE = /^1[3-9]\d{9}$/;
// 0 + area code (2–3 more digits) + local number (7–8 digits): 10 to 12 digits in all.
const LANDLINE = /^0[1-9]\d{8,10}$/;
// Area codes with two digits after the 0: 010 (Beijing) and 020–029 (Guangzhou, Shanghai, Tianjin, Chongqing, …).
const SHORT_AREA_CODE = /^0(10|2\d)/;

/** `13812345678` for mobiles, `073122832001` for landlines (area code kept), `null` when it is not a Chinese phone number. */
export function normalisePhone(raw: string): string | null {
  // NFKC turns full-width digits, plus signs and brackets into ASCII.
  let s = raw.normalize('NFKC').trim().replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(s)) return null;
  const prefix = /^(\+86|0086)/.exec(s)?.[0];
  const international = prefix !== undefined;
  if (prefix) s = s.slice(prefix.length);
  else if (s.startsWith('+')) return null; // another country
  else if (s.length === 13 && s.startsWith('86') && MOBILE.test(s.slice(2))) s = s.slice(2);
  if (MOBILE.test(s)) return s;
  // Dialled from abroad, a landline drops the trunk 0: +86 731 2283 2001.
  if (international && !s.startsWith('0')) s = `0${s}`;
  return LANDLINE.test(s) ? s : null;
}

/** `138****5678`; landlines keep the area code and the last 3–4 digits (`0731****2001`). Anything else keeps only its last 2 characters. */
export function maskPhone(raw: string): string {
  const phone = normalisePhone(raw);
  if (phone && MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone) {
    const area = SHORT_AREA_CODE.test(phone) ? 3 : 4;
    const local = phone.slice(area);
    return `${phone.slice(0, area)}****${local.slice(4)}`;
  }
  const chars = Array.from(raw.trim());
  return chars.length <= 2 ? '*'.repeat(chars.length) : `${'*'.repeat(Math.min(chars.length - 2, 8))}${chars.slice(-2).join('')}`;
}

const graphemes = (s: string): string[] => Array.from(new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(s), (g) => g.segment);

/** `张三丰` → `张*丰`, `张三` → `张*`, `欧阳娜娜` → `欧**娜`; a one-character name is fully masked. */
export function maskName(raw: string): string {
  const g = graphemes(raw.trim());
  if (g.length <= 1) return '*'.repeat(g.length);
  if (g.length === 2) return `${g[0]}*`;
  return `${g[0]}${'*'.repeat(g.length - 2)}${g[g.length - 1]}`;
}

/** `zhangsan@example.com` → `z***@example.com`: a fixed-length mask, so the length of the name is not told either. */
export function maskEmail(raw: string): string {
  const s = raw.trim();
  const at = s.lastIndexOf('@');
  if (at <= 0) return maskName(s);
  const first = graphemes(s.slice(0, at))[0]!;
  return `${at === first.length ? '' : first}***${s.slice(at)}`;
}
