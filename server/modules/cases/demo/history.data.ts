import type { CaseChannel, Rating } from '../../../../shared/cases.ts';
import type { DemoCase, DemoStep } from './cases.data.ts';
import { seededRandom } from '../../../platform/random.ts';

/**
 * The demo district's earlier months (about 200 cases from January to October of the demo
 * year, counted back from the demo's "now"), so the dashboards have a history: every station,
 * category, channel and department, most cases closed with a rating (满意, 基本满意, 不满意),
 * some replied late, some extended, a few not accepted, merged or still open. Generated from
 * invented templates with a fixed seed, so every start builds the same history; the texts name
 * places, never people.
 */

type Kind = 'dept' | 'spot' | 'reject';
interface Template {
  title: string;
  content: string;
  /** The department's reply (dept) or the station's answer on the spot (spot). */
  reply: string;
  /** What the station tells the constituent afterwards. */
  feedback: string;
  kind?: Kind;
  /** Department demo key when it differs from the category's usual one. */
  department?: string;
  /** Why it was not accepted (reject). */
  reason?: string;
}

/** The unit that usually handles each category (the routing rules of the demo). */
const DEPARTMENT_OF: Record<string, string> = {
  市政设施: '城管', 城乡建设: '住建', 物业管理: '住建', 环境保护: '生态', 教育文体: '教育', 卫生计生: '卫健',
  劳动和社会保障: '人社', 民政: '民政', 交通运输: '交通', 商贸旅游: '市场', 农业农村: '农业', 社会治安: '城管',
};

/** Invented matters by category; {p} is a place near the station. */
const TEMPLATES: Record<string, Template[]> = {
  市政设施: [
    { title: '{p}路灯夜间不亮', content: '{p}一段路灯已经连续多晚不亮，晚上散步和下班回家的居民只能摸黑走，存在安全隐患，希望尽快检修。', reply: '经现场排查，{p}路段因线路老化导致路灯断电，已更换电缆和灯具，恢复正常照明。', feedback: '{p}的路灯已修复，恢复照明。' },
    { title: '{p}窨井盖破损', content: '{p}人行道上有一个窨井盖破了一个角，晚上看不清容易踩空，附近小学生上学也走这条路。', reply: '已对破损井盖进行更换，并对周边 12 处井盖逐一检查加固。', feedback: '破损的窨井盖已更换，周边井盖也做了检查。' },
    { title: '{p}雨后路面积水严重', content: '每逢下雨{p}低洼路段积水没过脚踝，行人只能绕到机动车道上走，希望疏通排水管道。', reply: '已组织清掏雨水口和排水管道淤泥，新增两处雨水收集口，近期降雨未再出现积水。', feedback: '排水管道已疏通并新增雨水口，积水问题已解决。' },
    { title: '{p}垃圾桶破损缺盖', content: '{p}的几个分类垃圾桶破损缺盖，天热后异味大、招蚊蝇，希望更换。', reply: '已更换分类垃圾桶 8 个，并安排每日清洗一次。', feedback: '垃圾桶已全部更换，环卫每天清洗。' },
  ],
  城乡建设: [
    { title: '{p}老旧小区加装电梯进度', content: '{p}老旧小区加装电梯的申请去年就报上去了，一直没有动静，想了解审批进度和补贴标准。', reply: '该小区加装电梯已通过联合审查，补贴按每台 15 万元标准拨付，施工单位已进场，预计三个月内完工。', feedback: '已告知加装电梯的审批进度和补贴标准，施工单位已进场。' },
    { title: '{p}外墙瓷砖脱落', content: '{p}一栋老楼外墙瓷砖经常掉落，楼下是人行通道，担心砸到人，希望有关部门排查。', reply: '已组织对外墙进行安全排查，拆除松动瓷砖并设置临时防护棚，纳入今年老旧小区改造计划。', feedback: '外墙松动瓷砖已拆除，设置了防护棚，已纳入改造计划。' },
    { title: '{p}违章搭建影响通行', content: '{p}有住户在公共通道上搭了棚子，消防车进不来，邻居意见很大。', reply: '经核实属违法搭建，已下达限期拆除通知书，当事人已自行拆除，通道恢复畅通。', feedback: '违章搭建已拆除，消防通道恢复畅通。', department: '城管' },
    { title: '{p}老旧小区改造施工扰民', content: '{p}改造工程晚上九点以后还在施工，噪音很大，老人孩子休息不好。', reply: '已约谈施工单位，严格限定作业时间为 7:00—20:00，并安排专人现场监督。', feedback: '施工单位已调整作业时间，晚上不再施工。' },
  ],
  物业管理: [
    { title: '{p}物业服务不到位', content: '{p}小区物业保洁一周才做一次，楼道里堆满杂物，多次反映没有改善。', reply: '已约谈物业公司，责令限期整改，保洁频次恢复为每日一次，清理楼道杂物 30 余处。', feedback: '物业已整改，保洁恢复每日一次，楼道杂物已清理。' },
    { title: '{p}小区维修资金使用不透明', content: '{p}小区动用维修资金换水泵，业主不清楚花了多少钱，希望公开明细。', reply: '已督促物业在小区公告栏公示维修资金使用明细，并指导业委会组织业主核对。', feedback: '维修资金使用明细已在小区公示。' },
    { title: '{p}电动车楼道充电', content: '{p}不少住户把电动车推进楼道充电，很危险，物业管不了。', reply: '已协调物业在小区内新建集中充电桩 40 个，联合社区开展楼道清理和消防宣传。', feedback: '小区新建了集中充电桩，楼道内的电动车已清理。' },
  ],
  环境保护: [
    { title: '{p}餐馆油烟扰民', content: '{p}临街几家餐馆油烟直排，楼上住户窗户都不敢开，希望督促安装净化设备。', reply: '经检查，3 家餐馆未正常使用油烟净化设施，已责令整改并复查合格。', feedback: '餐馆已安装并正常使用油烟净化设备。' },
    { title: '{p}河道有异味', content: '{p}附近的小河沟最近发黑发臭，怀疑有污水偷排。', reply: '经溯源排查，系一处雨污混接管道，已完成改造并清淤，水质明显好转。', feedback: '混接管道已改造，河道已清淤，异味消除。' },
    { title: '{p}工地扬尘大', content: '{p}旁边的工地渣土车进出不冲洗，路面全是泥，刮风时灰很大。', reply: '已责令工地落实车辆冲洗和围挡喷淋，对违规渣土车依法处罚。', feedback: '工地已落实冲洗和喷淋措施，扬尘明显减少。', department: '城管' },
  ],
  教育文体: [
    { title: '{p}学校周边交通安全', content: '{p}学校门口放学时家长车辆乱停，学生过马路很危险，建议设置护学岗。', reply: '已协调交警和学校在上下学时段设立护学岗，施划临时停车区。', feedback: '学校门口已设护学岗和临时停车区。' },
    { title: '{p}社区书屋开放时间短', content: '{p}社区书屋只在工作日白天开放，上班族和学生去不了，希望周末也开放。', reply: '已调整开放时间为周二至周日 9:00—20:00，并招募志愿者值守。', feedback: '书屋已延长开放时间，周末也开放。', department: '文旅' },
    { title: '{p}幼儿园学位紧张', content: '{p}新建小区入住多，附近公办幼儿园报不上名，希望增加学位。', reply: '已将{p}片区纳入学前教育资源规划，今年秋季新增公办学位 90 个。', feedback: '片区今年新增公办幼儿园学位 90 个。' },
    { title: '{p}篮球场灯光损坏', content: '{p}的公共篮球场晚上灯不亮，年轻人下班后没法打球。', reply: '已维修球场照明并更换节能灯具。', feedback: '篮球场灯光已修复。', department: '文旅' },
  ],
  卫生计生: [
    { title: '{p}社区卫生站药品不全', content: '{p}社区卫生站常用的降压药经常缺货，老人要跑到大医院去开。', reply: '已将该卫生站纳入慢病用药保障，常用药品增加到 60 种并建立缺药登记制度。', feedback: '卫生站常用药已补齐，缺药可以登记。' },
    { title: '{p}家庭医生签约咨询', content: '想了解家庭医生签约有哪些服务，行动不便的老人能不能上门。', reply: '已当场解答：可到社区卫生服务中心签约，65 岁以上老人每年免费体检，行动不便的可预约上门服务。', feedback: '已告知家庭医生签约办法和上门服务预约方式。', kind: 'spot' },
    { title: '{p}诊所收费不规范', content: '{p}一家私人诊所看感冒收费很高，也不给明细。', reply: '经检查，该诊所存在未公示收费项目问题，已责令整改并处罚款。', feedback: '诊所收费问题已查处，已公示收费项目。' },
  ],
  劳动和社会保障: [
    { title: '{p}企业拖欠工资', content: '{p}一家企业拖欠十几名工人两个月工资，多次讨要没有结果。', reply: '经劳动保障监察介入，企业已补发拖欠工资 21.6 万元。', feedback: '拖欠的工资已全部补发。' },
    { title: '咨询灵活就业社保缴纳', content: '在{p}附近打零工，想问灵活就业人员怎么缴养老保险。', reply: '已当场解答：可持身份证到街道政务服务中心或通过“湘税社保”办理，按年度自选档次缴费。', feedback: '已告知灵活就业人员参保办法。', kind: 'spot' },
    { title: '{p}就业技能培训需求', content: '{p}不少妇女想学家政和育婴技能，希望就近开班。', reply: '已在{p}开设家政服务和育婴员培训班各一期，培训合格的推荐就业。', feedback: '家政和育婴培训班已开班。' },
  ],
  民政: [
    { title: '咨询高龄津贴申领', content: '家里老人满 80 岁了，想问高龄津贴去哪里申请、要带什么材料。', reply: '已当场解答：持身份证和户口本到社区服务中心申请，审核后按月发放。', feedback: '已告知高龄津贴的申请办法。', kind: 'spot' },
    { title: '{p}困难家庭救助', content: '{p}一户居民家里老人重病、孩子上学，生活困难，希望帮助申请救助。', reply: '经入户核查，已为该户办理临时救助 5000 元，并纳入低保边缘家庭监测。', feedback: '已办理临时救助并纳入监测。' },
    { title: '{p}养老服务站开放', content: '{p}建好的养老服务站一直没开门，老人想去吃午饭、下下棋。', reply: '已引入专业机构运营，养老服务站已开放，提供助餐和日间照料。', feedback: '养老服务站已开放，提供助餐服务。' },
  ],
  交通运输: [
    { title: '{p}公交站台缺少遮雨棚', content: '{p}公交站没有遮雨棚，下雨天等车的老人只能淋雨。', reply: '已将该站台纳入站台改造计划，新建遮雨棚和座椅。', feedback: '公交站台已新建遮雨棚和座椅。' },
    { title: '建议{p}增开公交线路', content: '{p}到市中心只有一趟公交，早晚高峰挤不上去，建议增开线路或加密班次。', reply: '已协调公交公司在早晚高峰加密班次，发车间隔由 20 分钟缩短到 12 分钟。', feedback: '早晚高峰公交班次已加密。' },
    { title: '{p}路口缺少减速带', content: '{p}路口车速快，最近发生过几次刮擦，建议设置减速带和警示标志。', reply: '已在路口设置减速带 2 处和警示标志 4 块。', feedback: '路口已设置减速带和警示标志。' },
  ],
  商贸旅游: [
    { title: '{p}农贸市场缺斤少两', content: '在{p}农贸市场买菜经常缺斤少两，希望加强检查。', reply: '已对市场计量器具进行全面检定，设置公平秤 2 台，查处违规商户 3 户。', feedback: '市场已设公平秤，违规商户已查处。' },
    { title: '{p}商铺占道经营', content: '{p}沿街商铺把货摆到人行道上，行人只能走马路。', reply: '已开展专项整治，商铺退店经营，设置店外经营规范线。', feedback: '占道经营已整治。', department: '城管' },
    { title: '{p}预付卡商家跑路', content: '{p}一家健身房关门了，办的年卡还有大半没用，老板联系不上。', reply: '已立案调查并协调商场物业冻结押金，组织消费者登记，已为 46 名消费者退回部分费用。', feedback: '已组织登记并退回部分费用，后续进展会继续告知。' },
  ],
  农业农村: [
    { title: '{p}灌溉水渠淤塞', content: '{p}的灌溉渠淤泥堵塞，下游田地灌不上水，影响秧苗。', reply: '已组织清淤 500 米并修复渠道破损段，恢复通水。', feedback: '水渠已清淤通水。' },
    { title: '{p}农村道路破损', content: '{p}进村的水泥路坑坑洼洼，农产品运不出去。', reply: '已将该路段纳入农村公路养护计划，完成修补 1.2 公里。', feedback: '进村道路已修补。', department: '交通' },
    { title: '{p}农产品销售难', content: '{p}今年柑橘丰收，价格低、卖不出去，希望帮忙找销路。', reply: '已组织电商直播和机关食堂对接采购，帮助销售柑橘 8 万斤。', feedback: '已帮助对接电商和食堂采购。' },
  ],
  社会治安: [
    { title: '{p}夜间有人飙车', content: '{p}晚上经常有人骑摩托车飙车，噪音大也危险。', reply: '', feedback: '', kind: 'reject', reason: '属公安交通管理部门职责，已告知当事人拨打 110 或向交警部门反映，并将线索转交派出所。' },
    { title: '{p}防诈骗宣传需求', content: '{p}老人接到很多可疑电话，希望社区多开展防诈骗宣传。', reply: '已当场答复：联系社区民警在{p}开展防诈骗宣传讲座，发放宣传资料。', feedback: '已安排防诈骗宣传讲座。', kind: 'spot' },
  ],
};

/** Places near each station (invented), by the station's demo key. */
const PLACES: Record<string, string[]> = {
  嵩山路街道: ['嵩山路社区', '白马垄社区', '嵩山路菜市场旁', '华峰小区'],
  泰山路街道: ['泰山路社区', '湘芸路口', '泰山苑小区', '戴家岭社区'],
  栗雨街道: ['栗雨社区', '天台路', '湘水湾小区', '栗雨公园南门'],
  马家河街道: ['马家河路', '新马东路', '马家河村', '新马小区'],
  '马家河街道·新马社区': ['新马社区', '新马小区二期', '新马社区南门'],
  '马家河街道·园区': ['新马工业园', '园区职工宿舍', '园区三号路'],
  群丰镇: ['群丰集镇', '长岭村', '群丰村', '杨梅塘组'],
  雷打石镇: ['雷打石集镇', '双垅村', '石塘村', '雷打石中学旁'],
  三门镇: ['三门集镇', '龙凤村', '三门水库下游', '桥头组'],
  园区: ['天易科技城', '科技城人才公寓', '智慧路', '创业大厦'],
};

/** How often each station hears from people (larger: more cases), and which categories it hears most. */
const STATIONS: Array<{ key: string; weight: number; kind: 'urban' | 'rural' | 'park' }> = [
  { key: '马家河街道', weight: 6, kind: 'urban' },
  { key: '栗雨街道', weight: 5, kind: 'urban' },
  { key: '嵩山路街道', weight: 4, kind: 'urban' },
  { key: '泰山路街道', weight: 4, kind: 'urban' },
  { key: '马家河街道·新马社区', weight: 2, kind: 'urban' },
  { key: '马家河街道·园区', weight: 2, kind: 'park' },
  { key: '群丰镇', weight: 3, kind: 'rural' },
  { key: '雷打石镇', weight: 3, kind: 'rural' },
  { key: '三门镇', weight: 2, kind: 'rural' },
  { key: '园区', weight: 3, kind: 'park' },
];

const CATEGORY_WEIGHTS: Record<'urban' | 'rural' | 'park', Record<string, number>> = {
  urban: { 市政设施: 8, 城乡建设: 6, 物业管理: 7, 环境保护: 4, 教育文体: 4, 卫生计生: 3, 劳动和社会保障: 2, 民政: 3, 交通运输: 4, 商贸旅游: 3, 农业农村: 0, 社会治安: 2 },
  rural: { 市政设施: 2, 城乡建设: 3, 物业管理: 0, 环境保护: 3, 教育文体: 3, 卫生计生: 3, 劳动和社会保障: 2, 民政: 4, 交通运输: 3, 商贸旅游: 1, 农业农村: 8, 社会治安: 1 },
  park: { 市政设施: 3, 城乡建设: 2, 物业管理: 1, 环境保护: 4, 教育文体: 2, 卫生计生: 1, 劳动和社会保障: 6, 民政: 1, 交通运输: 5, 商贸旅游: 2, 农业农村: 0, 社会治安: 1 },
};

const CHANNELS: Array<[CaseChannel, number]> = [['online', 34], ['reception', 20], ['phone', 15], ['wechat', 12], ['visit', 9], ['letter', 6], ['roundtable', 4]];

/** Cases received per month, January to October (fewer at the Spring Festival, more in the rainy summer). */
const PER_MONTH = [15, 11, 18, 20, 22, 24, 23, 21, 22, 24];

// Surnames and given names unlike the deputies' and officials' (org demo), so a scan for constituents' names finds only them.
const SURNAMES = '袁蒋蔡丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚';
const GIVEN = ['秋生', '德贵', '桂芝', '满仓', '翠英', '玉珍', '宝林', '素琴', '友良', '凤娇', '国栋', '水生', '月娥', '福生', '润秀', '茂林', '巧云', '运来', '冬生', '菊香'];

/** A seeded generator, so the history is the same at every start. */
const random = seededRandom;

function weighted<T>(rnd: () => number, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = rnd() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

const DEMO_YEAR_FIRST_DAY = 321; // days before the demo's "now" (2026-11-20): 2026-01-03

/**
 * The history, oldest first. Days are counted back from the demo's now: case i of month m comes
 * in at day `DEMO_YEAR_FIRST_DAY − (30.2·m + spread)`, so with the test clock (2026-11-20) the cases
 * fall in January–October 2026, and on any later start they keep being "the ten months before".
 */
export function historyCases(): DemoCase[] {
  const rnd = random(20260101);
  const out: DemoCase[] = [];
  const titles = new Map<string, number>();
  // Open cases of the last months: a later report of the same matter is merged into one of them.
  const openTargets: DemoCase[] = [];
  PER_MONTH.forEach((count, month) => {
    for (let i = 0; i < count; i++) {
      const daysAgo = Math.round((DEMO_YEAR_FIRST_DAY - month * 30.2 - ((i + rnd()) / count) * 28) * 100) / 100;
      const contact = contactOf(rnd);
      if (openTargets.length && daysAgo < 80 && rnd() < 0.2) {
        // The same matter reported again (重复反映): merged by the office into the case already in hand.
        const target = openTargets.shift()!;
        out.push({
          station: target.station, channel: 'phone', category: target.category, title: `${target.title}（重复反映）`, content: `又有居民来电反映：${target.content}`,
          contact: contact ?? { phone: phoneOf(rnd) }, daysAgo,
          steps: [{ at: 0.2, by: 'station', action: 'accept' }, { at: 0.9, by: 'admin', action: 'merge', into: target.title }],
        });
        continue;
      }
      const station = weighted(rnd, STATIONS.map((s) => [s, s.weight] as [typeof s, number]));
      const category = weighted(rnd, Object.entries(CATEGORY_WEIGHTS[station.kind]));
      const templates = TEMPLATES[category]!;
      const tpl = templates[Math.floor(rnd() * templates.length)]!;
      const places = PLACES[station.key]!;
      const place = places[Math.floor(rnd() * places.length)]!;
      const fill = (s: string) => s.replaceAll('{p}', place);
      let title = fill(tpl.title);
      // Titles are the demo's keys for cases: the same matter at the same place again gets (二), (三) …
      const n = (titles.get(title) ?? 0) + 1;
      titles.set(title, n);
      if (n > 1) title = `${title}（${'一二三四五六七八九十'[n - 1] ?? n}）`;
      let channel = weighted(rnd, CHANNELS);
      // Roundtables are held at the streets' and towns' stations.
      if (channel === 'roundtable' && station.kind === 'park') channel = 'visit';
      const steps = stepsFor(rnd, tpl, category, fill, daysAgo, daysAgo < 75 && rnd() < 0.3);
      const c: DemoCase = {
        station: station.key, channel, category, title, content: fill(tpl.content), contact: channel === 'letter' ? undefined : contact,
        anonymous: contact === undefined && channel !== 'letter' ? true : undefined,
        urgent: rnd() < 0.04 ? true : undefined, address: rnd() < 0.4 ? `天元区${station.key.split('·')[0]}${place}` : undefined, daysAgo, steps: steps.list,
      };
      out.push(c);
      if (steps.open && daysAgo < 80) openTargets.push(c);
    }
  });
  return out;
}

/** Most people leave a name and a phone, some only a phone, a few nothing (anonymous). */
function contactOf(rnd: () => number): DemoCase['contact'] {
  const roll = rnd();
  if (roll < 0.08) return undefined;
  if (roll < 0.3) return { phone: phoneOf(rnd) };
  return { name: SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!, phone: phoneOf(rnd) };
}

function phoneOf(rnd: () => number): string {
  const prefix = ['139', '138', '137', '136', '135', '158', '159', '187', '188', '199'][Math.floor(rnd() * 10)]!;
  return prefix + String(Math.floor(rnd() * 1e8)).padStart(8, '0');
}

/** The last step leaves the case open (in hand, replied, feedback given, sent back), not ended. */
function endsOpen(steps: readonly DemoStep[]): boolean {
  const last = steps[steps.length - 1];
  if (!last) return true;
  if (last.action === 'reject' || last.action === 'merge' || last.action === 'close') return false;
  return !(last.action === 'follow-up' && last.rating !== 'unsatisfied');
}

/**
 * What happened to a case, cut at the demo's now (`daysAgo`: no step after it), so old cases
 * mostly went the whole way and recent ones may still be in hand (`slow`: the unit takes seven
 * weeks and more, so a recent one is overdue now).
 */
function stepsFor(rnd: () => number, tpl: Template, category: string, fill: (s: string) => string, daysAgo: number, slow: boolean): { list: DemoStep[]; open: boolean } {
  const by = 'station' as const;
  const department = tpl.department ?? DEPARTMENT_OF[category]!;
  const deptUser = department === '城管' ? 'dept' : department === '住建' ? 'dept2' : 'other';
  const accept: DemoStep = { at: round(0.05 + rnd() * 0.6), by, action: 'accept' };
  const kind: Kind = tpl.kind ?? 'dept';
  const list: DemoStep[] = [];
  if (kind === 'reject') list.push({ at: round(0.1 + rnd() * 0.5), by, action: 'reject', reason: tpl.reason! });
  else {
    list.push(accept);
    let t: number;
    if (kind === 'spot') {
      t = accept.at + 0.02;
      list.push({ at: t, by, action: 'resolve', reply: fill(tpl.reply) });
    } else {
      const assignAt = round(accept.at + 0.1 + rnd() * 0.8);
      list.push({ at: assignAt, by, action: 'assign', department }, { at: assignAt + 1, by: deptUser, action: 'dept-accept' });
      const roll = rnd();
      // 15 working days to handle: about three weeks. Late replies took five weeks and more.
      if (slow) {
        // A unit that is slow to answer: past its limit, supervised, perhaps still in hand today.
        list.push({ at: assignAt + 24, by: 'admin', action: 'supervise', note: '已超过办理期限，请加快办理并说明原因' });
        t = assignAt + 50 + Math.floor(rnd() * 20);
      } else if (roll < 0.1) {
        list.push({ at: assignAt + 9, by: deptUser, action: 'request-extension', workingDays: 10, reason: '需协调多个部门联合处置' });
        list.push({ at: assignAt + 10, by, action: 'approve-extension', approve: true });
        t = assignAt + 24 + Math.floor(rnd() * 6);
      } else if (roll < 0.24) {
        list.push({ at: assignAt + 26, by: 'admin', action: 'supervise', note: '已超过办理期限，请加快办理并说明原因' });
        t = assignAt + 34 + Math.floor(rnd() * 14);
      } else t = assignAt + 4 + Math.floor(rnd() * 14);
      list.push({ at: t, by: deptUser, action: 'reply', content: fill(tpl.reply) });
    }
    const fbAt = t + 1 + Math.floor(rnd() * 2);
    list.push({ at: fbAt, by, action: 'feedback', content: fill(tpl.feedback) });
    const rateAt = fbAt + 1 + Math.floor(rnd() * 3);
    const r = rnd();
    if (r < 0.06) {
      // Not reached on the follow-up calls: the office closes it without a rating.
      list.push({ at: rateAt + 3, by: 'admin', action: 'close', note: '回访三次未接通，答复已送达，予以办结' });
    } else {
      // An answer on the spot has no unit to send it back to: those are rated satisfied or basically.
      const rating: Rating = r < 0.62 ? 'satisfied' : r < 0.87 || kind === 'spot' ? 'basically_satisfied' : 'unsatisfied';
      list.push({ at: rateAt, by, action: 'follow-up', rating, note: rating === 'unsatisfied' ? '群众认为问题未彻底解决' : undefined });
      if (rating === 'unsatisfied') {
        // Sent back (重办): a second reply, then a second rating, or the office closes it.
        const again = rateAt + 6 + Math.floor(rnd() * 6);
        list.push({ at: again, by: deptUser, action: 'reply', content: `重新办理：${fill(tpl.reply)}已再次现场核查，问题已整改到位。` });
        list.push({ at: again + 1, by, action: 'feedback', content: `重新办理结果：${fill(tpl.feedback)}` });
        if (rnd() < 0.5) list.push({ at: again + 3, by, action: 'follow-up', rating: rnd() < 0.6 ? 'basically_satisfied' : 'satisfied' });
        else list.push({ at: again + 4, by: 'admin', action: 'close', note: '经审核，承办单位已依法依规办理，群众仍不满意，予以办结并做好解释' });
      }
    }
  }
  const kept = list.filter((s) => s.at < daysAgo - 0.05);
  return { list: kept, open: endsOpen(kept) };
}

const round = (x: number) => Math.round(x * 100) / 100;

