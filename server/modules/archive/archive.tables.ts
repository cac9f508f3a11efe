/**
 * The performance archive's own tables (一人一档). Portable: ids text, dates 'YYYY-MM-DD' text,
 * instants ISO-8601 UTC text, JSON as text. See docs/plans/archive-api.md.
 */
export interface ArchiveEntryTables {
  /**
   * One fact about a deputy, derived from one source record by the `archive.entries` projection
   * (written only there): a reception day on duty, a reception attended, a case collected, a
   * suggestion led or co-signed, a voting session taken part in, an evaluation round scored, an
   * activity, an approved self-report. Replaced whole whenever its source changes.
   */
  archive_entries: {
    /** Deterministic: a hash of (deputy_id, kind, source_type, source_id), stable across rebuilds. */
    id: string;
    deputy_id: string;
    district_code: string;
    /** ArchiveKind. */
    kind: string;
    /** The entity type of the source (`case`, `reception`, `voting_session` …). */
    source_type: string;
    source_id: string;
    /** What the source belongs to when that decides its lifetime: the rule of a generated reception day. */
    source_group: string | null;
    /** The year of `occurred_on`. */
    year: number;
    occurred_on: string;
    title: string;
    /** JSON object: the kind's facts (docs/plans/archive-api.md). */
    detail: string;
    /** The console path of the source. */
    link: string;
    /** The event sequence number that last wrote the entry. */
    updated_seq: number;
  };
  /** Activities a deputy reports outside the system (补充履职材料), reviewed by station staff or the office. */
  archive_self_reports: {
    id: string;
    district_code: string;
    deputy_id: string;
    /** SelfReportKind. */
    kind: string;
    title: string;
    /** The day it happened. */
    occurred_on: string;
    description: string;
    /** draft | submitted | approved | returned */
    status: string;
    return_reason: string | null;
    submitted_at: string | null;
    reviewed_by: string | null;
    reviewed_by_name: string | null;
    reviewed_at: string | null;
    created_by: string;
    version: number;
    created_at: string;
    updated_at: string;
  };
  archive_self_report_files: {
    id: string;
    report_id: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    storage_key: string;
    uploaded_by: string | null;
    created_at: string;
  };
  /** The report's history as its readers see it: created, submitted, withdrawn, approved, returned (with the reason). */
  archive_self_report_events: {
    id: string;
    report_id: string;
    type: string;
    actor_id: string | null;
    actor_name: string;
    at: string;
    note: string;
  };
}
