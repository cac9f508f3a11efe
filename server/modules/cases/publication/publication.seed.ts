import type { Principal } from '../../../platform/auth/principal.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { casesRepository } from '../cases.repository.ts';
import { actOnPublication, createPublication, type TextsInput } from './publication.service.ts';

/**
 * The demo's published results: closed cases prepared by their station (or the office), submitted and
 * approved, through the same commands as the console. Texts left out are the masked pre-fill; the
 * titles and summaries given are what staff would write instead. One waits for review; one closed
 * case (咨询灵活就业人员医保缴费) is left for trying the loop.
 */
const DEMO: Array<{ case: string; by: 'station' | 'station2' | 'admin'; texts?: TextsInput; until: 'published' | 'pending' }> = [
  {
    case: '新马社区东门路灯不亮', by: 'station', until: 'published',
    texts: { title: '社区东门至公交站路段路灯不亮', summary: '群众反映，社区东门到公交站约 200 米的路灯坏了两个多星期，晚上下班的居民和接送孩子的老人走这段路很不安全，希望尽快修复。' },
  },
  {
    case: '小区电梯频繁停运，物业推诿', by: 'station', until: 'published',
    texts: { title: '小区电梯频繁停运，物业推诿维修', summary: '群众反映，所住楼栋的电梯一个月停了四次，最长一次停了三天，楼里有好几位行动不便的老人；找物业，物业说要等维保公司，一直拖着。' },
  },
  { case: '工业园夜间噪音扰民', by: 'station', until: 'published' },
  { case: '灌溉渠堵塞影响晚稻', by: 'admin', until: 'published', texts: { title: '村里灌溉渠堵塞，晚稻灌不上水' } },
  { case: '小区停车位被长期占用', by: 'station2', until: 'pending', texts: { title: '小区地面停车位被僵尸车长期占用' } },
];

const DAY = 86_400_000;

export async function seedPublicationsDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const id = (key: string) => {
    const v = demo.ids.get(key);
    if (!v) throw new Error(`demo id missing: ${key}`);
    return v;
  };
  const users = new Map<string, Principal>();
  for (const u of ['station', 'station2', 'admin']) users.set(u, (await principalForUser(deps.db, id(`user:${u}`)))!);
  const at = (t: number, principal: Principal): ActionContext => ({ ...systemContext(new Date(t), 'demo-seed'), principal });
  let published = 0;
  for (const d of DEMO) {
    const caseId = id(`case:${d.case}`);
    const c = (await casesRepository.get(deps.db, caseId))!;
    // Prepared two days after the case closed, reviewed the day after.
    const closed = Date.parse(c.closed_at!);
    const pub = await createPublication(deps, at(closed + 2 * DAY, users.get(d.by)!), caseId, d.texts ?? {});
    const submitted = await actOnPublication(deps, at(closed + 2 * DAY + 3_600_000, users.get(d.by)!), pub.id, 'submit', { version: pub.version });
    if (d.until === 'published') {
      await actOnPublication(deps, at(closed + 3 * DAY, users.get('admin')!), pub.id, 'approve', { version: submitted.version });
      published++;
    }
  }
  demo.log(`已公开演示办理结果 ${published} 件，待审核 ${DEMO.length - published} 件 (demo published results)`);
}
