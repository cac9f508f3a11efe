import { ACTIVITY_KIND_LABELS, PARTICIPANT_TYPE_LABELS, PUBLIC_ORGANISATION_TYPES, type ActivityKind, type ActivityMode, type ParticipantType, type PublicActivity } from '../../../../shared/activities.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { orgLookups } from '../../org/index.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { participantCounts, presentEvaluation, publicPhotoUrl } from '../activities.presenter.ts';
import { activitiesRepository } from '../activities.repository.ts';

/**
 * What the public may know of a station's activities (the portal's "recent activities"): held
 * activities of the station and its rooms, newest first. The deputies (public office holders),
 * how many people of each kind came, the organisations of enterprises, property companies and
 * units, the public summary, outcomes, a report-back's tallies and the photos marked public.
 * Never a participant's or invitee's name, the minutes, posts or tracking codes.
 * null: no such active station.
 */
export async function recentPublicActivities(db: Executor, stationId: string, limit = 10): Promise<PublicActivity[] | null> {
  const station = await orgLookups.station(db, stationId);
  if (!station?.active) return null;
  const rows = await activitiesRepository.heldAtStation(db, stationId, Math.min(Math.max(limit, 1), 50));
  const ids = rows.map((r) => r.id);
  const [deputies, participants, outcomes, photos] = await Promise.all([
    activitiesRepository.deputiesOf(db, ids),
    activitiesRepository.participants(db, ids),
    activitiesRepository.outcomes(db, ids),
    activitiesRepository.files(db, ids, 'photo'),
  ]);
  return rows.map((r) => {
    const mine = participants.filter((x) => x.activity_id === r.id);
    const organisations = [...new Set(mine.filter((x) => PUBLIC_ORGANISATION_TYPES.includes(x.type as ParticipantType) && x.organisation).map((x) => x.organisation))];
    return {
      id: r.id,
      kind: r.kind as ActivityKind,
      kindLabel: ACTIVITY_KIND_LABELS[r.kind as ActivityKind]?.zh ?? r.kind,
      title: r.title,
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      place: r.place,
      organiser: r.organiser,
      stationId: r.station_id,
      stationName: r.station_name,
      mode: r.mode as ActivityMode,
      summary: r.summary,
      deputies: deputies.get(r.id) ?? [],
      participants: participantCounts(mine).map((c) => ({ ...c, label: PARTICIPANT_TYPE_LABELS[c.type].zh })),
      organisations,
      outcomes: outcomes.filter((o) => o.activity_id === r.id).map((o) => ({ text: o.text, caseCreated: o.case_id !== null })),
      evaluation: presentEvaluation(r),
      photos: photos.filter((f) => f.activity_id === r.id && f.public === 1).map((f) => ({ id: f.id, url: publicPhotoUrl(f) })),
    };
  });
}

/** A photo marked public, of a held activity at a station. */
export async function publicActivityPhoto(deps: AppDeps, activityId: string, photoId: string): Promise<{ bytes: Buffer; mime: string }> {
  const a = await activitiesRepository.get(deps.db, activityId);
  const f = a && a.status === 'held' && a.station_id ? await activitiesRepository.file(deps.db, activityId, 'photo', photoId) : undefined;
  const bytes = f && f.public === 1 ? await deps.files.get(f.storage_key) : null;
  if (!f || !bytes) throw activitiesErrors.FILE_NOT_FOUND();
  return { bytes, mime: f.mime };
}
