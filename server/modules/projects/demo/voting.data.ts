/**
 * The demo district's votes on livelihood projects: two closed sessions (2025, 2026) with their
 * candidates and how the deputies voted in total, and the open 2027 session whose candidates come
 * from the 2027 call's shortlisted proposals. Per-deputy choices are spread deterministically so
 * that the totals are the ones given here (see `spread` in voting.seed.ts).
 */

export interface DemoCandidate {
  title: string;
  description: string;
  department: string;
  costWan: number;
  category: string;
  /** For and against votes among the deputies who vote; the rest abstain. */
  votes: { for: number; against: number };
}

export interface DemoClosedSession {
  year: number;
  title: string;
  congress: string;
  description: string;
  seats: number | null;
  /** When the session opened (the congress's plenary) and closed, UTC. */
  openedAt: string;
  closedAt: string;
  /** How many of the members vote (the rest are absent); of those, the last `paper` vote on paper. */
  voters: number;
  paper: number;
  candidates: DemoCandidate[];
}

export const DEMO_CLOSED_SESSIONS: DemoClosedSession[] = [
  {
    year: 2025,
    title: '天元区2025年民生实事项目票决',
    congress: '天元区第十八届人民代表大会第四次会议',
    description: '经公开征集、部门论证和区人大常委会主任会议审议，7 个候选项目提交大会票决，赞成票超过全体代表半数的项目确定为 2025 年区级民生实事项目。',
    seats: null,
    openedAt: '2025-01-09T01:00:00.000Z',
    closedAt: '2025-01-09T03:30:00.000Z',
    voters: 18,
    paper: 5,
    candidates: [
      { title: '城区背街小巷路灯亮化工程', department: '城管', costWan: 680, category: '市政设施', votes: { for: 17, against: 0 }, description: '对嵩山路、泰山路街道 52 条背街小巷新装和更换路灯 1100 盏，解决夜间出行照明不足问题。' },
      { title: '中小学校周边交通安全设施提升', department: '交通', costWan: 420, category: '交通运输', votes: { for: 16, against: 1 }, description: '在全区 24 所中小学校周边增设减速带、人行横道、护栏和警示标志，设置接送车辆临时停靠区。' },
      { title: '社区居家养老服务站建设', department: '民政', costWan: 900, category: '民政', votes: { for: 16, against: 0 }, description: '新建 10 个社区居家养老服务站，提供日间照料、助餐、助浴和康复护理服务。' },
      { title: '农村饮水安全巩固提升工程', department: '农业', costWan: 1500, category: '农业农村', votes: { for: 15, against: 1 }, description: '对三门镇、雷打石镇 12 个村的供水管网进行改造，新建加压泵站 2 座，惠及 1.8 万农村人口。' },
      { title: '城区公厕新建和改造', department: '城管', costWan: 600, category: '市政设施', votes: { for: 14, against: 2 }, description: '新建城区公厕 8 座、改造 12 座，增设无障碍设施和第三卫生间。' },
      { title: '社区卫生服务中心能力提升', department: '卫健', costWan: 1200, category: '卫生计生', votes: { for: 12, against: 3 }, description: '为 4 个社区卫生服务中心和 3 个乡镇卫生院添置 DR、彩超等设备，建设远程会诊室。' },
      { title: '全民健身智慧步道建设', department: '文旅', costWan: 350, category: '教育文体', votes: { for: 8, against: 5 }, description: '沿湘江风光带建设 6 公里智慧健身步道，配套运动数据采集屏和休息驿站。' },
    ],
  },
  {
    year: 2026,
    title: '天元区2026年民生实事项目票决',
    congress: '天元区第十八届人民代表大会第五次会议',
    description: '10 个候选项目提交大会票决，按赞成票多少确定 8 个项目为 2026 年区级民生实事项目（赞成票须超过全体代表半数）。',
    seats: 8,
    openedAt: '2026-01-08T01:00:00.000Z',
    closedAt: '2026-01-08T03:30:00.000Z',
    voters: 19,
    paper: 6,
    candidates: [
      { title: '老旧小区改造', department: '住建', costWan: 5200, category: '城乡建设', votes: { for: 18, against: 0 }, description: '对 12 个 2000 年前建成的老旧小区（3200 户）实施水电气管网、屋面防水、外墙、道路和停车设施改造。' },
      { title: '农贸市场提质改造', department: '市场', costWan: 1800, category: '商贸旅游', votes: { for: 17, against: 1 }, description: '对 5 个农贸市场进行标准化改造：排水、通风、分区经营、农残快检室和智慧计量设备。' },
      { title: '学校周边交通安全综合整治', department: '交通', costWan: 650, category: '交通运输', votes: { for: 17, against: 0 }, description: '对 16 所学校周边道路实施交通组织优化，增设过街信号灯、港湾式停车带和“护学岗”。' },
      { title: '社区嵌入式养老服务中心建设', department: '民政', costWan: 1350, category: '民政', votes: { for: 16, against: 1 }, description: '在 6 个社区建设嵌入式养老服务中心，提供短期托养、助餐、康复和上门服务。' },
      { title: '乡村道路安全隐患整治', department: '交通', costWan: 2200, category: '交通运输', votes: { for: 15, against: 2 }, description: '对 40 公里农村公路临水临崖、急弯陡坡路段增设护栏、警示标志和减速设施。' },
      { title: '口袋公园建设', department: '城管', costWan: 960, category: '市政设施', votes: { for: 15, against: 1 }, description: '利用边角地、闲置地建设 8 处口袋公园，配套座椅、儿童游乐和健身设施。' },
      { title: '城区雨污分流改造（二期）', department: '住建', costWan: 3100, category: '城乡建设', votes: { for: 14, against: 2 }, description: '完成马家河、栗雨片区 18 公里雨污分流管网改造，解决雨天内涝和污水溢流。' },
      { title: '普惠托育服务点建设', department: '卫健', costWan: 800, category: '卫生计生', votes: { for: 13, against: 3 }, description: '新建 4 个普惠性托育服务点，新增托位 320 个。' },
      { title: '城区公共停车设施建设', department: '城管', costWan: 2600, category: '市政设施', votes: { for: 12, against: 4 }, description: '建设 3 处立体停车场，新增公共停车位 1500 个。' },
      { title: '湘江天元段岸线生态修复', department: '生态', costWan: 1900, category: '环境保护', votes: { for: 9, against: 6 }, description: '对湘江天元段 4.5 公里岸线进行生态修复，建设滨水步道和生态护坡。' },
    ],
  },
];

export const DEMO_OPEN_SESSION = {
  year: 2027,
  title: '天元区2027年民生实事项目票决',
  congress: '天元区第十八届人民代表大会第六次会议',
  description:
    '经公开征集（共收到建议 14 件）、部门论证和区人大常委会主任会议审议，8 个候选项目提交代表票决。每位代表对每个候选项目投赞成、反对或弃权票；按赞成票多少确定 6 个项目为 2027 年区级民生实事项目，赞成票须超过全体代表半数。',
  seats: 6,
  createdAt: '2026-11-10T02:00:00.000Z',
  openedAt: '2026-11-18T01:00:00.000Z',
  /** Candidates: the 2027 call's shortlisted proposals, in this order (keys of DEMO_PROPOSALS). */
  candidates: ['elevator', 'school', 'canteen', 'irrigation', 'lights', 'sidewalk', 'transfer', 'fitness'],
  /** Deputies (by name order among the members, the demo account skipped) who have voted online so far. */
  onlineVoters: 9,
  /** For-votes so far per candidate among the online voters and the confirmed paper sheet (10 in all); the rest against or abstain. */
  forSoFar: [9, 10, 8, 7, 8, 6, 5, 4],
} as const;
