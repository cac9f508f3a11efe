import { recordChange } from '../../platform/audit/audit.ts';
import type { Config } from '../../platform/config.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { PiiCipher } from '../../platform/crypto/pii.ts';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { notifyConstituent } from './case-notices.ts';
import { casesRepository } from './cases.repository.ts';

/**
 * The suggestions module's window on cases (provenance: case → suggestion → reply → each
 * constituent told). A suggestion's steps become public steps on each linked case's tracking
 * page, and the constituent hears of them by SMS/email through the outbox. The case's own
 * status is not changed: its workflow stays the station's.
 */
export type SuggestionStepType = 'suggestion' | 'suggestion-replied' | 'suggestion-closed';

const SUBJECTS: Record<SuggestionStepType, string> = {
  suggestion: '您反映的问题已转为代表建议',
  'suggestion-replied': '代表建议已答复',
  'suggestion-closed': '代表建议已办结',
};

export interface SuggestionStep {
  caseIds: readonly string[];
  type: SuggestionStepType;
  /** Shown on the tracking page. */
  note: string;
  /** The SMS/email text (the tracking link is added); the note when absent. */
  message?: string;
  /** Who took the step, for the staff timeline (the public never sees names). */
  actor?: { userId: string | null; name: string | null; role: string | null };
  /** Kept with the case event (the suggestion's id, number, title). */
  data?: Record<string, unknown>;
}

/**
 * Adds the public step to every linked case (in the caller's transaction) with its case event
 * (`case.suggestion`, `case.suggestion-replied`, `case.suggestion-closed`: audited, and seen by
 * the read models fed from case events, such as the search index of the case's timeline), and
 * notifies its constituent; returns how many messages were queued.
 */
export async function recordSuggestionStep(trx: Executor, deps: { pii: PiiCipher; config: Config }, ctx: ActionContext, step: SuggestionStep): Promise<number> {
  const now = ctx.now;
  let messages = 0;
  for (const caseId of new Set(step.caseIds)) {
    const c = await casesRepository.get(trx, caseId);
    if (!c) continue;
    await casesRepository.insertEvent(trx, {
      id: newId(), case_id: c.id, at: now.toISOString(), type: step.type, actor_id: step.actor?.userId ?? null, actor_name: step.actor?.name ?? null,
      actor_role: step.actor?.role ?? null, from_status: null, to_status: null, note: step.note, note_public: 1, internal_note: null,
      data: JSON.stringify(step.data ?? {}), public: 1,
    });
    await recordChange(trx, ctx, { action: `case.${step.type}`, entityType: 'case', entityId: c.id, data: step.data ?? {} });
    messages += (await notifyConstituent(trx, deps, c, SUBJECTS[step.type], step.message ?? step.note, now)).length;
  }
  return messages;
}

/** What a suggestion shows of its linked cases: never contacts or content. */
export interface LinkedCase {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  stationId: string;
  stationName: string;
  category: string | null;
}

export async function linkedCases(db: Executor, ids: readonly string[]): Promise<LinkedCase[]> {
  const out: LinkedCase[] = [];
  for (const id of new Set(ids)) {
    const c = await casesRepository.getWithNames(db, id);
    if (c) out.push({ id: c.id, trackingCode: c.tracking_code, title: c.title, status: c.status, stationId: c.station_id, stationName: c.station_name, category: c.category });
  }
  return out;
}

/** The decrypted contact names of the cases' constituents, only to mask them out of published text (never returned by an API). */
export async function constituentNames(db: Executor, pii: PiiCipher, ids: readonly string[]): Promise<string[]> {
  const names = new Set<string>();
  for (const id of new Set(ids)) {
    const c = await casesRepository.get(db, id);
    if (c?.contact_name) {
      const name = pii.decrypt(c.contact_name).trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}
