/**
 * The liaison officer's outbox (草稿箱): cases recorded without network wait here, in the
 * browser's localStorage (per account, so a shared phone never sends one officer's drafts with
 * another's session), and are sent when the browser is online again.
 *
 * Exactly once: a draft keeps the Idempotency-Key made when it was created — the very key of the
 * request that may already have reached the server — and its request body is fixed when it is
 * saved, so every retry is the same request and the server answers it with the same case. A
 * draft leaves the outbox only once the server has answered it with a case; a refusal (4xx)
 * keeps it with the server's message until the officer edits or deletes it.
 */
import { casesApi, type CaseCreated, type CaseCreateInput } from '../../api/cases.ts';
import { isApiError, type ApiError } from '../../api/client.ts';

export interface DraftError {
  status: number;
  code: string;
  message: string;
  field?: string;
}

export interface CaseDraft {
  /** The Idempotency-Key of every request that sends this draft; also the draft's id. */
  key: string;
  /** The request body, fixed when the draft was saved (the server compares it on a replay). */
  input: CaseCreateInput;
  /** The form's values, to edit a refused draft. */
  values: Record<string, unknown>;
  /** For the list: the station's name as the form showed it. */
  stationName?: string;
  savedAt: string;
  /** Set when the server refused the draft (4xx): it is not sent again until edited. */
  error?: DraftError;
  /** The last attempt that failed for the network or the server (5xx): sent again later. */
  lastFailure?: string;
}

const PREFIX = 'lianxin.caseDrafts.v1:';
export const DRAFTS_CHANGED = 'lianxin:case-drafts-changed';

const storageKey = (userId: string) => `${PREFIX}${userId}`;

export function loadDrafts(userId: string): CaseDraft[] {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as CaseDraft[]).filter((d) => d && typeof d.key === 'string' && d.input) : [];
  } catch {
    return [];
  }
}

function saveAll(userId: string, drafts: CaseDraft[]): void {
  if (drafts.length) localStorage.setItem(storageKey(userId), JSON.stringify(drafts));
  else localStorage.removeItem(storageKey(userId));
  window.dispatchEvent(new CustomEvent(DRAFTS_CHANGED, { detail: { userId } }));
}

/** Adds a draft or replaces the one with the same key (an edited draft keeps its key). */
export function putDraft(userId: string, draft: CaseDraft): void {
  const drafts = loadDrafts(userId).filter((d) => d.key !== draft.key);
  drafts.push(draft);
  saveAll(userId, drafts);
}

export function removeDraft(userId: string, key: string): void {
  saveAll(userId, loadDrafts(userId).filter((d) => d.key !== key));
}

function updateDraft(userId: string, key: string, change: Partial<CaseDraft>): void {
  const drafts = loadDrafts(userId);
  const i = drafts.findIndex((d) => d.key === key);
  if (i < 0) return;
  drafts[i] = { ...drafts[i]!, ...change };
  saveAll(userId, drafts);
}

/** True when the request may not have reached the server or failed there: try again later, same key. */
export const isTransient = (err: unknown): boolean => !isApiError(err) || err.status === 0 || err.status >= 500 || err.status === 429;

export interface SendOutcome {
  sent: Array<{ draft: CaseDraft; created: CaseCreated }>;
  refused: CaseDraft[];
  /** Drafts still waiting (offline, the server unreachable or failing). */
  waiting: number;
}

let inFlight: Promise<SendOutcome> | null = null;

/**
 * Sends the account's waiting drafts one after another (oldest first); one run at a time per
 * page, so a draft is never in two requests of this page at once (and two tabs sending the same
 * draft get the same case: same key). Stops at the first network failure: still offline.
 */
export function sendDrafts(userId: string): Promise<SendOutcome> {
  if (inFlight) return inFlight;
  inFlight = (async () => {
    const out: SendOutcome = { sent: [], refused: [], waiting: 0 };
    const queue = loadDrafts(userId).filter((d) => !d.error).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    for (let i = 0; i < queue.length; i++) {
      const draft = queue[i]!;
      // Deleted meanwhile (another tab sent it, the officer removed it): nothing to send.
      if (!loadDrafts(userId).some((d) => d.key === draft.key && !d.error)) continue;
      try {
        const created = await casesApi.create(draft.input, draft.key);
        removeDraft(userId, draft.key);
        out.sent.push({ draft, created });
      } catch (err) {
        if (isTransient(err)) {
          updateDraft(userId, draft.key, { lastFailure: new Date().toISOString() });
          out.waiting = queue.length - i;
          break;
        }
        if (isApiError(err) && err.status === 401) {
          // Signed out: the drafts wait for the next sign-in of this account.
          out.waiting = queue.length - i;
          break;
        }
        const e = err as ApiError;
        const error: DraftError = { status: e.status, code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
        updateDraft(userId, draft.key, { error });
        out.refused.push({ ...draft, error });
      }
    }
    return out;
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}
