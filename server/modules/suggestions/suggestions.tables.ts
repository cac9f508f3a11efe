/**
 * Deputies' suggestions (代表建议) tables. Portable: ids UUIDv7 text, instants ISO-8601 UTC text,
 * booleans 0/1. No personal data of constituents is stored here: linked cases are referenced by id,
 * and the public compendium's texts (`public_*`) are masked copies made when published or replied.
 */
export interface SuggestionsTables {
  suggestions: {
    id: string;
    district_code: string;
    /** `2026大第001号`; null until registered. */
    number: string | null;
    /** The number's sequence within (district, year, period): a unique index decides it. */
    number_seq: number | null;
    /** The year of creation, then of registration (Asia/Shanghai). */
    year: number;
    /** session | recess, set on registration. */
    period: string | null;
    congress: string | null;
    title: string;
    content: string;
    proposals: string;
    category: string | null;
    status: string;
    lead_deputy_id: string;
    /** The account that drafted it (the deputy's own, or the office's for a deputy). */
    created_by: string;
    /** 1, or 2 after 不满意 (re-handling). */
    round: number;
    supervision_level: number;
    return_reason: string | null;
    due_at: string | null;
    assigned_at: string | null;
    /** Months granted by approved extensions (at most 3: 6 months in all). */
    extended_months: number;
    ext_months: number | null;
    ext_reason: string | null;
    ext_requested_at: string | null;
    /** The latest reply's class and the latest evaluation. */
    reply_category: string | null;
    rating: string | null;
    published: number;
    /** Masked copies for the compendium, written when published. */
    public_title: string | null;
    public_content: string | null;
    public_proposals: string | null;
    /** The round an overdue event was last recorded for (0: none). */
    overdue_round: number;
    submitted_at: string | null;
    registered_at: string | null;
    replied_at: string | null;
    closed_at: string | null;
    version: number;
    created_at: string;
    updated_at: string;
  };
  suggestion_cosponsors: {
    suggestion_id: string;
    deputy_id: string;
    /** invited | signed | declined */
    status: string;
    invited_at: string;
    responded_at: string | null;
  };
  suggestion_cases: {
    suggestion_id: string;
    case_id: string;
    /** When the case got its public step “已转为代表建议” (on the first submission that included it). */
    step_at: string | null;
  };
  suggestion_departments: {
    suggestion_id: string;
    department_id: string;
    /** lead | co */
    role: string;
    opinion: string | null;
    opinion_at: string | null;
  };
  suggestion_replies: {
    id: string;
    suggestion_id: string;
    round: number;
    department_id: string;
    category: string;
    content: string;
    /** The content with the linked constituents' names, phone and ID numbers masked (the compendium's). */
    public_content: string;
    by_user_id: string | null;
    by_name: string;
    at: string;
  };
  suggestion_evaluations: {
    id: string;
    suggestion_id: string;
    round: number;
    rating: string;
    comment: string;
    by_user_id: string | null;
    at: string;
  };
  suggestion_events: {
    id: string;
    suggestion_id: string;
    at: string;
    type: string;
    actor_id: string | null;
    actor_name: string | null;
    from_status: string | null;
    to_status: string | null;
    note: string | null;
    data: string;
  };
}
