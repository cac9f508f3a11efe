import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { exportFilename, exportQueryOf, sendExport } from '../../../platform/http/export.ts';
import { CASE_EXPORT_COLUMNS, requireCaseFiltersInScope } from '../../cases/index.ts';
import { searchCasesOut, searchCasesQuery } from './search.schemas.ts';
import { MAX_CANDIDATES, RANK_WINDOW, searchAll, searchCases } from './search.service.ts';

const tags = ['诉求办理 Cases'];

/** GET /api/v1/cases/search and its export. Thin: parse, one query. */
export function searchRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/cases/search', {
    schema: {
      tags, summary: '全文搜索诉求（标题、内容、答复及办理记录中的备注；按相关度排序，命中处标出）',
      description: [
        '在调用者管辖范围内搜索，可与诉求列表（GET /cases）的全部筛选条件同用（不含 `sort`：结果按相关度排序，相关度相同时新登记的在前）。每一项与诉求列表的项相同，另有 `highlights`。',
        '**匹配规则**：搜索词经过规范化（全角转半角、繁体转简体、英文转小写，去掉表情符号），按空格分成几个词，须同时出现；每个词中的汉字须在标题、内容、一条答复或一条备注中连续出现（与“包含”该词相同，一个字也可以搜，如“灯”），不跨标点、不跨两段文字；英文单词和数字按整词匹配。输入完整的查询码可直接找到该件诉求。',
        '**搜索的文字**：标题、内容；答复（reply、resolve）、反馈群众（feedback）、不予受理理由（reject）、群众评价留言（rating）；办理记录中的内部备注（除系统生成的超期提示）。这些文字凡能看到该诉求的人在详情页都能看到。',
        `**排序**：最新的 ${RANK_WINDOW} 件命中按相关度排序（命中次数、标题中命中加权、按文字长短折算），相关度相同时新登记的在前；更早的命中随后按登记先后（新的在前）列出。命中不超过 ${RANK_WINDOW} 件时全部按相关度排序。`,
        `**分页**：\`cursor\` 为偏移量（相关度排序没有稳定的键），每页 \`limit\` 条（1–100）。\`total\` 为符合条件的件数；命中超过 ${RANK_WINDOW} 件时不逐一核对，\`total\` 为 null（翻到最后一页时给出）。一次搜索最多查看 ${MAX_CANDIDATES} 件命中。`,
        '**错误**：`q` 为空或超过 50 个字符，或只有标点符号、表情：400，`field` 为 `query.q`。',
      ].join('\n\n'),
      querystring: searchCasesQuery, response: { 200: searchCasesOut },
    },
  }, async (req) => searchCases(deps, requirePrincipal(req), req.query));

  r.get('/cases/search/export', {
    schema: {
      tags, summary: '导出搜索结果（Excel 或 CSV，搜索词与筛选条件与 GET /cases/search 相同）',
      description: `导出一次搜索找到的全部诉求（不分页），顺序与搜索结果相同，列与诉求列表的导出（GET /cases/export）相同，不含群众个人信息。一次最多查看 ${MAX_CANDIDATES} 件命中。搜索词无效时返回 400（field 为 query.q）；筛选条件中的联络站、承办部门或代表不在管辖范围内时返回 404。`,
      querystring: exportQueryOf(searchCasesQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...query } = req.query;
    await requireCaseFiltersInScope(deps.db, p, query);
    return sendExport(reply, { format, filename: exportFilename('诉求搜索结果', deps.clock.now()), sheetName: '搜索结果', columns: CASE_EXPORT_COLUMNS, rows: searchAll(deps, p, query) });
  });
}
