import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { activeCategoryNames, caseScopeFor, categorisedCaseCounts, categorisedCases, suggestDepartment } from '../../cases/index.ts';
import { orgLookups } from '../../org/index.ts';
import { classifierErrors } from './classifier.errors.ts';
import { classifierRepository, type ModelMeta } from './classifier.repository.ts';
import { predict, TrainingError, type HeldOutQuality, type Model } from './model.ts';
import { deserialise } from './model-store.ts';
import { trainInWorker } from './train-in-worker.ts';

/** Below this many categorised cases a district has no model (the suggestion says so). */
export const MIN_SAMPLES = 50;
/** The job retrains when the categorised cases have grown by this share since the active model. */
export const RETRAIN_GROWTH = 0.1;
/** How often the job looks (and once at start). */
export const RETRAIN_EVERY_MS = 10 * 60_000;
/** A model learns from the newest this many categorised cases: training stays within seconds and memory bounded at any history. */
export const MAX_SAMPLES = 20_000;
/** Versions whose model is kept (older versions keep their figures only). */
export const KEEP_MODELS = 3;
/** Alternatives shown beside the suggestion. */
const ALTERNATIVES = 3;
const PAGE = 2000;

export type ModelReason = 'start' | 'growth' | 'admin';

export interface ModelOut {
  id: string;
  version: number;
  trainedAt: string;
  samples: number;
  labels: Array<{ category: string; samples: number }>;
  quality: HeldOutQuality | null;
  active: boolean;
  reason: ModelReason;
  trainSeconds: number;
  /** The model itself is still stored (the newest KEEP_MODELS versions). */
  stored: boolean;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

function present(m: ModelMeta): ModelOut {
  return {
    id: m.id, version: m.version, trainedAt: m.trained_at, samples: m.samples,
    labels: JSON.parse(m.labels) as ModelOut['labels'], quality: JSON.parse(m.quality) as HeldOutQuality | null,
    active: m.active === 1, reason: m.reason as ModelReason, trainSeconds: Math.round(m.train_millis / 100) / 10, stored: m.stored,
  };
}

function roundQuality(q: HeldOutQuality | null): HeldOutQuality | null {
  if (!q) return null;
  const perClass = Object.fromEntries(Object.entries(q.perClass).map(([l, c]) => [l, { precision: r4(c.precision), recall: r4(c.recall), f1: r4(c.f1), support: c.support }]));
  return { accuracy: r4(q.accuracy), macroF1: r4(q.macroF1), perClass, heldOut: q.heldOut, trainedOn: q.trainedOn };
}

function requireModelAdmin(p: Principal): void {
  if (!hasRole(p, 'admin')) throw platformErrors.FORBIDDEN('只有区人大常委会（代表工委）可以查看和训练分类模型');
}

/** Those who record cases (cases.policy `mayRecord` for some channel): the office, station staff, liaison officers, deputies. */
const mayRecord = (p: Principal) => hasRole(p, 'admin', 'station', 'liaison', 'deputy');

/** The district's newest categorised cases (at most MAX_SAMPLES) as training samples. */
async function samplesOf(deps: AppDeps, districtCode: string): Promise<Array<{ title: string; content: string; label: string }>> {
  const out: Array<{ title: string; content: string; label: string }> = [];
  let before: string | null = null;
  while (out.length < MAX_SAMPLES) {
    const page = await categorisedCases(deps.db, districtCode, before, Math.min(PAGE, MAX_SAMPLES - out.length));
    for (const c of page) out.push({ title: c.title, content: c.content, label: c.category });
    if (page.length < PAGE) break;
    before = page[page.length - 1]!.id;
  }
  return out;
}

/**
 * Trains a new version from the district's newest categorised cases (a fifth held out first to measure
 * its quality, then all of them) in a worker thread, and makes it the active one. 409 when the
 * district has fewer than MIN_SAMPLES categorised cases or only one category.
 */
export async function trainDistrictModel(deps: AppDeps, ctx: ActionContext, districtCode: string, reason: ModelReason): Promise<ModelOut> {
  const history = (await categorisedCaseCounts(deps.db, districtCode))[0]?.count ?? 0;
  const samples = await samplesOf(deps, districtCode);
  if (samples.length < MIN_SAMPLES) {
    throw classifierErrors.NOT_ENOUGH_CASES(`已分类（已交办及以后）的诉求只有 ${samples.length} 件，至少需要 ${MIN_SAMPLES} 件才能训练分类模型`);
  }
  const started = performance.now();
  let trained;
  try {
    trained = await trainInWorker(samples);
  } catch (e) {
    if (e instanceof TrainingError) throw classifierErrors.NOT_ENOUGH_CASES(`已分类的诉求只有一个类别，至少需要两个类别才能训练分类模型`);
    throw e;
  }
  const millis = Math.round(performance.now() - started);
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  const labels = [...counts].map(([category, n]) => ({ category, samples: n })).sort((a, b) => b.samples - a.samples || a.category.localeCompare(b.category));
  const quality = roundQuality(trained.quality);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const version = (await classifierRepository.lastVersion(trx, districtCode)) + 1;
    await classifierRepository.insertActive(trx, {
      id, district_code: districtCode, version, trained_at: ctx.now.toISOString(), samples: samples.length, history, labels: JSON.stringify(labels),
      quality: JSON.stringify(quality), model: trained.json, active: 1, reason, requested_by: ctx.principal?.userId ?? null, train_millis: millis,
    }, KEEP_MODELS);
    await recordChange(trx, ctx, {
      action: 'insight-model.train', entityType: 'insight_model', entityId: id,
      data: { districtCode, version, samples: samples.length, reason, macroF1: quality?.macroF1 ?? null, accuracy: quality?.accuracy ?? null },
    });
  });
  return present((await classifierRepository.list(deps.db, districtCode, KEEP_MODELS)).find((m) => m.id === id)!);
}

/** POST /insight/models/train: the admin asks for a new version now. */
export async function trainForAdmin(deps: AppDeps, ctx: ActionContext): Promise<ModelOut> {
  const p = ctx.principal!;
  requireModelAdmin(p);
  return trainDistrictModel(deps, ctx, p.districtCode, 'admin');
}

export interface ModelsOut {
  items: ModelOut[];
  /** The district's categorised cases now (what the next training would learn from). */
  categorisedCases: number;
  minSamples: number;
  /** The count at which the job trains the next version (MIN_SAMPLES without a model). */
  retrainAt: number;
}

/** GET /insight/models: the district's versions, newest first, with what the job will do next. */
export async function listModels(deps: AppDeps, p: Principal, q: { limit: number }): Promise<ModelsOut> {
  requireModelAdmin(p);
  const items = (await classifierRepository.list(deps.db, p.districtCode, q.limit)).map(present);
  const count = (await categorisedCaseCounts(deps.db, p.districtCode))[0]?.count ?? 0;
  const active = await classifierRepository.active(deps.db, p.districtCode);
  return { items, categorisedCases: count, minSamples: MIN_SAMPLES, retrainAt: active ? retrainThreshold(active.history) : MIN_SAMPLES };
}

/** The job trains the next version when the categorised cases reach this (history: their count at the active version's training). */
const retrainThreshold = (history: number) => Math.max(MIN_SAMPLES, Math.ceil(history * (1 + RETRAIN_GROWTH)));

/**
 * The job: trains every district with no model yet and at least MIN_SAMPLES categorised cases,
 * and every district whose categorised cases grew by RETRAIN_GROWTH since its active model.
 * Several processes may run it: a version number taken twice fails one transaction (unique
 * index), which is logged and tried again at the next run.
 */
export async function retrainWhereGrown(deps: AppDeps): Promise<Array<{ districtCode: string; version: number; reason: ModelReason }>> {
  const out: Array<{ districtCode: string; version: number; reason: ModelReason }> = [];
  for (const { districtCode, count } of await categorisedCaseCounts(deps.db)) {
    const active = await classifierRepository.active(deps.db, districtCode);
    if (active ? count < retrainThreshold(active.history) : count < MIN_SAMPLES) continue;
    const reason: ModelReason = active ? 'growth' : 'start';
    const m = await trainDistrictModel(deps, systemContext(deps.clock.now(), `job:insight-classifier`), districtCode, reason);
    deps.log.info({ districtCode, version: m.version, samples: m.samples, macroF1: m.quality?.macroF1 }, '已训练诉求分类模型 (category model trained)');
    out.push({ districtCode, version: m.version, reason });
  }
  return out;
}

// Models in memory, by district: loaded on the first suggestion after a new version.
const cache = new Map<string, { id: string; model: Model }>();

async function activeModel(deps: AppDeps, districtCode: string): Promise<{ meta: ModelMeta; model: Model } | null> {
  const meta = await classifierRepository.active(deps.db, districtCode);
  if (!meta) return null;
  const hit = cache.get(districtCode);
  if (hit?.id === meta.id) return { meta, model: hit.model };
  const json = await classifierRepository.model(deps.db, meta.id);
  if (!json) return null;
  const model = deserialise(json);
  cache.set(districtCode, { id: meta.id, model });
  return { meta, model };
}

export interface SuggestQuery {
  title?: string;
  content: string;
  stationId?: string;
}

export interface SuggestionOut {
  category: string;
  confidence: number;
  alternatives: Array<{ category: string; confidence: number }>;
  basis: 'text' | 'prior';
  departmentId: string | null;
  departmentName: string | null;
  modelVersion: number;
  trainedAt: string;
}

/**
 * POST /insight/suggest-category: the active model's category for a text being recorded (only
 * the district's active categories), with its confidence, the next most likely ones, and the
 * department the routing rules give that category at the station's place (district-wide rules
 * without a station). 409 NO_MODEL while the district has none.
 */
export async function suggestCategory(deps: AppDeps, p: Principal, q: SuggestQuery): Promise<SuggestionOut> {
  if (!mayRecord(p)) throw platformErrors.FORBIDDEN('只有登记诉求的工作人员和代表可以使用类别建议');
  let regionCode = p.districtCode;
  if (q.stationId) {
    const station = await orgLookups.station(deps.db, q.stationId);
    const scope = await caseScopeFor(deps.db, p);
    if (!station || !station.active || station.districtCode !== p.districtCode || !(scope.all || scope.stationIds.includes(station.id))) {
      throw classifierErrors.STATION_INVALID(undefined, { field: 'body.stationId' });
    }
    regionCode = station.regionCode;
  }
  const active = await activeModel(deps, p.districtCode);
  if (!active) throw classifierErrors.NO_MODEL();
  const prediction = predict(active.model, { title: q.title, content: q.content });
  const categories = new Set(await activeCategoryNames(deps.db, p.districtCode));
  const ranked = prediction.ranked.filter((r) => categories.has(r.label));
  if (!ranked.length) throw classifierErrors.NO_MODEL('分类模型学过的类别都已停用：请重新训练分类模型');
  const top = ranked[0]!;
  const department = await suggestDepartment(deps.db, p.districtCode, { category: top.label, regionCode });
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    category: top.label, confidence: r3(top.confidence),
    alternatives: ranked.slice(1, 1 + ALTERNATIVES).map((r) => ({ category: r.label, confidence: r3(r.confidence) })),
    basis: prediction.basis,
    departmentId: department?.id ?? null, departmentName: department?.name ?? null,
    modelVersion: active.meta.version, trainedAt: active.meta.trained_at,
  };
}
