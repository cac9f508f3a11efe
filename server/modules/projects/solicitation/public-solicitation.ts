import { PROPOSAL_STATUS_LABELS, type CallStatus, type ProposalSource, type ProposalStatus } from '../../../../shared/projects.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { projectsErrors } from '../projects.errors.ts';
import { solicitationRepository, type CallListRow } from './solicitation.repository.ts';
import type { PublicProposalInput } from './solicitation.schemas.ts';
import { accepting, proposeFromPublicWith } from './solicitation.service.ts';
import { supportFor } from './support.ts';

export interface PublicCallSummary {
  id: string;
  title: string;
  year: number;
  description: string;
  opensOn: string;
  closesOn: string;
  status: CallStatus;
  /** Proposals are taken now (open and today within the dates). */
  accepting: boolean;
  proposalCount: number;
}

export interface PublicCallDetail extends PublicCallSummary {
  /** Titles, status and support only: never who proposed, never a description or place they typed. */
  proposals: Array<{ id: string; title: string; status: ProposalStatus; statusLabel: string; source: ProposalSource; supportCount: number; createdAt: string }>;
}

const summary = (c: CallListRow, now: Date): PublicCallSummary => ({
  id: c.id, title: c.title, year: c.year, description: c.description, opensOn: c.opens_on, closesOn: c.closes_on, status: c.status as CallStatus,
  accepting: accepting(c, now), proposalCount: c.proposal_count,
});

/** The district's open calls and those closed within the last year, newest first. */
export async function publicCalls(db: Db, districtCode: string, now: Date = new Date()): Promise<PublicCallSummary[]> {
  const since = shanghaiDate(new Date(now.getTime() - 365 * 86_400_000));
  return (await solicitationRepository.publicCalls(db, districtCode, since)).map((c) => summary(c, now));
}

/** One call with its proposals (merged ones count in the proposal they were merged into), or null. */
export async function publicCall(db: Db, districtCode: string, id: string, now: Date = new Date()): Promise<PublicCallDetail | null> {
  const c = await solicitationRepository.getCall(db, districtCode, id);
  if (!c) return null;
  const rows: Array<{ id: string; title: string; status: string; source: string; created_at: string }> = [];
  let after = null;
  for (;;) {
    const page = await solicitationRepository.listProposals(db, c.id, {}, 100, after);
    rows.push(...page.slice(0, 100));
    if (page.length <= 100) break;
    after = [page[99]!.id, page[99]!.id];
  }
  const shown = rows.filter((r) => r.status !== 'merged');
  const support = await supportFor(db, shown.map((r) => r.id));
  return {
    ...summary(c, now),
    proposals: shown.map((r) => ({
      id: r.id, title: r.title, status: r.status as ProposalStatus, statusLabel: PROPOSAL_STATUS_LABELS[r.status as ProposalStatus].zh, source: r.source as ProposalSource,
      supportCount: support.get(r.id)?.supportCount ?? 1, createdAt: r.created_at,
    })),
  };
}

/**
 * A proposal from the public page. `ctx` carries the request (address, request id, time) into the
 * audit entry; without it the deps' clock is used. Throws CALL_NOT_FOUND (404), CALL_CLOSED (409),
 * PROPOSAL_IDEMPOTENCY_REUSED (409).
 */
export async function proposeFromPublic(
  deps: AppDeps, districtCode: string, callId: string, body: PublicProposalInput, idempotencyKey?: string, ctx?: ActionContext,
): Promise<{ id: string; status: ProposalStatus }> {
  const c = ctx ? { ...ctx, principal: null } : systemContext(deps.clock.now(), 'public');
  const res = await proposeFromPublicWith(deps, c, districtCode, callId, body, idempotencyKey);
  return { id: res.id, status: res.status };
}

export const publicCallOrThrow = async (db: Db, districtCode: string, id: string, now: Date): Promise<PublicCallDetail> => {
  const c = await publicCall(db, districtCode, id, now);
  if (!c) throw projectsErrors.CALL_NOT_FOUND();
  return c;
};
