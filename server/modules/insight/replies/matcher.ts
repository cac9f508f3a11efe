/**
 * Finding the elements of a reply in a normalised text, given their patterns (patterns.ts, or a
 * fresh set while mining). Pure.
 */
import { phraseSource } from './mine.ts';

/** The five things a good reply to a constituent says (docs/plans/insight.md, reply-quality hints). */
export const REPLY_ELEMENTS = ['greeting', 'facts', 'measure', 'timeframe', 'contact'] as const;
export type ReplyElement = (typeof REPLY_ELEMENTS)[number];

export interface ElementPatterns {
  /** Phrases as they are written after normalise(); `#` stands for a number (15, 三, 十五). */
  readonly phrases: readonly string[];
  /** Regular expression sources (Unicode mode) for forms a list of phrases cannot say. */
  readonly regexes: readonly string[];
  /** A match right after a negation in the same clause does not count (您未留下联系电话). */
  readonly negatable: boolean;
}

export type ReplyPatterns = { readonly [K in ReplyElement]: ElementPatterns };

/**
 * A negation in the few characters before a match, within its clause: 未, 没(有), 无, 不, 拒不 —
 * not 不断, 不定期, 不仅, 不少, 无论, which are no negation (将不断加强, 不定期巡查).
 */
const NEGATION = /(?:未|没|无(?!论)|不(?![断定仅少]))\p{Script=Han}{0,3}$/u;
const CLAUSE_END = /[,.:;!?，。：；！？、\s]/u;

export interface CompiledElement {
  readonly key: ReplyElement;
  readonly any: RegExp;
  readonly negatable: boolean;
}

export function compileElement(key: ReplyElement, p: ElementPatterns): CompiledElement {
  const parts = [...p.phrases.map(phraseSource), ...p.regexes.map((r) => `(?:${r})`)];
  // Longer alternatives first, so a match is the longest phrase at its position.
  parts.sort((a, b) => b.length - a.length);
  return { key, any: new RegExp(parts.length ? parts.join('|') : '(?!)', 'gu'), negatable: p.negatable };
}

export function compile(patterns: ReplyPatterns): CompiledElement[] {
  return REPLY_ELEMENTS.map((k) => compileElement(k, patterns[k]));
}

function negated(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && at - start < 8 && !CLAUSE_END.test(text[start - 1]!)) start--;
  return NEGATION.test(text.slice(start, at));
}

/** Titles of documents cited (《关于进一步加强…的通知》) say what a rule is called, not what the department did. */
const TITLE = /《[^《》]{0,100}》/gu;

/** A space not between two Latin letters or digits: typed around numbers in Chinese (于 12 月 15 日前). */
const LOOSE_SPACE = /(?<![a-z0-9]) | (?![a-z0-9])/gu;

/** The text the patterns read: titles in 《》 left out, spaces around Chinese words dropped. */
export function forMatching(normalised: string): string {
  const text = normalised.includes('《') ? normalised.replace(TITLE, '《》') : normalised;
  return text.includes(' ') ? text.replace(LOOSE_SPACE, '') : text;
}

/** Every (non-negated) match of the element in a normalised text (see forMatching). */
export function matches(normalised: string, el: CompiledElement): string[] {
  const text = forMatching(normalised);
  const out: string[] = [];
  el.any.lastIndex = 0;
  for (const m of text.matchAll(el.any)) {
    if (m[0] === '') continue;
    if (el.negatable && negated(text, m.index)) continue;
    out.push(m[0]);
  }
  return out;
}

/** Whether the element is present in a normalised text. */
export function has(text: string, el: CompiledElement): boolean {
  return matches(text, el).length > 0;
}
