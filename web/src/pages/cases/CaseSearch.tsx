/**
 * The case list's keyword search (GET /api/v1/cases/search): its strings, the result line above
 * the table, and the highlighted text the server sends — HTML-escaped text with the hits wrapped
 * in <mark>…</mark>. That string is never given to the DOM as HTML: it is split on the two tags
 * here, the five entities the server escapes are decoded, and React renders text nodes and
 * <mark> elements. In a tab narrower than 全部, the result line also says how many cases of any
 * status match, with 查看全部.
 */
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseListItemOut } from '../../../../shared/cases.ts';
import i18n from '../../i18n/index.ts';

const zhCN = {
  placeholder: '搜索标题、内容、答复或编号',
  found: '找到 {{count}} 件相关诉求，按相关度排序',
  foundMany: '相关诉求很多，按相关度排序；可加筛选条件或更多关键词缩小范围',
  fromTimeline: '办理记录：',
  scopeOpen: '在办诉求中',
  scopeTab: '“{{tab}}”中',
  scopeCustom: '当前筛选条件下',
  nothingIn: '{{scope}}没有找到“{{q}}”',
  foundIn: '{{scope}}找到 {{count}} 件相关诉求',
  separator: '；',
  elsewhere: '全部诉求中有 {{count}} 件',
  elsewhereMany: '全部诉求中还有更多',
  seeAll: '查看全部',
};
const en: typeof zhCN = {
  placeholder: 'Search title, content, replies or number',
  found: '{{count}} matching cases, most relevant first',
  foundMany: 'Many matching cases, most relevant first; add a filter or another word to narrow them down',
  fromTimeline: 'Timeline: ',
  scopeOpen: 'among open cases',
  scopeTab: 'in “{{tab}}”',
  scopeCustom: 'with the current filters',
  nothingIn: 'No matches for “{{q}}” {{scope}}',
  foundIn: '{{count}} matching cases {{scope}}',
  separator: '; ',
  elsewhere: '{{count}} in all cases',
  elsewhereMany: 'more in all cases',
  seeAll: 'Show all',
};
i18n.addResourceBundle('zh-CN', 'translation', { caseSearch: zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { caseSearch: en }, true, false);

/** What the search adds to a list item. */
export interface SearchHighlights {
  title?: string;
  snippet?: string;
  snippetFrom?: 'content' | 'timeline';
}
export type CaseRow = CaseListItemOut & { highlights?: SearchHighlights };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** The parts of a marked string: text, and whether it is a hit. */
export function markedParts(marked: string): Array<{ text: string; hit: boolean }> {
  const out: Array<{ text: string; hit: boolean }> = [];
  let hit = false;
  for (const piece of marked.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') hit = true;
    else if (piece === '</mark>') hit = false;
    else if (piece) out.push({ text: unescape(piece), hit });
  }
  return out;
}

/** A highlighted string from the server, rendered as text with <mark> elements. */
export function Marked({ text }: { text: string }) {
  return (
    <>
      {markedParts(text).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** The snippet line under a found case's title. */
export function SearchSnippet({ highlights }: { highlights: SearchHighlights }) {
  const { t } = useTranslation();
  if (!highlights.snippet) return null;
  return (
    <Typography.Text type="secondary" className="case-cell-snippet">
      {highlights.snippetFrom === 'timeline' ? t('caseSearch.fromTimeline') : null}
      <Marked text={highlights.snippet} />
    </Typography.Text>
  );
}

/** How many cases of any status a search finds: null too many to count, 'pending' not known yet, 'unknown' the count failed. */
export type ElsewhereCount = number | null | 'pending' | 'unknown';

/** The same search over every status (the 全部 tab), when the list shows a narrower tab. */
export interface SearchElsewhere {
  /** Where the list searched now, as the line names it: 在办诉求中, “超期”中, 当前筛选条件下. */
  scope: string;
  q: string;
  total: ElsewhereCount;
  /** Opens the 全部 tab with the same keyword and filters. */
  onShow: () => void;
}

/**
 * The line above the results: how many were found (when the server counted them); in a narrower
 * tab, when more cases of other statuses match, how many and 查看全部 (waiting for that count
 * rather than changing the line under the reader's eyes).
 */
export function SearchSummary({ total, loading, elsewhere }: { total: number | null | undefined; loading: boolean; elsewhere?: SearchElsewhere }) {
  const { t } = useTranslation();
  if (loading && total === undefined) return null;
  if (elsewhere && !loading && typeof total === 'number') {
    const more = elsewhere.total;
    if (more === 'pending') return null;
    if (more === null || (typeof more === 'number' && more > total)) {
      const here = total === 0 ? t('caseSearch.nothingIn', { scope: elsewhere.scope, q: elsewhere.q }) : t('caseSearch.foundIn', { scope: elsewhere.scope, count: total });
      return (
        <div className="case-search-summary case-search-elsewhere" role="status">
          <Typography.Text className="case-search-summary-text">
            {here}
            {t('caseSearch.separator')}
            {more === null ? t('caseSearch.elsewhereMany') : t('caseSearch.elsewhere', { count: more })}
          </Typography.Text>
          <Button type="link" size="small" onClick={elsewhere.onShow}>
            {t('caseSearch.seeAll')}
          </Button>
        </div>
      );
    }
  }
  return (
    <Typography.Text type="secondary" className="case-search-summary" role="status">
      {typeof total === 'number' ? t('caseSearch.found', { count: total }) : t('caseSearch.foundMany')}
    </Typography.Text>
  );
}
