/** Small helpers between Ant Design forms and API bodies. */

/** Trimmed text; '' when empty — the API clears an optional text field with '' (null is refused). */
export function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Only the fields that changed (PATCH sends the version and what the user edited). */
export function changedFields<T extends object>(before: Partial<T>, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) out[key] = after[key];
  }
  return out;
}

/** Drops empty members (null, undefined, '', []): a create sends only what was filled in. */
export function compact<T extends object>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(obj) as (keyof T)[]) {
    const v = obj[key];
    if (v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) out[key] = v;
  }
  return out;
}

/** The server's rule: mobile or landline, optional +, hyphens, spaces and an extension (转123). */
export const PHONE_PATTERN = /^\+?[0-9][0-9\- ]{4,24}(转[0-9]{1,6})?$/;
