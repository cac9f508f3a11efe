/**
 * The demo district, 湖南省株洲市天元区 (430211): real street and town codes, invented people.
 * Names are generated from common surnames and given names; none is a real deputy.
 */
export const DISTRICT = { code: '430211', name: '天元区' };

export interface DemoStation {
  key: string;
  name: string;
  regionCode: string;
  address: string;
  lat: number;
  lng: number;
  openingHours: string;
  contactName: string;
  contactPhone: string;
  description: string;
  rooms?: Array<{ key: string; name: string; address: string; description: string }>;
}

export const STATIONS: DemoStation[] = [
  {
    key: '嵩山路街道', name: '嵩山路街道人大代表联络站', regionCode: '430211001', address: '株洲市天元区嵩山路街道办事处一楼', lat: 27.8352, lng: 113.1165,
    openingHours: '工作日 8:30–12:00，14:30–17:30；每月第一个周三为代表集中接待日', contactName: '周敏', contactPhone: '0731-22831001',
    description: '嵩山路街道人大代表联络站，覆盖辖区 9 个社区，驻站市、区人大代表定期进站接待选民群众。',
  },
  {
    key: '泰山路街道', name: '泰山路街道人大代表联络站', regionCode: '430211002', address: '株洲市天元区泰山路街道党群服务中心二楼', lat: 27.8608, lng: 113.1203,
    openingHours: '工作日 8:30–12:00，14:30–17:30；每周四上午代表接待', contactName: '刘晓红', contactPhone: '0731-22831002',
    description: '设在街道党群服务中心，与社区议事厅共用场地，“家门口的议事厅”。',
  },
  {
    key: '栗雨街道', name: '栗雨街道人大代表联络站', regionCode: '430211003', address: '株洲市天元区栗雨街道办事处三楼', lat: 27.8214, lng: 113.0742,
    openingHours: '工作日 8:30–12:00，14:30–17:30；每月 15 日代表接待', contactName: '谭志强', contactPhone: '0731-22831003',
    description: '栗雨街道人大代表联络站，联系辖区居民和周边企业。',
  },
  {
    key: '马家河街道', name: '马家河街道代表联系群众工作站', regionCode: '430211004', address: '株洲市天元区马家河街道新马路 88 号', lat: 27.7903, lng: 113.0322,
    openingHours: '工作日 8:30–12:00，14:30–17:30；逢十接待（每月 10 日、20 日、30 日 9:00–11:30）', contactName: '陈丽', contactPhone: '0731-22831004',
    description: '“一站两室”：街道代表联系群众工作站和两个代表工作室，实行“逢十接待”，让选民群众记得住、进得来、留得下。',
    rooms: [
      { key: '马家河街道·新马社区', name: '新马社区代表工作室', address: '株洲市天元区马家河街道新马社区服务中心', description: '设在新马社区服务中心，方便社区居民就近反映问题。' },
      { key: '马家河街道·园区', name: '新马工业园代表工作室', address: '株洲市天元区马家河街道新马工业园管委会一楼', description: '面向园区企业，收集企业用工、物流、配套方面的诉求。' },
    ],
  },
  {
    key: '群丰镇', name: '群丰镇人大代表联络站', regionCode: '430211101', address: '株洲市天元区群丰镇人民政府一楼', lat: 27.7765, lng: 113.0012,
    openingHours: '工作日 8:30–12:00，14:30–17:30；每周一上午代表接待', contactName: '易建华', contactPhone: '0731-22831101',
    description: '群丰镇人大代表联络站，镇人大主席团日常联系代表的场所。',
  },
  {
    key: '雷打石镇', name: '雷打石镇人大代表联络站', regionCode: '430211102', address: '株洲市天元区雷打石镇集镇中心街 12 号', lat: 27.7214, lng: 113.0187,
    openingHours: '赶集日（农历逢一、逢六）8:30–11:30 代表接待；工作日 8:30–17:30 有工作人员值守', contactName: '罗春生', contactPhone: '0731-22831102',
    description: '设在集镇中心，赶集日群众集中，代表在赶集日接待，方便农村群众反映问题。',
  },
  {
    key: '三门镇', name: '三门镇人大代表联络站', regionCode: '430211103', address: '株洲市天元区三门镇人民政府二楼', lat: 27.6702, lng: 113.0325,
    openingHours: '工作日 8:30–12:00，14:30–17:30；每月最后一个周五代表接待', contactName: '彭立新', contactPhone: '0731-22831103',
    description: '三门镇人大代表联络站，联系全镇各村代表小组。',
  },
  {
    key: '园区', name: '天易科技城园区代表联络站', regionCode: '430211003', address: '株洲市天元区天易科技城企业服务中心一楼', lat: 27.8131, lng: 113.0621,
    openingHours: '工作日 9:00–17:00；每月第二个周二为“企业接待日”', contactName: '黄海燕', contactPhone: '0731-22831201',
    description: '园区企业的“加油站”：代表联系园区企业，收集用工、融资、配套、审批方面的意见建议。',
  },
];

export interface DemoDepartment {
  key: string;
  name: string;
  shortName: string;
  categories: string[];
  contactName: string;
  contactPhone: string;
  address: string;
}

export const DEPARTMENTS: DemoDepartment[] = [
  { key: '城管', name: '区城市管理和综合执法局', shortName: '区城管局', categories: ['市政设施', '城乡建设', '环境保护'], contactName: '王卫东', contactPhone: '0731-22832001', address: '天元区长江南路 120 号' },
  { key: '住建', name: '区住房和城乡建设局', shortName: '区住建局', categories: ['城乡建设', '物业管理'], contactName: '李国平', contactPhone: '0731-22832002', address: '天元区天台路 66 号' },
  { key: '教育', name: '区教育局', shortName: '区教育局', categories: ['教育文体'], contactName: '张雅琴', contactPhone: '0731-22832003', address: '天元区珠江北路 35 号' },
  { key: '卫健', name: '区卫生健康局', shortName: '区卫健局', categories: ['卫生计生'], contactName: '赵立群', contactPhone: '0731-22832004', address: '天元区黄河北路 18 号' },
  { key: '人社', name: '区人力资源和社会保障局', shortName: '区人社局', categories: ['劳动和社会保障'], contactName: '孙红梅', contactPhone: '0731-22832005', address: '天元区天元大道 200 号' },
  { key: '民政', name: '区民政局', shortName: '区民政局', categories: ['民政', '劳动和社会保障'], contactName: '钟文斌', contactPhone: '0731-22832006', address: '天元区天元大道 200 号' },
  { key: '交通', name: '区交通运输局', shortName: '区交通局', categories: ['交通运输'], contactName: '吴晓峰', contactPhone: '0731-22832007', address: '天元区泰山西路 99 号' },
  { key: '生态', name: '株洲市生态环境局天元分局', shortName: '天元生态环境分局', categories: ['环境保护'], contactName: '邓凯', contactPhone: '0731-22832008', address: '天元区株洲大道 321 号' },
  { key: '市场', name: '区市场监督管理局', shortName: '区市场监管局', categories: ['商贸旅游'], contactName: '曾丽娟', contactPhone: '0731-22832009', address: '天元区长江北路 15 号' },
  { key: '农业', name: '区农业农村局', shortName: '区农业农村局', categories: ['农业农村'], contactName: '唐建军', contactPhone: '0731-22832010', address: '天元区天元大道 200 号' },
  { key: '自然资源', name: '株洲市自然资源和规划局天元分局', shortName: '天元自然资源分局', categories: ['城乡建设'], contactName: '肖志勇', contactPhone: '0731-22832011', address: '天元区神农大道 58 号' },
  { key: '文旅', name: '区文化旅游广电体育局', shortName: '区文旅体局', categories: ['教育文体', '商贸旅游'], contactName: '胡静', contactPhone: '0731-22832012', address: '天元区湘芸路 8 号' },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谭易彭邓曾肖唐龙贺廖';
const GIVEN = ['建国', '志强', '海燕', '丽华', '卫东', '春梅', '晓峰', '文斌', '秀英', '国平', '红霞', '立新', '永红', '小兰', '德明', '金凤', '跃进', '慧敏', '振华', '雪梅', '光辉', '淑芬', '家豪', '思远', '婷婷', '明亮', '桂香', '长青', '玉兰', '新民', '晓东', '美玲', '承志', '佳怡', '树林', '丽萍', '宏伟', '凤英', '正阳', '雅静'];

export interface DemoDeputy {
  key: string;
  name: string;
  gender: 'male' | 'female';
  level: 'national' | 'provincial' | 'municipal' | 'county' | 'township' | 'yizheng';
  occupation: string;
  constituency: string;
  regionCode: string;
  term: string;
  termStart: number;
  termEnd: number;
  expertise: string[];
  stationKeys: string[];
}

const TERMS = {
  national: ['第十四届', 2023, 2028],
  provincial: ['第十四届', 2023, 2028],
  municipal: ['第十六届', 2022, 2027],
  county: ['第十八届', 2021, 2026],
  township: ['第十九届', 2021, 2026],
  yizheng: ['第三届', 2022, 2027],
} as const;

const FEMALE_GIVEN = new Set(['海燕', '丽华', '春梅', '秀英', '红霞', '小兰', '金凤', '慧敏', '雪梅', '淑芬', '婷婷', '桂香', '玉兰', '美玲', '佳怡', '丽萍', '凤英', '雅静']);

const OCCUPATIONS = [
  '湖南某律师事务所主任律师', '街道社区卫生服务中心主任', '社区党委书记', '株洲某轨道交通装备公司高级技师', '天元区实验小学校长',
  '村党总支书记', '园区某新材料企业董事长', '区人民医院护士长', '个体工商户', '某物流公司总经理', '人民调解委员会主任',
  '农业专业合作社理事长', '村民委员会主任', '株洲某职业技术学院教师', '社区网格员', '某物业服务公司项目经理',
];
const EXPERTISE: string[][] = [['法律', '调解'], ['医疗卫生'], ['城市建设'], ['企业经营'], ['教育'], ['农业农村'], ['企业经营', '科技'], ['医疗卫生'], [], ['交通'], ['调解', '法律'], ['农业农村'], ['农业农村'], ['教育'], ['社会保障'], ['城市建设']];

/** About 40 deputies over the five levels and the 议政代表, spread over the stations by where they were elected. */
export function demoDeputies(): DemoDeputy[] {
  const plan: Array<[DemoDeputy['level'], string, string[]]> = [
    ['national', '430211', ['园区']],
    ['provincial', '430211', ['马家河街道']],
    ['provincial', '430211', ['栗雨街道']],
    ...(['嵩山路街道', '泰山路街道', '栗雨街道', '马家河街道', '群丰镇', '雷打石镇'] as const).map((k): [DemoDeputy['level'], string, string[]] => ['municipal', '', [k]]),
    ...(['嵩山路街道', '嵩山路街道', '泰山路街道', '泰山路街道', '栗雨街道', '栗雨街道', '栗雨街道', '马家河街道', '马家河街道', '马家河街道', '马家河街道', '群丰镇', '群丰镇', '雷打石镇', '雷打石镇', '三门镇', '三门镇', '园区', '园区', '马家河街道·园区'] as const).map((k): [DemoDeputy['level'], string, string[]] => ['county', '', [k]]),
    ...(['群丰镇', '群丰镇', '雷打石镇', '雷打石镇', '雷打石镇', '三门镇', '三门镇'] as const).map((k): [DemoDeputy['level'], string, string[]] => ['township', '', [k]]),
    ...(['嵩山路街道', '泰山路街道', '栗雨街道', '马家河街道·新马社区'] as const).map((k): [DemoDeputy['level'], string, string[]] => ['yizheng', '', [k]]),
  ];
  const stationRegion = new Map<string, string>();
  for (const s of STATIONS) {
    stationRegion.set(s.key, s.regionCode);
    for (const r of s.rooms ?? []) stationRegion.set(r.key, s.regionCode);
  }
  return plan.map(([level, region, stationKeys], i) => {
    const given = GIVEN[(i * 7) % GIVEN.length]!;
    const name = SURNAMES[(i * 11) % SURNAMES.length]! + given;
    const home = stationKeys[0]!;
    const regionCode = region || stationRegion.get(home)!;
    const [term, termStart, termEnd] = TERMS[level];
    const street = home.split('·')[0]!.replace('园区', '栗雨街道');
    const constituency =
      level === 'national' || level === 'provincial' ? '株洲市选举' : level === 'municipal' ? `天元区${street}选区` : level === 'county' ? `${street}第${(i % 5) + 1}选区` : level === 'township' ? `${street}第${(i % 4) + 1}选区` : `${street}议政代表`;
    return {
      key: i === 16 ? 'deputy-account' : `deputy-${i}`,
      name,
      gender: FEMALE_GIVEN.has(given) ? 'female' : 'male',
      level,
      occupation: OCCUPATIONS[i % OCCUPATIONS.length]!,
      constituency,
      regionCode,
      term,
      termStart,
      termEnd,
      expertise: EXPERTISE[i % EXPERTISE.length]!,
      stationKeys,
    };
  });
}

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Array<'admin' | 'station' | 'deputy' | 'department' | 'liaison'>;
  stationKey?: string;
  departmentKey?: string;
  deputyKey?: string;
}

export const ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '天元区人大常委会代表工委', roles: ['admin'] },
  // A second office account: paper ballots and other double-checked entries need a second person.
  { username: 'admin2', displayName: '天元区人大常委会代表工委（复核）', roles: ['admin'] },
  { username: 'station', displayName: '陈丽（马家河街道工作站）', roles: ['station'], stationKey: '马家河街道' },
  { username: 'station2', displayName: '谭志强（栗雨街道联络站）', roles: ['station'], stationKey: '栗雨街道' },
  { username: 'deputy', displayName: '', roles: ['deputy'], deputyKey: 'deputy-account' },
  { username: 'dept', displayName: '区城市管理和综合执法局', roles: ['department'], departmentKey: '城管' },
  { username: 'dept2', displayName: '区住房和城乡建设局', roles: ['department'], departmentKey: '住建' },
  { username: 'liaison', displayName: '舆情联络员 贺春梅（马家河街道）', roles: ['liaison'], stationKey: '马家河街道' },
];
