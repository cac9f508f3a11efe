/**
 * `node scripts/insight/mine-reply-patterns.ts --data ../shared/data/teddy2020c/with_replies_2816.jsonl`
 *
 * Mines the phrases of the five elements of a good reply (greeting, facts checked, measure, time
 * frame, contact) from real department replies and prints, per element: the seeds and how many
 * replies hold each; the candidate n-grams of two rounds (round 1 from the seeds, round 2 from
 * the seeds plus what round 1 accepted), ranked by regionDf × log2(lift) (see
 * server/modules/insight/replies/mine.ts), each marked ✓ when the review below accepted it;
 * then the final lists with how many replies contain each phrase, and how many replies contain
 * each element. `--write` also writes server/modules/insight/replies/patterns.ts from them (the
 * committed file is this script's output: run it again after changing the review).
 *
 * The review is the human part, written down here so it can be read and argued with: which
 * mined n-grams are phrases of the element (accept), and phrases added by reading replies the
 * lists missed (added, each with its reason). Mined n-grams not accepted were context words
 * (小区, 问题, 公司), template wording around the seeds (现将有关情况回复如下), or too vague
 * (尽快, 近期: no time frame).
 *
 * Options: --data FILE (JSON Lines with a `reply` field; required), --write, --top N (candidates
 * printed per round, default 60; 150 are kept), --min-df N (default 5).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { replyHints } from '../../server/modules/insight/index.ts';

type Candidate = replyHints.Candidate;
type ElementPatterns = replyHints.ElementPatterns;
type ElementSpec = replyHints.ElementSpec;
type ReplyElement = replyHints.ReplyElement;
type ReplyPatterns = replyHints.ReplyPatterns;
const { compileElement, continuations, matches, mineElement, normalise, prepare, REPLY_ELEMENTS } = replyHints;

const root = new URL('../..', import.meta.url).pathname;
const OUT = `${root}server/modules/insight/replies/patterns.ts`;
/** Candidates kept per round (what the review may accept from); --top only shortens what is printed. */
const MINING_TOP = 150;

/** A date, then finishing something: 于2017年8月完成, 于9月10日前建成, 于年底前全部完工. */
const DATED_COMPLETION = '于[0-9一二三四五六七八九十]+[年月][0-9一二三四五六七八九十年月日底上中下旬]*(?:前|之前)?(?:全部|基本)?(?:完成|完工|建成|投入使用|开工|通车|修复|办结)';

interface Review {
  spec: Omit<ElementSpec, 'key'>;
  /** Mined n-grams (round 1 or 2) that are phrases of the element. */
  accept: string[];
  /** Phrases found by reading replies the lists missed, with the reason. */
  added: { phrase: string; why: string }[];
  /** Regular expressions for forms a phrase list cannot say, with the reason. */
  regexes: { source: string; why: string }[];
  /**
   * Bare one-character seeds (已, 将) are too common to be phrases; what follows them is mined
   * instead (continuations), and the review accepts the verbs of action among them.
   */
  markers?: { markers: string[]; accept: string[]; why: string };
  negatable: boolean;
}

const REVIEW: Record<ReplyElement, Review> = {
  greeting: {
    spec: { seeds: ['您好', '你好', '尊敬的'], region: 'opening', openingChars: 120 },
    accept: [],
    added: [
      { phrase: '您们好', why: 'the plural forms, in openings without 您好/你好 (网友:您们好)' },
      { phrase: '你们好', why: 'the plural forms (东郡兰苑小区全体业主,你们好!)' },
      { phrase: '亲爱的', why: 'read in openings the seeds missed (亲爱的网友:)' },
    ],
    regexes: [
      {
        source: '^(?![^,.:;!?]*(?:反映|反馈|留言|说|称))[^,.:;!?]{0,24}(?:网友|网民|朋友|先生|女士|同志|市民|居民|群众|业主|代表)[^,.:;!?]{0,16}:',
        why: 'a salutation opening the reply: 网友"…": / 市民朋友: / 王先生: (mined: 网友 in 1,698 openings, 朋友, 网民), not a quotation (网民反映:)',
      },
    ],
    negatable: false,
  },
  facts: {
    spec: { seeds: ['经查', '经核实', '经调查', '现场查看'], region: 'sentence' },
    accept: ['调查了解', '调查核实', '查实', '属实', '到现场', '确实存在', '调查情况', '进行调查', '现场调查', '核实情况'],
    added: [
      { phrase: '核查', why: 'the seeds\' own verb in another form (经核查, 进行核查)' },
      { phrase: '据查', why: 'the seeds\' form with 据 (据查, 据了解) read in replies opening their facts that way' },
      { phrase: '据了解', why: 'as 据查' },
      { phrase: '经了解', why: 'as 经查 / 经调查' },
      { phrase: '实地', why: 'a visit on the spot (实地查看, 实地考察), as the seed 现场查看' },
      { phrase: '走访', why: 'a visit to the people concerned (上门走访), as the seed 现场查看' },
      { phrase: '证实', why: 'what the check established (调查证实, 与投诉人取得联系，证实…)' },
    ],
    regexes: [
      {
        source: '进行了?[^,.:;!?]{0,4}?(?:调查|核查|核实)',
        why: 'the mined 进行调查 with words between (进行了认真调查, 进行了摸底调查, 进行核实)',
      },
      {
        source: '经[^,.:;!?]{1,6}?(?:核实|调查|核查|查实|查明)',
        why: 'the seeds with who checked in between (经黎托街道核实, 经现场核实, 经我局执法人员核实; 184 replies)',
      },
    ],
    negatable: false,
  },
  measure: {
    spec: { seeds: ['已安排', '将安排', '责令', '整改'], region: 'sentence' },
    accept: ['下达', '限期', '督促', '约谈', '停止', '要求其', '责成', '立案', '已对', '排查', '上门', '改正', '加强', '下发'],
    added: [
      { phrase: '已将', why: 'a step taken (已将…纳入/上报/更改), the seeds\' 已 with the commonest object marker' },
      { phrase: '将进一步', why: 'a planned step, the seeds\' 将 (下一步, …将进一步加大整治力度)' },
      { phrase: '将继续', why: 'as 将进一步' },
      { phrase: '下一步', why: 'introduces the planned steps (下一步，街道将督促…)' },
      { phrase: '协调解决', why: 'the department brokering a solution with others; 协调 alone also names duties (我局只负责协调…)' },
      { phrase: '沟通协调', why: 'as 协调解决' },
      { phrase: '进行协调', why: 'as 协调解决' },
      { phrase: '将采取', why: 'a planned step, the seeds\' 将 (将采取…的办法); 采取 alone is often policy or a negation (未及时采取措施)' },
      { phrase: '已采取', why: 'as 将采取, taken' },
      { phrase: '将予以', why: 'a commitment (将予以关怀救助, 将予以充分考虑)' },
      { phrase: '修复', why: 'the work done itself (已全部修复)' },
      { phrase: '清理', why: 'as 修复' },
      { phrase: '拆除', why: 'as 修复 (拆除违法建筑)' },
      { phrase: '处罚', why: 'a sanction imposed, with 查处 and 立案' },
      { phrase: '加大', why: 'as the mined 加强 (将加大巡查监管力度, 加大了…力度)' },
    ],
    regexes: [
      { source: '(?<!调)查处', why: 'the mined 查处 (立案查处), not inside 调查处理/调查处置 (an investigation, often only forwarded)' },
      { source: '已(?:经|基本|全部)?完成', why: 'a step taken and finished (已完成 59 replies, 已基本完成, 已全部完成)' },
      { source: DATED_COMPLETION, why: 'a step finished on a date is a step taken (于2017年8月完成拆迁腾地; the same form counts as a time frame)' },
    ],
    markers: {
      markers: ['已', '将', '正在'],
      // Not: 收悉, 转交/转市/转至, 获悉, 将有关 (现将有关情况回复如下), 将及时 (回复), 将处理 (现将处理结果), 调查 (facts), 办理, 根据/按照 (rules).
      accept: [
        '继续', '进行', '积极', '严格', '督促', '要求', '依法', '纳入', '安排', '加大', '加强', '启动', '责令', '尽快', '联合', '组织', '列入', '建成', '持续',
        '责成', '联系', '编制', '认真', '抓紧', '施工', '严肃', '恢复', '成立', '建设', '予以', '安装', '开展', '密切', '发函', '承诺', '研究', '停止', '制定',
        '采取', '立即', '迅速', '协调', '拆除', '加快', '实施', '上报', '整改', '开工', '完工', '逐步', '增加', '陆续', '加紧', '停工', '立案', '不定', '稳步',
      ],
      why: 'the seeds 已/将 (and 正在) before a verb of action (已要求, 将继续, 正在协调)',
    },
    negatable: true,
  },
  timeframe: {
    spec: { seeds: ['日前', '#月#日前', '月底前', '#个工作日内', '预计'], region: 'sentence' },
    accept: ['#月底', '前完成', '年底', '之日起', '将于#', '内完成', '在#个工作日', '#个月内', '力争', '已于#', '月内'],
    added: [
      { phrase: '#日内', why: 'the seed #个工作日内 in calendar days (十五日内自行拆除; mined: 日起#日内)' },
      { phrase: '#天内', why: 'as #日内 (在3天内做好围挡)' },
      { phrase: '计划于', why: 'a planned date; 计划 alone is too broad (计划生育)' },
      { phrase: '计划在', why: 'as 计划于' },
    ],
    regexes: [
      {
        source: DATED_COMPLETION,
        why: 'the date a step was or will be finished (于2017年8月完成拆迁, 已于9月10日建成; 51 replies)',
      },
    ],
    negatable: false,
  },
  contact: {
    spec: { seeds: ['联系电话', '咨询电话', '可致电', '联系人'], region: 'sentence' },
    accept: ['拨打', '详询', '可拨打', '致电#', '请拨', '可以拨', '热线'],
    added: [],
    regexes: [
      { source: '(?<!导)致电', why: 'the seed 可致电 with any subject (请您致电…, 欢迎致电), not 导致电… (导致 + 电视)' },
      {
        source: '(?:电话|热线)[:(]? ?[0-9]',
        why: 'a number given after 电话/热线 (mined: 电话# 95 replies), also a local number without area code (电话:3322636)',
      },
      {
        source: '(?<![0-9])(?:0[0-9]{2,3}(?:[-—]+ ?[0-9]{3,8}| [0-9]{7,8})+|\\(0[0-9]{2,3}\\) ?[0-9]{7,8}|1[3-9][0-9]{9}|123[0-9]{2})(?![0-9])',
        why: 'a telephone number on its own: area code and number (0731-12345678, 0731 28888888, (0731) 28888888, 0731-0000-00000000, 0746--2213405), a mobile, the 123xx hotlines (12345, 12315, 12329)',
      },
    ],
    negatable: true,
  },
};

interface Args { data: string; write: boolean; top: number; minDf: number }

function parseArgs(argv: string[]): Args {
  const a: Args = { data: '', write: false, top: 60, minDf: 5 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--data') a.data = argv[++i] ?? '';
    else if (k === '--write') a.write = true;
    else if (k === '--top') a.top = Number(argv[++i]);
    else if (k === '--min-df') a.minDf = Number(argv[++i]);
    else fail(`未知参数 ${k}（用法：--data 答复.jsonl [--write] [--top 60] [--min-df 5]）`);
  }
  if (!a.data) fail('需要 --data：含 reply 字段的 JSON Lines 文件（如 ../shared/data/teddy2020c/with_replies_2816.jsonl）');
  if (!Number.isInteger(a.top) || a.top < 1) fail('--top 须为正整数');
  if (!Number.isInteger(a.minDf) || a.minDf < 1) fail('--min-df 须为正整数');
  return a;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readReplies(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`无法读取 ${file}：${(err as Error).message}`);
  }
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      fail(`${file} 第 ${i + 1} 行不是合法的 JSON`);
    }
    const reply = (row as { reply?: unknown } | null)?.reply;
    if (typeof reply !== 'string') fail(`${file} 第 ${i + 1} 行没有 reply 文本`);
    out.push(reply);
  });
  if (out.length === 0) fail(`${file} 没有答复`);
  return out;
}

/** A TypeScript string literal in the codebase's style (single quotes). */
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
const show = (c: Candidate, accepted: Set<string>) => `${accepted.has(c.phrase) ? '✓' : ' '}${c.phrase} ${c.regionDf}/${c.df} ×${c.lift.toFixed(1)}`;

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const replies = readReplies(args.data);
  const prepared = prepare(replies);
  const texts = replies.map((r) => normalise(r));
  const total = replies.length;
  console.log(`${total} replies from ${args.data}\n`);

  const patterns = {} as Record<ReplyElement, ElementPatterns>;
  const phraseCounts = {} as Record<ReplyElement, { phrase: string; replies: number; source: string }[]>;
  const counts = {} as Record<ReplyElement, number>;
  for (const key of REPLY_ELEMENTS) {
    const r = REVIEW[key];
    const accepted = new Set(r.accept);
    const opts = { top: MINING_TOP, minRegionDf: args.minDf };
    const round1 = mineElement(prepared, { key, ...r.spec }, opts);
    const round1Accepted = round1.candidates.filter((c) => accepted.has(c.phrase)).map((c) => c.phrase);
    const round2 = mineElement(prepared, { key, ...r.spec, seeds: [...r.spec.seeds, ...round1Accepted] }, opts);
    console.log(`━━ ${key}: seeds in ${round1.seedReplies} replies (${pct(round1.seedReplies, total)}); regions cover ${pct(round1.regionShare, 1)} of the text`);
    console.log(`   seeds: ${round1.seeds.map((s) => `${s.phrase} ${s.df}`).join(', ')}`);
    console.log(`   round 1 (regionDf/df ×lift):\n     ${round1.candidates.slice(0, args.top).map((c) => show(c, accepted)).join('  ')}`);
    if (round1Accepted.length) console.log(`   round 2, from the seeds + ${round1Accepted.length} accepted:\n     ${round2.candidates.slice(0, args.top).map((c) => show(c, accepted)).join('  ')}`);
    else console.log('   round 2: none (nothing accepted in round 1)');
    const mined = new Set([...round1.candidates, ...round2.candidates].map((c) => c.phrase));
    const notMined = r.accept.filter((p) => !mined.has(p));
    if (notMined.length) fail(`${key}: accepted but not among the mined candidates (move them to added, with the reason): ${notMined.join(', ')}`);

    const regexes = [...r.regexes];
    if (r.markers) {
      const cont = continuations(prepared, r.markers.markers, { minDf: args.minDf });
      const acceptedNext = new Set(r.markers.accept);
      console.log(`   after ${r.markers.markers.join('/')} (replies):\n     ${cont.slice(0, args.top).map((c) => `${acceptedNext.has(c.next) ? '✓' : ' '}${c.phrase} ${c.df}`).join('  ')}`);
      const seenNext = new Set(cont.map((c) => c.next));
      const unseen = r.markers.accept.filter((v) => !seenNext.has(v));
      if (unseen.length) fail(`${key}: accepted after ${r.markers.markers.join('/')} but not mined: ${unseen.join(', ')}`);
      regexes.push({ source: `(?:${r.markers.markers.map((m) => (m === '已' ? '已经?' : m)).join('|')})(?:${r.markers.accept.join('|')})`, why: `mined: ${r.markers.why}` });
    }
    patterns[key] = { phrases: [...r.spec.seeds, ...r.accept, ...r.added.map((a) => a.phrase)], regexes: regexes.map((x) => x.source), negatable: r.negatable };
    const sources = [
      ...r.spec.seeds.map((p) => [p, 'seed'] as const),
      ...r.accept.map((p) => [p, 'mined'] as const),
      ...r.added.map((a) => [a.phrase, `added: ${a.why}`] as const),
      ...regexes.map((x) => [x.source, `regex: ${x.why}`] as const),
    ];
    phraseCounts[key] = sources.map(([phrase, source]) => {
      const one = compileElement(key, source.startsWith('regex') ? { phrases: [], regexes: [phrase], negatable: r.negatable } : { phrases: [phrase], regexes: [], negatable: r.negatable });
      return { phrase, replies: texts.filter((t) => matches(t, one).length > 0).length, source };
    });
    const all = compileElement(key, patterns[key]);
    counts[key] = texts.filter((t) => matches(t, all).length > 0).length;
    console.log(`   final: ${phraseCounts[key].map((p) => `${p.phrase} ${p.replies}`).join(', ')}`);
    console.log(`   ⇒ ${key} in ${counts[key]} of ${total} replies (${pct(counts[key], total)})\n`);
  }
  const allFive = texts.filter((t) => REPLY_ELEMENTS.every((k) => matches(t, compileElement(k, patterns[k])).length > 0)).length;
  console.log(`all five in ${allFive} replies (${pct(allFive, total)})`);

  if (args.write) {
    writeFileSync(OUT, render(patterns, phraseCounts, counts, total, allFive, args.data));
    console.log(`written ${relative(root, OUT)}`);
  }
}

function render(
  patterns: ReplyPatterns,
  phraseCounts: Record<ReplyElement, { phrase: string; replies: number; source: string }[]>,
  counts: Record<ReplyElement, number>,
  total: number,
  allFive: number,
  data: string,
): string {
  const file = data.split('/').at(-1);
  const lines: string[] = [];
  lines.push('/**');
  lines.push(` * Phrases of the five elements of a good reply, mined from ${total} real department replies`);
  lines.push(` * (${file}) by scripts/insight/mine-reply-patterns.ts — GENERATED: run`);
  lines.push(' * `node scripts/insight/mine-reply-patterns.ts --data ../shared/data/teddy2020c/with_replies_2816.jsonl --write`');
  lines.push(' * after changing the review in the script; do not edit by hand.');
  lines.push(' *');
  lines.push(` * Replies (of ${total}) containing each element, with these lists:`);
  for (const k of REPLY_ELEMENTS) lines.push(` *   ${k.padEnd(9)} ${String(counts[k]).padStart(5)}  ${pct(counts[k], total)}`);
  lines.push(` *   all five  ${String(allFive).padStart(5)}  ${pct(allFive, total)}`);
  lines.push(' * Each phrase below is followed by the number of replies containing it, and where it came from');
  lines.push(' * (seed: given; mined: an n-gram the script found around the seeds and the review accepted;');
  lines.push(' * added: read in replies the lists missed). `#` in a phrase is a number (15, 三, 十五).');
  lines.push(' */');
  lines.push("import type { ReplyPatterns } from './matcher.ts';");
  lines.push('');
  lines.push('export const REPLY_PATTERNS: ReplyPatterns = {');
  for (const k of REPLY_ELEMENTS) {
    const p = patterns[k];
    const byPhrase = new Map(phraseCounts[k].map((c) => [c.phrase, c]));
    lines.push(`  ${k}: {`);
    lines.push('    phrases: [');
    for (const ph of p.phrases) {
      const c = byPhrase.get(ph)!;
      lines.push(`      ${quote(ph)}, // ${c.replies} — ${c.source}`);
    }
    lines.push('    ],');
    if (p.regexes.length === 0) lines.push('    regexes: [],');
    else {
      lines.push('    regexes: [');
      for (const re of p.regexes) {
        const c = byPhrase.get(re)!;
        lines.push(`      // ${c.replies} — ${c.source}`);
        lines.push(`      ${quote(re)},`);
      }
      lines.push('    ],');
    }
    lines.push(`    negatable: ${p.negatable},`);
    lines.push('  },');
  }
  lines.push('};');
  lines.push('');
  lines.push('/** How many of the mining file\'s replies contain each element with the lists above (the header\'s figures). */');
  lines.push(`export const MINED_COUNTS = { file: ${quote(file ?? '')}, replies: ${total}, allFive: ${allFive}, elements: { ${REPLY_ELEMENTS.map((k) => `${k}: ${counts[k]}`).join(', ')} } } as const;`);
  lines.push('');
  return lines.join('\n');
}

main();
