/** Turns API errors into what the user sees: a field message on the form when the server names the field, a toast otherwise. */
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import i18n from '../i18n/index.ts';
import { isApiError } from '../api/client.ts';

/** Codes with our own English text; in Chinese the server's zh-CN message is shown as is. */
const TRANSLATED_CODES = ['INVALID_CREDENTIALS', 'RATE_LIMITED', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'CSRF_INVALID', 'PAYLOAD_TOO_LARGE', 'INTERNAL', 'NETWORK'];

export function errorText(err: unknown): string {
  if (isApiError(err)) {
    if (i18n.language.startsWith('en') && TRANSLATED_CODES.includes(err.code)) return i18n.t(`errors.${err.code}`);
    if (err.code === 'CONFLICT') return `${err.message}`;
    return stripFieldPrefix(err.message, err.field);
  }
  if (err instanceof Error) return err.message;
  return i18n.t('errors.unknown');
}

/** The server prefixes validation messages with "字段 body.x：" — on the field itself that is noise. */
function stripFieldPrefix(message: string, field: string | undefined): string {
  if (!field) return message;
  const prefix = `字段 ${field}：`;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** `body.location.lat` → ['location', 'lat']; `body.stationIds.2` → ['stationIds']. */
export function fieldPath(field: string | undefined): string[] | null {
  if (!field || !field.startsWith('body.')) return null;
  const out: string[] = [];
  for (const seg of field.slice('body.'.length).split('.')) {
    if (/^\d+$/.test(seg)) break;
    out.push(seg);
  }
  return out.length ? out : null;
}

function hasPath(values: unknown, path: string[]): boolean {
  let cur: unknown = values;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !(seg in cur)) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return true;
}

/**
 * Shows an error from a form submission. Returns true when it was put on a field.
 * `aliases` maps server field names to form field names when they differ.
 */
export function showFormError(form: FormInstance, err: unknown, message: MessageInstance, aliases: Record<string, string[]> = {}): boolean {
  const text = errorText(err);
  if (isApiError(err)) {
    const path = fieldPath(err.field);
    const target = path ? (aliases[path.join('.')] ?? path) : null;
    if (target) {
      const values: unknown = form.getFieldsValue();
      const name = hasPath(values, target) ? target : hasPath(values, target.slice(0, 1)) ? target.slice(0, 1) : null;
      if (name) {
        form.setFields([{ name, errors: [text] }]);
        form.scrollToField(name);
        void message.error(text);
        return true;
      }
    }
  }
  void message.error(text);
  return false;
}
