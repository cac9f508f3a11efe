/**
 * Livelihood projects tables. Portable: ids UUIDv7 text, instants ISO-8601 UTC text, dates
 * YYYY-MM-DD text, booleans 0/1, JSON as text. A public proposer's name and phone are
 * encrypted (platform/crypto/pii.ts) and never leave the staff console unmasked.
 */
export interface ProjectsTables {
  /** A district's call for candidate projects (征集). */
  project_calls: {
    id: string;
    district_code: string;
    year: number;
    title: string;
    description: string;
    opens_on: string;
    closes_on: string;
    /** CallStatus. */
    status: string;
    version: number;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  /** A proposed candidate (from the public page, a deputy or staff) and its screening. */
  project_proposals: {
    id: string;
    call_id: string;
    district_code: string;
    title: string;
    description: string;
    location: string;
    category: string | null;
    /** ProposalSource. */
    source: string;
    /** ProposalStatus. */
    status: string;
    deputy_id: string | null;
    proposer_name: string | null;
    proposer_phone: string | null;
    necessity: number | null;
    feasibility: number | null;
    cost_wan: number | null;
    department_id: string | null;
    screening_note: string;
    screened_by: string | null;
    screened_at: string | null;
    merged_into_id: string | null;
    idempotency_key: string | null;
    version: number;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  /** Cases behind a proposal or a project (how many people raised the same need). */
  project_case_links: {
    owner_type: string;
    owner_id: string;
    case_id: string;
  };
  /** The congress session's vote (票决). */
  voting_sessions: {
    id: string;
    district_code: string;
    year: number;
    title: string;
    congress: string;
    description: string;
    /** VotingSessionStatus. */
    status: string;
    quorum: number;
    pass_threshold: number;
    max_approvals: number | null;
    seats: number | null;
    opened_at: string | null;
    closed_at: string | null;
    /** VotingResults as JSON, written once when the session closes. */
    results: string | null;
    version: number;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  /** The deputies of the congress who may vote, fixed before the session opens. */
  voting_session_members: {
    session_id: string;
    deputy_id: string;
  };
  /** One ballot per deputy per project: the unique (project_id, deputy_id) decides races. */
  ballots: {
    id: string;
    session_id: string;
    project_id: string;
    deputy_id: string;
    /** BallotChoice. */
    choice: string;
    /** BallotSource. */
    source: string;
    paper_entry_id: string | null;
    /** 0 while a paper entry awaits its second person; only counted ballots (1) are tallied. */
    counted: number;
    created_at: string;
  };
  /** A paper ballot sheet entered by staff, confirmed by a second person. */
  paper_ballot_entries: {
    id: string;
    session_id: string;
    deputy_id: string;
    /** JSON [{ projectId, choice }]. */
    choices: string;
    /** PaperEntryStatus. */
    status: string;
    entered_by: string;
    entered_at: string;
    confirmed_by: string | null;
    confirmed_at: string | null;
    reason: string | null;
  };
  /** A candidate on a session's ballot and, once passed, the project being delivered. */
  projects: {
    id: string;
    district_code: string;
    session_id: string;
    proposal_id: string | null;
    year: number;
    title: string;
    description: string;
    category: string | null;
    department_id: string | null;
    cost_wan: number | null;
    sort: number;
    /** ProjectStatus. */
    status: string;
    progress: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  project_milestones: {
    id: string;
    project_id: string;
    title: string;
    due_on: string;
    done_on: string | null;
    evidence: string;
    sort: number;
    /** When the overdue notice went out (once per milestone). */
    overdue_notified_at: string | null;
    version: number;
    created_at: string;
    updated_at: string;
  };
  project_milestone_files: {
    id: string;
    milestone_id: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    storage_key: string;
    uploaded_by: string | null;
    created_at: string;
  };
  /** The public timeline: every progress report. */
  project_updates: {
    id: string;
    project_id: string;
    at: string;
    progress: number;
    status: string;
    note: string;
    by_user_id: string | null;
    by_name: string;
  };
  project_followers: {
    project_id: string;
    user_id: string;
    created_at: string;
  };
  /** Year-end evaluation by deputies (满意度测评). */
  project_evaluation_rounds: {
    id: string;
    district_code: string;
    year: number;
    title: string;
    /** JSON EvaluationCriterion[]. */
    criteria: string;
    /** EvaluationRoundStatus. */
    status: string;
    version: number;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  /** One score sheet per deputy per project per round. */
  project_scores: {
    id: string;
    round_id: string;
    project_id: string;
    deputy_id: string;
    /** JSON { [criterionKey]: 0–100 }. */
    scores: string;
    total: number;
    comment: string;
    created_at: string;
  };
}
