/**
 * The activities module's tables (portable column types: see server/platform/tables.ts).
 * Personal data: participants' and invitees' names are stored encrypted (platform/crypto/pii.ts);
 * invite tokens only as their SHA-256.
 */
export interface ActivitiesTables {
  activities: {
    id: string;
    district_code: string;
    /** null: a district-level activity (the office's). */
    station_id: string | null;
    kind: string;
    title: string;
    status: string;
    /** YYYY-MM-DD (Asia/Shanghai). */
    date: string;
    /** HH:MM. */
    start_time: string | null;
    end_time: string | null;
    place: string;
    organiser: string;
    agenda: string;
    minutes: string;
    /** The public summary; for an online roundtable, the closing summary. */
    summary: string;
    mode: string;
    /** Online roundtables: open | closed; null otherwise. */
    thread_status: string | null;
    closed_at: string | null;
    closed_by: string | null;
    cancel_reason: string | null;
    /** Report-back (述职) evaluation tallies from the paper forms; null until entered. */
    eval_satisfied: number | null;
    eval_basic: number | null;
    eval_unsatisfied: number | null;
    eval_note: string;
    version: number;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  activity_deputies: { activity_id: string; deputy_id: string };
  activity_participants: {
    id: string;
    activity_id: string;
    type: string;
    /** Encrypted (pii); '' when only an organisation was given. */
    name: string;
    organisation: string;
    note: string;
    sort: number;
  };
  activity_files: {
    id: string;
    activity_id: string;
    /** photo | attachment */
    kind: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    storage_key: string;
    /** Photos: 1 when the portal may show it. */
    public: number;
    uploaded_by: string | null;
    created_at: string;
  };
  activity_outcomes: {
    id: string;
    activity_id: string;
    text: string;
    case_id: string | null;
    /** The Idempotency-Key the outcome was added with (one outcome per key and activity). */
    request_key: string | null;
    created_by: string | null;
    created_at: string;
  };
  roundtable_invitations: {
    id: string;
    activity_id: string;
    /** An account of the district, or null for an invitee reached by token. */
    user_id: string | null;
    type: string | null;
    /** Encrypted (pii); '' for account invitations (the account's display name is used). */
    name: string;
    organisation: string;
    /** SHA-256 (hex) of the raw invite token; null for account invitations. */
    token_hash: string | null;
    revoked_at: string | null;
    created_by: string | null;
    created_at: string;
  };
  roundtable_posts: {
    id: string;
    activity_id: string;
    /** Exactly one of user_id and invitation_id. */
    user_id: string | null;
    invitation_id: string | null;
    author_kind: string;
    body: string;
    status: string;
    hidden_by: string | null;
    hidden_reason: string | null;
    hidden_at: string | null;
    created_at: string;
  };
}
