/**
 * One normal form for every Chinese text the insight module reads (search, classifier,
 * duplicates, hot issues), so that the same message typed differently is the same text: NFKC
 * (full-width letters and digits → half-width, compatibility forms folded), traditional →
 * simplified characters (opencc-js, Hong Kong/Taiwan variants included), Latin lower-cased, emoji,
 * pictographs and control characters dropped, every run of white space → one space. Pure.
 */
import * as OpenCC from 'opencc-js';

/** Longer texts are cut: enough for any real message; features and indexes stay bounded. */
export const MAX_TEXT_CHARS = 20_000;

/** Built on first use (its dictionaries take about 0.15 s to load: start-up waits for none of it). */
let converter: ((s: string) => string) | null = null;
const toSimplified = (s: string): string => (converter ??= OpenCC.Converter({ from: 'hk', to: 'cn' }))(s);
const DROPPED = /[\p{Extended_Pictographic}\p{Cc}\p{Cf}\p{Co}\p{Cs}\u{FE0F}\u{20E3}]/gu;

export function normalise(text: string | null | undefined): string {
  if (!text) return '';
  let s = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  s = s.normalize('NFKC').replace(DROPPED, ' ');
  s = toSimplified(s).toLowerCase();
  return s.replace(/\s+/gu, ' ').trim();
}

/** A Han character (CJK ideograph of any extension block). */
export const isHan = (ch: string): boolean => /\p{Script=Han}/u.test(ch);

/**
 * The text's tokens for search and shingles: every Han character alone, every run of Latin
 * letters or digits as one token; punctuation and spaces separate. `路灯坏了3天 LED` →
 * [路, 灯, 坏, 了, 3, 天, led].
 */
export function tokens(normalised: string): string[] {
  return normalised.match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? [];
}
