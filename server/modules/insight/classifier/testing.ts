/** Test fixtures of the classifier (no real data: the tests must run where ../shared/data is absent). */
import type { Sample } from './model.ts';

/** Small invented messages of three categories: their own words, shared filler, varied places. */
export function fixtureSamples(perLabel = 30): Sample[] {
  const topics: Record<string, string[]> = {
    城乡建设: ['路灯不亮', '小区物业乱收费', '道路坑洼积水', '违章搭建', '电梯故障', '下水道堵塞', '拆迁补偿'],
    教育文体: ['学校食堂', '教师工资', '幼儿园入园', '学生课业负担', '体育场馆开放', '图书馆开放时间', '校车安全'],
    卫生计生: ['医院挂号难', '医生态度差', '疫苗接种', '医保报销', '药品价格', '社区卫生服务站', '计划生育证明'],
  };
  const places = ['马家河街道', '新马社区', '栗雨街道', '泰山路', '天元区', '湘江新村'];
  const fillers = ['请有关部门尽快处理', '希望领导重视', '群众反映强烈', '已经很久了', '影响大家生活'];
  const out: Sample[] = [];
  for (const [label, words] of Object.entries(topics)) {
    for (let i = 0; i < perLabel; i++) {
      const w1 = words[i % words.length];
      const w2 = words[(i * 3 + 1) % words.length];
      out.push({ label, title: `${places[i % places.length]}${w1}`, content: `${places[(i + 2) % places.length]}${w1}，${w2}，${fillers[i % fillers.length]}。` });
    }
  }
  return out;
}
