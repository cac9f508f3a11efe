import { z } from 'zod';

// C0/C1 controls other than tab and newline, and lone surrogates: never valid in our text.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const FORBIDDEN_ONE_LINE = /[\n\r\t]/;
// U+FFFD is what a body that is not valid UTF-8 decodes to: refuse it rather than store the damage.
const REPLACEMENT = /\uFFFD/;
const REPLACEMENT_MESSAGE = '含有无法识别的字符（请求内容不是合法的 UTF-8 编码）';

/** True when `s` holds control characters, lone surrogates or U+FFFD: text no field of ours accepts. */
export const hasForbiddenChars = (s: string): boolean => FORBIDDEN.test(s) || REPLACEMENT.test(s);

/** One line of text: trimmed, NFC, no control characters. */
export const line = (max: number, min = 1) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min, min > 0 ? '不能为空' : undefined)
        .max(max, `不能超过 ${max} 个字符`)
        .refine((s) => !FORBIDDEN.test(s) && !FORBIDDEN_ONE_LINE.test(s), '含有不允许的控制字符或换行')
        .refine((s) => !REPLACEMENT.test(s), REPLACEMENT_MESSAGE),
    );

/** Multi-line text (descriptions, notes): newlines allowed, other controls not. */
export const paragraph = (max: number, min = 0) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(min, min > 0 ? '不能为空' : undefined)
        .max(max, `不能超过 ${max} 个字符`)
        .refine((s) => !FORBIDDEN.test(s), '含有不允许的控制字符')
        .refine((s) => !REPLACEMENT.test(s), REPLACEMENT_MESSAGE),
    );

/** Phone numbers as people write them: mobile, landline with area code and extension. */
export const phone = () =>
  z
    .string()
    .trim()
    .max(30, '不能超过 30 个字符')
    .refine((s) => s === '' || /^\+?[0-9][0-9\- ]{4,24}(转[0-9]{1,6})?$/.test(s), '电话号码格式不正确');

// Ids reach SQL as parameters: a NUL byte there is an error in PostgreSQL (500), not a miss.
export const id = () =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(64, '不能超过 64 个字符')
    .refine((s) => !hasForbiddenChars(s) && !FORBIDDEN_ONE_LINE.test(s), '含有不允许的字符');

/** Query flag `true|false`, absent means "either". */
export const boolQuery = () =>
  z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'));

export const tags = (maxItems: number, maxLen = 20) =>
  z.array(line(maxLen)).max(maxItems, `最多 ${maxItems} 项`).transform((a) => [...new Set(a)]);

export const versionField = z.number({ error: '需要 version（上次读取到的版本号）' }).int().min(1);
