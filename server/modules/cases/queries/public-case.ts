import { CASE_EVENT_LABELS, CASE_STATUS_LABELS, type CaseEventType, type CaseStatus } from '../../../../shared/cases.ts';
import type { Db } from '../../../platform/db/database.ts';
import { canBeRated } from '../case-status.ts';
import { casesErrors } from '../cases.errors.ts';
import { casesRepository, type CaseEventRow } from '../cases.repository.ts';
import { normaliseTrackingCode } from '../tracking-code.ts';

export interface PublicTimelineEntry {
  at: string;
  type: CaseEventType;
  label: string;
  note?: string;
}

export interface PublicCase {
  trackingCode: string;
  status: CaseStatus;
  statusLabel: string;
  stationId: string;
  stationName: string;
  title: string;
  submittedAt: string;
  dueAt: string | null;
  timeline: PublicTimelineEntry[];
  canRate: boolean;
  /** Whether the case has a phone: the rating form then asks for its last four digits. */
  asksPhoneCheck: boolean;
  /** Set when this case was merged: the steps shown after the merge are the surviving case's. */
  mergedInto?: { trackingCode: string };
}

/** What the public may see of a step: its kind, its time, and notes meant for the constituent. Never names or internal notes. */
const publicEntry = (e: CaseEventRow): PublicTimelineEntry => ({
  at: e.at,
  type: e.type as CaseEventType,
  label: CASE_EVENT_LABELS[e.type as CaseEventType]?.zh ?? e.type,
  ...(e.note_public === 1 && e.note ? { note: e.note } : {}),
});

/** The tracking page's data. A merged case shows its own steps up to the merge, then the surviving case's. */
export async function getPublicCase(db: Db, rawCode: string): Promise<PublicCase> {
  const code = normaliseTrackingCode(rawCode);
  const own = code ? await casesRepository.byTrackingCode(db, code) : undefined;
  if (!own) throw casesErrors.TRACKING_CODE_NOT_FOUND();
  let shown = own;
  const timeline = (await casesRepository.events(db, own.id, true)).map(publicEntry);
  let mergedInto: PublicCase['mergedInto'];
  if (own.merged_into_id) {
    const survivor = await casesRepository.getWithNames(db, own.merged_into_id);
    if (survivor) {
      const mergeEvent = timeline.at(-1);
      const later = (await casesRepository.events(db, survivor.id, true)).filter((e) => !mergeEvent || e.at >= mergeEvent.at).map(publicEntry);
      timeline.push(...later.filter((e) => e.type !== 'submitted'));
      shown = survivor;
      mergedInto = { trackingCode: survivor.tracking_code };
    }
  }
  const status = shown.status as CaseStatus;
  return {
    trackingCode: own.tracking_code,
    status,
    statusLabel: CASE_STATUS_LABELS[status].zh,
    stationId: own.station_id,
    stationName: own.station_name,
    title: own.title,
    submittedAt: own.created_at,
    dueAt: shown.due_at,
    timeline,
    canRate: !mergedInto && canBeRated(status),
    asksPhoneCheck: own.contact_phone !== null,
    ...(mergedInto ? { mergedInto } : {}),
  };
}
