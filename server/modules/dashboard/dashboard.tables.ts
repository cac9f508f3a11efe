/**
 * The dashboard's read model (decision 0006): one row of facts per case, copied from the cases
 * module's public query after each case event, and counters per (day, station, department,
 * category, channel, region, status) and per month, with rollups of the same sums at a coarser
 * grain (per station, department and one dimension), kept by adding the difference between a
 * case's old and new facts (a case whose status or department changes moves from one counter
 * row to another). Written only by the dashboard's projection.
 */
export interface DashboardTables {
  dash_case_facts: {
    case_id: string;
    district_code: string;
    station_id: string;
    /** '' when no department holds it (keys are never null, so counters group cleanly). */
    department_id: string;
    category: string;
    channel: string;
    region_code: string;
    /** YYYY-MM-DD (Asia/Shanghai) the case was received: the day its counters sit on. */
    created_day: string;
    created_at: string;
    status: string;
    /** Running due instant ("overdue now" is due_at < now, read at query time). */
    due_at: string | null;
    accepted: number;
    assigned: number;
    resolved: number;
    closed: number;
    on_time: number;
    late: number;
    rated: number;
    satisfied: number;
    unsatisfied: number;
    /** Working days from assignment (or acceptance, on the spot) to the reply; null when not replied. */
    reply_days: number | null;
    updated_seq: number;
  };
  /** The deputies who received each case (copied from the case's facts with them). */
  dash_case_deputies: { case_id: string; deputy_id: string };
  dash_case_daily: DashboardCounterRow & { day: string };
  dash_case_monthly: DashboardCounterRow & { month: string };
  /** The same sums per (station, department, one dimension): case-deltas.ts `ROLLUP_DIMS`. */
  dash_rollup_daily: DashboardRollupRow & { day: string };
  dash_rollup_monthly: DashboardRollupRow & { month: string };
}

/** Rollup rows: the district, which dimension (`dim`: all, category, channel, status) and its value ('' for all), the station and department, and the sums. */
export type DashboardRollupRow = Pick<DashboardCounterRow, 'district_code' | 'station_id' | 'department_id' | 'received' | 'accepted' | 'assigned' | 'resolved' | 'closed' | 'on_time' | 'late' | 'rated' | 'satisfied' | 'unsatisfied' | 'reply_days_sum' | 'reply_days_n'> & {
  dim: string;
  /** 'station+department' | 'station' | 'district' (case-deltas.ts ROLLUP_LEVELS): the coarser levels hold '*' for the station or department. */
  level: string;
  value: string;
};

/** Counter rows: the key columns ('' for none, never null) and the sums of the cases' facts. */
export interface DashboardCounterRow {
  district_code: string;
  station_id: string;
  department_id: string;
  category: string;
  channel: string;
  region_code: string;
  /** The cases' current status (the breakdown by status reads it). */
  status: string;
  received: number;
  accepted: number;
  assigned: number;
  resolved: number;
  closed: number;
  on_time: number;
  late: number;
  rated: number;
  satisfied: number;
  unsatisfied: number;
  /** Sum and number of the cases' reply_days (average = sum ÷ n). */
  reply_days_sum: number;
  reply_days_n: number;
}
