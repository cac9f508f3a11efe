/**
 * The demo district's call for 2027 livelihood projects (天元区2027年民生实事项目征集) and the
 * proposals it received from the public, deputies and staff, with their screening. Invented but
 * plausible for 天元区, 株洲: places, departments and costs (万元) of the district's size.
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
