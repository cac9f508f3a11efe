import { defineErrors } from '../../../platform/errors.ts';

/** Error codes of the assessment rounds (履职考评). */
export const assessmentErrors = defineErrors({
  ROUND_NOT_FOUND: { status: 404, message: '考评不存在或不在您的管辖范围内' },
  ROUND_EXISTS: { status: 409, message: '本区该年度已有一轮履职考评' },
  ROUND_NOT_DRAFT: { status: 409, message: '考评已开始或已结束，不能再修改考评指标、评价主体和参评代表' },
  ROUND_NOT_OPEN: { status: 409, message: '考评不在评分中（尚未开始或已经结束），不能填写评分表' },
  ROUND_NOT_CLOSED: { status: 409, message: '考评尚未结束，还没有考评结果' },
  ROUND_EMPTY: { status: 409, message: '考评至少需要一位参评代表才能开始' },
  SHEETS_MISSING: { status: 409, message: '还有评分表未提交，不能结束考评' },
  CRITERIA_INVALID: { status: 400, message: '考评指标设置不正确' },
  RATERS_INVALID: { status: 400, message: '评价主体及权重设置不正确' },
  DEPUTY_INVALID: { status: 400, message: '参评代表须为本区在任的人大代表' },
  DEPUTY_NOT_IN_ROUND: { status: 400, message: '该代表不在本轮考评的参评代表中' },
  RATER_KIND_NOT_IN_ROUND: { status: 400, message: '本轮考评没有这一评价主体（或其权重为 0）' },
  NOT_A_RATER: { status: 403, message: '您不能以这一评价主体为该代表评分' },
  SHEET_EXISTS: { status: 409, message: '该代表的这一评价主体评分表已经存在，请打开它继续填写' },
  SHEET_NOT_FOUND: { status: 404, message: '评分表不存在或不在您的管辖范围内' },
  SHEET_SUBMITTED: { status: 409, message: '评分表已提交，不能再修改' },
  SCORES_INVALID: { status: 400, message: '分数不正确' },
  RESULT_NOT_FOUND: { status: 404, message: '考评结果不存在或不在您的管辖范围内' },
});
