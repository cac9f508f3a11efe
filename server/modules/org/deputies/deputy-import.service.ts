/**
 * Roster import in two steps: preview (read and check the file, keep the rows in
 * import_batches for 30 minutes, write nothing else) and commit (check the rows again
 * against the district as it is then, write the valid ones through insertDeputy in one
 * transaction).
 */
import { recordChange } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';
import { orgErrors } from '../org.errors.ts';
import { requireAdmin } from '../org.policy.ts';
import { regionsRepository } from '../regions/regions.repository.ts';
import { checkRows, dupKey, readRoster, type CheckedRow, type ImportContext, type RawRow, type RowData, type RowError } from './deputy-import.ts';
import { buildTemplate } from './deputy-import.template.ts';
import { insertDeputy } from './deputies.service.ts';

export const IMPORT_KIND = 'deputies';
export const IMPORT_TTL_MS = 30 * 60_000;

export interface ImportPreview {
  batchId: string;
  fileName: string;
  rows: Array<{ row: number; data: RowData; errors: RowError[] }>;
  validCount: number;
  errorCount: number;
  expiresAt: string;
}

/** Regions, stations and active deputies of the district, and where the file's other codes lie. */
async function loadContext(db: Executor, districtCode: string, raw: RawRow[]): Promise<ImportContext> {
  const regions = await db.selectFrom('regions').select(['code', 'name']).where('code', 'like', `${districtCode}%`).orderBy('code').execute();
  const inDistrict = new Map(regions.map((r) => [r.code, r.name]));
  const others = raw.map((r) => r.cells.regionCode.trim()).filter((c) => /^\d{2,12}$/.test(c) && !inDistrict.has(c));
  const found = await regionsRepository.getMany(db, others);
  const outside = new Map([...found.values()].map((r) => [r.code, r.name]));
  const stations = await db.selectFrom('stations').select(['id', 'name']).where('district_code', '=', districtCode).where('active', '=', 1).execute();
  const deputies = await db.selectFrom('deputies').select(['name', 'region_code']).where('district_code', '=', districtCode).where('active', '=', 1).execute();
  return {
    districtCode,
    regions: inDistrict,
    outside,
    stations: new Map(stations.map((s) => [s.name, s.id])),
    existing: new Set(deputies.map((d) => dupKey(d.name, d.region_code))),
  };
}

export async function deputyImportTemplate(db: Db, p: Principal): Promise<Buffer> {
  requireAdmin(p);
  const district = await regionsRepository.get(db, p.districtCode);
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'like', `${p.districtCode}%`)
    .where('code', '!=', p.districtCode)
    .orderBy('code')
    .execute();
  const stations = await db
    .selectFrom('stations')
    .select(['name', 'kind', 'region_code'])
    .where('district_code', '=', p.districtCode)
    .where('active', '=', 1)
    .orderBy('kind', 'desc') // station before room
    .orderBy('name')
    .execute();
  return buildTemplate({ districtName: district?.name ?? p.districtCode, regions, stations });
}

const present = (rows: CheckedRow[]) => rows.map(({ row, data, errors }) => ({ row, data, errors }));

export async function previewDeputyImport(db: Db, ctx: ActionContext, file: { fileName: string; bytes: Buffer }): Promise<ImportPreview> {
  const p = ctx.principal!;
  requireAdmin(p);
  const raw = await readRoster(file.bytes);
  const checked = checkRows(raw, await loadContext(db, p.districtCode, raw));
  const now = ctx.now.toISOString();
  const batch = {
    id: newId(),
    kind: IMPORT_KIND,
    district_code: p.districtCode,
    created_by: p.userId,
    file_name: file.fileName,
    rows: JSON.stringify(raw),
    created_at: now,
    expires_at: new Date(ctx.now.getTime() + IMPORT_TTL_MS).toISOString(),
    committed_at: null,
  };
  await db.transaction().execute(async (trx) => {
    // Housekeeping: previews nobody committed are of no use once expired.
    await trx.deleteFrom('import_batches').where('district_code', '=', p.districtCode).where('committed_at', 'is', null).where('expires_at', '<', now).execute();
    await trx.insertInto('import_batches').values(batch).execute();
  });
  const validCount = checked.filter((r) => r.input).length;
  return { batchId: batch.id, fileName: batch.file_name, rows: present(checked), validCount, errorCount: checked.length - validCount, expiresAt: batch.expires_at };
}

export async function commitDeputyImport(db: Db, ctx: ActionContext, batchId: string): Promise<{ imported: number; skipped: number }> {
  const p = ctx.principal!;
  requireAdmin(p);
  const now = ctx.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const batch = await trx.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
    if (!batch || batch.kind !== IMPORT_KIND || batch.district_code !== p.districtCode) throw orgErrors.IMPORT_BATCH_GONE();
    if (batch.committed_at) throw orgErrors.IMPORT_ALREADY_COMMITTED();
    if (batch.expires_at <= now) throw orgErrors.IMPORT_BATCH_GONE();
    // Claims the batch: a concurrent commit of the same batch waits here and then finds it taken.
    const claimed = await trx.updateTable('import_batches').set({ committed_at: now }).where('id', '=', batchId).where('committed_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw orgErrors.IMPORT_ALREADY_COMMITTED();

    const raw = JSON.parse(batch.rows) as RawRow[];
    // Checked again: stations may have been closed or deputies added since the preview.
    const checked = checkRows(raw, await loadContext(trx, p.districtCode, raw));
    let imported = 0;
    for (const r of checked) {
      if (!r.input) continue;
      await insertDeputy(trx, ctx, p.districtCode, r.input, 'import');
      imported++;
    }
    const skipped = checked.length - imported;
    await recordChange(trx, ctx, {
      action: 'deputy.import',
      entityType: 'import_batch',
      entityId: batchId,
      data: { fileName: batch.file_name, rows: checked.length, imported, skipped, skippedRows: checked.filter((r) => !r.input).map((r) => r.row) },
    });
    return { imported, skipped };
  });
}
