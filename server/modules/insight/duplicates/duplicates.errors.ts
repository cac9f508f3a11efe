import { defineErrors } from '../../../platform/errors.ts';

/** Error codes of the duplicate check. */
export const duplicatesErrors = defineErrors({
  STATION_INVALID: { status: 400, message: '联络站不存在、已停用或不在您的管辖范围内' },
});
