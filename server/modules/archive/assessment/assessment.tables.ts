/**
 * Assessment rounds (履职考评): rounds with their criteria and rater weights, the deputies each round
 * assesses, score sheets (one per round, deputy and rater kind) and the stored results.
 * Portable types: ISO text instants, JSON as text, 0/1 booleans, totals as integer hundredths.
 */
export interface AssessmentTables {
  assessment_rounds: {
    id: string;
    district_code: string;
    year: number;
    name: string;
    /** draft → open → closed */
    status: string;
    /** JSON: AssessmentCriterion[] */
    criteria: string;
    /** JSON: RaterWeight[] */
    raters: string;
    closed_incomplete: number;
    version: number;
    created_by: string | null;
    created_at: string;
    updated_at: string;
    opened_at: string | null;
    closed_at: string | null;
  };
  assessment_round_deputies: {
    round_id: string;
    deputy_id: string;
  };
  assessment_sheets: {
    id: string;
    round_id: string;
    deputy_id: string;
    /** self | group | township | office */
    rater_kind: string;
    /** JSON: { [criterionKey]: score } (0–100, one decimal at most; a draft may lack some) */
    scores: string;
    comment: string;
    /** draft | submitted */
    status: string;
    /** The account that created the sheet and the one that last saved it. */
    created_by: string;
    updated_by: string;
    updated_by_name: string;
    version: number;
    created_at: string;
    updated_at: string;
    submitted_at: string | null;
  };
  assessment_results: {
    round_id: string;
    deputy_id: string;
    /** Weighted total × 100 (2 decimals exact); null: no rater submitted a sheet. */
    total_x100: number | null;
    grade: string | null;
    /** JSON: { criteria, byRater, weightsUsed, missingKinds } as computed by result.ts */
    detail: string;
    computed_at: string;
  };
}
