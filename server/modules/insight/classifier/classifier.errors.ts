import { defineErrors } from '../../../platform/errors.ts';

/** Error codes of the category suggestion. */
export const classifierErrors = defineErrors({
  NO_MODEL: { status: 409, message: '本区还没有诉求分类模型：已分类（已交办及以后）的诉求达到 50 件后会自动训练，管理员也可在“分类模型”页立即训练' },
  NOT_ENOUGH_CASES: { status: 409, message: '已分类的诉求太少，无法训练分类模型' },
  STATION_INVALID: { status: 400, message: '联络站不存在、已停用或不在您的管辖范围内' },
});
