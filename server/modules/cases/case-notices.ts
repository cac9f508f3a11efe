import { publicBaseUrl, type Config } from '../../platform/config.ts';
import type { Executor } from '../../platform/db/database.ts';
import { maskEmail, maskPhone, type PiiCipher } from '../../platform/crypto/pii.ts';
import { enqueueMessage } from '../../platform/notify/outbox.ts';
import { formatTrackingCode } from './tracking-code.ts';
import { orgLookups } from '../org/index.ts';
import { casesRepository, type CaseRow } from './cases.repository.ts';

/**
 * Who hears about what. Staff get console inbox messages; the constituent gets an SMS (and an
 * email when given) through the outbox, so a message exists exactly when the change committed
 * and the dispatcher delivers it with retries.
 */
/** A station's staff (with its parent station's when it is a room; `parentId` when the caller has the station at hand, else it is looked up), a department's handlers, or a district's office. */
type Audience = { stationId: string; parentId?: string | null } | { departmentId: string } | { districtAdmins: string };

async function staffIds(db: Executor, who: Audience): Promise<string[]> {
  let rows;
  if ('stationId' in who) {
    // A room's cases are its parent station's staff's work (they are who can see and handle them).
    const parentId = who.parentId !== undefined ? who.parentId : (await orgLookups.station(db, who.stationId))?.parentId;
    rows = await casesRepository.staff(db, { stationIds: [who.stationId, ...(parentId ? [parentId] : [])] });
  } else rows = await casesRepository.staff(db, 'districtAdmins' in who ? { districtCode: who.districtAdmins } : who);
  const role = 'stationId' in who ? 'station' : 'departmentId' in who ? 'department' : 'admin';
  return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes(role)).map((r) => r.id);
}

export async function notifyStaff(trx: Executor, who: Audience, c: Pick<CaseRow, 'id' | 'title' | 'tracking_code'>, subject: string, body: string, now: Date): Promise<number> {
  const ids = await staffIds(trx, who);
  for (const userId of ids) {
    await enqueueMessage(trx, { channel: 'inbox', recipientUserId: userId, recipientMasked: '', subject, body: `${body}\n诉求：${c.title}（${formatTrackingCode(c.tracking_code)}）`, entityType: 'case', entityId: c.id }, now);
  }
  return ids.length;
}

/** The constituent, on every contact channel they gave; returns the channels used. */
/** Where the public pages are, for links in messages: LIANXIN_PUBLIC_URL, else this server's own address. */

export async function notifyConstituent(trx: Executor, deps: { pii: PiiCipher; config: Config }, c: CaseRow, subject: string, text: string, now: Date): Promise<string[]> {
  const { pii } = deps;
  const used: string[] = [];
  const link = `${publicBaseUrl(deps.config)}/track/${c.tracking_code}`;
  const body = `【连心桥】${text} 查询码 ${formatTrackingCode(c.tracking_code)}，查看进展与评价：${link}`;
  if (c.contact_phone) {
    await enqueueMessage(trx, { channel: 'sms', recipient: c.contact_phone, recipientMasked: maskPhone(pii.decrypt(c.contact_phone)), subject, body, entityType: 'case', entityId: c.id }, now);
    used.push('sms');
  }
  if (c.contact_email) {
    await enqueueMessage(trx, { channel: 'email', recipient: c.contact_email, recipientMasked: maskEmail(pii.decrypt(c.contact_email)), subject, body, entityType: 'case', entityId: c.id }, now);
    used.push('email');
  }
  return used;
}
