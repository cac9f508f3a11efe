import { defineErrors } from '../../../platform/errors.ts';

/** Error codes of hot issues. */
export const hotErrors = defineErrors({
  HOT_ISSUE_NOT_FOUND: { status: 404, message: '热点问题不存在，或其中您可查看的诉求不足 3 件' },
  STATION_NOT_FOUND: { status: 404, message: '联络站不存在或不在您的管辖范围内' },
});
