/**
 * The demo district's project delivery and evaluation, as plans the seed applies to whatever
 * projects the votes passed (found by year and status, not by title): each project gets a
 * profile — its milestones (planned date, and when done: the date and the evidence) and its
 * progress reports over the year. Dates are month-day in the project's year.
 */

export interface DemoMilestone {
  title: string;
  due: string;
  /** When it was done ('MM-DD'); absent: still open. */
  done?: string;
  evidence?: string;
}

export interface DemoReport {
  at: string;
  progress: number;
  /** `{t}` is the project's title, `{d}` its department's name. */
  note: string;
}

export interface DemoProfile {
  milestones: DemoMilestone[];
  reports: DemoReport[];
}

const EVIDENCE = {
  design: (y: number, n: number) => `初步设计及概算已经区发展和改革局批复（天发改投〔${y}〕${n}号），资金已列入区本级年度预算。`,
  tender: '通过区公共资源交易中心公开招标确定施工单位，施工合同已签订并备案。',
  start: '施工许可已办理，施工单位进场，现场设置了项目公示牌（含监督电话）。',
  structure: '主体工程完工，监理单位已出具阶段质量评估报告，代表视察时现场查看。',
  accept: '建设、设计、监理、施工单位和区人大代表联合验收，验收合格，已移交管护单位并投入使用。',
} as const;

/** The profiles of a year's projects (the seed takes them in ballot order; the overdue one goes to a project of the demo `dept` account's department). */
export function profiles(year: number): Record<'done' | 'high' | 'mid' | 'low' | 'overdue' | 'completed_last_year', DemoProfile> {
  return {
    // Finished early in the year.
    done: {
      milestones: [
        { title: '完成初步设计和立项批复', due: '03-15', done: '03-12', evidence: EVIDENCE.design(year, 21) },
        { title: '完成招标采购', due: '04-30', done: '04-28', evidence: EVIDENCE.tender },
        { title: '完成全部施工内容', due: '08-31', done: '08-25', evidence: EVIDENCE.structure },
        { title: '竣工验收并交付使用', due: '09-30', done: '09-26', evidence: EVIDENCE.accept },
      ],
      reports: [
        { at: '03-13', progress: 10, note: '{t}初步设计和概算已批复，正在编制招标文件。' },
        { at: '05-06', progress: 35, note: '施工单位已确定并进场，{d}每周召开一次现场调度会。' },
        { at: '07-10', progress: 70, note: '已完成约七成工程量，沿线群众反映的施工噪声问题已调整作业时间。' },
        { at: '08-28', progress: 90, note: '全部施工内容完成，正在整改监理提出的 6 处细节问题。' },
        { at: '09-28', progress: 100, note: '项目通过联合验收并交付使用，群众满意度回访 96%。' },
      ],
    },
    // On track, most of the work behind it.
    high: {
      milestones: [
        { title: '完成初步设计和立项批复', due: '03-31', done: '03-25', evidence: EVIDENCE.design(year, 34) },
        { title: '完成招标采购', due: '05-31', done: '05-20', evidence: EVIDENCE.tender },
        { title: '开工建设', due: '06-30', done: '06-18', evidence: EVIDENCE.start },
        { title: '主体工程完工', due: '11-15', done: '11-12', evidence: EVIDENCE.structure },
        { title: '竣工验收并交付使用', due: '12-20' },
      ],
      reports: [
        { at: '03-26', progress: 10, note: '{t}立项批复已下达，{d}成立了项目专班。' },
        { at: '05-22', progress: 25, note: '招标完成，施工合同已签订，计划 6 月中旬开工。' },
        { at: '07-15', progress: 45, note: '已全面开工，完成工程量约四成五，施工安全文明措施落实到位。' },
        { at: '09-20', progress: 70, note: '完成工程量约七成，区人大代表视察后提出的 3 条意见已整改。' },
        { at: '11-13', progress: 85, note: '主体工程完工，正在进行配套设施安装和竣工资料整理，计划 12 月中旬验收。' },
      ],
    },
    // Under way, about half done.
    mid: {
      milestones: [
        { title: '完成初步设计和立项批复', due: '04-15', done: '04-10', evidence: EVIDENCE.design(year, 47) },
        { title: '完成招标采购', due: '06-15', done: '06-12', evidence: EVIDENCE.tender },
        { title: '主体工程完工', due: '11-30' },
        { title: '竣工验收并交付使用', due: '12-25' },
      ],
      reports: [
        { at: '04-12', progress: 15, note: '{t}设计方案经征求沿线居民意见后优化，立项批复已下达。' },
        { at: '06-20', progress: 30, note: '招标完成，施工单位已进场做施工准备。' },
        { at: '09-10', progress: 50, note: '完成工程量约一半，{d}每月向代表工委报送进展。' },
        { at: '11-05', progress: 60, note: '完成工程量约六成，主体工程计划 11 月底完工。' },
      ],
    },
    // Started late in the year.
    low: {
      milestones: [
        { title: '完成选址和初步设计', due: '05-31', done: '05-28', evidence: EVIDENCE.design(year, 58) },
        { title: '完成招标采购', due: '07-31', done: '07-30', evidence: EVIDENCE.tender },
        { title: '开工建设', due: '09-15', done: '09-10', evidence: EVIDENCE.start },
        { title: '完工并投入使用', due: '12-28' },
      ],
      reports: [
        { at: '06-01', progress: 10, note: '{t}选址经多轮论证确定，初步设计已批复。' },
        { at: '08-05', progress: 20, note: '招标完成，施工合同已签订。' },
        { at: '09-15', progress: 30, note: '已开工建设，计划年底前完工投用。' },
      ],
    },
    // A milestone that slipped: planned for the end of October, not done.
    overdue: {
      milestones: [
        { title: '完成初步设计和立项批复', due: '03-31', done: '03-28', evidence: EVIDENCE.design(year, 66) },
        { title: '完成招标采购', due: '05-31', done: '05-29', evidence: EVIDENCE.tender },
        { title: '主体工程完工', due: '10-31' },
        { title: '竣工验收并交付使用', due: '12-20' },
      ],
      reports: [
        { at: '03-30', progress: 10, note: '{t}立项批复已下达，正在编制招标文件。' },
        { at: '06-05', progress: 30, note: '招标完成，施工单位已进场。' },
        { at: '08-20', progress: 45, note: '受 7 月持续强降雨影响停工 18 天，{d}已要求施工单位增加作业面追赶进度。' },
        { at: '10-25', progress: 55, note: '2 处地块的管线迁改尚未完成，主体工程预计推迟到 12 月上旬完工。' },
      ],
    },
    // Last year's projects: delivered and accepted before the year ended.
    completed_last_year: {
      milestones: [
        { title: '完成初步设计和立项批复', due: '03-31', done: '03-20', evidence: EVIDENCE.design(year, 18) },
        { title: '完成招标采购', due: '05-31', done: '05-25', evidence: EVIDENCE.tender },
        { title: '主体工程完工', due: '09-30', done: '09-22', evidence: EVIDENCE.structure },
        { title: '竣工验收并交付使用', due: '11-30', done: '11-25', evidence: EVIDENCE.accept },
      ],
      reports: [
        { at: '03-22', progress: 10, note: '{t}初步设计和概算已批复。' },
        { at: '05-28', progress: 30, note: '招标完成，施工单位已进场。' },
        { at: '07-30', progress: 60, note: '完成工程量约六成，{d}组织了一次群众代表现场观摩。' },
        { at: '09-25', progress: 90, note: '主体工程完工，正在整改验收前检查发现的问题。' },
        { at: '11-28', progress: 100, note: '项目通过联合验收并交付使用。' },
      ],
    },
  };
}

/** The current year's projects in ballot order take these profiles (the overdue profile replaces one of them, see the seed). */
export const CURRENT_YEAR_PROFILES = ['high', 'mid', 'done', 'mid', 'low', 'high', 'mid', 'low'] as const;

export const DEMO_ROUNDS = {
  /** Last year's round: scored in December, published in January. */
  published: { title: (y: number) => `${y}年度民生实事项目满意度测评`, createdAt: '12-01', openedAt: '12-08', closedAt: '12-26', publishedAt: '01-06', raters: 17 },
  /** This year's round: open now, some deputies have scored. */
  open: { title: (y: number) => `${y}年度民生实事项目满意度测评`, createdAt: '11-10', openedAt: '11-16', raters: 7 },
} as const;

export const SCORE_COMMENTS = [
  '群众反映较好，建议做好后续管护。',
  '施工期间对周边出行有影响，建议进一步优化施工组织。',
  '资金使用规范，公示及时。',
  '',
  '建议建立长效管护机制，明确管护责任单位。',
  '',
] as const;
