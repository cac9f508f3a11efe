import type { Generated } from 'kysely';
/** The org module's tables (portable column types: see server/platform/tables.ts). */
export interface OrgTables {
  regions: {
    code: string;
    name: string;
    level: string;
    parent_code: string | null;
    /** Custom entries added by a district (communities); reference rows are 0. */
    custom: number;
  };
  stations: {
    id: string;
    name: string;
    /** chineseSortKey(name), kept by the repository. */
    name_key: string;
    kind: string;
    parent_id: string | null;
    region_code: string;
    district_code: string;
    address: string;
    lat: number | null;
    lng: number | null;
    opening_hours: string;
    contact_name: string;
    contact_phone: string;
    description: string;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  deputies: {
    id: string;
    name: string;
    /** chineseSortKey(name), kept by the repository. */
    name_key: string;
    gender: string | null;
    level: string;
    occupation: string;
    constituency: string;
    region_code: string;
    district_code: string;
    term: string;
    term_start: number | null;
    term_end: number | null;
    expertise: string;
    public_phone: string;
    bio: string;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  deputy_stations: {
    deputy_id: string;
    station_id: string;
  };
  departments: {
    id: string;
    name: string;
    /** chineseSortKey(name), kept by the repository. */
    name_key: string;
    short_name: string;
    region_code: string;
    district_code: string;
    categories: string;
    contact_name: string;
    contact_phone: string;
    address: string;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
    /** Where the department's own system takes case events (webhooks); null: none. Optional on insert. */
    webhook_url: Generated<string | null>;
    /** The HMAC secret of its signatures, encrypted (PiiCipher); null with webhook_url. */
    webhook_secret: Generated<string | null>;
  };
  import_batches: {
    id: string;
    kind: string;
    district_code: string;
    created_by: string;
    file_name: string;
    rows: string;
    created_at: string;
    expires_at: string;
    committed_at: string | null;
  };
  /** The district's standards checklist (八有 for stations, 五有 for rooms). */
  standard_items: {
    id: string;
    district_code: string;
    /** Stable identifier within the district (`place`, `funds` …), fixed once made. */
    code: string;
    name: string;
    description: string;
    /** JSON array of station kinds the item applies to. */
    applies_to: string;
    sort: number;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  /** One per (station, item), made by the first write; absent means "missing". */
  standard_evidence: {
    id: string;
    station_id: string;
    item_id: string;
    /** EvidenceStatus (shared/standards.ts). */
    status: string;
    text: string;
    submitted_by: string | null;
    submitted_at: string | null;
    reviewed_by: string | null;
    reviewed_at: string | null;
    review_note: string;
    version: number;
    created_at: string;
    updated_at: string;
  };
  /** Removed files stay (removed_at set) so that the history's submissions keep naming them. */
  standard_evidence_files: {
    id: string;
    evidence_id: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    storage_key: string;
    uploaded_by: string | null;
    created_at: string;
    removed_at: string | null;
    removed_by: string | null;
  };
  standard_evidence_events: {
    id: string;
    evidence_id: string;
    /** EvidenceEventType (shared/standards.ts). */
    type: string;
    actor_id: string | null;
    at: string;
    note: string;
    /** JSON { text, files: [{ id, filename }] } for submissions, else null. */
    snapshot: string | null;
    /** The evidence's version after this event. */
    version: number;
  };
}
