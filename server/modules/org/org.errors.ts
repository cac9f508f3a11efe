import { defineErrors } from '../../platform/errors.ts';

export const orgErrors = defineErrors({
  REGION_INVALID: { status: 400, message: '行政区划代码不存在或不在本区范围内' },
  STATION_NAME_TAKEN: { status: 400, message: '本区已有同名联络站' },
  STATION_PARENT_INVALID: { status: 400, message: '上级联络站不正确' },
  STATION_HAS_ROOMS: { status: 409, message: '该联络站下仍有启用的工作室，请先停用工作室' },
  DEPARTMENT_NAME_TAKEN: { status: 400, message: '本区已有同名承办单位' },
  DEPUTY_STATION_INVALID: { status: 400, message: '所选联络站不存在或不在本区' },
  USERNAME_TAKEN: { status: 400, message: '用户名已被使用' },
  USER_LINK_INVALID: { status: 400, message: '账号关联的联络站、承办单位或代表不正确' },
  IMPORT_FILE_INVALID: { status: 400, message: '无法读取上传的 Excel 文件' },
  IMPORT_BATCH_GONE: { status: 404, message: '导入预览不存在或已过期，请重新上传' },
  IMPORT_ALREADY_COMMITTED: { status: 409, message: '该导入已经确认过' },
  CANNOT_DEACTIVATE_SELF: { status: 409, message: '不能停用自己的账号' },
});
