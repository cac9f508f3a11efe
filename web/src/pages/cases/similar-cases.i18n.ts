/**
 * Strings of the duplicate hints (登记诉求's 可能重复的诉求 panel and the case page's 相似诉求 card),
 * merged into the dictionaries under `duplicates` when the components load. The English object is
 * typed against the Chinese one, so a missing or extra key fails the type check.
 */
import i18n from '../../i18n/index.ts';

export const duplicatesZhCN = {
  panelTitle: '可能重复的诉求（{{count}} 件）',
  panelHint: '以下在办诉求与正在登记的内容相似。如确属同一问题，可照常登记，再在诉求详情页“相似诉求”中合并；也可以不登记，告知群众已有人反映。',
  similarity: '相似度 {{percent}}%',
  otherStation: '{{station}}',
  submittedAt: '{{date}} 登记',
  openInNewTab: '在新窗口打开',
  cardTitle: '相似诉求（{{count}}）',
  cardHint: '同一街道（乡镇）近 90 天内内容相似的在办诉求',
  mergeHere: '合并到此诉求',
  mergeHereConfirm: '将“{{title}}”合并到本诉求？该诉求将结束，群众可用原查询码查看本诉求的办理进展。',
  mergeInto: '合并',
  mergeIntoConfirm: '将本诉求合并到“{{title}}”？本诉求将结束，办理进展随该诉求。',
  merged: '已合并',
  cannotMerge: '您不能合并“{{title}}”（不在您的办理范围内，或当前状态不能合并）',
  confirm: '合并',
  cancel: '取消',
};

export const duplicatesEn: typeof duplicatesZhCN = {
  panelTitle: 'Possible duplicates ({{count}})',
  panelHint: 'These open cases read like the one being recorded. If it is the same problem, record it as usual and merge it from the case page’s “Similar cases”, or tell the person it has already been reported.',
  similarity: '{{percent}}% similar',
  otherStation: '{{station}}',
  submittedAt: 'recorded {{date}}',
  openInNewTab: 'Open in a new tab',
  cardTitle: 'Similar cases ({{count}})',
  cardHint: 'Open cases of the same street or town from the last 90 days with similar text',
  mergeHere: 'Merge into this case',
  mergeHereConfirm: 'Merge “{{title}}” into this case? It will end; its constituent follows this case with the same tracking code.',
  mergeInto: 'Merge',
  mergeIntoConfirm: 'Merge this case into “{{title}}”? This case ends and follows that one.',
  merged: 'Merged',
  cannotMerge: 'You cannot merge “{{title}}” (outside what you handle, or its status does not allow it)',
  confirm: 'Merge',
  cancel: 'Cancel',
};

i18n.addResourceBundle('zh-CN', 'translation', { duplicates: duplicatesZhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { duplicates: duplicatesEn }, true, false);
