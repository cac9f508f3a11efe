import { defineErrors } from '../../platform/errors.ts';

/** Error codes of the dashboard (statistics) module. */
export const dashboardErrors = defineErrors({
  STATION_NOT_FOUND: { status: 404, message: '联络站不存在或不在您的管辖范围内' },
  DEPARTMENT_NOT_FOUND: { status: 404, message: '承办部门不存在或不在您的管辖范围内' },
  UNKNOWN_REGION: { status: 400, message: '行政区划代码不存在或不在本区范围内' },
});
