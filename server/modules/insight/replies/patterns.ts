/**
 * Phrases of the five elements of a good reply, mined from 2816 real department replies
 * (with_replies_2816.jsonl) by scripts/insight/mine-reply-patterns.ts — GENERATED: run
 * `node scripts/insight/mine-reply-patterns.ts --data ../shared/data/teddy2020c/with_replies_2816.jsonl --write`
 * after changing the review in the script; do not edit by hand.
 *
 * Replies (of 2816) containing each element, with these lists:
 *   greeting   2492  88.5%
 *   facts      1073  38.1%
 *   measure    1371  48.7%
 *   timeframe   471  16.7%
 *   contact     656  23.3%
 *   all five     48  1.7%
 * Each phrase below is followed by the number of replies containing it, and where it came from
 * (seed: given; mined: an n-gram the script found around the seeds and the review accepted;
 * added: read in replies the lists missed). `#` in a phrase is a number (15, 三, 十五).
 */
import type { ReplyPatterns } from './matcher.ts';

export const REPLY_PATTERNS: ReplyPatterns = {
  greeting: {
    phrases: [
      '您好', // 2199 — seed
      '你好', // 257 — seed
      '尊敬的', // 123 — seed
      '您们好', // 2 — added: the plural forms, in openings without 您好/你好 (网友:您们好)
      '你们好', // 4 — added: the plural forms (东郡兰苑小区全体业主,你们好!)
      '亲爱的', // 16 — added: read in openings the seeds missed (亲爱的网友:)
    ],
    regexes: [
      // 686 — regex: a salutation opening the reply: 网友"…": / 市民朋友: / 王先生: (mined: 网友 in 1,698 openings, 朋友, 网民), not a quotation (网民反映:)
      '^(?![^,.:;!?]*(?:反映|反馈|留言|说|称))[^,.:;!?]{0,24}(?:网友|网民|朋友|先生|女士|同志|市民|居民|群众|业主|代表)[^,.:;!?]{0,16}:',
    ],
    negatable: false,
  },
  facts: {
    phrases: [
      '经查', // 146 — seed
      '经核实', // 68 — seed
      '经调查', // 194 — seed
      '现场查看', // 22 — seed
      '调查了解', // 104 — mined
      '调查核实', // 225 — mined
      '查实', // 34 — mined
      '属实', // 92 — mined
      '到现场', // 60 — mined
      '确实存在', // 46 — mined
      '调查情况', // 45 — mined
      '进行调查', // 132 — mined
      '现场调查', // 39 — mined
      '核实情况', // 40 — mined
      '核查', // 152 — added: the seeds' own verb in another form (经核查, 进行核查)
      '据查', // 74 — added: the seeds' form with 据 (据查, 据了解) read in replies opening their facts that way
      '据了解', // 22 — added: as 据查
      '经了解', // 36 — added: as 经查 / 经调查
      '实地', // 97 — added: a visit on the spot (实地查看, 实地考察), as the seed 现场查看
      '走访', // 37 — added: a visit to the people concerned (上门走访), as the seed 现场查看
      '证实', // 10 — added: what the check established (调查证实, 与投诉人取得联系，证实…)
    ],
    regexes: [
      // 341 — regex: the mined 进行调查 with words between (进行了认真调查, 进行了摸底调查, 进行核实)
      '进行了?[^,.:;!?]{0,4}?(?:调查|核查|核实)',
      // 185 — regex: the seeds with who checked in between (经黎托街道核实, 经现场核实, 经我局执法人员核实; 184 replies)
      '经[^,.:;!?]{1,6}?(?:核实|调查|核查|查实|查明)',
    ],
    negatable: false,
  },
  measure: {
    phrases: [
      '已安排', // 28 — seed
      '将安排', // 16 — seed
      '责令', // 104 — seed
      '整改', // 203 — seed
      '下达', // 96 — mined
      '限期', // 34 — mined
      '督促', // 172 — mined
      '约谈', // 60 — mined
      '停止', // 53 — mined
      '要求其', // 44 — mined
      '责成', // 57 — mined
      '立案', // 38 — mined
      '已对', // 41 — mined
      '排查', // 32 — mined
      '上门', // 54 — mined
      '改正', // 17 — mined
      '加强', // 291 — mined
      '下发', // 84 — mined
      '已将', // 117 — added: a step taken (已将…纳入/上报/更改), the seeds' 已 with the commonest object marker
      '将进一步', // 64 — added: a planned step, the seeds' 将 (下一步, …将进一步加大整治力度)
      '将继续', // 69 — added: as 将进一步
      '下一步', // 166 — added: introduces the planned steps (下一步，街道将督促…)
      '协调解决', // 12 — added: the department brokering a solution with others; 协调 alone also names duties (我局只负责协调…)
      '沟通协调', // 15 — added: as 协调解决
      '进行协调', // 11 — added: as 协调解决
      '将采取', // 5 — added: a planned step, the seeds' 将 (将采取…的办法); 采取 alone is often policy or a negation (未及时采取措施)
      '已采取', // 7 — added: as 将采取, taken
      '将予以', // 10 — added: a commitment (将予以关怀救助, 将予以充分考虑)
      '修复', // 45 — added: the work done itself (已全部修复)
      '清理', // 57 — added: as 修复
      '拆除', // 80 — added: as 修复 (拆除违法建筑)
      '处罚', // 71 — added: a sanction imposed, with 查处 and 立案
      '加大', // 169 — added: as the mined 加强 (将加大巡查监管力度, 加大了…力度)
    ],
    regexes: [
      // 89 — regex: the mined 查处 (立案查处), not inside 调查处理/调查处置 (an investigation, often only forwarded)
      '(?<!调)查处',
      // 82 — regex: a step taken and finished (已完成 59 replies, 已基本完成, 已全部完成)
      '已(?:经|基本|全部)?完成',
      // 52 — regex: a step finished on a date is a step taken (于2017年8月完成拆迁腾地; the same form counts as a time frame)
      '于[0-9一二三四五六七八九十]+[年月][0-9一二三四五六七八九十年月日底上中下旬]*(?:前|之前)?(?:全部|基本)?(?:完成|完工|建成|投入使用|开工|通车|修复|办结)',
      // 837 — regex: mined: the seeds 已/将 (and 正在) before a verb of action (已要求, 将继续, 正在协调)
      '(?:已经?|将|正在)(?:继续|进行|积极|严格|督促|要求|依法|纳入|安排|加大|加强|启动|责令|尽快|联合|组织|列入|建成|持续|责成|联系|编制|认真|抓紧|施工|严肃|恢复|成立|建设|予以|安装|开展|密切|发函|承诺|研究|停止|制定|采取|立即|迅速|协调|拆除|加快|实施|上报|整改|开工|完工|逐步|增加|陆续|加紧|停工|立案|不定|稳步)',
    ],
    negatable: true,
  },
  timeframe: {
    phrases: [
      '日前', // 48 — seed
      '#月#日前', // 41 — seed
      '月底前', // 18 — seed
      '#个工作日内', // 19 — seed
      '预计', // 85 — seed
      '#月底', // 56 — mined
      '前完成', // 24 — mined
      '年底', // 76 — mined
      '之日起', // 39 — mined
      '将于#', // 15 — mined
      '内完成', // 15 — mined
      '在#个工作日', // 10 — mined
      '#个月内', // 18 — mined
      '力争', // 41 — mined
      '已于#', // 121 — mined
      '月内', // 19 — mined
      '#日内', // 26 — added: the seed #个工作日内 in calendar days (十五日内自行拆除; mined: 日起#日内)
      '#天内', // 9 — added: as #日内 (在3天内做好围挡)
      '计划于', // 8 — added: a planned date; 计划 alone is too broad (计划生育)
      '计划在', // 8 — added: as 计划于
    ],
    regexes: [
      // 52 — regex: the date a step was or will be finished (于2017年8月完成拆迁, 已于9月10日建成; 51 replies)
      '于[0-9一二三四五六七八九十]+[年月][0-9一二三四五六七八九十年月日底上中下旬]*(?:前|之前)?(?:全部|基本)?(?:完成|完工|建成|投入使用|开工|通车|修复|办结)',
    ],
    negatable: false,
  },
  contact: {
    phrases: [
      '联系电话', // 139 — seed
      '咨询电话', // 37 — seed
      '可致电', // 17 — seed
      '联系人', // 16 — seed
      '拨打', // 154 — mined
      '详询', // 6 — mined
      '可拨打', // 29 — mined
      '致电#', // 46 — mined
      '请拨', // 30 — mined
      '可以拨', // 28 — mined
      '热线', // 56 — mined
    ],
    regexes: [
      // 116 — regex: the seed 可致电 with any subject (请您致电…, 欢迎致电), not 导致电… (导致 + 电视)
      '(?<!导)致电',
      // 401 — regex: a number given after 电话/热线 (mined: 电话# 95 replies), also a local number without area code (电话:3322636)
      '(?:电话|热线)[:(]? ?[0-9]',
      // 607 — regex: a telephone number on its own: area code and number (0731-12345678, 0731 28888888, (0731) 28888888, 0731-0000-00000000, 0746--2213405), a mobile, the 123xx hotlines (12345, 12315, 12329)
      '(?<![0-9])(?:0[0-9]{2,3}(?:[-—]+ ?[0-9]{3,8}| [0-9]{7,8})+|\\(0[0-9]{2,3}\\) ?[0-9]{7,8}|1[3-9][0-9]{9}|123[0-9]{2})(?![0-9])',
    ],
    negatable: true,
  },
};

/** How many of the mining file's replies contain each element with the lists above (the header's figures). */
export const MINED_COUNTS = { file: 'with_replies_2816.jsonl', replies: 2816, allFive: 48, elements: { greeting: 2492, facts: 1073, measure: 1371, timeframe: 471, contact: 656 } } as const;
