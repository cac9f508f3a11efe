import type { StationKind } from '../../../../shared/org.ts';
import type { StandardItemOut } from '../../../../shared/standards.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { orgErrors } from '../org.errors.ts';
import { requireAdmin } from '../org.policy.ts';
import { appliesToOf, presentItem } from './standards.presenter.ts';
import { standardsRepository, type ItemRow } from './standards.repository.ts';
import type { CreateItemInput, UpdateItemInput } from './standards.schemas.ts';

interface DefaultItem {
  code: string;
  name: string;
  description: string;
  appliesTo: StationKind[];
}

/**
 * What a district starts with. 八有 as 天元区's “一站两室” 实施方案 words it (有固定场所、有专项经费、有工作人员、
 * 有规章制度、有学习资料、有活动记录、有信息公示、有活动安排); 五有, the lighter set for rooms, as it is
 * commonly written (有场所、有标识、有制度、有人员、有记录). The office edits them to its own wording.
 */
export const DEFAULT_ITEMS: DefaultItem[] = [
  { code: 'place', name: '有固定场所', description: '有相对固定、方便群众到达的接待场所，并悬挂统一标牌。', appliesTo: ['station'] },
  { code: 'funds', name: '有专项经费', description: '工作经费列入镇（街道）预算，专款专用。', appliesTo: ['station'] },
  { code: 'staff', name: '有工作人员', description: '明确专人负责联络站日常工作，名单上墙。', appliesTo: ['station'] },
  { code: 'rules', name: '有规章制度', description: '接待、交办、反馈、回访等制度健全并上墙。', appliesTo: ['station'] },
  { code: 'materials', name: '有学习资料', description: '配备法律法规、代表履职等学习资料。', appliesTo: ['station'] },
  { code: 'records', name: '有活动记录', description: '接待选民、代表活动有台账，记录完整。', appliesTo: ['station'] },
  { code: 'publicity', name: '有信息公示', description: '代表信息、联系方式、开放时间、接待安排公开公示。', appliesTo: ['station'] },
  { code: 'plan', name: '有活动安排', description: '有年度活动计划和月度接待安排。', appliesTo: ['station'] },
  { code: 'room_place', name: '有场所', description: '有固定的接待场所。', appliesTo: ['room'] },
  { code: 'room_sign', name: '有标识', description: '门口有统一标牌，室内有代表公示牌。', appliesTo: ['room'] },
  { code: 'room_rules', name: '有制度', description: '接待和办理制度上墙。', appliesTo: ['room'] },
  { code: 'room_staff', name: '有人员', description: '有联络员负责日常联络。', appliesTo: ['room'] },
  { code: 'room_records', name: '有记录', description: '接待和活动有记录台账。', appliesTo: ['room'] },
];

/** Every district starts with 八有 and 五有 (idempotent, run at every start: only a district without items gets them). */
export async function ensureDistrictStandards(db: Db, districtCode: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if ((await standardsRepository.items(trx, districtCode)).length) return 0;
    const at = now.toISOString();
    for (const [i, d] of DEFAULT_ITEMS.entries()) {
      await standardsRepository.insertItem(trx, {
        id: newId(), district_code: districtCode, code: d.code, name: d.name, description: d.description,
        applies_to: JSON.stringify(d.appliesTo), sort: (i + 1) * 10, active: 1, version: 1, created_at: at, updated_at: at,
      });
    }
    await recordChange(trx, systemContext(now, 'reference'), {
      action: 'standard-item.defaults', entityType: 'standard_item', entityId: null, data: { districtCode, codes: DEFAULT_ITEMS.map((d) => d.code) },
    });
    return DEFAULT_ITEMS.length;
  });
}

/** Every staff role reads the checklist (department handlers too: it is the district's public yardstick). */
export async function listItems(db: Db, p: Principal, f: { active?: boolean; kind?: StationKind }): Promise<StandardItemOut[]> {
  const rows = await standardsRepository.items(db, p.districtCode);
  return rows
    .filter((r) => f.active === undefined || (r.active === 1) === f.active)
    .filter((r) => f.kind === undefined || appliesToOf(r).includes(f.kind))
    .map((r) => presentItem(p, r));
}

async function uniqueGuard<T>(input: { code?: string; name?: string }, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    // Which index lost the race is not worth parsing: the name is the usual culprit, the code is checked first below.
    if (isUniqueViolation(e)) throw orgErrors.STANDARD_NAME_TAKEN(`本区已有名为“${input.name ?? ''}”或编码为“${input.code ?? ''}”的标准项`, { field: 'body.name' });
    throw e;
  }
}

async function checkUnique(db: Executor, districtCode: string, input: { code?: string; name?: string }, selfId?: string): Promise<void> {
  if (input.code !== undefined && (await standardsRepository.itemTaken(db, districtCode, 'code', input.code, selfId))) {
    throw orgErrors.STANDARD_CODE_TAKEN(`本区已有编码为“${input.code}”的标准项`, { field: 'body.code' });
  }
  if (input.name !== undefined && (await standardsRepository.itemTaken(db, districtCode, 'name', input.name, selfId))) {
    throw orgErrors.STANDARD_NAME_TAKEN(`本区已有名为“${input.name}”的标准项`, { field: 'body.name' });
  }
}

async function loadItem(db: Executor, p: Principal, id: string): Promise<ItemRow> {
  const row = await standardsRepository.item(db, p.districtCode, id);
  if (!row) throw orgErrors.STANDARD_ITEM_NOT_FOUND('标准项不存在');
  return row;
}

export async function createItem(db: Db, ctx: ActionContext, input: CreateItemInput): Promise<StandardItemOut> {
  const p = ctx.principal!;
  requireAdmin(p);
  const now = ctx.now.toISOString();
  const id = newId();
  await uniqueGuard(input, () =>
    db.transaction().execute(async (trx) => {
      await checkUnique(trx, p.districtCode, input);
      const last = (await standardsRepository.items(trx, p.districtCode)).reduce((m, r) => Math.max(m, r.sort), 0);
      const row: ItemRow = {
        id, district_code: p.districtCode, code: input.code, name: input.name, description: input.description ?? '',
        applies_to: JSON.stringify(input.appliesTo), sort: input.sort ?? Math.min(9999, last + 10), active: 1, version: 1, created_at: now, updated_at: now,
      };
      await standardsRepository.insertItem(trx, row);
      await recordChange(trx, ctx, { action: 'standard-item.create', entityType: 'standard_item', entityId: id, data: { code: row.code, name: row.name, appliesTo: input.appliesTo } });
    }),
  );
  return presentItem(p, (await standardsRepository.item(db, p.districtCode, id))!);
}

export async function updateItem(db: Db, ctx: ActionContext, id: string, input: UpdateItemInput): Promise<StandardItemOut> {
  const p = ctx.principal!;
  await uniqueGuard(input, () =>
    db.transaction().execute(async (trx) => {
      await loadItem(trx, p, id);
      requireAdmin(p);
      const { version, ...fields } = input;
      await checkUnique(trx, p.districtCode, { name: fields.name }, id);
      const patch: Partial<ItemRow> = { updated_at: ctx.now.toISOString() };
      if (fields.name !== undefined) patch.name = fields.name;
      if (fields.description !== undefined) patch.description = fields.description;
      if (fields.appliesTo !== undefined) patch.applies_to = JSON.stringify(fields.appliesTo);
      if (fields.sort !== undefined) patch.sort = fields.sort;
      if (!(await standardsRepository.updateItem(trx, id, version, patch))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
      const touched = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
      await recordChange(trx, ctx, { action: 'standard-item.update', entityType: 'standard_item', entityId: id, data: { fields: touched } });
    }),
  );
  return presentItem(p, await loadItem(db, p, id));
}

export async function setItemActive(db: Db, ctx: ActionContext, id: string, version: number, active: boolean): Promise<StandardItemOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    await loadItem(trx, p, id);
    requireAdmin(p);
    if (!(await standardsRepository.updateItem(trx, id, version, { active: active ? 1 : 0, updated_at: ctx.now.toISOString() }))) {
      throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    }
    await recordChange(trx, ctx, { action: active ? 'standard-item.activate' : 'standard-item.deactivate', entityType: 'standard_item', entityId: id });
  });
  return presentItem(p, await loadItem(db, p, id));
}
