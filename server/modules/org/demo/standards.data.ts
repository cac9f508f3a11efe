/**
 * The demo district's standards evidence (八有 for stations, 五有 for rooms): most items approved,
 * some waiting for review, one returned with a reason, one returned then resubmitted, a draft and a
 * couple missing, so that the coverage view has something to show. Invented, plausible wording.
 */
/** approved / submitted / returned; `draft`: a text saved, never submitted; `resubmitted`: returned once, then submitted again. */
export type DemoPlan = 'approved' | 'submitted' | 'returned' | 'draft' | 'resubmitted';

export interface DemoEvidence {
  plan: DemoPlan;
  file?: 'photo' | 'doc';
  reason?: string;
}

const A: DemoEvidence = { plan: 'approved' };
const AP: DemoEvidence = { plan: 'approved', file: 'photo' };
const AD: DemoEvidence = { plan: 'approved', file: 'doc' };
const S: DemoEvidence = { plan: 'submitted' };

/** Station key (tianyuan.data.ts) → item code → evidence; an item not named is missing. */
export const DEMO_EVIDENCE: Record<string, Record<string, DemoEvidence>> = {
  马家河街道: {
    place: AP, funds: AD, staff: A, rules: AD, materials: A, records: { plan: 'submitted', file: 'doc' },
    publicity: { plan: 'returned', file: 'photo', reason: '公示栏照片看不清驻站代表的联系方式和开放时间，请补拍清晰的照片后重新提交。' },
  },
  栗雨街道: { place: AP, funds: AD, staff: A, rules: AD, materials: A, records: A, publicity: AP, plan: AD },
  嵩山路街道: { place: AP, funds: A, staff: A, rules: AD, materials: A, records: S, publicity: AP, plan: S },
  泰山路街道: { place: AP, funds: { plan: 'draft' }, staff: A, rules: AD, materials: A, records: A, publicity: { plan: 'submitted', file: 'photo' }, plan: A },
  群丰镇: {
    place: AP, funds: A, staff: A, rules: AD, materials: S,
    records: { plan: 'resubmitted', file: 'doc', reason: '活动记录只有 2026 年 1 月至 3 月，请补充全年的接待登记台账。' }, publicity: A,
  },
  雷打石镇: { place: AP, funds: A, staff: A, rules: AD, materials: A, records: A, publicity: AP, plan: { plan: 'submitted', file: 'doc' } },
  三门镇: { place: AP, funds: A, staff: S, rules: { plan: 'submitted', file: 'doc' }, materials: A, records: S, plan: A },
  园区: { place: AP, funds: A, staff: A, rules: AD, materials: A, records: A, publicity: AP, plan: S },
  '马家河街道·新马社区': { room_place: AP, room_sign: AP, room_rules: A, room_staff: S },
  '马家河街道·园区': { room_place: AP, room_sign: AP, room_rules: AD, room_staff: A, room_records: A },
};

interface Facts {
  name: string;
  address: string;
  contactName: string;
}

/** The station's own words for each item. */
export const DEMO_TEXT: Record<string, (f: Facts) => string> = {
  place: (f) => `${f.name}设在${f.address}，使用面积约 120 平方米，设接待室、议事室各一间，门口悬挂统一标牌，无障碍通道畅通。`,
  funds: () => '2026 年镇（街道）预算安排联络站工作经费 5 万元，用于场地维护、资料印制和代表活动，专款专用，年底公开使用情况。',
  staff: (f) => `明确专职工作人员 1 名（${f.contactName}）、兼职联络员 2 名，负责接待登记、意见交办、跟踪反馈和台账管理，名单已上墙。`,
  rules: () => '制定接待选民、意见建议交办、办理反馈、回访评价、代表进站履职登记五项制度，装订成册并上墙公示。',
  materials: () => '配备《代表法》《地方组织法》《湖南省各级人民代表大会代表建议、批评和意见办理规定》等学习资料，订阅《人民代表报》《人民之友》。',
  records: () => '建立接待登记、意见建议办理、代表活动三本台账，每次接待填写接待记录表，办理结果逐条登记。',
  publicity: () => '在站内和社区公示栏公开驻站代表照片、联系方式、开放时间、接待安排和办理流程，并公布联络站二维码。',
  plan: () => '制定 2026 年度活动计划：每月 10 日、20 日、30 日代表进站接待，每季度开展一次代表小组活动，年底代表向选民述职。',
  room_place: (f) => `${f.name}设在${f.address}，有独立接待室一间，配备桌椅、饮水和意见箱。`,
  room_sign: () => '门口悬挂“代表工作室”统一标牌，室内设驻室代表公示牌（照片、联系方式、接待时间）。',
  room_rules: () => '接待登记、意见交办和反馈制度上墙，办理流程图张贴在接待室门口。',
  room_staff: () => '社区明确 1 名联络员负责日常联络，代表接待日到岗协助登记。',
  room_records: () => '建立接待登记台账，每月汇总报工作站。',
};

/** What a document file of the demo says (plain text: the demo has no office files). */
export const demoDocument = (itemName: string, text: string, f: Facts): string =>
  `${f.name}\n${itemName}\n\n${text}\n\n（演示数据，内容为虚构。）\n`;
