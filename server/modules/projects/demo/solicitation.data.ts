import { shanghaiDate } from '../../../platform/calendar/working-days.ts';

/**
 * The demo district's call for 2027 livelihood projects (天元区2027年民生实事项目征集) and the
 * proposals it received from the public, deputies and staff, with their screening; and the call
 * open at the demo's "now" with its first proposals (below). Invented but plausible for 天元区,
 * 株洲: places, departments and costs (万元) of the district's size.
 */

export const DEMO_CALL = {
  title: '天元区2027年民生实事项目征集',
  year: 2027,
  description:
    '为办好2027年民生实事，区人大常委会面向全区群众、各级人大代表和有关部门公开征集民生实事候选项目。建议项目应聚焦群众“急难愁盼”问题，受益面广、可在一年内基本完成。征集结束后经必要性、可行性论证筛选，形成候选项目提交区人民代表大会票决。',
  opensOn: '2026-09-01',
  closesOn: '2026-10-31',
} as const;

export type DemoProposer =
  | { kind: 'public'; name?: string; phone?: string }
  /** `account`: the demo deputy's own account; a number: the n-th county deputy (name order) of the station `station`. */
  | { kind: 'deputy'; account?: true; station?: string }
  | { kind: 'staff'; user: 'admin' | 'station' | 'station2' | 'dept' | 'dept2' };

export interface DemoProposal {
  key: string;
  title: string;
  description: string;
  location: string;
  category?: string;
  by: DemoProposer;
  /** Proposed this day (Asia/Shanghai) during the call. */
  on: string;
  /** Demo cases (by title) behind it, linked before the screening (cases older than the call's end). */
  cases?: string[];
  screening?:
    | { decision: 'shortlisted'; necessity: number; feasibility: number; costWan: number; department: string; note: string }
    | { decision: 'rejected'; necessity: number; feasibility: number; costWan?: number; department?: string; note: string };
  /** Merged into the proposal with this key. */
  mergeInto?: string;
}

export const DEMO_PROPOSALS: DemoProposal[] = [
  {
    key: 'elevator', title: '新马片区老旧小区加装电梯', location: '马家河街道新马社区',
    description: '新马片区有 20 世纪 90 年代建成的多层住宅 40 余栋，无电梯，老年住户上下楼困难。建议由政府补贴、居民自筹，集中推进加装电梯（约 30 台），并统一协调管线迁改和低层住户补偿。',
    category: '城乡建设', by: { kind: 'deputy', account: true }, on: '2026-09-08',
    screening: { decision: 'shortlisted', necessity: 5, feasibility: 4, costWan: 1200, department: '住建', note: '群众呼声高，已有 3 个小区完成意见征询；按每台补贴 40 万元测算。' },
  },
  {
    key: 'school', title: '马家河中学周边上下学交通组织优化', location: '马家河街道马家河中学周边',
    description: '学校门口早晚高峰接送车辆乱停，学生过马路危险。建议设置限时临时停车泊位、增设人行过街信号灯和护栏，高峰时段安排交警和志愿者疏导。',
    category: '交通运输', by: { kind: 'public', name: '刘敏', phone: '13807331234' }, on: '2026-09-12', cases: ['学校门口上下学时段交通拥堵'],
    screening: { decision: 'shortlisted', necessity: 5, feasibility: 5, costWan: 300, department: '交通', note: '可与区教育局、交警大队联合实施，当年可完成。' },
  },
  {
    key: 'lights', title: '城区背街小巷路灯补缺和智能化改造', location: '嵩山路、泰山路、马家河街道背街小巷',
    description: '部分背街小巷路灯缺失或损坏，夜间出行不便且存在安全隐患。建议补装路灯约 800 盏，并接入智慧路灯平台实现故障自动报警。',
    category: '市政设施', by: { kind: 'staff', user: 'dept' }, on: '2026-09-15', cases: ['新马社区东门路灯不亮'],
    screening: { decision: 'shortlisted', necessity: 4, feasibility: 5, costWan: 450, department: '城管', note: '与城区照明专项规划衔接，分两批实施。' },
  },
  {
    key: 'irrigation', title: '群丰镇灌溉渠系清淤和高标准农田配套', location: '群丰镇',
    description: '群丰镇部分灌溉渠年久失修、淤塞严重，影响晚稻灌溉。建议对 25 公里渠系清淤衬砌，配套建设机耕道和小型提灌站。',
    category: '农业农村', by: { kind: 'deputy', station: '群丰镇' }, on: '2026-09-20', cases: ['灌溉渠堵塞影响晚稻'],
    screening: { decision: 'shortlisted', necessity: 5, feasibility: 4, costWan: 900, department: '农业', note: '可争取高标准农田建设省级补助资金。' },
  },
  {
    key: 'canteen', title: '社区老年助餐点（社区食堂）建设', location: '全区各街道',
    description: '很多独居和高龄老人做饭难、吃饭难。建议在老年人口集中的社区建设 10 个老年助餐点，提供堂食和送餐服务，对高龄、失能和低保老人给予用餐补贴。',
    category: '民政', by: { kind: 'public', name: '周桂香' }, on: '2026-09-25',
    screening: { decision: 'shortlisted', necessity: 5, feasibility: 4, costWan: 600, department: '民政', note: '利用社区闲置用房，引入社会力量运营。' },
  },
  {
    key: 'transfer', title: '城区垃圾中转站提质改造', location: '马家河街道、栗雨街道',
    description: '部分垃圾中转站设施老化、密闭性差，夏季异味扰民，清运不及时。建议对 6 座中转站进行封闭式改造，配备除臭和污水处理设施。',
    category: '市政设施', by: { kind: 'staff', user: 'station' }, on: '2026-10-08',
    screening: { decision: 'shortlisted', necessity: 4, feasibility: 4, costWan: 780, department: '城管', note: '' },
  },
  {
    key: 'sidewalk', title: '马家河路人行道和排水设施改造', location: '马家河街道马家河路',
    description: '马家河路人行道砖破损严重，雨天积水，老人孩子容易摔倒。建议整体翻修人行道约 2.3 公里，同步改造雨水管网。',
    category: '城乡建设', by: { kind: 'public', phone: '13973312288' }, on: '2026-10-12', cases: ['马家河路人行道破损积水'],
    screening: { decision: 'shortlisted', necessity: 4, feasibility: 5, costWan: 520, department: '住建', note: '结合雨污分流工程统筹实施。' },
  },
  {
    key: 'fitness', title: '社区公园健身器材更新和适老化改造', location: '栗雨街道等',
    description: '部分社区公园健身器材损坏、老化，缺少适合老年人的器材。建议更新器材 300 件，增设适老化器材、休息座椅和无障碍通道。',
    category: '教育文体', by: { kind: 'deputy', station: '栗雨街道' }, on: '2026-10-15',
    screening: { decision: 'shortlisted', necessity: 3, feasibility: 5, costWan: 260, department: '文旅', note: '' },
  },
  {
    key: 'stadium', title: '建设区级大型综合体育馆', location: '天元区',
    description: '建议建设一座可容纳 8000 人的综合体育馆，满足大型赛事和文艺演出需要。',
    category: '教育文体', by: { kind: 'public', name: '欧阳建国' }, on: '2026-09-18',
    screening: { decision: 'rejected', necessity: 2, feasibility: 1, costWan: 60000, department: '文旅', note: '投资规模大、建设周期长，不属于年度民生实事范畴，转区发改局作为中长期项目研究。' },
  },
  {
    key: 'parking', title: '全区公共停车场全部免费开放', location: '天元区',
    description: '建议全区所有公共停车场免费开放，减轻群众停车负担。',
    by: { kind: 'public' }, on: '2026-10-02',
    screening: { decision: 'rejected', necessity: 2, feasibility: 1, note: '涉及特许经营合同，不具备可行性；停车难问题已纳入城区停车设施建设统筹解决。' },
  },
  {
    key: 'highway', title: '新增沪昆高速天元区出入口', location: '群丰镇',
    description: '建议在群丰镇附近新增高速公路出入口，方便群众出行和农产品运输。',
    category: '交通运输', by: { kind: 'staff', user: 'admin' }, on: '2026-10-20',
    screening: { decision: 'rejected', necessity: 3, feasibility: 2, note: '属省级交通规划事权，已转市交通运输局研究，不列入区级民生实事。' },
  },
  {
    key: 'lights-dup', title: '新马社区东门一带路灯太暗', location: '马家河街道新马社区东门',
    description: '东门一带晚上很黑，路灯坏了好几盏，希望加装路灯。',
    by: { kind: 'public', name: '王秀英', phone: '13574120011' }, on: '2026-10-05', mergeInto: 'lights',
  },
  {
    key: 'elevator-dup', title: '老小区希望装电梯', location: '马家河街道',
    description: '我们小区是 1995 年的房子，住 6 楼，腿脚不好，希望政府支持加装电梯。',
    by: { kind: 'public', name: '陈德明' }, on: '2026-10-18', mergeInto: 'elevator',
  },
  {
    key: 'bus', title: '增开 T27 路早高峰班次', location: '马家河街道至市区',
    description: '早高峰 T27 路公交车间隔太长、车上拥挤，建议增开班次。',
    category: '交通运输', by: { kind: 'public' }, on: '2026-10-28', cases: ['建议增开 T27 路早高峰班次'],
  },
];

/** The open call opened this many days before the demo's "now"; its proposals came in since. */
export const OPEN_CALL_OPENED_DAYS_AGO = 21;

/**
 * The call open at the demo's "now": while the 2027 candidates are being voted on, the office
 * already collects proposals for the year after (常态化征集 into the project reserve), so a new
 * user can propose from the public page, the console or a hot issue. Its dates are relative to the
 * clock the demo is seeded with: it opened three weeks earlier and closes at the end of the month
 * at least 40 days later; its year is the one after the 2027 call's (or after the clock's year).
 */
export function demoOpenCall(now: Date): { title: string; year: number; description: string; opensOn: string; closesOn: string } {
  const today = shanghaiDate(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = Math.max(DEMO_CALL.year + 1, y + 1);
  const later = new Date(Date.UTC(y, m - 1, d + 40));
  const closesOn = new Date(Date.UTC(later.getUTCFullYear(), later.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  const opensOn = new Date(Date.UTC(y, m - 1, d - OPEN_CALL_OPENED_DAYS_AGO)).toISOString().slice(0, 10);
  return {
    title: `天元区${year}年民生实事项目征集`,
    year,
    description:
      `为提前谋划${year}年民生实事，区人大常委会面向全区群众、各级人大代表和有关部门常态化征集民生实事建议项目。建议项目应聚焦群众“急难愁盼”问题，受益面广、可在一年内基本完成。征集到的建议经必要性、可行性论证后纳入项目储备库，作为${year}年候选项目的来源。`,
    opensOn,
    closesOn,
  };
}

/** A proposal to the open call, not yet screened. */
export interface DemoOpenProposal extends Omit<DemoProposal, 'on' | 'screening' | 'mergeInto'> {
  /** Proposed this many days before the demo's "now" (1 … OPEN_CALL_OPENED_DAYS_AGO − 1), at `at` (HH:MM, Asia/Shanghai). */
  daysAgo: number;
  at: string;
}

export const DEMO_OPEN_PROPOSALS: DemoOpenProposal[] = [
  {
    key: 'kindergarten', title: '栗雨片区增加公办幼儿园学位', location: '栗雨街道',
    description: '栗雨片区这几年新建小区多、适龄儿童多，附近只有一所公办幼儿园，每年报名都要摇号，很多孩子只能上收费较高的民办园。建议新建或改扩建一所公办幼儿园（约 12 个班），或通过购买服务增加普惠性学位。',
    by: { kind: 'public', name: '谭丽娟', phone: '13787230456' }, daysAgo: 19, at: '20:36',
  },
  {
    key: 'ebike', title: '老旧小区电动自行车集中充电设施建设', location: '马家河街道、嵩山路街道、泰山路街道老旧小区',
    description: '老旧小区没有充电桩，不少居民把电动车推进楼道、拉“飞线”充电，消防隐患很大。建议在老旧小区集中建设电动自行车充电棚，配备智能充电桩、烟感和喷淋设施，收费执行政府指导价。',
    by: { kind: 'public', name: '黄建平' }, daysAgo: 15, at: '09:12',
  },
  {
    key: 'rural-roads', title: '雷打石镇农村公路破损路段修复', location: '雷打石镇双垅村、雷打石集镇周边',
    description: '今年联络站陆续收到群众反映，雷打石镇双垅村和集镇周边部分村道路面坑洼破损、雨天积水，农用车和校车通行困难。建议对破损严重的约 18 公里村道进行修复和提质改造，同步完善排水边沟和错车道。',
    category: '交通运输', by: { kind: 'deputy', station: '雷打石镇' }, daysAgo: 11, at: '16:05',
    cases: ['双垅村农村道路破损', '雷打石集镇农村道路破损', '雷打石集镇农村道路破损（二）'],
  },
  {
    key: 'desks', title: '中小学午休“躺睡”课桌椅配置', location: '全区公办中小学',
    description: '孩子中午只能趴在课桌上午睡，睡不好，手臂也压得发麻。建议分批为公办中小学配置可躺睡的课桌椅，优先保障午休时间较长的小学和寄宿制学校。',
    by: { kind: 'public', phone: '15173345678' }, daysAgo: 8, at: '12:48',
  },
  {
    key: 'aed', title: '公共场所自动体外除颤器（AED）配置', location: '栗雨街道及全区人员密集场所',
    description: '联络站接待中多次有居民建议配置 AED。建议在社区服务中心、学校、体育场馆、公园和公交枢纽等人员密集场所配置 AED 约 150 台，并组织社区工作者、教师、保安等开展急救培训。',
    category: '卫生计生', by: { kind: 'staff', user: 'station2' }, daysAgo: 4, at: '10:20',
  },
  {
    key: 'riverside', title: '湘江风光带增设夜间照明和休息座椅', location: '湘江风光带天元段',
    description: '晚上到湘江风光带散步的人很多，有几段路灯光昏暗，座椅也太少，老人走累了没地方坐。建议补装照明，增加休息座椅和垃圾桶。',
    by: { kind: 'public' }, daysAgo: 1, at: '21:17',
  },
];
