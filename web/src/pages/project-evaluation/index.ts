/** Year-end evaluation of livelihood projects (项目测评): the rounds and one round's sheet and results. */
export { EvaluationRoundPage } from './EvaluationRoundPage.tsx';
export { EvaluationRoundsPage } from './EvaluationRoundsPage.tsx';
