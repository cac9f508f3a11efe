/**
 * Reply-quality hints (docs/plans/insight.md): which of the five elements of a good reply a
 * draft already has, and a hint for each one missing. Advice only — nothing here blocks a reply.
 * Pure: the draft is normalised (traditional characters, full-width forms, emoji) and checked
 * against the phrases mined from real replies (patterns.ts).
 */
import { normalise } from '../text/normalise.ts';
import { compile, has, REPLY_ELEMENTS, type ReplyElement } from './matcher.ts';
import { REPLY_PATTERNS } from './patterns.ts';

export { REPLY_ELEMENTS, type ReplyElement };

export interface MissingElement {
  key: ReplyElement;
  /** The element's name (zh-CN). */
  label: string;
  /** One sentence saying what to add, with an example phrase (zh-CN). */
  hint: string;
}

export interface ReplyCheck {
  present: ReplyElement[];
  missing: MissingElement[];
}

export const REPLY_ELEMENT_TEXT: { readonly [K in ReplyElement]: { label: string; hint: string } } = {
  greeting: { label: '问候语', hint: '开头先向群众问好，例如“您好！您反映的问题已收悉。”' },
  facts: { label: '核查情况', hint: '写明核实了哪些情况，例如“经现场核实，该路段路灯确有 3 盏损坏。”' },
  measure: { label: '处理措施', hint: '写明已采取或将要采取的措施，例如“已安排维修单位更换灯具，并责令物业加强巡查。”' },
  timeframe: { label: '办理时限', hint: '给出完成或办理的时间，例如“预计于 12 月 15 日前修复”或“在 5 个工作日内答复”。' },
  contact: { label: '联系方式', hint: '留下联系人或电话，方便群众追问，例如“如有疑问，请致电 0731-28888888（联系人：王科长）”。' },
};

const COMPILED = compile(REPLY_PATTERNS);

/** Which elements a draft reply has (in REPLY_ELEMENTS order) and what each missing one needs. */
export function checkReply(text: string | null | undefined): ReplyCheck {
  const t = normalise(text);
  const present: ReplyElement[] = [];
  const missing: MissingElement[] = [];
  for (const el of COMPILED) {
    if (t && has(t, el)) present.push(el.key);
    else missing.push({ key: el.key, ...REPLY_ELEMENT_TEXT[el.key] });
  }
  return { present, missing };
}
