import { createHash } from 'node:crypto';
import type { CaseIntakeBody } from '../../../../shared/cases.ts';
import { hasRole } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import { normalisePhone } from '../../../platform/crypto/pii.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { groupCommitFor } from '../../../platform/db/group-commit.ts';
import { newId } from '../../../platform/ids.ts';
import { orgLookups } from '../../org/index.ts';
import { scheduleLookups } from '../../schedule/index.ts';
import { casesErrors } from '../cases.errors.ts';
import { caseScopeFor, mayRecord } from '../cases.policy.ts';
import { casesRepository, type CaseRow } from '../cases.repository.ts';
import { notifyConstituent, notifyStaff } from '../case-notices.ts';
import { requireActiveCategory } from '../settings/settings.service.ts';
import { newTrackingCode } from '../tracking-code.ts';
import { preparePhotos, type IntakePhoto, type PreparedFile } from './photos.ts';

/** Intake from any channel: the shared wire shape (shared/cases.ts). */
export type IntakeInput = CaseIntakeBody;

export interface IntakeResult {
  id: string;
  trackingCode: string;
  status: 'submitted';
  /** True when an Idempotency-Key replay returned the case an earlier request made. */
  replayed: boolean;
}

/** A title when none was given: the first words of the content, as staff would write it. */
export function titleFrom(content: string): string {
  const firstLine = content.split('\n')[0]!.trim();
  const chars = [...firstLine];
  return chars.length <= 30 ? firstLine : `${chars.slice(0, 30).join('')}…`;
}

const requestHash = (input: IntakeInput, photos: readonly PreparedFile[]) =>
  createHash('sha256').update(JSON.stringify([input, photos.map((p) => p.stored.sha256)])).digest('hex');

async function replay(db: Executor, scope: string, key: string, hash: string): Promise<IntakeResult | null> {
  const prior = await casesRepository.idempotent(db, scope, key);
  if (!prior) return null;
  if (prior.request_hash !== hash) throw casesErrors.IDEMPOTENCY_KEY_REUSED(undefined, { field: 'headers.idempotency-key' });
  const c = (await casesRepository.get(db, prior.case_id))!;
  return { id: c.id, trackingCode: c.tracking_code, status: 'submitted', replayed: true };
}

/**
 * Intake from every channel: the public form (no principal) and staff recording a reception,
 * a call, a letter… Everything that can refuse the request is checked first; then one
 * transaction, shared with the submissions arriving at the same moment (group commit,
 * docs/decisions/0008), writes the case, its first timeline entry, its photos' rows, the audit
 * entry and the notices, and the answer is given once it has committed. Photos are made durable
 * before it (content-addressed, so a retry stores nothing twice). With an Idempotency-Key, the
 * same request returns the same case, also when copies race: in one batch the later copy finds
 * the earlier one's key row; across processes the key's primary key decides.
 */
export async function createCase(deps: AppDeps, ctx: ActionContext, input: IntakeInput, opts: { idempotencyKey?: string; photos?: IntakePhoto[] } = {}): Promise<IntakeResult> {
  const { db, pii } = deps;
  const p = ctx.principal;
  const scope = p ? `user:${p.userId}` : 'public';
  const photos = await preparePhotos(deps, opts.photos ?? [], { keepLocation: input.location?.lat !== undefined });
  const hash = requestHash(input, photos);
  if (opts.idempotencyKey) {
    const prior = await replay(db, scope, opts.idempotencyKey, hash);
    if (prior) return prior;
  }

  const station = await orgLookups.station(db, input.stationId);
  if (!station || !station.active) throw casesErrors.STATION_INVALID(undefined, { field: 'body.stationId' });
  if (p) {
    if (!mayRecord(p, input.channel)) throw casesErrors.CHANNEL_NOT_ALLOWED(undefined, { field: 'body.channel' });
    const cs = await caseScopeFor(db, p);
    const inScope = station.districtCode === p.districtCode && (cs.all || cs.stationIds.includes(station.id));
    if (!inScope) throw casesErrors.STATION_INVALID('联络站不存在或不在您的管辖范围内', { field: 'body.stationId' });
  }
  if (input.category) await requireActiveCategory(db, station.districtCode, input.category, 'body.category');
  let deputyIds = [...new Set(input.deputyIds ?? [])];
  if (input.receptionId) {
    // Collected at a reception: the record must be this station's, and the deputies who received the
    // case are among those present (all of them when the form names none).
    const session = await scheduleLookups.session(db, input.receptionId);
    if (!session || session.stationId !== station.id) throw casesErrors.RECEPTION_INVALID(undefined, { field: 'body.receptionId' });
    if (input.channel !== 'reception') throw casesErrors.RECEPTION_INVALID('登记接待记录中的诉求时，渠道应为“接待日”', { field: 'body.channel' });
    if (!deputyIds.length) deputyIds = session.deputyIds;
    else if (deputyIds.some((d) => !session.deputyIds.includes(d))) throw casesErrors.DEPUTY_INVALID('所选代表不在这次接待的在场代表中', { field: 'body.deputyIds' });
  }
  if (deputyIds.length) {
    if ((await orgLookups.countDeputies(db, deputyIds, station.districtCode)) !== deputyIds.length) throw casesErrors.DEPUTY_INVALID(undefined, { field: 'body.deputyIds' });
  }
  let phone: string | null = null;
  if (input.contact?.phone) {
    phone = normalisePhone(input.contact.phone);
    if (!phone) throw invalidPhone();
  }

  const now = ctx.now.toISOString();
  const anonymous = input.anonymous === true;
  // Anonymous means anonymous: no name is kept; a phone is kept only to send the tracking code and the answer.
  const name = !anonymous && input.contact?.name ? input.contact.name : null;
  const row: CaseRow = {
    id: newId(),
    tracking_code: newTrackingCode(),
    district_code: station.districtCode,
    station_id: station.id,
    region_code: station.regionCode,
    channel: input.channel,
    kind: input.kind ?? 'problem',
    category: input.category ?? null,
    title: input.title || titleFrom(input.content),
    content: input.content,
    urgent: input.urgent ? 1 : 0,
    anonymous: anonymous ? 1 : 0,
    contact_name: name ? pii.encrypt(name) : null,
    contact_phone: phone ? pii.encrypt(phone) : null,
    contact_email: input.contact?.email ? pii.encrypt(input.contact.email) : null,
    phone_hash: phone ? pii.hash(phone) : null,
    location_address: input.location?.address ?? null,
    location_lat: input.location?.lat ?? null,
    location_lng: input.location?.lng ?? null,
    status: 'submitted',
    version: 1,
    department_id: null,
    due_at: null,
    due_stage: null,
    overdue_level: 0,
    supervision_level: 0,
    extension_days: null,
    extension_reason: null,
    extension_requested_at: null,
    merged_into_id: null,
    rating: null,
    rated_at: null,
    reopen_count: 0,
    rating_failures: 0,
    accepted_at: null,
    assigned_at: null,
    replied_at: null,
    reply_due_at: null,
    closed_at: null,
    created_by: p?.userId ?? null,
    reception_id: input.receptionId ?? null,
    no_publish: input.noPublish ? 1 : 0,
    created_at: now,
    updated_at: now,
  };

  try {
    // Group commit (docs/decisions/0008): this intake's writes join the transaction of the
    // submissions arriving at the same time; the answer comes after that transaction committed.
    return await groupCommitFor(db).run(async (trx) => {
      if (opts.idempotencyKey) {
        // A copy of this request earlier in the same batch (or committed since the check above).
        const prior = await replay(trx, scope, opts.idempotencyKey, hash);
        if (prior) return prior;
        await casesRepository.rememberIdempotent(trx, { scope, key: opts.idempotencyKey, request_hash: hash, case_id: row.id, created_at: now });
      }
      await casesRepository.insert(trx, row);
      await casesRepository.addDeputies(trx, row.id, deputyIds);
      const eventId = newId();
      await casesRepository.insertEvent(trx, {
        id: eventId, case_id: row.id, at: now, type: 'submitted',
        actor_id: p?.userId ?? null, actor_name: p?.displayName ?? null, actor_role: p ? (hasRole(p, 'admin') ? 'admin' : p.roles[0] ?? null) : null,
        from_status: null, to_status: 'submitted', note: null, note_public: 0, internal_note: null,
        data: JSON.stringify({ channel: input.channel, photos: photos.length }), public: 1,
      });
      for (const ph of photos) {
        await casesRepository.insertAttachment(trx, {
          id: newId(), case_id: row.id, event_id: eventId, filename: ph.filename, mime: ph.mime, size: ph.stored.size, sha256: ph.stored.sha256,
          storage_key: ph.stored.key, source: p ? 'staff' : 'public', uploaded_by: p?.userId ?? null, created_at: now,
        });
      }
      await recordChange(trx, ctx, { action: 'case.create', entityType: 'case', entityId: row.id, data: { channel: input.channel, stationId: station.id, photos: photos.length } });
      await notifyStaff(trx, { stationId: station.id, parentId: station.parentId }, row, '新诉求待受理', `${p ? '工作人员登记' : '群众扫码提交'}了一件新诉求，请及时受理。`, ctx.now);
      await notifyConstituent(trx, deps, row, '诉求已收到', '您的诉求已收到，我们将尽快受理。', ctx.now);
      return { id: row.id, trackingCode: row.tracking_code, status: 'submitted', replayed: false } satisfies IntakeResult;
    });
  } catch (e) {
    // The same key raced in from another process: its case (committed before this error was
    // delivered) is the answer.
    if (opts.idempotencyKey && isUniqueViolation(e)) {
      const prior = await replay(db, scope, opts.idempotencyKey, hash);
      if (prior) return prior;
    }
    throw e;
  }
}

const invalidPhone = () => casesErrors.PHONE_INVALID(undefined, { field: 'body.contact.phone' });
