/**
 * A cluster's label (pure): the phrases its cases' titles share that the rest of the corpus
 * rarely uses — `丽发新城、搅拌`. Chinese needs no dictionary here: candidates are the runs of
 * 2–10 tokens starting and ending on a word boundary (Intl.Segmenter) that most titles contain,
 * scored by how many hold them times how rare their bigrams are in the corpus; a phrase almost
 * always seen inside a longer one gives way to it (丽发 → 丽发新城), phrases overlapping a chosen
 * one are skipped. Titles, not bodies: they name the matter (bodies' shared phrases read as
 * fragments of sentences), and they are short (a district's thousands of clusters are labelled
 * in seconds). Texts without titles are read from their start.
 */

/** Characters a phrase should neither start nor end with (particles, pronouns, verbs of asking). */
const EDGE = new Set('的了和是在有我们你他她它对于也都就被把及与或等请要吗呢啊吧这那个一不很还该从向给让已此其之而又但并如为'.split(''));
const MAX_TOKENS = 10;
/** Texts without titles: the part read. */
const LABEL_TEXT_CHARS = 100;
/** A phrase in at least this share of the titles may join a label after its first term (texts without titles). */
const MIN_TITLE_SHARE = 0.25;
/** A label made of a title is cut to this length. */
const FALLBACK_CHARS = 20;
/** Where a text has no title line, its first characters stand for one. */
const TITLE_CHARS = 30;

export interface Label {
  text: string;
  terms: string[];
}

/**
 * `texts`: normalised texts of (the closest) members; `df(a, b)`: how many of the corpus'
 * `total` texts hold the bigram of tokens a and b.
 */
export function clusterLabel(texts: readonly string[], df: (a: string, b: string) => number, total: number, maxTerms = 3): Label {
  // What is read: the titles (each text's first line: cluster.ts clusterText) when the texts have them,
  // else the start of each text, its first TITLE_CHARS standing for a title. The same text again counts once.
  const titled = texts.some((t) => t.includes('\n'));
  const unique = [...new Set(texts.map((t) => (titled ? t.slice(0, t.includes('\n') ? t.indexOf('\n') : TITLE_CHARS) : t.slice(0, LABEL_TEXT_CHARS))))];
  const cdf = new Map<string, number>();
  const inTitles = new Map<string, number>();
  for (const text of unique) {
    const seen = new Set<string>();
    const inTitle = new Set<string>();
    const titleEnd = titled ? text.length : TITLE_CHARS;
    const bounds = wordBounds(text);
    for (const m of text.matchAll(RUN)) {
      const run = tokenise(m[0], m.index);
      for (let i = 0; i < run.length; i++) {
        if (EDGE.has(run[i]!.t) || !bounds.has(run[i]!.start)) continue;
        let key = run[i]!.t;
        for (let n = 2; n <= MAX_TOKENS && i + n <= run.length; n++) {
          const last = run[i + n - 1]!;
          key += `\u0001${last.t}`;
          if (EDGE.has(last.t) || !bounds.has(last.end)) continue;
          seen.add(key);
          if (last.end <= titleEnd) inTitle.add(key);
        }
      }
    }
    for (const g of seen) cdf.set(g, (cdf.get(g) ?? 0) + 1);
    for (const g of inTitle) inTitles.set(g, (inTitles.get(g) ?? 0) + 1);
  }
  const minCdf = Math.max(2, Math.ceil(0.4 * unique.length));
  const idf = (a: string, b: string) => Math.log((total + 1) / (df(a, b) + 1)) + 1;
  const candidates: Array<{ tokens: string[]; text: string; count: number; score: number; titleShare: number }> = [];
  for (const [key, count] of cdf) {
    if (count < minCdf) continue;
    const tokens = key.split('\u0001');
    let sum = 0;
    for (let i = 0; i + 1 < tokens.length; i++) sum += idf(tokens[i]!, tokens[i + 1]!);
    const meanIdf = sum / (tokens.length - 1);
    const share = count / unique.length;
    // Titles name the matter: a phrase of the titles counts up to twice; long phrases read as sentences, not labels.
    const titleShare = (inTitles.get(key) ?? 0) / unique.length;
    const length = 1 + 0.1 * Math.min(tokens.length - 2, 4) - 0.2 * Math.max(0, tokens.length - 7);
    candidates.push({ tokens, text: tokens.join(''), count, score: share * share * meanIdf * meanIdf * length * (1 + titleShare), titleShare });
  }
  // A phrase (nearly) always inside a longer candidate gives way to the longer one.
  // (A title's phrase does not give way to a longer phrase of the bodies: 垃圾桶破损缺盖 stays, 分类垃圾桶破损缺盖 is not its title.)
  const closed = candidates.filter(
    (c) => !candidates.some((l) => l.tokens.length > c.tokens.length && l.count >= 0.85 * c.count && l.titleShare >= 0.85 * c.titleShare && l.text.includes(c.text)),
  );
  closed.sort((a, b) => b.score - a.score || b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const picked: typeof closed = [];
  for (const c of closed) {
    if (picked.length >= maxTerms) break;
    if (picked.length && c.score < 0.5 * picked[0]!.score) break;
    if (picked.some((p) => p.text.includes(c.text) || c.text.includes(p.text) || overlaps(p.tokens, c.tokens))) continue;
    // After the first term, only phrases of the (stand-in) titles: the bodies' shared phrases read as fragments of sentences.
    if (picked.length && c.titleShare < MIN_TITLE_SHARE) continue;
    picked.push(c);
  }
  const terms = picked.map((p) => p.text);
  // Nothing shared enough to name it (members alike in meaning, not in words): the closest member's title.
  if (!terms.length && texts.length) {
    const first = texts[0]!;
    const title = first.slice(0, Math.min(first.includes('\n') ? first.indexOf('\n') : TITLE_CHARS, FALLBACK_CHARS)).trim();
    if (title) terms.push(title);
  }
  return { text: terms.join('、'), terms };
}

const RUN = /[\p{L}\p{N}]+/gu;
const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A run's tokens (as text/normalise.ts `tokens` cuts them) with their offsets in the text. */
function tokenise(run: string, offset: number): Array<{ t: string; start: number; end: number }> {
  return [...run.matchAll(TOKEN)].map((m) => ({ t: m[0], start: offset + m.index, end: offset + m.index + m[0].length }));
}

/** The offsets where a word starts or ends (Intl.Segmenter's dictionary): a label starts and ends on one. */
function wordBounds(text: string): Set<number> {
  const out = new Set<number>();
  for (const s of segmenter.segment(text)) {
    out.add(s.index);
    out.add(s.index + s.segment.length);
  }
  return out;
}

/** Whether two phrases share a bigram (新马社区 / 社区东门 share 社区). */
function overlaps(a: string[], b: string[]): boolean {
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < a.length; i++) bigrams.add(a[i]! + a[i + 1]!);
  for (let i = 0; i + 1 < b.length; i++) if (bigrams.has(b[i]! + b[i + 1]!)) return true;
  return false;
}
