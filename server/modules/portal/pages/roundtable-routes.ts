import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { activityPublicLimits, getRoundtableByToken, postByToken, roundtablePostBody } from '../../activities/index.ts';
import { pageErrorPage } from './case-pages.ts';
import { pageErrors } from './case-routes.ts';
import { readMultipartForm } from './case-forms.ts';
import { sendPage } from './render.ts';
import { roundtablePage } from './roundtable-pages.ts';

const hide = { hide: true };
const params = z.object({ token: z.string().max(200) });

/** An invited participant's page for an online roundtable: read the thread, speak, see the closing summary. */
export function roundtablePageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = activityPublicLimits(deps);
  app.setErrorHandler(pageErrors(deps));

  const load = async (token: string) => {
    try {
      return await getRoundtableByToken(deps, token);
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return null;
      throw e;
    }
  };
  const gone = pageErrorPage('邀请链接无效', '这个邀请链接不存在、已被撤销，或者输入有误。请使用联络站发给您的完整链接，或联系联络站工作人员。');

  r.get('/roundtables/:token', { schema: { ...hide, params, querystring: z.object({ posted: z.string().max(5).optional().catch(undefined) }) }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    const v = await load(req.params.token);
    if (!v) return sendPage(req, reply, '邀请链接无效', gone, { status: 404, personal: true });
    return sendPage(req, reply, v.activity.title, roundtablePage(v, { token: req.params.token, posted: req.query.posted === '1' }), { personal: true });
  });

  r.post('/roundtables/:token', { schema: { ...hide, params }, config: { csrfExempt: true, rateLimit: limits.post } }, async (req, reply) => {
    const form = await readMultipartForm(req, { maxFiles: 0 });
    const token = req.params.token;
    const v = await load(token);
    if (!v) return sendPage(req, reply, '邀请链接无效', gone, { status: 404, personal: true });
    const raw = form.fields.get('body') ?? '';
    const parsed = roundtablePostBody.safeParse({ body: raw });
    if (!parsed.success || form.overLimit) {
      const error = form.overLimit ? '发言太长，请删减到 2000 字以内' : raw.trim() === '' ? '请填写发言内容' : (parsed.error?.issues[0]?.message ?? '发言内容不正确');
      return sendPage(req, reply, v.activity.title, roundtablePage(v, { token, body: raw, error }), { status: 400, personal: true });
    }
    try {
      await postByToken(deps, { ...actionContext(req, deps), principal: null }, token, parsed.data.body);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const fresh = (await load(token)) ?? v;
      return sendPage(req, reply, v.activity.title, roundtablePage(fresh, { token, body: raw, error: e.message }), { status: e.status, personal: true });
    }
    return reply.header('cache-control', 'no-store').redirect(`/roundtables/${token}?posted=1`, 303);
  });
}
