import { defineErrors } from '../../platform/errors.ts';

export const suggestionsErrors = defineErrors({
  SUGGESTION_NOT_FOUND: { status: 404, message: '代表建议不存在或不在您的查看范围内' },
  DEPUTY_REQUIRED: { status: 400, message: '请选择领衔代表' },
  DEPUTY_INVALID: { status: 400, message: '所选代表不存在、已不在任或不是本区代表' },
  COSPONSOR_INVALID: { status: 400, message: '联名代表不存在、已不在任或不是本区代表' },
  LEAD_AMONG_COSPONSORS: { status: 400, message: '领衔代表不能同时是联名代表' },
  CASE_INVALID: { status: 400, message: '所选诉求不存在或不在您的管辖范围内' },
  DEPARTMENT_INVALID: { status: 400, message: '承办单位不存在、已停用或不是本区单位' },
  LEAD_AMONG_CO: { status: 400, message: '主办单位不能同时是协办单位' },
  DUPLICATE_DEPARTMENT: { status: 400, message: '协办单位重复' },
  DUE_DATE_INVALID: { status: 400, message: '答复期限应在今天之后、交办后 3 个月以内' },
  EXTENSION_TOO_LONG: { status: 400, message: '延期后的答复期限不能超过交办之日起 6 个月' },
  EXTENSION_PENDING: { status: 409, message: '已有一个延期申请等待审批' },
  NO_EXTENSION_PENDING: { status: 409, message: '没有等待审批的延期申请' },
  ALREADY_SIGNED: { status: 409, message: '您已联名附议该建议' },
  ALREADY_DECLINED: { status: 409, message: '您已谢绝联名该建议' },
  NOT_PUBLISHED: { status: 404, message: '该建议未公开或不存在' },
});
