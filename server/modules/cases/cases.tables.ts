/**
 * Case handling tables. Portable: ids UUIDv7 text, instants ISO-8601 UTC text, booleans 0/1,
 * JSON as text. Personal data (contact name, phone, email) is stored encrypted (AES-GCM,
 * platform/crypto/pii.ts) with a keyed hash of the phone for look-ups.
 */
export interface CasesTables {
  cases: {
    id: string;
    tracking_code: string;
    district_code: string;
    station_id: string;
    region_code: string;
    channel: string;
    kind: string;
    category: string | null;
    title: string;
    content: string;
    urgent: number;
    anonymous: number;
    contact_name: string | null;
    contact_phone: string | null;
    contact_email: string | null;
    phone_hash: string | null;
    location_address: string | null;
    location_lat: number | null;
    location_lng: number | null;
    status: string;
    version: number;
    department_id: string | null;
    due_at: string | null;
    due_stage: string | null;
    overdue_level: number;
    supervision_level: number;
    extension_days: number | null;
    extension_reason: string | null;
    extension_requested_at: string | null;
    merged_into_id: string | null;
    rating: string | null;
    rated_at: string | null;
    reopen_count: number;
    /** Wrong phone checks on public ratings; at MAX_RATING_FAILURES the public rating is locked. */
    rating_failures: number;
    accepted_at: string | null;
    assigned_at: string | null;
    replied_at: string | null;
    /** The due instant the reply was measured against (null: no limit was running). */
    reply_due_at: string | null;
    closed_at: string | null;
    created_by: string | null;
    reception_id: string | null;
    /** 1: the constituent asked at intake that the case and its result not be published (不同意公开). */
    no_publish: number;
    created_at: string;
    updated_at: string;
  };
  case_deputies: { case_id: string; deputy_id: string };
  case_events: {
    id: string;
    case_id: string;
    at: string;
    type: string;
    actor_id: string | null;
    actor_name: string | null;
    actor_role: string | null;
    from_status: string | null;
    to_status: string | null;
    /** Shown to the constituent on the tracking page (a reply, a reason). */
    note: string | null;
    note_public: number;
    /** Staff only. */
    internal_note: string | null;
    data: string;
    /** 0: staff-only entries (internal notes, notification records). */
    public: number;
  };
  case_attachments: {
    id: string;
    case_id: string;
    event_id: string | null;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    storage_key: string;
    source: string;
    uploaded_by: string | null;
    created_at: string;
  };
  case_idempotency: {
    scope: string;
    key: string;
    request_hash: string;
    case_id: string;
    created_at: string;
  };
  routing_rules: {
    id: string;
    district_code: string;
    category: string | null;
    region_code: string | null;
    department_id: string;
    note: string;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  routing_rule_revisions: {
    id: string;
    rule_id: string;
    revision: number;
    action: string;
    snapshot: string;
    actor_id: string | null;
    actor_name: string;
    at: string;
  };
  case_categories: {
    id: string;
    district_code: string;
    name: string;
    sort: number;
    assign_days: number | null;
    handle_days: number | null;
    urgent_handle_days: number | null;
    follow_up_days: number | null;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  sla_defaults: {
    district_code: string;
    assign_days: number;
    handle_days: number;
    urgent_handle_days: number;
    follow_up_days: number;
    version: number;
    updated_at: string;
  };
  case_saved_filters: {
    id: string;
    user_id: string;
    name: string;
    query: string;
    created_at: string;
  };
  /** A closed case's result as published for the public (publication/): masked text, reviewed by the office. */
  case_publications: {
    id: string;
    case_id: string;
    district_code: string;
    /** draft | pending | published | returned | withdrawn (shared/case-publications.ts). */
    status: string;
    title: string;
    summary: string;
    result: string;
    version: number;
    prepared_by: string | null;
    prepared_by_name: string | null;
    submitted_at: string | null;
    reviewed_by: string | null;
    reviewed_by_name: string | null;
    reviewed_at: string | null;
    return_reason: string | null;
    published_at: string | null;
    withdrawn_at: string | null;
    withdraw_reason: string | null;
    created_at: string;
    updated_at: string;
  };
}
