import type { EvaluationCriterion, ProjectEvaluationSummary } from '../../../../shared/projects.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { aggregate } from './aggregate.ts';
import { criteriaOf, evaluationRepository } from './evaluation.repository.ts';

/**
 * A project's aggregate from its year's round once that round is published (the console's and the
 * public page's "测评结果"), with the round's criteria; null before publication or without sheets.
 */
export async function publishedEvaluation(db: Executor, districtCode: string, project: { id: string; year: number }): Promise<(ProjectEvaluationSummary & { criteria: EvaluationCriterion[] }) | null> {
  const round = await evaluationRepository.publishedOfYear(db, districtCode, project.year);
  if (!round) return null;
  const criteria = criteriaOf(round);
  const sheets = await evaluationRepository.scoresOfProject(db, round.id, project.id);
  const summary = aggregate(round.id, criteria, sheets.map((s) => JSON.parse(s.scores) as Record<string, number>));
  return summary && { ...summary, criteria };
}
