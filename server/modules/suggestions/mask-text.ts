/**
 * Personal data out of published text (the compendium): the names of the constituents behind the
 * linked cases become 某某, 18-digit ID card numbers keep their first 4 and last 2 characters,
 * 11-digit mobile numbers their first 3 and last 4 (138****5678). Pure.
 */
const ID_CARD = /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

export function maskPersonalText(text: string, names: readonly string[] = []): string {
  let out = text.replace(ID_CARD, (s) => `${s.slice(0, 4)}${'*'.repeat(12)}${s.slice(-2)}`).replace(MOBILE, (_s, a: string, _b: string, c: string) => `${a}****${c}`);
  // Longest first, so 李秀英 is masked whole before a shorter name inside it could be.
  for (const name of [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length)) {
    out = out.split(name).join('某某');
  }
  return out;
}
