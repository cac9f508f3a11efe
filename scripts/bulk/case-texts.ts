/**
 * Text material for synthetic cases: places, problems per category and the way people write
 * them down, so bulk data reads like what a station receives (titles of 10–30 characters,
 * contents of one to three sentences) instead of "case 1, case 2". Pure data and a
 * deterministic picker (a seeded PRNG), so a run with the same seed makes the same texts.
 */
import { seededRandom } from '../../server/platform/random.ts';

/** A seeded generator: small, fast and good enough to spread synthetic data. */
export const prng = seededRandom;

export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const PLACES = [
  '新马社区', '栗雨社区', '嵩山路社区', '泰山路社区', '马家河村', '群丰村', '雷打石村', '三门村', '天易科技城', '湘江风光带',
  '金城小区', '星河湾小区', '翡翠湾小区', '长江北路', '黄河南路', '珠江北路', '天台路', '株洲大道', '新塘路', '庐山路',
  '滨江南路', '湘芸路', '泰山中路', '神农城', '东塘菜市场', '天元区实验小学', '栗雨工业园', '马家河中学', '白马垅', '群丰镇集市',
] as const;

const SPOTS = ['东门', '西门', '南门', '北门', '3 栋', '5 栋', '8 栋楼下', '公交站旁', '十字路口', '小广场', '停车场', '后巷', '菜市场门口', '幼儿园门口', '桥下'] as const;

interface Problem {
  title: string;
  detail: string;
  ask: string;
}

/** Problems by the district's case categories (case_categories.name). */
const PROBLEMS: Record<string, readonly Problem[]> = {
  市政设施: [
    { title: '路灯不亮', detail: '路灯已经坏了两个多星期，晚上出行很不安全', ask: '希望尽快修复' },
    { title: '井盖破损', detail: '井盖破了一个角，已经有电动车在这里摔倒', ask: '请尽快更换井盖' },
    { title: '下水道堵塞', detail: '一下雨污水就漫到路面上，气味很大', ask: '希望安排疏通' },
    { title: '人行道地砖松动', detail: '地砖松动翘起，老人和小孩容易绊倒', ask: '请尽快维修' },
  ],
  交通运输: [
    { title: '公交站台缺少遮雨棚', detail: '等车的老人下雨天只能站在雨里', ask: '建议加装遮雨棚和座椅' },
    { title: '路口红绿灯时间太短', detail: '行人绿灯只有十几秒，老人过不完马路', ask: '建议延长行人绿灯时间' },
    { title: '路边违停严重', detail: '上下班高峰车辆乱停，消防通道被堵', ask: '希望加强管理' },
    { title: '公交线路班次太少', detail: '早高峰要等四十分钟一班车', ask: '建议增加班次' },
  ],
  环境保护: [
    { title: '餐馆油烟扰民', detail: '楼下餐馆的油烟直排，家里窗户都不敢开', ask: '请督促安装油烟净化设备' },
    { title: '夜间施工噪音', detail: '工地晚上十一点后还在施工，影响休息', ask: '请依法查处' },
    { title: '河道有垃圾漂浮', detail: '河面上漂着塑料瓶和泡沫，夏天有异味', ask: '希望定期清理' },
  ],
  物业管理: [
    { title: '电梯经常故障', detail: '电梯一个月坏了三次，有老人被困', ask: '请督促物业彻底检修' },
    { title: '物业费公示不清', detail: '物业收费项目和公共收益一直没有公示', ask: '希望按规定公开' },
    { title: '小区垃圾清运不及时', detail: '垃圾桶满了好几天没人清运', ask: '请督促物业按时清运' },
  ],
  城乡建设: [
    { title: '老旧小区改造进度慢', detail: '改造开工半年，路面挖开后一直没有恢复', ask: '希望加快进度并公布工期' },
    { title: '违章搭建影响通行', detail: '一楼住户在公共通道搭建棚子', ask: '请依法处理' },
  ],
  教育文体: [
    { title: '学校门口上下学拥堵', detail: '接送车辆占满道路，孩子过马路很危险', ask: '建议设置临时停车点和护学岗' },
    { title: '社区缺少健身器材', detail: '小区附近没有可以锻炼的地方', ask: '建议在空地安装健身器材' },
  ],
  卫生计生: [
    { title: '社区卫生服务站药品不全', detail: '常用的降压药经常缺货，要跑到市里去买', ask: '希望保障常用药供应' },
    { title: '诊所收费不规范', detail: '诊所收费没有明码标价', ask: '请相关部门检查' },
  ],
  劳动和社会保障: [
    { title: '工资被拖欠', detail: '在工地干了三个月，老板一直拖欠工资', ask: '请帮助讨薪' },
    { title: '社保转移办理困难', detail: '外地社保转回本地，来回跑了好几次', ask: '希望简化手续' },
  ],
  民政: [
    { title: '高龄津贴未按时发放', detail: '家里老人的高龄津贴已经两个月没有到账', ask: '请帮忙查询' },
    { title: '社区养老服务不足', detail: '社区日间照料中心只开放半天', ask: '希望延长开放时间' },
  ],
  农业农村: [
    { title: '农田灌溉渠损坏', detail: '灌溉渠垮了一段，马上到插秧时节', ask: '希望尽快修复' },
    { title: '村道坑洼不平', detail: '村里的水泥路坑坑洼洼，农用车经常陷进去', ask: '请安排维修' },
  ],
  商贸旅游: [
    { title: '农贸市场缺斤短两', detail: '几个摊位的秤有问题', ask: '希望加强计量检查' },
    { title: '景区停车收费过高', detail: '风光带停车场收费比公示价格高', ask: '请核查' },
  ],
  社会治安: [
    { title: '小区电动车被盗', detail: '一个月内小区丢了好几辆电动车', ask: '建议加装监控、加强巡逻' },
    { title: '夜间有人聚集喧哗', detail: '广场晚上有人喝酒吵闹到凌晨', ask: '请加强巡查' },
  ],
};

const OPENERS = ['', '居民反映：', '群众来电反映，', '接待日群众反映：', '村民反映，', '有居民多次反映，'] as const;
const CLOSERS = ['', '居民意见较大。', '已向物业反映过，没有解决。', '周边居民都很关心此事。', '希望代表帮忙协调。'] as const;

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '谢', '唐'] as const;
export const GIVEN = ['建国', '秀英', '桂兰', '志强', '海燕', '明', '丽', '伟', '芳', '军', '敏', '静', '磊', '洋', '艳', '勇', '霞', '平', '刚', '红'] as const;

/** A title and a content for a case of `category` (any name: unknown ones borrow 市政设施's problems). */
export function caseText(rnd: () => number, category: string): { title: string; content: string; address: string } {
  const problem = pick(rnd, PROBLEMS[category] ?? PROBLEMS['市政设施']!);
  const place = pick(rnd, PLACES);
  const spot = pick(rnd, SPOTS);
  const title = `${place}${spot}${problem.title}`.slice(0, 100);
  const content = `${pick(rnd, OPENERS)}${place}${spot}${problem.detail}，${problem.ask}。${pick(rnd, CLOSERS)}`;
  return { title, content, address: `${place}${spot}` };
}
