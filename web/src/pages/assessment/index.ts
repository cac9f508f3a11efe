/** Assessment rounds of deputies' performance (履职考评): rounds, a round, a score sheet, 我的考评. */
export { AssessmentRoundPage } from './AssessmentRoundPage.tsx';
export { AssessmentRoundsPage } from './AssessmentRoundsPage.tsx';
export { MyAssessmentPage } from './MyAssessmentPage.tsx';
export { ScoreSheetPage } from './ScoreSheetPage.tsx';
