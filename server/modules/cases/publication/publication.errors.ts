import { defineErrors } from '../../../platform/errors.ts';

export const publicationErrors = defineErrors({
  PUBLICATION_NOT_FOUND: { status: 404, message: '公开申请不存在或不在您的管辖范围内' },
  RESULT_NOT_FOUND: { status: 404, message: '办理结果不存在或尚未公开' },
  CASE_NOT_CLOSED: { status: 409, message: '只有已办结的诉求才能公开办理结果' },
  NO_PUBLISH: { status: 409, message: '反映人在提交诉求时选择了不同意公开，这件诉求及其办理结果不能公开' },
  PUBLICATION_EXISTS: { status: 409, message: '这件诉求已有公开申请，请在原申请上修改' },
  PERSONAL_DATA: { status: 400, message: '公开文本中仍含有个人信息，请删除或改写后再提交' },
});
