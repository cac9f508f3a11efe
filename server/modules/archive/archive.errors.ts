import { defineErrors } from '../../platform/errors.ts';

export const archiveErrors = defineErrors({
  DEPUTY_NOT_FOUND: { status: 404, message: '代表不存在或不在您的管辖范围内' },
  STATION_NOT_FOUND: { status: 404, message: '联络站不存在或不在您的管辖范围内' },
  SELF_REPORT_NOT_FOUND: { status: 404, message: '履职材料不存在或不在您的管辖范围内' },
  FILE_NOT_FOUND: { status: 404, message: '附件不存在' },
  FILE_TOO_LARGE: { status: 413, message: '附件太大' },
  FILE_TYPE_NOT_ALLOWED: { status: 400, message: '只接受图片、PDF、Word、Excel 或纯文本文件' },
  TOO_MANY_FILES: { status: 400, message: '附件太多' },
  NOT_EDITABLE: { status: 409, message: '只有草稿或已退回的材料可以修改' },
  NOT_AWAITING_REVIEW: { status: 409, message: '该材料不在待审核状态' },
  PERIOD_INVALID: { status: 400, message: '查询期间不正确' },
});
