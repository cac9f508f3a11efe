import type { SelfReportKind } from '../../../../shared/archive.ts';

/**
 * Demo self-reports (补充履职材料): what deputies did outside the system, in every state of the
 * review. `who`: the demo deputy account (唐承志), or another deputy of 马家河 / 栗雨 by position
 * in the station's roster (their reports were handed in on paper and entered by the system).
 */
export interface DemoSelfReport {
  who: 'deputy' | { station: '马家河街道' | '栗雨街道'; index: number };
  kind: SelfReportKind;
  title: string;
  daysAgo: number;
  description: string;
  attachment?: { filename: string; text: string };
  /** Where it ends: a draft, awaiting review, approved or returned (with the reason) by station staff or the office. */
  end: 'draft' | 'submitted' | 'approved' | 'returned';
  reviewer?: 'station' | 'station2' | 'admin';
  reason?: string;
}

export const DEMO_SELF_REPORTS: DemoSelfReport[] = [
  {
    who: 'deputy', kind: 'inspection', title: '参加区人大常委会《湖南省物业管理条例》执法检查', daysAgo: 190, end: 'approved', reviewer: 'station',
    description: '随区人大常委会执法检查组到马家河街道、栗雨街道的 4 个小区，检查物业服务合同公示、维修资金使用和业主委员会成立情况，在座谈会上就电梯维保费用分摊提出意见。',
    attachment: { filename: '执法检查签到表.txt', text: '《湖南省物业管理条例》执法检查签到表\n日期：2026年5月14日\n检查组成员：区人大常委会城环工委、市场监管局、住建局\n人大代表：唐承志\n' },
  },
  {
    who: 'deputy', kind: 'training', title: '参加市人大常委会代表履职培训班', daysAgo: 120, end: 'approved', reviewer: 'admin',
    description: '参加市人大常委会举办的县乡人大代表履职培训班，学习代表法、代表建议办理工作规定和联络站工作规范，共 2 天。',
  },
  {
    who: 'deputy', kind: 'contact', title: '走访新马工业园企业了解用工需求', daysAgo: 25, end: 'submitted',
    description: '走访新马工业园 3 家企业，了解企业招工难、员工通勤班车不足的问题，已整理成书面材料，拟在年底向区政府提出建议。',
  },
  {
    who: 'deputy', kind: 'recess_activity', title: '参加代表小组视察农村公路养护', daysAgo: 60, end: 'returned', reviewer: 'station',
    reason: '该次视察已作为代表小组活动登记在系统中（活动记录），无需重复填报；如另有补充内容请修改后提交。',
    description: '随马家河街道代表小组视察辖区农村公路养护和安全设施，提出增设路口警示标志的建议。',
  },
  {
    who: 'deputy', kind: 'deliberation', title: '列席区人大常委会第二十次会议并发言', daysAgo: 5, end: 'draft',
    description: '列席区人大常委会第二十次会议，审议区政府关于民生实事项目推进情况的报告时发言，建议加快老旧小区加装电梯进度。',
  },
  {
    who: { station: '马家河街道', index: 1 }, kind: 'research', title: '调研马家河街道养老服务中心运营情况', daysAgo: 30, end: 'submitted',
    description: '到街道养老服务中心和 2 个社区日间照料中心调研，了解床位使用率、助餐服务和护理人员配备情况。',
  },
  {
    who: { station: '马家河街道', index: 2 }, kind: 'contact', title: '在新马社区开展“代表进网格”接待', daysAgo: 18, end: 'submitted',
    description: '在新马社区网格服务站接待居民 6 人次，收集小区停车、垃圾分类等意见，已转联络站登记。',
  },
  {
    who: { station: '栗雨街道', index: 0 }, kind: 'meeting', title: '出席区第十八届人民代表大会第六次会议', daysAgo: 300, end: 'approved', reviewer: 'station2',
    description: '出席区第十八届人民代表大会第六次会议，参加分组审议政府工作报告和计划、预算报告。',
  },
];
