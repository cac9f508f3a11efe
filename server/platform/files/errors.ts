import { defineErrors } from '../errors.ts';

/**
 * Upload refusals. `INVALID_IMAGE` is what `stripLocation` throws for a damaged image; its
 * `details.reason` says what was wrong (in English, for the log and the curious).
 */
export const fileErrors = defineErrors({
  INVALID_IMAGE: { status: 400, message: '图片文件已损坏或格式不正确，请换一张图片' },
  UNSUPPORTED_FILE_TYPE: { status: 400, message: '不支持的文件类型' },
});

export const invalidImage = (reason: string) => fileErrors.INVALID_IMAGE(undefined, { reason });
