import { pinyin } from 'pinyin-pro';

/**
 * A key that sorts Chinese names the way people look them up: by pinyin (三门镇 before
 * 嵩山路街道 before 天易科技城), then by the characters themselves for homophones. Both
 * databases compare it bytewise, so the order is the same on SQLite and PostgreSQL.
 */
export function chineseSortKey(s: string): string {
  const syllables = pinyin(s, { toneType: 'num', type: 'array', nonZh: 'consecutive', v: true });
  // Tone numbers sort after the letters of a syllable ("ma1" < "ma3" < "mai2" needs the tone last):
  // drop them from the main key and keep the tones as a second key.
  const letters = syllables.map((p) => p.replace(/[0-9]/g, '').toLowerCase()).join(' ');
  const tones = syllables.map((p) => /[0-9]/.exec(p)?.[0] ?? '0').join('');
  // Two spaces end the letters: they sort before " " + the next syllable, so 三 comes before 三门.
  // (Printable, because keys travel in cursors, which refuse control characters.)
  return `${letters}  ${tones}  ${s}`;
}
