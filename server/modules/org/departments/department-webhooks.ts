import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { PiiCipher } from '../../../platform/crypto/pii.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMessage, listMessagesFor, type MessageView } from '../../../platform/notify/outbox.ts';
import { encodeWebhookTarget, maskWebhookUrl } from '../../../platform/notify/webhook.ts';
import { orgErrors } from '../org.errors.ts';
import { requireAdmin } from '../org.policy.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { DepartmentWebhookOut, SetDepartmentWebhookInput } from './departments.schemas.ts';
import { departmentsRepository } from './departments.repository.ts';
import { departmentScopeFor } from './departments.service.ts';

/**
 * Webhooks to a department's own system. The office gives a department an address and a
 * secret; the events the department cares about are queued as signed POSTs in the outbox, in
 * the transaction of the change that caused them, and the dispatcher delivers them with its
 * retries (platform/notify/webhook.ts). A delivery carries what a department needs to find
 * the case in its own system and in the console: never the constituent's name, phone or
 * address (the department's handlers see those in the console when the policy allows).
 */
export const DEPARTMENT_WEBHOOK_EVENTS = ['case.assigned', 'case.supervised', 'case.reopened', 'case.extension_decided', 'ping'] as const;
export type DepartmentWebhookEvent = (typeof DEPARTMENT_WEBHOOK_EVENTS)[number];

/** The outbox rows of a department's deliveries are filed under this entity type (its id: the department's). */
export const WEBHOOK_ENTITY = 'department-webhook';

const secretHint = (secret: string): string => `••••${secret.slice(-4)}`;

async function loadForAdmin(db: Executor, p: Principal, id: string) {
  // Outside the caller's departments: 404; a department's own handler sees it exists but may not configure it: 403.
  const visible = await departmentsRepository.get(db, departmentScopeFor(p), id);
  if (!visible) throw platformErrors.NOT_FOUND('承办单位不存在或不在您的管辖范围内');
  requireAdmin(p);
  return (await departmentsRepository.webhook(db, p.districtCode, id))!;
}

function present(pii: PiiCipher, w: { id: string; url: string | null; secret: string | null; version: number }, deliveries: MessageView[]): DepartmentWebhookOut {
  return {
    departmentId: w.id,
    url: w.url,
    secretSet: w.secret !== null,
    secretHint: w.secret !== null ? secretHint(pii.decrypt(w.secret)) : null,
    version: w.version,
    events: [...DEPARTMENT_WEBHOOK_EVENTS],
    deliveries: deliveries.map((m) => ({
      id: m.id, event: m.subject, status: m.status, attempts: m.attempts, lastError: m.lastError, createdAt: m.createdAt, sentAt: m.sentAt,
    })),
  };
}

/** The webhook settings and the latest 20 deliveries with their status and last error (the office only). */
export async function getDepartmentWebhook(deps: { db: Db; pii: PiiCipher }, p: Principal, id: string): Promise<DepartmentWebhookOut> {
  const w = await loadForAdmin(deps.db, p, id);
  return present(deps.pii, w, await listMessagesFor(deps.db, WEBHOOK_ENTITY, id, { newest: 20 }));
}

/**
 * Sets or clears the webhook. A new address keeps the stored secret unless a new one is given;
 * the first address needs one. `url: null` removes both. The audit entry names the address's
 * origin and whether the secret changed, never the secret.
 */
export async function setDepartmentWebhook(deps: { db: Db; pii: PiiCipher }, ctx: ActionContext, id: string, input: SetDepartmentWebhookInput): Promise<DepartmentWebhookOut> {
  const p = ctx.principal!;
  await deps.db.transaction().execute(async (trx) => {
    const cur = await loadForAdmin(trx, p, id);
    const url = input.url ?? null;
    let secret: string | null = null;
    if (url !== null) {
      if (input.secret !== undefined) secret = deps.pii.encrypt(input.secret);
      else if (cur.secret !== null) secret = cur.secret;
      else throw orgErrors.WEBHOOK_SECRET_REQUIRED(undefined, { field: 'body.secret' });
    }
    if (!(await departmentsRepository.setWebhook(trx, id, input.version, { url, secret, updatedAt: ctx.now.toISOString() }))) {
      throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    }
    await recordChange(trx, ctx, {
      action: 'department.webhook', entityType: 'department', entityId: id,
      data: { url: url === null ? null : maskWebhookUrl(url), secretChanged: url !== null && input.secret !== undefined, removed: url === null },
    });
  });
  return getDepartmentWebhook(deps, p, id);
}

/** Queues a `ping` to the department's address: the office checks the receiver and its signature check. */
export async function pingDepartmentWebhook(deps: { db: Db; pii: PiiCipher }, ctx: ActionContext, id: string): Promise<DepartmentWebhookOut> {
  const p = ctx.principal!;
  await deps.db.transaction().execute(async (trx) => {
    const cur = await loadForAdmin(trx, p, id);
    if (cur.url === null) throw orgErrors.WEBHOOK_NOT_SET();
    await queueDepartmentWebhook(trx, deps, id, 'ping', { occurredAt: ctx.now.toISOString(), data: { message: '连心桥测试推送 (test delivery)' } }, ctx.now);
  });
  return getDepartmentWebhook(deps, p, id);
}

/**
 * Queues one event for a department's system, in the caller's transaction: nothing when the
 * department has no webhook. Returns the event id (the body's `id`; receivers dedupe on it).
 * The body is the exact text that is signed and sent; its address and secret are copied,
 * encrypted, into the message, so a delivery already queued keeps the secret it was queued with.
 */
export async function queueDepartmentWebhook(
  trx: Executor, deps: { pii: PiiCipher }, departmentId: string, event: DepartmentWebhookEvent,
  payload: { occurredAt: string; data: Record<string, unknown> }, now: Date,
): Promise<string | null> {
  const d = await departmentsRepository.webhookTarget(trx, departmentId);
  if (!d || d.url === null || d.secret === null) return null;
  const eventId = newId();
  const body = JSON.stringify({ id: eventId, event, occurredAt: payload.occurredAt, department: { id: d.id, name: d.name }, ...payload.data });
  await enqueueMessage(trx, {
    channel: 'webhook',
    recipient: deps.pii.encrypt(encodeWebhookTarget({ url: d.url, secret: deps.pii.decrypt(d.secret) })),
    recipientMasked: maskWebhookUrl(d.url),
    subject: event,
    body,
    entityType: WEBHOOK_ENTITY,
    entityId: d.id,
  }, now);
  return eventId;
}
