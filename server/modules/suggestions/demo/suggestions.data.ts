import type { EvaluationRating, ReplyCategory, SuggestionPeriod } from '../../../../shared/suggestions.ts';

/**
 * The demo district's suggestions: invented but realistic matters of 天元区, many grown from the
 * cases seed's cases (by title). Each is replayed through the same commands as the API at the
 * times given (days before the demo's “now”), after the linked cases' own histories end, so
 * numbers, due dates, timelines, the cases' tracking pages and the audit log are genuine.
 *
 * Deputies by their demo key (`deputy-account` is the demo `deputy`); suggestions of deputies
 * without an account are drafted by the office (`byOffice`). Departments by their demo key.
 */
export type DemoSuggestionStep =
  | { at: number; action: 'submit' | 'sign-all' }
  | { at: number; action: 'register'; period: SuggestionPeriod; congress?: string; category?: string }
  | { at: number; action: 'assign'; lead: string; co?: string[] }
  | { at: number; action: 'co-opinion'; department: string; content: string }
  | { at: number; action: 'reply'; category: ReplyCategory; content: string }
  | { at: number; action: 'evaluate'; rating: EvaluationRating; comment?: string }
  | { at: number; action: 'supervise'; note: string }
  | { at: number; action: 'publish' }
  | { at: number; action: 'sign'; deputy: string };

export interface DemoSuggestion {
  /** Days before now when it was drafted. */
  daysAgo: number;
  lead: string;
  byOffice?: boolean;
  title: string;
  content: string;
  proposals: string;
  category?: string;
  cosponsors?: string[];
  /** Titles of the cases seed's cases. */
  cases?: string[];
  steps: DemoSuggestionStep[];
}

const SESSION = '天元区第十八届人民代表大会第六次会议';
const STANDING = '天元区第十八届人民代表大会常务委员会';

export const DEMO_SUGGESTIONS: DemoSuggestion[] = [
  // ── the demo deputy's own ──
  {
    daysAgo: 0.2, lead: 'deputy-account', title: '关于加快新马片区老旧小区加装电梯的建议', category: '城乡建设',
    cases: ['新马小区 3 栋申请加装电梯', '老旧小区加装电梯咨询'], cosponsors: ['deputy-17'],
    content: '近期在新马社区代表工作室接待和网上留言中，多位居民反映老旧小区上下楼困难、希望加装电梯，但对申报流程和补贴政策不了解，楼栋内意见协调也缺少帮助。新马片区 2000 年前后建成的 6 层住宅较多，老年住户比例高，加装电梯需求迫切。',
    proposals: '一、由区住建局牵头，在街道、社区设立加装电梯咨询服务点，公开申报流程和补贴标准；\n二、对已达成业主同意比例的楼栋开辟审批绿色通道；\n三、将新马片区列入明年老旧小区改造加装电梯试点。',
    steps: [],
  },
  {
    daysAgo: 0.5, lead: 'deputy-account', title: '关于在新马路与新马东路交叉口增设交通信号灯的建议', category: '交通运输',
    cases: ['新马路口早高峰拥堵，建议增设信号灯'], cosponsors: ['deputy-18'],
    content: '新马路与新马东路交叉口没有信号灯，早高峰上学、上班车辆交汇，拥堵严重，存在安全隐患。接待日有群众专门反映此事。',
    proposals: '建议区交通运输局会同交警部门现场勘查，增设信号灯和人行横道，早高峰安排疏导。',
    steps: [{ at: 0.45, action: 'sign', deputy: 'deputy-18' }, { at: 0.4, action: 'submit' }],
  },
  {
    daysAgo: 20, lead: 'deputy-account', title: '关于加密 T27 路公交早高峰班次的建议', category: '交通运输',
    cases: ['建议增开 T27 路早高峰班次'],
    content: '新马片区到河西的 T27 路早高峰发车间隔长，群众反映候车常超过 20 分钟，影响上班上学。',
    proposals: '建议在 7:00—8:30 加密 T27 路班次至 10 分钟一班，并研究开通新马片区至河西的高峰快线。',
    steps: [{ at: 19, action: 'submit' }, { at: 15, action: 'register', period: 'recess', congress: STANDING }],
  },
  {
    daysAgo: 18, lead: 'deputy-account', title: '关于系统整治马家河路人行道破损积水问题的建议', category: '城乡建设',
    cases: ['马家河路人行道破损积水'],
    content: '马家河路菜市场段人行道地砖松动破损，雨后积水，已有老人滑倒。该路段人流量大，零星修补难以根治，需要与排水设施改造统筹解决。',
    proposals: '一、对马家河路全线人行道开展排查；二、与排水管网改造同步施工，一次修复到位；三、施工期间设置临时通道和警示标志。',
    steps: [
      { at: 17, action: 'submit' }, { at: 16, action: 'register', period: 'recess', congress: STANDING },
      { at: 15, action: 'assign', lead: '城管', co: ['住建'] },
      { at: 10, action: 'co-opinion', department: '住建', content: '排水管网改造已列入本年度计划，住建局可配合城管局同步安排人行道修复，施工时间建议避开春节前后。' },
    ],
  },
  {
    daysAgo: 70, lead: 'deputy-account', title: '关于完善新马社区夜间照明设施的建议', category: '市政设施',
    cases: ['新马社区东门路灯不亮'],
    content: '新马社区东门到公交站路段路灯曾长时间不亮，居民夜间出行不安全。虽经处理已恢复照明，但社区内部分路段照明设施老化，缺少定期巡查。',
    proposals: '一、对新马社区及周边道路照明设施开展全面排查；二、建立每月巡查、故障 48 小时内修复的机制；三、对老化电缆分批更换。',
    steps: [
      { at: 69, action: 'submit' }, { at: 66, action: 'register', period: 'recess', congress: STANDING }, { at: 65, action: 'assign', lead: '城管' },
      { at: 8, action: 'reply', category: 'resolved', content: '我局已对新马社区及周边 3 条道路的 126 盏路灯开展排查，更换老化电缆 1.2 公里、灯具 38 套，全部恢复正常照明；已将该片区纳入每月夜间巡查，故障承诺 48 小时内修复，巡查记录在区城管局网站公开。' },
    ],
  },
  {
    daysAgo: 110, lead: 'deputy-account', title: '关于在马家河中学门口设置护学岗和临时停车区的建议', category: '教育文体',
    content: '马家河中学门口道路狭窄，上下学时段接送车辆乱停乱放，学生横穿马路现象多，存在较大安全隐患。',
    proposals: '建议教育部门会同城管、交警设置护学岗，在学校周边规划临时停车区，上下学时段实行单向通行。',
    steps: [
      { at: 108, action: 'submit' }, { at: 105, action: 'register', period: 'recess', congress: STANDING }, { at: 100, action: 'assign', lead: '教育', co: ['城管'] },
      { at: 2, action: 'supervise', note: '已超过答复期限，涉及学生安全，请抓紧答复代表。' },
    ],
  },
  {
    daysAgo: 30, lead: 'deputy-account', title: '关于加强新马工业园企业夜间噪音治理的建议', category: '环境保护',
    cases: ['工业园夜间噪音扰民'],
    content: '新马工业园部分企业夜间违规作业，切割噪音影响周边居民休息，虽经查处仍有反复，需要建立长效监管机制。',
    proposals: '一、对园区企业夜间作业实行报备管理；二、在园区与居民区交界处安装噪声在线监测设备；三、对反复违规企业依法从严处罚。',
    steps: [
      { at: 29, action: 'submit' }, { at: 28, action: 'register', period: 'recess', congress: STANDING }, { at: 27, action: 'assign', lead: '生态', co: ['城管'] },
      { at: 25, action: 'co-opinion', department: '城管', content: '城管局将配合开展夜间联合执法，对违规作业企业依法处罚。' },
      { at: 12, action: 'reply', category: 'resolved', content: '已在新马工业园与居民区交界处安装噪声在线监测设备 4 台，数据实时接入园区管理平台；园区企业夜间作业实行报备，对 1 家反复违规企业立案处罚。近一个月未再接到夜间噪音投诉。' },
      { at: 10, action: 'evaluate', rating: 'satisfied', comment: '措施具体，群众反映效果明显。' }, { at: 9, action: 'publish' },
    ],
  },
  {
    daysAgo: 60, lead: 'deputy-account', title: '关于规范住宅小区电梯维保管理的建议', category: '物业管理', cosponsors: ['deputy-17'],
    cases: ['小区电梯频繁停运，物业推诿'],
    content: '马家河街道某小区 7 栋居民周建华（电话 13973312345）反映，该栋电梯一个月停运四次，物业和维保单位相互推诿。类似问题在老旧小区较为普遍，电梯维保质量缺乏监督。',
    proposals: '一、建立电梯维保质量评价和公示制度；二、明确故障修复时限，超时纳入物业服务考核；三、推广电梯安全责任保险。',
    steps: [
      { at: 59.5, action: 'sign', deputy: 'deputy-17' },
      { at: 59, action: 'submit' }, { at: 57, action: 'register', period: 'recess', congress: STANDING }, { at: 56, action: 'assign', lead: '住建' },
      { at: 30, action: 'reply', category: 'in_progress', content: '已约谈涉事物业公司和维保单位，7 栋电梯已更换主板并检测合格。正在起草全区住宅电梯维保质量评价办法，计划明年一季度出台，届时对维保单位实行季度评价并公示。' },
      { at: 28, action: 'evaluate', rating: 'basically_satisfied', comment: '个案已解决，评价办法请按期出台。' }, { at: 27, action: 'publish' },
    ],
  },
  {
    daysAgo: 6.5, lead: 'deputy-account', title: '关于加快高龄津贴审核发放的建议', category: '民政',
    cases: ['高龄津贴迟迟未到账'],
    content: '有群众反映高龄津贴申请后三个月仍未到账，原因是银行账号信息有误被退回，但家属未及时得到通知。审核发放环节信息不透明。',
    proposals: '一、审核结果和退回原因及时短信告知申请人；二、压缩审核发放时限；三、在社区公示发放进度。',
    steps: [
      { at: 6.4, action: 'submit' }, { at: 6, action: 'register', period: 'recess', congress: STANDING }, { at: 5.8, action: 'assign', lead: '民政' },
      { at: 3, action: 'reply', category: 'planned', content: '已为该申请人更正账号并补发。关于短信告知，拟在明年系统升级时考虑。' },
      { at: 2, action: 'evaluate', rating: 'unsatisfied', comment: '短信告知不需要等系统升级，请提出具体时间表，并说明现有积压件的处理办法。' },
    ],
  },

  // ── other deputies' (some co-signed by the demo deputy) ──
  {
    daysAgo: 40, lead: 'deputy-17', byOffice: true, title: '关于开通新马工业园通勤公交线路的建议', category: '交通运输', cosponsors: ['deputy-account'],
    content: '新马工业园企业职工上下班通勤不便，现有公交线路未覆盖园区，职工多骑电动车往返，存在安全隐患。',
    proposals: '建议开通新马工业园至地铁站、主要居民区的通勤公交，上下班高峰加密班次。',
    steps: [
      { at: 39, action: 'sign', deputy: 'deputy-account' }, { at: 38, action: 'submit' },
      { at: 37, action: 'register', period: 'recess', congress: STANDING }, { at: 36, action: 'assign', lead: '交通' },
    ],
  },
  {
    daysAgo: 0.8, lead: 'deputy-18', byOffice: true, title: '关于整治马家河沿岸建筑垃圾倾倒的建议', category: '环境保护', cosponsors: ['deputy-account', 'deputy-19'],
    cases: ['河边有人倾倒建筑垃圾'],
    content: '马家河沿岸近期有车辆夜间倾倒建筑垃圾，已堆积成片，影响河道环境，群众担心污染河水。',
    proposals: '建议城管、生态环境部门开展夜间巡查，在重点点位安装监控，对违法倾倒依法处罚并限期清运。',
    steps: [{ at: 0.75, action: 'sign', deputy: 'deputy-19' }, { at: 0.7, action: 'submit' }],
  },
  {
    daysAgo: 35, lead: 'deputy-13', byOffice: true, title: '关于建立小区僵尸车清理长效机制的建议', category: '物业管理',
    cases: ['小区停车位被长期占用'],
    content: '栗雨街道部分小区地面停车位被僵尸车长期占用，物业无权拖移，居民停车难。个案虽已处理，但缺少长效机制。',
    proposals: '建议由住建、公安交警、街道联合制定僵尸车认定和清理办法，明确物业、社区职责。',
    steps: [
      { at: 34, action: 'submit' }, { at: 33, action: 'register', period: 'recess', congress: STANDING }, { at: 32, action: 'assign', lead: '住建' },
      { at: 15, action: 'reply', category: 'resolved', content: '已会同公安交警、各街道制定《天元区住宅小区僵尸车清理工作指引》，明确认定标准、公告程序和拖移责任，已在全区小区推行，累计清理僵尸车 46 辆。' },
      { at: 13, action: 'evaluate', rating: 'satisfied' }, { at: 12, action: 'publish' },
    ],
  },
  {
    daysAgo: 25, lead: 'deputy-20', byOffice: true, title: '关于加强群丰镇农田水利设施维护的建议', category: '农业农村',
    cases: ['灌溉渠堵塞影响晚稻'],
    content: '群丰镇部分灌溉渠年久失修、淤塞严重，影响晚稻灌溉。村组自行清淤力量不足。',
    proposals: '建议区农业农村局安排专项资金，对全镇灌溉渠分批清淤修缮，建立汛后巡查制度。',
    steps: [
      { at: 24, action: 'submit' }, { at: 23, action: 'register', period: 'recess', congress: STANDING }, { at: 22, action: 'assign', lead: '农业' },
      { at: 8, action: 'reply', category: 'planned', content: '已完成群丰镇 3 条主渠清淤 2.1 公里；其余支渠修缮已列入明年农田水利建设计划，安排资金 80 万元。汛后巡查已纳入镇村日常工作。' },
      { at: 6, action: 'evaluate', rating: 'basically_satisfied', comment: '希望明年计划按时落实。' }, { at: 5, action: 'publish' },
    ],
  },
  {
    daysAgo: 320, lead: 'deputy-9', byOffice: true, title: '关于加快天元区智慧停车建设的建议', category: '交通运输', cosponsors: ['deputy-10', 'deputy-account'],
    content: '城区停车位供需矛盾突出，路内停车管理粗放，群众找车位难。现有停车资源信息分散，未实现共享。',
    proposals: '一、建设全区统一的智慧停车平台；二、推动机关、企事业单位停车场错时共享；三、在老旧小区周边挖潜增设停车位。',
    steps: [
      { at: 319.5, action: 'sign-all' }, { at: 319, action: 'submit' }, { at: 318, action: 'register', period: 'session', congress: SESSION }, { at: 310, action: 'assign', lead: '城管', co: ['交通'] },
      { at: 250, action: 'reply', category: 'resolved', content: '全区智慧停车平台已上线，接入公共停车场 58 个、泊位 1.2 万个；已推动 23 家机关事业单位停车场错时开放；在老旧小区周边新增停车位 860 个。' },
      { at: 245, action: 'evaluate', rating: 'satisfied' }, { at: 240, action: 'publish' },
    ],
  },
];
