import { defineErrors } from '../../platform/errors.ts';

export const scheduleErrors = defineErrors({
  STATION_INVALID: { status: 400, message: '联络站不存在、已停用或不在您的管辖范围内' },
  RULE_NOT_FOUND: { status: 404, message: '接待规则不存在或不在您的管辖范围内' },
  RULE_INVALID: { status: 400, message: '接待规则不正确' },
  RECEPTION_NOT_FOUND: { status: 404, message: '接待日不存在或不在您的管辖范围内' },
  RECEPTION_INVALID: { status: 400, message: '接待日不存在或不属于该联络站' },
  STATION_NOT_FOUND: { status: 404, message: '联络站不存在或已停用' },
  SESSION_NOT_FOUND: { status: 404, message: '接待记录不存在或不在您的管辖范围内' },
  DEPUTY_NOT_AT_STATION: { status: 400, message: '所选代表不在该联络站' },
  TIME_INVALID: { status: 400, message: '结束时间应晚于开始时间' },
  RECEPTION_PAST: { status: 409, message: '已经过去的接待日不能再调整值班' },
  RECEPTION_CANCELLED: { status: 409, message: '该接待日已取消' },
  SWAP_INVALID: { status: 400, message: '无法调班' },
  SESSION_EXISTS: { status: 409, message: '该接待日已有接待记录' },
  SESSION_CLOSED: { status: 409, message: '接待记录已结束，不能再修改' },
  DATE_IN_FUTURE: { status: 400, message: '接待记录的日期不能晚于今天' },
});
