/**
 * Enums and labels shared by the server and the web console. Plain data, no imports:
 * both sides import this file directly.
 */
export const ROLES = ['admin', 'station', 'deputy', 'department', 'liaison'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '人大常委会（代表工委）', en: 'District congress office' },
  station: { zh: '联络站工作人员', en: 'Station staff' },
  deputy: { zh: '人大代表', en: 'Deputy' },
  department: { zh: '承办单位', en: 'Department handler' },
  liaison: { zh: '舆情联络员 / 网格员', en: 'Liaison officer' },
};

export const STATION_KINDS = ['station', 'room'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_KIND_LABELS: Record<StationKind, { zh: string; en: string }> = {
  station: { zh: '联络站', en: 'Station' },
  room: { zh: '工作室', en: 'Room' },
};

export const DEPUTY_LEVELS = ['national', 'provincial', 'municipal', 'county', 'township', 'yizheng'] as const;
export type DeputyLevel = (typeof DEPUTY_LEVELS)[number];
export const DEPUTY_LEVEL_LABELS: Record<DeputyLevel, { zh: string; en: string }> = {
  national: { zh: '全国人大代表', en: 'National' },
  provincial: { zh: '省人大代表', en: 'Provincial' },
  municipal: { zh: '市人大代表', en: 'Municipal' },
  county: { zh: '区人大代表', en: 'District' },
  township: { zh: '乡镇人大代表', en: 'Township' },
  yizheng: { zh: '议政代表', en: 'Street deliberation deputy' },
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, { zh: string; en: string }> = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
};

export const REGION_LEVELS = ['province', 'city', 'county', 'street', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_LABELS: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '地级', en: 'City' },
  county: { zh: '县级', en: 'County' },
  street: { zh: '乡级（镇、街道）', en: 'Township / street' },
  community: { zh: '村级（社区）', en: 'Community' },
};

/** Expertise tags the console offers; free tags are allowed too. */
export const EXPERTISE_SUGGESTIONS = ['法律', '调解', '教育', '医疗卫生', '城市建设', '农业农村', '企业经营', '财务审计', '社会保障', '生态环境', '交通', '科技'];

/** Case categories of the district (the first level of the official taxonomy, plus common local ones). */
export const CATEGORY_SUGGESTIONS = ['城乡建设', '环境保护', '交通运输', '教育文体', '卫生计生', '劳动和社会保障', '商贸旅游', '市政设施', '物业管理', '社会治安', '农业农村', '民政'];
