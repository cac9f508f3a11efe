import type { Generated } from 'kysely';

/**
 * Platform tables. Portable across SQLite and PostgreSQL: instants as ISO-8601 UTC text,
 * booleans as 0/1 integers, JSON as text; repositories convert to domain types.
 */
export interface PlatformTables {
  /**
   * The office's amendments to the official holiday schedule (platform/calendar/office-days.ts). The table
   * was created by the cases module's first migration, before schedules and suggestions also needed the
   * calendar; it has been the platform's since.
   */
  calendar_days: {
    district_code: string;
    date: string;
    kind: string;
    name: string;
    updated_by: string | null;
    updated_at: string;
  };
  users: {
    id: string;
    username: string;
    password_hash: string;
    display_name: string;
    roles: string;
    district_code: string;
    station_id: string | null;
    department_id: string | null;
    deputy_id: string | null;
    phone: string | null;
    active: number;
    is_demo: number;
    version: number;
    created_at: string;
    updated_at: string;
    password_changed_at: string;
  };
  sessions: {
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    revoked_at: string | null;
    ip: string | null;
    user_agent: string | null;
  };
  audit_log: {
    seq: number;
    at: string;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    data: string;
    ip: string | null;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
  audit_head: { id: number; seq: number; hash: string };
  events: {
    id: string;
    type: string;
    entity_type: string;
    entity_id: string | null;
    payload: string;
    occurred_at: string;
    processed_at: string | null;
    attempts: Generated<number>;
    /** The audit chain's sequence number (commit order): projections read events by it. */
    seq: number | null;
  };
  /** How far each read-side projection has read the events (platform/events/projector.ts). */
  projection_cursors: { name: string; seq: number; updated_at: string };
}
