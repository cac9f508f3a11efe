import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS, GENDERS } from '../../../../shared/org.ts';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { orgErrors } from '../org.errors.ts';
import { requireAdmin } from '../org.policy.ts';
import { MAX_IMPORT_ROWS, XLSX_MIME } from './deputy-import.ts';
import { contentDisposition } from './deputy-import.template.ts';
import { commitDeputyImport, deputyImportTemplate, previewDeputyImport } from './deputy-import.service.ts';

const tags = ['组织 Organisation'];

const rowDataOut = z.object({
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  level: z.enum(DEPUTY_LEVELS).nullable().describe('无法识别时为 null，见 errors'),
  occupation: z.string(),
  constituency: z.string(),
  regionCode: z.string(),
  term: z.string(),
  termStart: z.number().nullable(),
  termEnd: z.number().nullable(),
  expertise: z.array(z.string()),
  publicPhone: z.string(),
  stationNames: z.array(z.string()),
});

const previewOut = z.object({
  batchId: z.string(),
  fileName: z.string(),
  rows: z.array(
    z.object({
      row: z.number().describe('Excel 中的行号（从 1 起，表头为第 1 行）'),
      data: rowDataOut,
      errors: z.array(z.object({ field: z.string().describe('列名（中文）'), message: z.string() })),
    }),
  ),
  validCount: z.number(),
  errorCount: z.number(),
  expiresAt: z.string(),
});

// The upload is read with req.file(), so the body itself is not validated (it is null for multipart);
// the schema is there for the OpenAPI document.
const uploadBody = z.any().meta({
  description: 'multipart/form-data，文件字段名为 file',
  type: 'object',
  properties: { file: { type: 'string', format: 'binary', description: `代表花名册 .xlsx（按导入模板填写，最多 ${MAX_IMPORT_ROWS} 行，不超过 10 MiB）` } },
  required: ['file'],
});

const xlsxFile = z.any().meta({ description: `代表花名册模板（${XLSX_MIME}）`, type: 'string', format: 'binary' });

/** A display name for the uploaded file: its base name, one line, bounded. */
function uploadName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || '代表花名册.xlsx';
}

/** Registered before `/deputies/:id`'s routes; the static `import` segment wins over the parameter either way. */
export function deputyImportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/deputies/import/template', {
    schema: { tags, summary: '下载代表花名册导入模板（.xlsx，含本区区划代码和联络站名称）', produces: [XLSX_MIME], response: { 200: xlsxFile } },
  }, async (req, reply) => {
    const bytes = await deputyImportTemplate(db, requirePrincipal(req));
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', contentDisposition('代表花名册模板.xlsx', 'deputies-template.xlsx'))
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  r.post('/deputies/import/preview', {
    schema: {
      tags,
      summary: '上传代表花名册并预览（逐行检查，不写入；预览保留 30 分钟）',
      consumes: ['multipart/form-data'],
      body: uploadBody,
      response: { 200: previewOut },
    },
  }, async (req) => {
    // Refused before the upload is read.
    requireAdmin(requirePrincipal(req));
    const ctx = actionContext(req, deps);
    if (!req.isMultipart()) throw orgErrors.IMPORT_FILE_INVALID('请以 multipart/form-data 上传 Excel 文件（字段名 file）', { field: 'file' });
    const part = await req.file();
    if (!part || part.fieldname !== 'file') throw orgErrors.IMPORT_FILE_INVALID('请上传 Excel 文件（字段名 file）', { field: 'file' });
    const bytes = await part.toBuffer();
    return previewDeputyImport(db, ctx, { fileName: uploadName(part.filename), bytes });
  });

  r.post('/deputies/import/:batchId/commit', {
    schema: {
      tags,
      summary: '确认导入：重新检查后，将预览中无误的行写入（同一事务）',
      params: z.strictObject({ batchId: id() }),
      response: { 200: z.object({ imported: z.number().describe('已导入的代表数'), skipped: z.number().describe('因有错误而跳过的行数') }) },
    },
  }, async (req) => {
    requirePrincipal(req);
    return commitDeputyImport(db, actionContext(req, deps), req.params.batchId);
  });
}
