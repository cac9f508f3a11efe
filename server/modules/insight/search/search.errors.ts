import { defineErrors } from '../../../platform/errors.ts';

/** Error codes of the search. */
export const searchErrors = defineErrors({
  QUERY_NOT_SEARCHABLE: { status: 400, message: '搜索词需包含汉字、字母或数字（只有标点符号或表情无法搜索）' },
});
