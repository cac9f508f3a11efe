import type { z } from 'zod';
import { normalisePhone } from '../../../platform/crypto/pii.ts';
import type { AppError } from '../../../platform/errors.ts';
import { PROPOSAL_FIELDS, type ProposalValues } from './project-pages.ts';

/**
 * The public proposal form (民生实事项目建议): read from a plain multipart POST, checked with the
 * projects module's own Zod body so the page and the JSON API refuse the same things; errors keyed
 * by form field, in zh-CN, each naming its field.
 */

export type FieldErrors = Partial<Record<keyof ProposalValues, string>>;

export function proposalValues(f: Map<string, string>): ProposalValues {
  const s = (k: string) => f.get(k) ?? '';
  return { title: s('title'), description: s('description'), location: s('location'), name: s('name'), phone: s('phone') };
}

const LABEL = Object.fromEntries(PROPOSAL_FIELDS) as Record<keyof ProposalValues, string>;
const EMPTY: Partial<Record<keyof ProposalValues, string>> = { title: '请填写项目名称', description: '请写明建议的具体内容' };

/** The body the API takes: optional fields left out when blank. */
export function proposalBody(v: ProposalValues): Record<string, string> {
  const out: Record<string, string> = { title: v.title, description: v.description };
  for (const k of ['location', 'name', 'phone'] as const) if (v[k].trim() !== '') out[k] = v[k];
  return out;
}

/** A message that names its field: `项目名称不能超过 100 个字符`, `手机号：电话号码格式不正确`. */
function named(k: keyof ProposalValues, message: string): string {
  if (message.startsWith(LABEL[k])) return message;
  return /^(不能|含有)/.test(message) ? `${LABEL[k]}${message}` : `${LABEL[k]}：${message}`;
}

export function parseProposal<T>(schema: z.ZodType<T>, v: ProposalValues): { input?: T; errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const k of ['title', 'description'] as const) if (v[k].trim() === '') errors[k] = EMPTY[k];
  const r = schema.safeParse(proposalBody(v));
  if (!r.success) {
    for (const issue of r.error.issues) {
      const k = String(issue.path[0] ?? '') as keyof ProposalValues;
      if (!(k in LABEL) || errors[k]) continue;
      errors[k] = named(k, issue.message || '格式不正确');
    }
  }
  // The phone's format is checked here too, so every mistake is shown in one round.
  if (!errors.phone && v.phone.trim() && !normalisePhone(v.phone.trim())) errors.phone = '手机号格式不正确（手机号 11 位，座机请带区号）';
  if (Object.keys(errors).length || !r.success) return { errors };
  return { errors, input: r.data };
}

/** Which form field a refusal of the service is about (`body.phone` → `phone`). */
export function proposalFieldOf(e: AppError): keyof ProposalValues | undefined {
  const f = e.details?.field?.replace(/^body\./, '');
  return f && f in LABEL ? (f as keyof ProposalValues) : undefined;
}
