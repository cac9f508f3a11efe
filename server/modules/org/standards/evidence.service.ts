import type { EvidenceAction, EvidenceCounts, EvidenceDetailOut, EvidenceOut, StationStandardsOut } from '../../../../shared/standards.ts';
import type { StationKind } from '../../../../shared/org.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { orgErrors } from '../org.errors.ts';
import { stationScopeFor } from '../org.policy.ts';
import { prepareEvidenceFile } from './evidence-files.ts';
import { applyAction, applyAddFile, applyRemoveFile, applyText, loadTarget, type Target } from './evidence.commands.ts';
import { requireEvidenceReader, requireReviewer, requireWriter } from './standards.policy.ts';
import { appliesTo, namedIn, presentEvent, presentEvidence, presentItem } from './standards.presenter.ts';
import { standardsRepository as repo } from './standards.repository.ts';

export const emptyCounts = (): EvidenceCounts => ({ missing: 0, submitted: 0, approved: 0, returned: 0 });

/** The target as the caller may see it: department handlers 403, outside the caller's stations 404. */
async function target(db: Executor, p: Principal, stationId: string, itemId: string): Promise<Target> {
  requireEvidenceReader(p);
  return loadTarget(db, await stationScopeFor(db, p), stationId, itemId);
}

async function presentTarget(db: Executor, p: Principal, t: Target): Promise<EvidenceOut> {
  const files = t.evidence ? await repo.files(db, [t.evidence.id]) : [];
  return presentEvidence(p, t.station, t.item, t.evidence, files, await repo.userNames(db, namedIn(t.evidence, files)));
}

const reread = async (db: Db, p: Principal, stationId: string, itemId: string): Promise<EvidenceOut> => presentTarget(db, p, await target(db, p, stationId, itemId));

/** A station's checklist: the active items for its kind, each with its evidence. */
export async function getStationStandards(db: Db, p: Principal, stationId: string): Promise<StationStandardsOut> {
  requireEvidenceReader(p);
  const station = await repo.station(db, await stationScopeFor(db, p), stationId);
  if (!station) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内');
  const items = (await repo.items(db, station.district_code)).filter((i) => i.active === 1 && appliesTo(i, station.kind));
  const evidence = new Map((await repo.evidenceOfStation(db, station.id)).map((e) => [e.item_id, e]));
  const files = await repo.files(db, [...evidence.values()].map((e) => e.id));
  const names = await repo.userNames(db, [...evidence.values()].flatMap((e) => namedIn(e, [])).concat(files.map((f) => f.uploaded_by)));
  const counts = emptyCounts();
  const out = items.map((item) => {
    const e = evidence.get(item.id);
    const ev = presentEvidence(p, station, item, e, e ? files.filter((f) => f.evidence_id === e.id) : [], names);
    counts[ev.status]++;
    return { item: presentItem(p, item), evidence: ev };
  });
  return {
    station: { id: station.id, name: station.name, kind: station.kind as StationKind, parentId: station.parent_id, active: station.active === 1 },
    items: out,
    counts,
    total: out.length,
    complete: out.length > 0 && counts.approved === out.length,
  };
}

export async function getEvidenceDetail(db: Db, p: Principal, stationId: string, itemId: string): Promise<EvidenceDetailOut> {
  const t = await target(db, p, stationId, itemId);
  const files = t.evidence ? await repo.files(db, [t.evidence.id]) : [];
  const events = t.evidence ? await repo.events(db, t.evidence.id) : [];
  const names = await repo.userNames(db, namedIn(t.evidence, files, events));
  return {
    item: presentItem(p, t.item),
    evidence: presentEvidence(p, t.station, t.item, t.evidence, files, names),
    history: events.map((e) => presentEvent(names, e)),
  };
}

export async function putEvidenceText(db: Db, ctx: ActionContext, stationId: string, itemId: string, input: { version: number; text: string }): Promise<EvidenceOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const t = await target(trx, p, stationId, itemId);
    requireWriter(p, t.station);
    await applyText(trx, ctx, t, input.version, input.text);
  });
  return reread(db, p, stationId, itemId);
}

export async function addEvidenceFile(deps: AppDeps, ctx: ActionContext, stationId: string, itemId: string, file: { bytes: Uint8Array; filename: string }): Promise<EvidenceOut> {
  const p = ctx.principal!;
  const { db } = deps;
  // Refused before the bytes are looked at or stored when the caller may not add files at all.
  requireWriter(p, (await target(db, p, stationId, itemId)).station);
  const prepared = await prepareEvidenceFile(deps, file.bytes, file.filename);
  await db.transaction().execute(async (trx) => {
    const t = await target(trx, p, stationId, itemId);
    requireWriter(p, t.station);
    await applyAddFile(trx, ctx, t, prepared);
  });
  return reread(db, p, stationId, itemId);
}

export async function removeEvidenceFile(db: Db, ctx: ActionContext, stationId: string, itemId: string, fileId: string, version: number): Promise<EvidenceOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const t = await target(trx, p, stationId, itemId);
    requireWriter(p, t.station);
    await applyRemoveFile(trx, ctx, t, version, fileId);
  });
  return reread(db, p, stationId, itemId);
}

export async function evidenceAction(db: Db, ctx: ActionContext, stationId: string, itemId: string, action: EvidenceAction, input: { version: number; note?: string }): Promise<EvidenceOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const t = await target(trx, p, stationId, itemId);
    if (action === 'approve' || action === 'return') requireReviewer(p);
    else requireWriter(p, t.station);
    await applyAction(trx, ctx, t, action, input.version, input.note ?? '');
  });
  return reread(db, p, stationId, itemId);
}

export async function getEvidenceFile(deps: AppDeps, p: Principal, stationId: string, itemId: string, fileId: string): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  const t = await target(deps.db, p, stationId, itemId);
  const f = t.evidence ? await repo.file(deps.db, t.evidence.id, fileId) : undefined;
  const bytes = f ? await deps.files.get(f.storage_key) : null;
  if (!f || !bytes) throw orgErrors.STANDARD_FILE_NOT_FOUND();
  return { bytes, mime: f.mime, filename: f.filename };
}
