/**
 * Strings of the reply hints under a reply box (ReplyHints.tsx), added to the dictionaries under
 * `replyHints` when the component is first imported. The English object is typed against the
 * Chinese one, so a missing or extra key fails the type check. The element names and hints say
 * the same as the server's (server/modules/insight/replies/hints.ts), which API callers get.
 */
import i18n from '../../i18n/index.ts';

export const replyHintsZhCN = {
  title: '答复要素提示',
  advisory: '仅供参考，不影响提交',
  empty: '好的答复通常包含：问候语、核查情况、处理措施、办理时限、联系方式。开始输入后，这里会提示还缺少哪些。',
  present: '已包含',
  missing: '建议补充',
  complete: '五项要素都已包含。',
  checking: '正在检查…',
  unavailable: '暂时无法给出提示，不影响提交。',
  tooLong: '超过 {{max}} 个字符的答复不作提示。',
  elements: {
    greeting: { label: '问候语', hint: '开头先向群众问好，例如“您好！您反映的问题已收悉。”' },
    facts: { label: '核查情况', hint: '写明核实了哪些情况，例如“经现场核实，该路段路灯确有 3 盏损坏。”' },
    measure: { label: '处理措施', hint: '写明已采取或将要采取的措施，例如“已安排维修单位更换灯具，并责令物业加强巡查。”' },
    timeframe: { label: '办理时限', hint: '给出完成或办理的时间，例如“预计于 12 月 15 日前修复”或“在 5 个工作日内答复”。' },
    contact: { label: '联系方式', hint: '留下联系人或电话，方便群众追问，例如“如有疑问，请致电 0731-28888888（联系人：王科长）”。' },
  },
};

export const replyHintsEn: typeof replyHintsZhCN = {
  title: 'What a good reply says',
  advisory: 'Advice only: it does not stop you sending',
  empty: 'A good reply has a greeting, the facts checked, the measure taken, a time frame and a contact. Start typing to see which are still missing.',
  present: 'Included',
  missing: 'Consider adding',
  complete: 'All five are there.',
  checking: 'Checking…',
  unavailable: 'No hints just now; you can still send the reply.',
  tooLong: 'Replies over {{max}} characters are not checked.',
  elements: {
    greeting: { label: 'Greeting', hint: 'Greet the constituent first, e.g. “您好！您反映的问题已收悉。”' },
    facts: { label: 'Facts checked', hint: 'Say what was checked and found, e.g. “经现场核实，该路段路灯确有 3 盏损坏。”' },
    measure: { label: 'Measure', hint: 'Say what was or will be done, e.g. “已安排维修单位更换灯具，并责令物业加强巡查。”' },
    timeframe: { label: 'Time frame', hint: 'Say by when, e.g. “预计于 12 月 15 日前修复” or “在 5 个工作日内答复”.' },
    contact: { label: 'Contact', hint: 'Leave a person or a number for questions, e.g. “如有疑问，请致电 0731-28888888（联系人：王科长）”.' },
  },
};

i18n.addResourceBundle('zh-CN', 'translation', { replyHints: replyHintsZhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { replyHints: replyHintsEn }, true, false);
