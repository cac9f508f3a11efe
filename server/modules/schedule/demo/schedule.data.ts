import type { HolidayPolicy, RecurrenceKind } from '../../../../shared/schedule.ts';

export interface DemoRule {
  station: string;
  kind: RecurrenceKind;
  days: number[];
  startTime: string;
  endTime: string;
  holidayPolicy: HolidayPolicy;
  deputiesPerDay: number;
  place: string;
  note: string;
}

/**
 * How the demo district's stations receive. 马家河街道 on the 10th, 20th and 30th (逢十接待);
 * 雷打石镇 on the market days of the lunar calendar (赶集日 逢一逢六), 三门镇 on its own market days
 * (逢三逢八); the streets weekly or monthly; the community room on Saturday mornings.
 */
export const DEMO_RULES: DemoRule[] = [
  { station: '马家河街道', kind: 'month_days', days: [10, 20, 30], startTime: '09:00', endTime: '11:30', holidayPolicy: 'next_working_day', deputiesPerDay: 2, place: '工作站一楼接待室', note: '逢十接待，遇法定节假日顺延' },
  { station: '雷打石镇', kind: 'lunar_days', days: [1, 6, 11, 16, 21, 26], startTime: '08:30', endTime: '11:30', holidayPolicy: 'skip', deputiesPerDay: 2, place: '集镇中心街联络站', note: '赶集日（农历逢一逢六）接待，赶集的群众顺路反映问题' },
  { station: '三门镇', kind: 'lunar_days', days: [3, 8, 13, 18, 23, 28], startTime: '08:30', endTime: '11:00', holidayPolicy: 'skip', deputiesPerDay: 1, place: '镇人民政府二楼', note: '逢三逢八赶集日接待' },
  { station: '嵩山路街道', kind: 'weekdays', days: [3], startTime: '14:30', endTime: '17:00', holidayPolicy: 'skip', deputiesPerDay: 1, place: '', note: '每周三下午' },
  { station: '泰山路街道', kind: 'weekdays', days: [2, 5], startTime: '09:00', endTime: '11:30', holidayPolicy: 'next_working_day', deputiesPerDay: 1, place: '', note: '' },
  { station: '栗雨街道', kind: 'month_days', days: [5, 15, 25], startTime: '09:00', endTime: '11:30', holidayPolicy: 'next_working_day', deputiesPerDay: 2, place: '', note: '每月 5、15、25 日' },
  { station: '群丰镇', kind: 'weekdays', days: [4], startTime: '09:00', endTime: '11:30', holidayPolicy: 'skip', deputiesPerDay: 1, place: '', note: '' },
  { station: '园区', kind: 'month_days', days: [18], startTime: '15:00', endTime: '17:30', holidayPolicy: 'next_working_day', deputiesPerDay: 2, place: '企业服务中心路演厅', note: '企业接待日：每月 18 日下午' },
  { station: '马家河街道·园区', kind: 'month_days', days: [8], startTime: '14:30', endTime: '17:00', holidayPolicy: 'next_working_day', deputiesPerDay: 1, place: '新马工业园管委会一楼', note: '园区企业接待日：每月 8 日下午' },
  { station: '马家河街道·新马社区', kind: 'weekdays', days: [6], startTime: '09:00', endTime: '11:00', holidayPolicy: 'keep', deputiesPerDay: 1, place: '新马社区服务中心', note: '周六上午，方便上班族' },
];

/** What people came about, by the kind of place. */
export const DEMO_TOPICS: Record<'street' | 'town' | 'park', string[]> = {
  street: ['老旧小区加装电梯', '小区停车难', '路灯损坏', '物业服务收费', '学校周边交通安全', '社区养老食堂', '噪音扰民', '背街小巷路面破损'],
  town: ['农村道路硬化', '灌溉水渠清淤', '农村医保缴费', '集镇摊位管理', '农产品销路', '村组饮水安全', '宅基地审批', '留守老人照料'],
  park: ['企业用工招聘', '园区道路货车通行', '员工子女入学', '物流配送时效', '厂区周边配套餐饮', '企业融资政策咨询'],
};

export const DEMO_SUMMARIES = [
  '群众反映的问题已当场登记，能当场答复的已答复，其余按程序交办。',
  '代表现场解答政策咨询，对需要部门办理的问题明确了承办单位和时限。',
  '本次接待秩序良好，来访群众对代表的耐心解答表示满意。',
];
