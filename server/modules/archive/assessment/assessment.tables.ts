/** Assessment rounds (履职考评): criteria, raters, scores, results. See docs/plans/archive-api.md. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AssessmentTables {}
