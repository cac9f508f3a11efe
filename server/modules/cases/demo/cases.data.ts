import type { CaseChannel, Rating } from '../../../../shared/cases.ts';
import { historyCases } from './history.data.ts';

/**
 * The demo district's case history: invented people, realistic matters of 天元区's streets
 * and towns. Each case is replayed through the same commands the API uses, at the times
 * given (days before the demo's "now"), so timelines, due dates and audit are genuine.
 */
export type DemoStep =
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'accept' }
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'assign'; department: string }
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'reject'; reason: string }
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'resolve'; reply: string }
  | { at: number; by: 'dept' | 'dept2' | 'other'; action: 'dept-accept' }
  | { at: number; by: 'dept' | 'dept2' | 'other'; action: 'reply'; content: string }
  | { at: number; by: 'dept' | 'dept2' | 'other'; action: 'request-extension'; workingDays: number; reason: string }
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'approve-extension'; approve: boolean }
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'feedback'; content: string }
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'follow-up'; rating: Rating; note?: string }
  | { at: number; by: 'admin'; action: 'supervise'; note: string }
  | { at: number; by: 'admin'; action: 'close'; note: string }
  /** Merged into the demo case with this title (which must still be open). */
  | { at: number; by: 'station' | 'station2' | 'admin'; action: 'merge'; into: string };

export interface DemoCase {
  station: string;
  channel: CaseChannel;
  category: string;
  title: string;
  content: string;
  contact?: { name?: string; phone?: string };
  anonymous?: boolean;
  /** The constituent does not agree to publication (不同意公开). */
  noPublish?: boolean;
  urgent?: boolean;
  address?: string;
  /** Deputy demo keys (deputy:<key>) who received it. */
  deputies?: string[];
  /** Days before now when it came in. */
  daysAgo: number;
  /** Collected at the station's latest reception day (the schedule seed's record): its date replaces daysAgo. */
  atReception?: boolean;
  steps: DemoStep[];
}

const closedLoop = (department: string, reply: string, feedback: string, rating: Rating = 'satisfied', by: 'station' | 'station2' = 'station', deptUser: 'dept' | 'dept2' | 'other' = 'dept'): DemoStep[] => [
  { at: 0.1, by, action: 'accept' },
  { at: 0.3, by, action: 'assign', department },
  { at: 1, by: deptUser, action: 'dept-accept' },
  { at: 6, by: deptUser, action: 'reply', content: reply },
  { at: 7, by, action: 'feedback', content: feedback },
  { at: 9, by, action: 'follow-up', rating },
];

export const DEMO_CASES: DemoCase[] = [
  // Three cases collected on 马家河街道's latest reception day (two batches of visitors), linked to its record.
  {
    station: '马家河街道', channel: 'reception', category: '城乡建设', title: '新马小区 3 栋申请加装电梯', daysAgo: 1, atReception: true,
    content: '新马小区 3 栋住户多为老人，六楼以上上下楼困难。楼里 12 户已有 10 户签字同意加装电梯，希望了解申报流程和补贴政策，尽快立项。',
    contact: { name: '李秀英', phone: '13907331111' }, address: '马家河街道新马小区 3 栋',
    steps: [{ at: 0.05, by: 'station', action: 'accept' }],
  },
  {
    station: '马家河街道', channel: 'reception', category: '交通运输', title: '新马路口早高峰拥堵，建议增设信号灯', daysAgo: 1, atReception: true,
    content: '新马路与新马东路交叉口没有信号灯，早上 7 点半到 8 点半上学和上班的车辆交汇，经常堵成一团，也很危险，建议增设信号灯或安排交警疏导。',
    contact: { name: '周建国', phone: '13807332222' },
    steps: [],
  },
  {
    station: '马家河街道', channel: 'reception', category: '民政', title: '咨询高龄老人补贴申领', daysAgo: 1, atReception: true,
    content: '家中老人今年满 80 岁，想咨询高龄津贴怎么申领、需要哪些材料。',
    contact: { name: '黄小兰', phone: '13707333333' },
    steps: [{ at: 0.05, by: 'station', action: 'accept' }, { at: 0.06, by: 'station', action: 'resolve', reply: '接待代表当场解答：持身份证、户口本到社区服务中心申请，社区审核后每月随养老金发放。已请社区网格员上门协助办理。' }],
  },
  {
    station: '马家河街道', channel: 'reception', category: '市政设施', title: '新马社区东门路灯不亮', daysAgo: 80,
    content: '新马社区东门到公交站约 200 米的路灯已经坏了两个多星期，晚上下班的居民和接送孩子的老人走这段路很不安全，希望尽快修复。',
    contact: { name: '刘桂兰', phone: '13807331234' }, deputies: ['deputy-account'], address: '马家河街道新马社区东门',
    steps: closedLoop('城管', '经现场核查，东门路段 6 盏路灯因电缆老化断路，已于本周更换电缆并恢复照明，今后纳入每月巡查。', '您反映的东门路灯问题，区城管局已更换电缆，路灯已恢复照明。感谢您的监督！'),
  },
  {
    station: '马家河街道', channel: 'online', category: '物业管理', title: '小区电梯频繁停运，物业推诿', daysAgo: 70,
    content: '我住在马家河街道某小区 7 栋，电梯一个月停了四次，最长一次停了三天，楼里有好几位行动不便的老人。找物业说是要等维保公司，一直拖着。',
    contact: { name: '周建华', phone: '13973312345' }, address: '马家河街道某小区 7 栋',
    steps: closedLoop('住建', '已约谈物业公司及电梯维保单位，责令更换 7 栋电梯主板和门机，已完成检测并取得合格报告，物业承诺故障 24 小时内修复。', '区住建局已约谈物业和维保单位，7 栋电梯已更换主板并检测合格。', 'basically_satisfied', 'station', 'dept2'),
  },
  {
    station: '马家河街道', channel: 'visit', category: '环境保护', title: '工业园夜间噪音扰民', daysAgo: 55,
    content: '新马工业园一家企业晚上十点以后还在作业，切割声很大，附近居民反映影响休息，希望相关部门查一查。', anonymous: true,
    steps: [
      { at: 0.1, by: 'station', action: 'accept' },
      { at: 0.4, by: 'station', action: 'assign', department: '城管' },
      { at: 1.5, by: 'dept', action: 'dept-accept' },
      { at: 8, by: 'dept', action: 'reply', content: '经夜间执法检查，涉事企业夜间违规作业属实，已责令整改并限定作业时间为 7:00—22:00。' },
      { at: 9, by: 'station', action: 'feedback', content: '园区企业夜间作业问题已查处，企业已调整作业时间。' },
      { at: 12, by: 'station', action: 'follow-up', rating: 'unsatisfied', note: '居民反映整改后仍有两晚作业' },
      { at: 20, by: 'dept', action: 'reply', content: '再次夜查并对企业立案处罚，安装噪声在线监测，数据接入园区平台。' },
      { at: 21, by: 'station', action: 'feedback', content: '已对企业立案处罚并安装噪声监测设备，我们会持续跟踪。' },
      { at: 24, by: 'station', action: 'follow-up', rating: 'satisfied' },
    ],
  },
  {
    station: '马家河街道', channel: 'phone', category: '劳动和社会保障', title: '咨询灵活就业人员医保缴费', daysAgo: 40,
    content: '我今年从厂里离职，想问灵活就业人员怎么缴纳医保，在哪里办理。', contact: { name: '谢冬梅', phone: '18874123456' },
    steps: [
      { at: 0.1, by: 'station', action: 'accept' },
      { at: 0.2, by: 'station', action: 'resolve', reply: '可携带身份证到街道政务服务中心医保窗口办理，也可在“湘医保”小程序自助参保，按年度缴费。' },
      { at: 1, by: 'station', action: 'feedback', content: '已电话告知办理方式：街道政务服务中心医保窗口或“湘医保”小程序。' },
      { at: 3, by: 'station', action: 'follow-up', rating: 'satisfied' },
    ],
  },
  {
    station: '马家河街道', channel: 'wechat', category: '城乡建设', title: '马家河路人行道破损积水', daysAgo: 30,
    content: '马家河路靠近菜市场一段人行道地砖松动破损，下雨后积水，已经有老人滑倒。', contact: { name: '李明', phone: '13517330001' }, address: '马家河路菜市场段',
    steps: [
      { at: 0.2, by: 'station', action: 'accept' },
      { at: 0.5, by: 'station', action: 'assign', department: '城管' },
      { at: 2, by: 'dept', action: 'dept-accept' },
      { at: 10, by: 'dept', action: 'request-extension', workingDays: 10, reason: '需与排水管网改造同步施工' },
      { at: 11, by: 'station', action: 'approve-extension', approve: true },
    ],
  },
  {
    station: '马家河街道', channel: 'reception', category: '交通运输', title: '建议增开 T27 路早高峰班次', daysAgo: 25,
    content: '新马片区到河西的 T27 路早高峰间隔太长，经常要等 20 多分钟，建议早上 7 点到 8 点半加密班次。', contact: { name: '王海燕', phone: '15873312222' }, deputies: ['deputy-account'],
    steps: [
      { at: 0.1, by: 'station', action: 'accept' },
      { at: 0.3, by: 'station', action: 'assign', department: '交通' },
    ],
  },
  {
    station: '马家河街道', channel: 'letter', category: '教育文体', title: '学校门口上下学时段交通拥堵', daysAgo: 18, urgent: true,
    content: '意见箱来信：马家河中学门口上下学时段车辆乱停，学生过马路很危险，建议设置护学岗和临时停车区。',
    steps: [
      { at: 0.5, by: 'station', action: 'accept' },
      { at: 1, by: 'station', action: 'assign', department: '教育' },
      { at: 2, by: 'other', action: 'dept-accept' },
      { at: 12, by: 'admin', action: 'supervise', note: '涉及学生安全，请加快办理' },
    ],
  },
  {
    station: '马家河街道', channel: 'online', category: '民政', title: '高龄津贴迟迟未到账', daysAgo: 12,
    content: '我父亲今年满 80 岁，三个月前在社区申请了高龄津贴，到现在还没有到账，想问问进度。', contact: { name: '何志勇', phone: '13607331111' }, noPublish: true,
    steps: [
      { at: 0.1, by: 'station', action: 'accept' },
      { at: 0.2, by: 'station', action: 'assign', department: '民政' },
      { at: 1, by: 'other', action: 'dept-accept' },
      { at: 5, by: 'other', action: 'reply', content: '经核查，申请材料已于上月审核通过，因银行账号信息有误退回，已联系家属更正，本月 25 日随批发放。' },
    ],
  },
  {
    station: '马家河街道', channel: 'online', category: '市政设施', title: '小区旁垃圾站清运不及时', daysAgo: 6,
    content: '新马社区南门垃圾站最近两天没有清运，气味很大，夏天蚊蝇多，希望增加清运次数。', contact: { phone: '13975512345' },
    steps: [{ at: 0.3, by: 'station', action: 'accept' }],
  },
  {
    station: '马家河街道', channel: 'online', category: '城乡建设', title: '老旧小区加装电梯咨询', daysAgo: 2,
    content: '我们小区是 2000 年建的 6 层楼，居民想加装电梯，想了解补贴政策和申请流程。', contact: { name: '陈淑芬', phone: '13807330099' },
    steps: [],
  },
  {
    station: '马家河街道', channel: 'online', category: '环境保护', title: '河边有人倾倒建筑垃圾', daysAgo: 1,
    content: '马家河边上最近晚上有车来倒建筑垃圾，已经堆了一大片，担心污染河水。',
    steps: [],
  },
  {
    station: '马家河街道', channel: 'phone', category: '社会治安', title: '反映推销电话骚扰', daysAgo: 20, contact: { name: '赵强', phone: '13900001111' },
    content: '最近老人家里经常接到推销保健品的电话，还上门推销，希望管一管。',
    steps: [{ at: 0.2, by: 'station', action: 'reject', reason: '此事属公安机关和市场监管部门职责，已告知当事人拨打 110 或 12315 反映，并在社区开展防诈宣传。' }],
  },
  {
    station: '栗雨街道', channel: 'reception', category: '物业管理', title: '小区停车位被长期占用', daysAgo: 45,
    content: '栗雨街道某小区地面停车位被几辆僵尸车长期占用，物业说没有权力拖车。', contact: { name: '彭军', phone: '13787331234' },
    steps: closedLoop('住建', '已指导物业依法公告并联系车主，6 辆僵尸车已全部清理，车位恢复使用。', '小区僵尸车已清理完毕。', 'satisfied', 'station2', 'dept2'),
  },
  {
    station: '栗雨街道', channel: 'online', category: '市政设施', title: '栗雨公园健身器材损坏', daysAgo: 9,
    content: '栗雨公园北侧的几件健身器材螺丝松动、扶手断裂，小孩子玩很危险。', contact: { name: '邹丽', phone: '13873300777' },
    steps: [
      { at: 0.1, by: 'station2', action: 'accept' },
      { at: 0.2, by: 'station2', action: 'assign', department: '城管' },
      { at: 1, by: 'dept', action: 'dept-accept' },
    ],
  },
  {
    station: '群丰镇', channel: 'visit', category: '农业农村', title: '灌溉渠堵塞影响晚稻', daysAgo: 35,
    content: '群丰镇某村灌溉渠被淤泥和杂物堵住一段，下游几十亩晚稻灌不上水。', contact: { name: '罗大伯' },
    steps: closedLoop('农业', '已组织村组清淤 300 米，渠道恢复通水，并安排汛后再次巡查。', '灌溉渠已清淤通水。', 'satisfied', 'station', 'other').map((s) => (s.by === 'station' ? { ...s, by: 'admin' } : s)) as DemoStep[],
  },
  // The months before (January–October): about 200 generated cases, so the dashboards have a history.
  ...historyCases(),
];
