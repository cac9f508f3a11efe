/**
 * Chinese full-text search, the pure part (docs/plans/insight.md, Search): what the index holds
 * for a case, what a query asks for, and the highlighted title and snippet. No database here.
 *
 * Matching rule (the same on SQLite and PostgreSQL: both index the same body; SQLite runs the
 * phrases on FTS5, PostgreSQL asks its GIN index for the phrases' tokens and adjacent pairs and
 * checks a longer phrase on the body, `pgTsquery`):
 * - a text is normalised (../text/normalise.ts: NFKC, traditional → simplified, lower case,
 *   emoji and controls out) and cut into tokens: each Han character alone, each run of other
 *   letters and digits as one word (`tokens()`);
 * - the index body is those tokens separated by spaces, with a BREAK token wherever the text had
 *   a gap (space, punctuation, an emoji) next to a Han character, and between two texts (title,
 *   content, each reply or note), so a phrase never runs across a comma or from one text to
 *   the next;
 * - a query is cut into words at its spaces; each word is one phrase (or several, where it has
 *   punctuation between Han characters); a case matches when it has every phrase.
 * Hence a query of Han characters (路灯, 灯, 小区) finds exactly the cases where one of the texts,
 * normalised, contains it: substring semantics for Chinese of any length, traditional or
 * simplified. Latin words and numbers match whole words (`led` finds “LED灯”, not “LEDs”;
 * `12` does not find `123`).
 */
import { normalise } from '../text/normalise.ts';

/** Stands for a gap or a text boundary in the body; never a query token. */
export const BREAK = 'zzsepzz';
/** A body stops at 16 000 tokens and before any token's 256th occurrence, on both databases alike (PostgreSQL's limits on positions, from when its index kept them; they bound a body's size). */
export const MAX_BODY_TOKENS = 16_000;
export const MAX_POSITIONS_PER_TOKEN = 255;
/** A longer run of letters (a pasted code, base64) is cut: PostgreSQL refuses lexemes over 2 KB. */
export const MAX_TOKEN_CHARS = 100;
/** Query text limit (characters, after trimming). */
export const MAX_QUERY_CHARS = 50;

// The same pattern as ../text/normalise.ts tokens() (a test holds them equal).
const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}$/u;

export interface Token {
  text: string;
  /** Offsets in the scanned string (UTF-16). */
  start: number;
  end: number;
  /** A phrase may not run from the previous token to this one (a gap next to a Han character). */
  breakBefore: boolean;
}

/** The tokens of an already normalised string, with where phrases must not cross. */
export function scan(s: string): Token[] {
  const out: Token[] = [];
  let prevEnd = -1;
  let prevHan = false;
  for (const m of s.matchAll(TOKEN)) {
    const text = m[0].length > MAX_TOKEN_CHARS ? m[0].slice(0, MAX_TOKEN_CHARS) : m[0];
    const han = HAN.test(m[0]);
    const gap = prevEnd >= 0 && m.index > prevEnd;
    out.push({ text, start: m.index, end: m.index + m[0].length, breakBefore: gap && (han || prevHan) });
    prevEnd = m.index + m[0].length;
    prevHan = han;
  }
  return out;
}

/**
 * The index body of a case: its texts (title, content, replies and notes; the tracking code
 * first, so a code typed into the search box finds its case), normalised, tokenised, joined by
 * spaces, BREAK between texts and at gaps. Stops before MAX_BODY_TOKENS tokens or before any
 * token's 256th occurrence (PostgreSQL's limits, applied on both databases).
 */
export function searchBody(texts: readonly string[]): string {
  const out: string[] = [];
  const seen = new Map<string, number>();
  const push = (t: string): boolean => {
    const n = (seen.get(t) ?? 0) + 1;
    if (out.length >= MAX_BODY_TOKENS || n > MAX_POSITIONS_PER_TOKEN) return false;
    seen.set(t, n);
    out.push(t);
    return true;
  };
  for (const text of texts) {
    const toks = scan(normalise(text)).filter((t) => t.text !== BREAK);
    if (!toks.length) continue;
    if (out.length && out[out.length - 1] !== BREAK && !push(BREAK)) break;
    let full = false;
    for (const t of toks) {
      if (t.breakBefore && out[out.length - 1] !== BREAK && !push(BREAK)) {
        full = true;
        break;
      }
      if (!push(t.text)) {
        full = true;
        break;
      }
    }
    if (full) break;
  }
  if (out[out.length - 1] === BREAK) out.pop();
  return out.join(' ');
}

/** The phrases of a normalised query (each a list of tokens): words at spaces, split again at breaks. */
function phrasesOf(normalised: string): string[][] {
  const phrases: string[][] = [];
  const seen = new Set<string>();
  const add = (p: string[]) => {
    const key = p.join(' ');
    if (p.length && !seen.has(key)) {
      seen.add(key);
      phrases.push(p);
    }
  };
  for (const word of normalised.split(' ')) {
    let cur: string[] = [];
    for (const t of scan(word)) {
      if (t.text === BREAK) continue;
      if (t.breakBefore) {
        add(cur);
        cur = [];
      }
      cur.push(t.text);
    }
    add(cur);
  }
  return phrases;
}

/** A search query: the phrases every result has. Empty when the text has nothing to search (only punctuation or emoji). */
export function parseQuery(q: string): string[][] {
  return phrasesOf(normalise(q));
}

/** A tracking code's token (lower case, as the body holds it). */
export const codeToken = (code: string): string => code.toLowerCase();

/** SQLite FTS5 MATCH text: each phrase quoted (quotes doubled), phrases joined by AND. */
export function ftsMatch(phrases: readonly string[][]): string {
  if (!phrases.length) throw new Error('empty query');
  return phrases.map((p) => `"${p.map((t) => t.replaceAll('"', '""')).join(' ')}"`).join(' AND ');
}

const pgLexeme = (t: string) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * A pair of adjacent tokens as one PostgreSQL lexeme (`路 灯`: tokens hold no spaces, so a pair
 * never equals a token). See pgTsvector for why.
 */
const pairLexeme = (a: string, b: string) => `${a} ${b}`;

/**
 * PostgreSQL tsquery text (cast with ::tsquery, no parser involved) of the candidates for the
 * phrases: a one-token phrase is its token, a longer one all its adjacent pairs (`路灯` → `'路 灯'`;
 * `东门行人` → `'东 门' & '门 行' & '行 人'`); phrases are joined by &. For phrases of up to two
 * tokens that is exactly the phrase; a longer phrase's candidates are checked on their bodies
 * (`bodyHasPhrases`, where `needsBodyCheck`), which gives the same matches as the FTS5 phrase on
 * SQLite.
 */
export function pgTsquery(phrases: readonly string[][]): string {
  if (!phrases.length) throw new Error('empty query');
  const terms = new Set<string>();
  for (const p of phrases) {
    if (p.length === 1) terms.add(pgLexeme(p[0]!));
    for (let i = 1; i < p.length; i++) terms.add(pgLexeme(pairLexeme(p[i - 1]!, p[i]!)));
  }
  return [...terms].join(' & ');
}

/** Whether pgTsquery's candidates must be checked with bodyHasPhrases (a phrase of three tokens or more). */
export const needsBodyCheck = (phrases: readonly string[][]): boolean => phrases.some((p) => p.length > 2);

/** Whether an index body has every phrase (its tokens adjacent, as FTS5 phrases match). */
export function bodyHasPhrases(body: string, phrases: readonly string[][]): boolean {
  const s = ` ${body} `;
  return phrases.every((p) => s.includes(` ${p.join(' ')} `));
}

/**
 * PostgreSQL tsvector text of a body (cast with ::tsvector), with no positions: every token,
 * every adjacent pair of tokens (BREAK in neither) as a lexeme of its own, and, when given, the
 * case's time period (below). Built from the body's own tokens, not by a parser, so it is the
 * same whatever the server's locale and text-search parser would have made of Chinese.
 *
 * Why pairs and no positions (decision 0007, measured at 1M cases): with single characters and
 * their positions, a phrase was found by intersecting each character's posting list over the
 * whole table (a common character is in hundreds of thousands of cases) and rechecking every
 * row that had them all against its stored positions (GIN keeps none), reading and
 * decompressing each row's tsvector. A pair's posting list is short; a one- or two-token phrase
 * is one lexeme that GIN answers exactly; a longer one is its pairs, which GIN also answers
 * exactly, and whether they are adjacent is checked on the body, which a search reads anyway.
 */
export function pgTsvector(body: string, period?: number): string {
  if (!body) return '';
  const lexemes = new Set<string>();
  const toks = body.split(' ');
  toks.forEach((t, i) => {
    lexemes.add(t);
    const next = toks[i + 1];
    if (next !== undefined && t !== BREAK && next !== BREAK) lexemes.add(pairLexeme(t, next));
  });
  lexemes.delete(BREAK);
  if (period !== undefined) lexemes.add(periodLexeme(period));
  return [...lexemes].map(pgLexeme).join(' ');
}

// ─── PostgreSQL: time periods in the index ─────────────────────────────────────────────────

/**
 * A search shows the newest matches first, so it reads recent cases first (search.repository.ts
 * `newest`). GIN gives a phrase's candidates in no useful order and each must be read from the
 * table (its id; for a long phrase its body); PostgreSQL's planner, which multiplies the pairs'
 * frequencies, expects a handful of rows and does not bound them by the primary key's range, so
 * it read every candidate of all time. So each entry carries its case's period (ten days of the
 * case id's time) as a lexeme, and a search asks the GIN index itself for the phrase in the
 * recent periods: only those rows are read.
 */
export const PERIOD_MS = 10 * 86_400_000;
const PERIOD_DIGITS = 5;
const LAST_PERIOD = 10 ** PERIOD_DIGITS - 1;
/** The period of an instant (ms since 1970; 0 to 99 999, i.e. up to the year 4707). */
export const periodOf = (ms: number): number => Math.min(LAST_PERIOD, Math.max(0, Math.floor(ms / PERIOD_MS)));
/** When a period starts (ms). */
export const periodStart = (period: number): number => period * PERIOD_MS;
/** `~02077`: no token has `~`, so it never matches a word. */
const periodLexeme = (period: number) => `~${String(Math.min(LAST_PERIOD, Math.max(0, period))).padStart(PERIOD_DIGITS, '0')}`;

/** tsquery text (cast with ::tsquery) matching the lexemes of the periods `from` to `to`, inclusive. */
export function pgPeriods(from: number, to: number): string {
  const terms: string[] = [];
  for (let p = Math.max(0, from); p <= Math.min(to, LAST_PERIOD); p++) terms.push(pgLexeme(periodLexeme(p)));
  if (!terms.length) throw new Error('no period');
  return terms.join(' | ');
}

// ─── Relevance ─────────────────────────────────────────────────────────────────────────────

const K1 = 1.2;
const B = 0.75;
/** A hit in the title counts this many times (the title says what the case is about). */
export const TITLE_WEIGHT = 3;

/**
 * How well a body answers the phrases: BM25's term saturation and length normalisation, each
 * phrase's hits counted in the body (a title hit TITLE_WEIGHT times), summed over the phrases.
 * Without BM25's inverse document frequency: every candidate has every phrase, and counting how
 * many cases hold a phrase would mean a pass over all of them (FTS5's bm25() does that pass;
 * measured 15–55 ms at 1M cases) — this keeps a search's cost bounded by the window it ranks.
 * `avgLength`: the candidates' mean body length (tokens). Pure; the same on both databases.
 */
export function relevance(body: string, phrases: readonly string[][], avgLength: number, length = tokenCount(body)): number {
  if (!body) return 0;
  // The body is: tracking code, BREAK, title, BREAK, content… (searchBody): the title lies between the first two BREAKs.
  const s = ` ${body} `;
  const sep = ` ${BREAK} `;
  const first = s.indexOf(sep);
  const titleStart = first < 0 ? s.length : first + sep.length - 1;
  const second = first < 0 ? -1 : s.indexOf(sep, titleStart);
  const titleEnd = second < 0 ? s.length : second;
  const norm = K1 * (1 - B + (B * length) / Math.max(1, avgLength));
  let score = 0;
  for (const p of phrases) {
    const needle = ` ${p.join(' ')} `;
    let tf = 0;
    for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) tf += i >= titleStart && i < titleEnd ? TITLE_WEIGHT : 1;
    score += (tf * (K1 + 1)) / (tf + norm);
  }
  return score;
}

/** Tokens in a body (spaces + 1; 0 when empty). */
function tokenCount(body: string): number {
  if (!body) return 0;
  let n = 1;
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 32) n++;
  return n;
}

/** Ranks candidates (each with its body) best first; ties keep their order (newest first). Returns their ids. */
export function rankByRelevance(rows: ReadonlyArray<{ caseId: string; body: string }>, phrases: readonly string[][]): string[] {
  if (!rows.length) return [];
  const lengths = rows.map((r) => tokenCount(r.body));
  const avg = lengths.reduce((a, b) => a + b, 0) / rows.length;
  return rows
    .map((r, i) => ({ id: r.caseId, i, score: relevance(r.body, phrases, avg, lengths[i]) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((r) => r.id);
}

// ─── Highlighting ──────────────────────────────────────────────────────────────────────────

/**
 * A text normalised character by character, remembering where each normalised character came
 * from, so hits found in the normalised text are marked in the original (the page shows what
 * the constituent wrote, with 路燈 marked for a search of 路灯). Characters normalised away
 * (spaces, emoji) leave a space: a gap, as in the index.
 */
interface Mapped {
  text: string;
  /** For each UTF-16 unit of `text`: the original's start and end offsets of the character it came from. */
  from: number[];
  to: number[];
}

const charCache = new Map<string, string>();
function normaliseChar(ch: string): string {
  let v = charCache.get(ch);
  if (v === undefined) {
    v = normalise(ch);
    if (charCache.size < 50_000) charCache.set(ch, v);
  }
  return v;
}

function mapped(original: string): Mapped {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of original) {
    const n = normaliseChar(ch) || ' ';
    text += n;
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    i += ch.length;
  }
  return { text, from, to };
}

/** The query's phrases as the highlighter compares them (normalised character by character, like the texts). */
export function highlightPhrases(q: string): string[][] {
  return phrasesOf(mapped(q).text.replace(/\s+/gu, ' ').trim());
}

/** Where the phrases occur in `original`: merged [start, end) ranges of the original text, in order. */
export function findHits(original: string, phrases: readonly string[][]): Array<[number, number]> {
  if (!original || !phrases.length) return [];
  const m = mapped(original);
  const toks = scan(m.text);
  const ranges: Array<[number, number]> = [];
  for (const p of phrases) {
    for (let i = 0; i + p.length <= toks.length; i++) {
      let ok = true;
      for (let k = 0; k < p.length && ok; k++) ok = toks[i + k]!.text === p[k] && (k === 0 || !toks[i + k]!.breakBefore);
      if (ok) ranges.push([m.from[toks[i]!.start]!, m.to[toks[i + p.length - 1]!.end - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** `text[start, end)` HTML-escaped, with the hits inside it wrapped in <mark>…</mark>. */
function markRange(text: string, hits: ReadonlyArray<[number, number]>, start: number, end: number): string {
  let out = '';
  let at = start;
  for (const [a, b] of hits) {
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (e <= s) continue;
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at, end));
}

/** The whole text, escaped and marked; null when the phrases do not occur in it. */
export function highlight(text: string, phrases: readonly string[][]): string | null {
  const hits = findHits(text, phrases);
  return hits.length ? markRange(text, hits, 0, text.length) : null;
}

/** Keeps a cut off the middle of a surrogate pair. */
function safeCut(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * A window of about `width` characters of `text` from just before its first hit, escaped and marked, with
 * “…” where it was cut; null when the phrases do not occur in it. White space runs become one
 * space (a list shows one line).
 */
export function snippet(text: string, phrases: readonly string[][], width = 80): string | null {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const hits = findHits(flat, phrases);
  if (!hits.length) return null;
  const [a, b] = hits[0]!;
  // A few characters before the hit only: a narrow list cell shows two lines, the hit must be in them.
  const lead = Math.min(8, Math.max(0, Math.floor((width - (b - a)) / 3)));
  const start = safeCut(flat, Math.max(0, a - lead));
  let end = safeCut(flat, Math.min(flat.length, Math.max(b, start + width)));
  if (end < b) end = b;
  return `${start > 0 ? '…' : ''}${markRange(flat, hits, start, end)}${end < flat.length ? '…' : ''}`;
}
