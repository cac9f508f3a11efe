import type { ActivityKind, ParticipantType } from '../../../../shared/activities.ts';

/**
 * The demo district's activities: invented people, matters drawn from the seed articles (天元区's
 * 逢十接待 and 园区 stations, the 园区社会治理 research forum, the 两代表一委员 legal aid platform,
 * 代表+调解员, 述职, 屋场夜话, roundtables). Replayed through the same service functions as the API,
 * at the days given (days before the demo's "now"; negative: planned, still to come).
 */
export interface DemoParticipant {
  type: ParticipantType;
  name?: string;
  organisation?: string;
  note?: string;
}

export interface DemoOutcome {
  text: string;
  /** Links the demo case with this title (cases/demo). */
  linkCaseTitle?: string;
  /** Makes a new case through the cases module. */
  newCase?: { title: string; category: string; content?: string };
}

export type DemoPostBy = 'host' | 'deputy' | 'dept' | 'dept2' | `invitee:${number}`;

export interface DemoRoundtable {
  accounts: Array<'dept' | 'dept2'>;
  invitees: Array<{ type: ParticipantType; name: string; organisation?: string }>;
  /** Hours after the opening (the day before `daysAgo`, 9:00). */
  posts: Array<{ by: DemoPostBy; at: number; body: string; hide?: string }>;
  /** Closing summary; absent: the thread is still open. */
  summary?: string;
}

export interface DemoActivity {
  /** Station demo key (station:<key>), null for a district-level activity. */
  station: string | null;
  kind: ActivityKind;
  title: string;
  daysAgo: number;
  start?: string;
  end?: string;
  place: string;
  organiser: string;
  agenda?: string;
  minutes?: string;
  summary?: string;
  online?: boolean;
  /** Deputies: an index into the station's deputies (by name order) or a demo key `deputy:<key>`. */
  deputies: Array<number | string>;
  participants?: DemoParticipant[];
  outcomes?: DemoOutcome[];
  evaluation?: { satisfied: number; basicallySatisfied: number; unsatisfied: number; note?: string };
  /** Photos to attach (generated images); the first `publicPhotos` may be shown on the portal. */
  photos?: number;
  publicPhotos?: number;
  cancelled?: string;
  roundtable?: DemoRoundtable;
}

const resident = (name: string, note = ''): DemoParticipant => ({ type: 'resident', name, note });

export const DEMO_ACTIVITIES: DemoActivity[] = [
  // ── 马家河街道 (the `station` account) and its two rooms ──
  {
    station: '马家河街道', kind: 'group_activity', title: '代表小组活动：学习代表法、交流逢十接待经验', daysAgo: 168, start: '14:30', end: '16:30',
    place: '马家河街道代表联系群众工作站会议室', organiser: '马家河街道人大工委', deputies: [0, 1, 2, 3, 'deputy:deputy-account'],
    agenda: '一、学习《代表法》修改要点\n二、交流上半年逢十接待情况\n三、安排下半年进站履职', summary: '驻站代表集体学习代表法修改要点，交流“逢十接待”中收集的问题和办理情况，排定下半年进站轮值表。',
    photos: 1, publicPhotos: 1,
  },
  {
    station: '马家河街道·园区', kind: 'inspection', title: '视察新马工业园道路交通安全设施', daysAgo: 120, start: '09:00', end: '11:30',
    place: '新马工业园主干道及园区路口', organiser: '马家河街道人大工委', deputies: [0, 'deputy:deputy-account'],
    participants: [{ type: 'official', name: '吴晓峰', organisation: '区交通运输局' }, { type: 'enterprise', name: '孙立新', organisation: '株洲某汽车零部件有限公司' }],
    agenda: '实地查看园区主干道交通标志标线、路口信号灯和员工通勤情况', minutes: '园区三号路口早晚高峰员工电动车与货车混行，缺少隔离设施和信号灯；二号路标线磨损。',
    summary: '代表实地查看园区主干道和路口，建议在三号路口增设信号灯和非机动车隔离设施，重新施划二号路标线。',
    outcomes: [
      { text: '三号路口增设信号灯和非机动车隔离设施', newCase: { title: '新马工业园三号路口需增设信号灯', category: '交通运输', content: '代表视察发现：新马工业园三号路口早晚高峰员工电动车与货车混行，缺少隔离设施和信号灯，存在安全隐患，建议增设信号灯和隔离护栏。' } },
      { text: '园区夜间噪音问题一并督促整改', linkCaseTitle: '工业园夜间噪音扰民' },
    ],
    photos: 2, publicPhotos: 2,
  },
  {
    station: '马家河街道', kind: 'report_back', title: '区人大代表向选民述职暨群众评议会', daysAgo: 45, start: '15:00', end: '17:00',
    place: '新马社区服务中心二楼会议室', organiser: '马家河街道人大工委', deputies: ['deputy:deputy-account'],
    participants: [resident('刘桂兰', '选民代表'), resident('周建华', '选民代表'), { type: 'official', organisation: '马家河街道办事处' }, { type: 'other', organisation: '新马社区居委会' }],
    agenda: '一、代表述职（当选以来接待选民、提出建议、督办问题情况）\n二、选民提问\n三、选民现场填写评议表', minutes: '代表报告了进站接待 12 次、收集问题 37 个、提出建议 4 件的情况；选民就东门路灯、加装电梯等问题提问，代表逐一回应。',
    summary: '区人大代表向新马社区选民述职，报告进站接待、建议办理情况，选民现场评议。',
    evaluation: { satisfied: 38, basicallySatisfied: 7, unsatisfied: 1, note: '发放评议表 48 份，收回有效表 46 份' },
    photos: 2, publicPhotos: 1,
  },
  {
    station: '马家河街道', kind: 'roundtable', online: true, title: '线上圆桌会：新马社区停车难和电动车充电桩', daysAgo: 20,
    place: '线上', organiser: '马家河街道代表联系群众工作站', deputies: ['deputy:deputy-account', 1],
    agenda: '议题：新马社区夜间停车难、电动车飞线充电。请物业、居民代表和有关部门各自说明情况、提出办法。',
    roundtable: {
      accounts: ['dept', 'dept2'],
      invitees: [
        { type: 'property_company', name: '周海涛', organisation: '株洲某物业服务公司新马项目部' },
        { type: 'resident', name: '龙秀英', organisation: '新马社区 7 栋' },
        { type: 'enterprise', name: '黄家豪', organisation: '新马工业园某新材料企业' },
      ],
      posts: [
        { by: 'host', at: 0, body: '各位好，本次线上圆桌会围绕新马社区停车难和电动车充电问题，请大家实事求是反映情况、提出办法。发言请文明理性。' },
        { by: 'invitee:1', at: 2, body: '7 栋楼下每天晚上都有人从楼上拉电线给电动车充电，很危险。小区没有集中充电的地方，希望尽快建充电棚。' },
        { by: 'invitee:0', at: 4, body: '物业这边统计过，小区约有 300 辆电动车，东门内侧空地可以建一个 60 个桩位的充电棚，但需要业委会同意和供电增容。' },
        { by: 'invitee:2', at: 5, body: '园区企业员工很多住在新马社区，晚上下班车没处停。企业愿意开放园区员工停车场夜间给居民停车。' },
        { by: 'invitee:1', at: 6, body: '加微信 13800001234，专业代办充电桩安装，价格优惠！', hide: '含广告和个人联系方式' },
        { by: 'dept2', at: 20, body: '区住建局：老旧小区改造项目可以把充电设施纳入，物业和业委会商定位置后报街道，我们协调供电增容。' },
        { by: 'dept', at: 22, body: '区城管局：飞线充电我们会联合社区开展排查劝导；东门外路段可以在夜间施划临时停车泊位。' },
        { by: 'deputy', at: 26, body: '我建议分两步：先落实园区停车场夜间开放和临时泊位，充电棚纳入明年老旧小区改造。我会把充电棚的事形成建议提交。' },
      ],
      summary: '经协商：一、园区企业员工停车场夜间向居民开放（19:00–次日 7:00）；二、区城管局在东门外路段施划夜间临时泊位，并联合社区排查飞线充电；三、东门内侧建设集中充电棚，由物业牵头征求业主意见，区住建局协调纳入老旧小区改造并协调供电增容。充电棚事项登记为诉求跟踪办理。',
    },
    outcomes: [{ text: '东门内侧建设集中充电棚，纳入老旧小区改造', newCase: { title: '新马社区东门建设电动车集中充电棚', category: '城乡建设', content: '线上圆桌会协商：新马社区约 300 辆电动车无集中充电场所，飞线充电隐患大。建议在东门内侧空地建设 60 个桩位的充电棚，纳入老旧小区改造并协调供电增容。' } }],
  },
  {
    station: '马家河街道·新马社区', kind: 'legal_aid', title: '“代表+律师”法律服务进社区：婚姻家庭和继承', daysAgo: 75, start: '09:00', end: '11:30',
    place: '新马社区代表工作室', organiser: '新马社区代表工作室', deputies: [0],
    participants: [{ type: 'lawyer', name: '王丽华', organisation: '湖南某律师事务所' }, resident('罗小兰', '咨询房产继承'), resident('何德明', '咨询赡养纠纷')],
    summary: '律师和代表一起为居民解答婚姻家庭、继承、赡养方面的法律问题，当场解答咨询 9 人次。',
    outcomes: [{ text: '当场解答法律咨询 9 人次，2 件引导申请法律援助' }],
    photos: 1, publicPhotos: 1,
  },
  {
    station: '马家河街道', kind: 'roundtable', title: '圆桌会：新马农贸市场周边占道经营', daysAgo: -9, start: '14:30', end: '16:30',
    place: '马家河街道代表联系群众工作站会议室', organiser: '马家河街道代表联系群众工作站', deputies: [1, 2],
    agenda: '议题：农贸市场周边早市占道、交通拥堵。邀请市场管理方、摊主代表、城管中队和居民代表参加。',
    participants: [{ type: 'official', organisation: '区城市管理和综合执法局马家河中队' }, { type: 'enterprise', organisation: '新马农贸市场管理公司' }],
  },
  // ── 园区 (天易科技城) ──
  {
    station: '园区', kind: 'forum', title: '“园区社会治理现代化建设”调研座谈会', daysAgo: 130, start: '09:30', end: '11:30',
    place: '天易科技城企业服务中心一楼会议室', organiser: '天元区人大常委会', deputies: [0, 1, 2],
    participants: [
      { type: 'enterprise', name: '邓凯', organisation: '株洲某轨道交通装备有限公司' }, { type: 'enterprise', name: '曾丽娟', organisation: '株洲某新材料科技有限公司' },
      { type: 'enterprise', name: '贺明亮', organisation: '株洲某汽车零部件有限公司' }, { type: 'official', name: '孙红梅', organisation: '区人力资源和社会保障局' },
      { type: 'official', name: '吴晓峰', organisation: '区交通运输局' }, { type: 'official', organisation: '区公安分局园区派出所' },
    ],
    agenda: '围绕园区联建共建、治安管理、法律服务等社会治理情况开展探讨交流', minutes: '企业反映：员工通勤公交班次少、夜班员工出行难；园区招工难；部分中小企业劳动用工法律风险大。',
    summary: '代表、园区企业和有关部门负责人就园区联建共建、治安管理、法律服务等社会治理情况深入交流，形成优化公交线路、加强用工法律服务等意见建议。',
    outcomes: [
      { text: '建议优化调整公交线路覆盖园区', linkCaseTitle: '建议增开 T27 路早高峰班次' },
      { text: '建议在园区设立用工法律服务点', newCase: { title: '建议在天易科技城设立劳动用工法律服务点', category: '劳动和社会保障', content: '调研座谈会上企业反映中小企业劳动用工法律风险大，建议区人社局联合司法所在园区设立劳动用工法律服务点，定期驻点服务。' } },
    ],
    photos: 2, publicPhotos: 2,
  },
  {
    station: '园区', kind: 'legal_aid', title: '“两代表一委员”法律沙龙：劳动合同与欠薪维权', daysAgo: 60, start: '14:30', end: '17:00',
    place: '天易科技城企业服务中心', organiser: '园区代表联络站', deputies: [0, 1],
    participants: [
      { type: 'lawyer', name: '陈建国', organisation: '湖南某律师事务所' }, { type: 'enterprise', organisation: '株洲某电子科技有限公司' },
      { type: 'enterprise', organisation: '株洲某精密制造有限公司' }, resident('谭春梅', '园区企业员工，咨询欠薪'),
    ],
    summary: '有法律专业背景的代表和律师为园区中小微企业及员工讲解劳动合同签订、加班费和欠薪维权，现场答疑 15 个问题。',
    outcomes: [{ text: '一名员工反映被拖欠三个月工资，登记为诉求转区人社局', newCase: { title: '园区某企业拖欠员工三个月工资', category: '劳动和社会保障', content: '法律沙龙上园区某企业员工反映被拖欠 8 月至 10 月工资，律师已提供维权指引，请区人社局劳动监察核查处理。' } }],
    photos: 1,
  },
  {
    station: '园区', kind: 'training', title: '园区代表履职培训：企业服务政策解读', daysAgo: 25, start: '09:00', end: '12:00',
    place: '天易科技城企业服务中心', organiser: '园区代表联络站', deputies: [0, 1, 2],
    participants: [{ type: 'official', organisation: '区发展和改革局' }, { type: 'official', organisation: '区市场监督管理局' }],
    summary: '解读惠企政策、企业开办和融资服务，提升代表服务园区企业的能力。',
  },
  // ── 栗雨街道 (the `station2` account) ──
  {
    station: '栗雨街道', kind: 'research', title: '调研中路社区村级道路路灯建设', daysAgo: 150, start: '09:00', end: '11:30',
    place: '栗雨街道中路社区杨家组等村级道路', organiser: '栗雨街道人大工委', deputies: [0, 1],
    participants: [resident('龙罗先', '杨家组居民'), { type: 'official', organisation: '区城市管理和综合执法局' }],
    summary: '代表走访中路社区村级道路，了解路灯缺失、夜间出行不便情况，形成在村级道路安装太阳能路灯的建议。',
    outcomes: [{ text: '形成“关于中路社区安装太阳能路灯的建议”，由区代表在会议期间提出' }],
    photos: 1, publicPhotos: 1,
  },
  {
    station: '栗雨街道', kind: 'roundtable', title: '圆桌会：小区停车位被长期占用', daysAgo: 40, start: '19:00', end: '21:00',
    place: '栗雨街道某小区物业服务中心', organiser: '栗雨街道人大代表联络站', deputies: [1, 2],
    participants: [{ type: 'property_company', name: '易志强', organisation: '某物业服务公司' }, resident('杨雪梅', '业主代表'), resident('朱光辉', '业主代表'), { type: 'official', organisation: '栗雨街道办事处' }],
    summary: '代表、物业、业主代表面对面协商，商定清理“僵尸车”、规范固定车位划线，由物业一个月内完成。',
    outcomes: [{ text: '停车问题由物业限期整改，并与诉求一并回访', linkCaseTitle: '小区停车位被长期占用' }],
  },
  {
    station: '栗雨街道', kind: 'roundtable', online: true, title: '线上圆桌会：栗雨公园健身器材维护和管理', daysAgo: -5,
    place: '线上', organiser: '栗雨街道人大代表联络站', deputies: [0],
    agenda: '议题：栗雨公园健身器材损坏后的报修、维护责任和日常管理。请区城管局、居民代表参加。',
    roundtable: {
      accounts: ['dept'],
      invitees: [{ type: 'resident', name: '廖玉兰', organisation: '栗雨公园晨练队' }],
      posts: [{ by: 'host', at: 0, body: '圆桌会已开启，请各位在会前先留言说明情况。' }],
    },
  },
  {
    station: '栗雨街道', kind: 'group_activity', title: '代表小组活动：夜话家常', daysAgo: 95, start: '19:30', end: '21:00',
    place: '栗雨街道中路社区屋场', organiser: '栗雨街道人大工委', deputies: [0, 1, 2, 3],
    participants: [resident('胡淑芬'), resident('林宏伟'), resident('高长青')],
    summary: '代表在屋场和居民“夜话家常”，听取对社区环境、养老服务的意见，收集问题 6 个。',
  },
  // ── 嵩山路街道 ──
  {
    station: '嵩山路街道', kind: 'forum', title: '“听新声 商圈说”新就业群体座谈会', daysAgo: 110, start: '15:00', end: '16:30',
    place: '嵩山路街道人大代表联络站', organiser: '嵩山路街道人大工委', deputies: [0, 1],
    participants: [{ type: 'other', organisation: '外卖骑手代表（5 人）' }, { type: 'other', organisation: '快递员代表（3 人）' }, { type: 'enterprise', organisation: '某外卖平台株洲站点' }],
    summary: '代表和外卖骑手、快递员促膝谈心，收集到停车、充电、就餐、子女暑期托管等诉求，商定开设骑手暑托班和义诊。',
    outcomes: [{ text: '开设新就业群体子女暑托班、组织义诊便民服务' }],
    photos: 1, publicPhotos: 1,
  },
  {
    station: '嵩山路街道', kind: 'training', title: '代表履职培训：如何接待选民和转办问题', daysAgo: 30, start: '09:00', end: '11:00',
    place: '嵩山路街道办事处三楼会议室', organiser: '嵩山路街道人大工委', deputies: [0, 1, 2],
    summary: '讲解“一听二看三议四办”收集转办程序和平台使用。',
  },
  // ── 泰山路街道 ──
  {
    station: '泰山路街道', kind: 'inspection', title: '视察老旧小区改造项目进度', daysAgo: 85, start: '09:00', end: '11:30',
    place: '泰山路街道某老旧小区改造工地', organiser: '泰山路街道人大工委', deputies: [0, 1, 2],
    participants: [{ type: 'official', name: '李国平', organisation: '区住房和城乡建设局' }, { type: 'enterprise', organisation: '某建设工程有限公司' }],
    summary: '代表查看雨污分流、外墙改造和加装电梯进度，提出施工期间保障居民出行和夜间停工的意见。',
    outcomes: [{ text: '施工方承诺夜间 22 点后停工，设置临时通道' }],
    photos: 2, publicPhotos: 2,
  },
  {
    station: '泰山路街道', kind: 'forum', title: '社区议事厅：加装电梯意见征集座谈会', daysAgo: 14, start: '19:00', end: '20:30',
    place: '泰山路街道党群服务中心二楼议事厅', organiser: '泰山路街道人大代表联络站', deputies: [0, 1],
    participants: [resident('肖美玲', '3 栋业主'), resident('唐树林', '3 栋一楼业主'), { type: 'official', organisation: '区住房和城乡建设局' }],
    summary: '高低楼层业主就加装电梯的费用分摊和一楼采光补偿充分表达意见，初步形成分摊方案。',
  },
  {
    station: '泰山路街道', kind: 'group_activity', title: '代表小组活动：走访独居老人', daysAgo: -3, start: '09:00', end: '11:30',
    place: '泰山路街道各社区', organiser: '泰山路街道人大工委', deputies: [0, 1],
    cancelled: '当天有暴雨橙色预警，活动改期',
  },
  // ── 群丰镇 ──
  {
    station: '群丰镇', kind: 'inspection', title: '视察农田水利和灌溉渠疏浚', daysAgo: 50, start: '08:30', end: '11:30',
    place: '群丰镇各村灌溉渠', organiser: '群丰镇人大主席团', deputies: [0, 1, 2],
    participants: [{ type: 'official', name: '唐建军', organisation: '区农业农村局' }],
    summary: '代表沿渠查看晚稻灌溉情况，督促疏浚堵塞渠段。',
    outcomes: [{ text: '灌溉渠堵塞问题督促办理', linkCaseTitle: '灌溉渠堵塞影响晚稻' }],
    photos: 1, publicPhotos: 1,
  },
  {
    station: '群丰镇', kind: 'report_back', title: '镇人大代表向选民述职', daysAgo: 100, start: '14:00', end: '16:00',
    place: '群丰镇人民政府一楼会议室', organiser: '群丰镇人大主席团', deputies: [0, 1],
    participants: [{ type: 'other', organisation: '各村选民代表（32 人）' }],
    summary: '两名镇人大代表报告履职情况，选民代表当场评议。',
    evaluation: { satisfied: 27, basicallySatisfied: 4, unsatisfied: 1 },
  },
  // ── 雷打石镇 ──
  {
    station: '雷打石镇', kind: 'mediation', title: '“代表+调解员”化解宅基地边界纠纷', daysAgo: 70, start: '09:00', end: '11:00',
    place: '雷打石镇人大代表联络站调解室', organiser: '雷打石镇人大代表联络站', deputies: [0],
    participants: [{ type: 'mediator', name: '罗振华', organisation: '雷打石镇人民调解委员会' }, resident('彭国平', '纠纷一方'), resident('彭跃进', '纠纷另一方')],
    minutes: '双方因新建围墙占用边界 0.6 米发生纠纷，经代表和调解员现场丈量、释法说理，双方同意按原界址退让。',
    summary: '代表和人民调解员现场丈量、释法说理，一起邻里宅基地边界纠纷当场化解，双方签订调解协议。',
    outcomes: [{ text: '双方签订人民调解协议书，按原界址退让' }],
  },
  {
    station: '雷打石镇', kind: 'group_activity', title: '赶集日代表接待暨政策宣讲', daysAgo: 35, start: '08:30', end: '11:30',
    place: '雷打石镇集镇中心街', organiser: '雷打石镇人大主席团', deputies: [0, 1, 2],
    summary: '利用农历赶集日在集镇设摊，代表宣讲医保缴费、耕地保护政策，接待群众 40 余人次。',
    photos: 1, publicPhotos: 1,
  },
  // ── 三门镇 ──
  {
    station: '三门镇', kind: 'group_activity', title: '屋场夜话：村道硬化和安全饮水', daysAgo: 65, start: '19:30', end: '21:30',
    place: '三门镇某村屋场', organiser: '三门镇人大主席团', deputies: [0, 1],
    participants: [resident('邓正阳', '村民组长'), resident('曾慧敏')],
    summary: '代表在屋场和村民夜话，记录村道硬化和安全饮水两件急难愁盼事。',
    outcomes: [{ text: '村道硬化纳入镇年度项目建议' }],
  },
  {
    station: '三门镇', kind: 'mediation', title: '“代表+调解员”调解山林承包纠纷', daysAgo: 8, start: '14:00', end: '16:30',
    place: '三门镇人大代表联络站', organiser: '三门镇人大代表联络站', deputies: [1],
    participants: [{ type: 'mediator', name: '钟文斌', organisation: '三门镇人民调解委员会' }, resident('吴承志'), resident('徐佳怡')],
    summary: '山林承包到期续包纠纷，经调解双方同意按评估价续包。',
  },
  // ── district level (the office) ──
  {
    station: null, kind: 'training', title: '全区人大代表履职能力培训（法律知识专题）', daysAgo: 140, start: '09:00', end: '17:00',
    place: '天元区人大常委会机关会议室', organiser: '天元区人大常委会代表工委', deputies: [0, 1, 2, 3, 4, 5],
    participants: [{ type: 'lawyer', organisation: '湖南某律师事务所' }],
    summary: '常态化组织代表学习法律知识，邀请律师讲解民法典和信访工作条例，提高代表依法履职能力。',
  },
  {
    station: null, kind: 'training', title: '2027 年度代表进站履职工作部署会', daysAgo: -20, start: '14:30', end: '16:30',
    place: '天元区人大常委会机关会议室', organiser: '天元区人大常委会代表工委', deputies: [0, 1, 2],
  },
];
