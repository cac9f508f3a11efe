import {
  PARTICIPANT_TYPES, type ActivityFileOut, type ActivityKind, type ActivityListItemOut, type ActivityMode, type ActivityOut, type ActivityStatus,
  type EvaluationOut, type ParticipantType, type PostAuthorKind, type RoundtablePostOut, type ThreadStatus,
} from '../../../shared/activities.ts';
import { maskName, type PiiCipher } from '../../platform/crypto/pii.ts';
import { abilitiesFor, mayWrite, type ActivityFacts, type ActivityScope, type Membership } from './activities.policy.ts';
import type { ActivityListRow, ActivityRow, FileRow, OutcomeWithCase, ParticipantRow } from './activities.repository.ts';
import type { InvitationRow, PostWithAuthor } from './roundtable/roundtable.repository.ts';

export const activityFacts = (r: ActivityRow): ActivityFacts => ({
  stationId: r.station_id, status: r.status as ActivityStatus, kind: r.kind, mode: r.mode, threadStatus: r.thread_status,
});

export function presentListItem(r: ActivityListRow, deputies: Array<{ id: string; name: string }>): ActivityListItemOut {
  return {
    id: r.id,
    kind: r.kind as ActivityKind,
    title: r.title,
    status: r.status as ActivityStatus,
    mode: r.mode as ActivityMode,
    threadStatus: r.thread_status as ThreadStatus | null,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    organiser: r.organiser,
    stationId: r.station_id,
    stationName: r.station_name,
    deputies: deputies.map((d) => ({ id: d.id, name: d.name })),
    participantCount: r.participant_count,
    photoCount: r.photo_count,
    outcomeCount: r.outcome_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function presentEvaluation(r: ActivityRow): EvaluationOut | null {
  if (r.kind !== 'report_back' || r.eval_satisfied === null) return null;
  const satisfied = r.eval_satisfied;
  const basicallySatisfied = r.eval_basic ?? 0;
  const unsatisfied = r.eval_unsatisfied ?? 0;
  const total = satisfied + basicallySatisfied + unsatisfied;
  return { satisfied, basicallySatisfied, unsatisfied, total, satisfactionRate: total ? Math.round(((satisfied + basicallySatisfied) / total) * 1000) / 1000 : null, note: r.eval_note };
}

export const fileUrl = (f: Pick<FileRow, 'activity_id' | 'kind' | 'id'>): string => `/api/v1/activities/${f.activity_id}/${f.kind === 'photo' ? 'photos' : 'attachments'}/${f.id}`;
export const publicPhotoUrl = (f: Pick<FileRow, 'activity_id' | 'id'>): string => `/api/v1/public/activities/${f.activity_id}/photos/${f.id}`;

export const presentFile = (f: FileRow): ActivityFileOut => ({
  id: f.id, filename: f.filename, mime: f.mime, size: f.size, public: f.public === 1, url: fileUrl(f), uploadedAt: f.created_at,
});

const decryptOr = (pii: PiiCipher, v: string): string => (v ? pii.decrypt(v) : '');

export interface ActivityDetails {
  deputies: Array<{ id: string; name: string }>;
  participants: ParticipantRow[];
  files: FileRow[];
  outcomes: OutcomeWithCase[];
  /** Case ids among the outcomes' that the caller's case jurisdiction holds. */
  visibleCaseIds: Set<string>;
  invitations: Array<InvitationRow & { user_name: string | null }>;
  createdBy: { id: string; name: string } | null;
  membership: Membership;
  /** Today in Shanghai: a roundtable closes on or after its date. */
  today: string;
}

/** The detail view: names of participants in full for writers only (they entered them), masked for other readers. */
export function presentActivity(scope: ActivityScope, r: ActivityListRow, d: ActivityDetails, pii: PiiCipher): ActivityOut {
  const facts = activityFacts(r);
  const writer = mayWrite(scope, facts);
  return {
    ...presentListItem(r, d.deputies),
    agenda: r.agenda,
    minutes: r.minutes,
    summary: r.summary,
    cancelReason: r.cancel_reason,
    evaluation: presentEvaluation(r),
    participants: d.participants.map((x) => {
      const name = decryptOr(pii, x.name);
      return { id: x.id, type: x.type as ParticipantType, name: writer || !name ? name : maskName(name), organisation: x.organisation, note: writer ? x.note : '' };
    }),
    photos: d.files.filter((f) => f.kind === 'photo').map(presentFile),
    attachments: d.files.filter((f) => f.kind === 'attachment').map(presentFile),
    outcomes: d.outcomes.map((o) => ({
      id: o.id,
      text: o.text,
      caseLinked: o.case_id !== null,
      case: o.case_id && d.visibleCaseIds.has(o.case_id) ? { id: o.case_id, trackingCode: o.tracking_code!, title: o.case_title!, status: o.case_status!, channel: o.case_channel! } : null,
      createdAt: o.created_at,
    })),
    invitations: writer
      ? d.invitations.map((i) => ({
          id: i.id, kind: i.user_id ? 'account' : 'token', userId: i.user_id, name: i.user_id ? (i.user_name ?? '') : decryptOr(pii, i.name),
          organisation: i.organisation, type: (i.type as ParticipantType | null) ?? null, revoked: i.revoked_at !== null, createdAt: i.created_at,
        }))
      : [],
    createdBy: d.createdBy,
    abilities: abilitiesFor(scope, { ...facts, date: r.date }, d.membership, d.today),
  };
}

/** How a post's author is shown: the account's name and unit, or the invitee's name and organisation. */
export function postAuthor(p: PostWithAuthor, pii: PiiCipher): RoundtablePostOut['author'] {
  if (p.invitation_id) return { kind: 'invitee', name: decryptOr(pii, p.invitee_name ?? ''), organisation: p.invitee_organisation ?? '' };
  const kind = p.author_kind as PostAuthorKind;
  const organisation = kind === 'department' ? (p.department_name ?? '') : kind === 'staff' ? (p.station_name ?? '区人大常委会') : '';
  return { kind, name: p.user_name ?? '', organisation };
}

export function presentPost(p: PostWithAuthor, pii: PiiCipher, viewer: { userId?: string | null; invitationId?: string | null }): RoundtablePostOut {
  const mine = (viewer.userId != null && p.user_id === viewer.userId) || (viewer.invitationId != null && p.invitation_id === viewer.invitationId);
  return {
    id: p.id,
    author: postAuthor(p, pii),
    body: p.body,
    status: p.status as RoundtablePostOut['status'],
    hiddenReason: p.hidden_reason,
    hiddenAt: p.hidden_at,
    createdAt: p.created_at,
    mine,
  };
}

/** Counts by participant type, in the vocabulary's order (what the public may know about who came). */
export function participantCounts(rows: ParticipantRow[]): Array<{ type: ParticipantType; count: number }> {
  return PARTICIPANT_TYPES.map((type) => ({ type, count: rows.filter((r) => r.type === type).length })).filter((c) => c.count > 0);
}
