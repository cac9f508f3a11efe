import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext } from '../../../platform/auth/auth.plugin.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { maxUploadBytes } from '../../../platform/files/limits.ts';
import { activeCategoryNames, createCase, getPublicCase, MAX_PHOTOS, normaliseTrackingCode, publicFormTokenUsed, publicLimits, rateCase, type PublicCase } from '../../cases/index.ts';
import { findSimilarForPublic } from '../../insight/index.ts';
import { getPublicStation, type PublicStation } from '../../org/index.ts';
import {
  emptyReport, formToken, newFormToken, parseRating, parseReport, photosOf, ratingFieldOf, ratingValues, readMultipartForm, reportFieldOf, reportValues,
  type FieldErrors, type ReportValues,
} from './case-forms.ts';
import { caseNotFoundPage, duplicatesStepPage, pageErrorPage, reportPage, trackLookupPage, trackPage, type TrackPageOptions } from './case-pages.ts';
import { sendPage } from './render.ts';
import { notFoundPage } from './station-pages.ts';

const hide = { hide: true };
const stationParams = z.object({ id: z.string().max(64) });
const codeParams = z.object({ code: z.string().max(64) });
const flag = z.string().max(5).optional().catch(undefined);

/** The public pages act for nobody: the person is known only by what they type. */
const publicContext = (req: FastifyRequest, deps: AppDeps): ActionContext => ({ ...actionContext(req, deps), principal: null });

/**
 * Errors these pages did not handle themselves (rate limits, a body that is not a form, a
 * database failure) as a page, not as the API's JSON: the person is looking at a browser.
 */
export function pageErrors(deps: AppDeps) {
  return (err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => {
    const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
    if (status >= 500) {
      req.log.error({ err }, 'unhandled error on a public page');
      return sendPage(req, reply, '出错了', pageErrorPage('出错了', '服务器暂时出了点问题，您这次提交的内容可能没有保存。请稍后再试，或到联络站当面反映。'), { status: 500, personal: true });
    }
    req.log.info({ code: (err as { code?: string }).code }, 'public page refused');
    if (status === 429) {
      const retry = (err as { headers?: Record<string, string> }).headers?.['retry-after'];
      if (retry) void reply.header('retry-after', retry);
      const wait = retry ? `请在 ${retry} 秒后再试。` : '请稍后再试。';
      return sendPage(req, reply, '操作过于频繁', pageErrorPage('操作过于频繁', `为防止恶意提交和猜测查询码，同一网络短时间内的操作次数有限制。${wait}`), { status, personal: true });
    }
    if (status === 413) {
      return sendPage(req, reply, '内容太大', pageErrorPage('提交的内容太大', `照片每张不能超过 ${Math.round(maxUploadBytes(deps.config) / 1024 / 1024)} MB，最多 ${MAX_PHOTOS} 张。请返回减少照片后再提交。`), { status, personal: true });
    }
    const message = err instanceof AppError ? err.message : '请求的格式不正确，请返回上一页重新填写后提交。';
    return sendPage(req, reply, '无法处理', pageErrorPage('无法处理这个请求', message), { status: status >= 400 ? status : 400, personal: true });
  };
}

/** The constituent's pages for cases: report a problem (no JavaScript needed), follow it by tracking code, rate the result. */
export function casePageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const maxMb = Math.round((maxUploadBytes(deps.config) / 1024 / 1024) * 10) / 10;
  app.setErrorHandler(pageErrors(deps));

  const districtOf = (s: PublicStation) => s.regionCode.slice(0, 6);

  const categoriesOf = (s: PublicStation) => activeCategoryNames(deps.db, districtOf(s));

  async function showReport(req: FastifyRequest, reply: FastifyReply, s: PublicStation, o: { values: ReportValues; errors: FieldErrors; general?: string; token: string; photosDropped: number; status: number; confirmed?: boolean }) {
    const categories = await categoriesOf(s);
    const body = reportPage({ station: { id: s.id, name: s.name }, categories, maxPhotos: MAX_PHOTOS, maxMb, ...o });
    return sendPage(req, reply, o.status === 200 ? `反映问题 · ${s.name}` : `提交没有成功 · ${s.name}`, body, { status: o.status, personal: o.status !== 200 });
  }

  r.get('/stations/:id/report', { schema: { ...hide, params: stationParams } }, async (req, reply) => {
    const s = await getPublicStation(deps.db, req.params.id);
    if (!s) return sendPage(req, reply, '页面不存在', notFoundPage(), { status: 404 });
    return showReport(req, reply, s, { values: emptyReport(), errors: {}, token: newFormToken(), photosDropped: 0, status: 200 });
  });

  r.post('/stations/:id/report', {
    schema: { ...hide, params: stationParams },
    config: { csrfExempt: true, rateLimit: limits.intake },
  }, async (req, reply) => {
    const s = await getPublicStation(deps.db, req.params.id);
    if (!s) return sendPage(req, reply, '页面不存在', notFoundPage(), { status: 404 });
    const form = await readMultipartForm(req, { maxFiles: MAX_PHOTOS });
    const values = reportValues(form.fields);
    const token = formToken(form.fields);
    // Sent from the possible-duplicates step (仍然提交).
    const confirmed = form.fields.get('confirmed') === '1';
    const { input, errors } = parseReport(values, await categoriesOf(s));
    let status = 400;
    let general: string | undefined;
    const big = form.files.find((f) => f.truncated);
    if (form.tooManyFiles) errors.photos = `照片最多 ${MAX_PHOTOS} 张，请少选几张`;
    else if (big) {
      errors.photos = `“${big.filename || '照片'}”太大：每张照片不能超过 ${maxMb} MB`;
      status = 413;
    }
    if (form.overLimit) {
      general = '提交的内容太长，请删减后再提交。';
      status = 413;
    }
    const again = (o: { general?: string; token?: string; status: number }) =>
      showReport(req, reply, s, { values, errors, general: o.general, token: o.token ?? token ?? newFormToken(), photosDropped: form.files.length, status: o.status, confirmed });
    if (!input || Object.keys(errors).length || general) return again({ general, status });

    // Before saving: open cases of this station that look like the same problem (可能已有人反映过).
    // Not when the person already said 仍然提交, nor when this form's token already made its case
    // (looked up after the check, so a copy racing in just before is seen): sending it again replays it.
    if (!confirmed) {
      const similar = await findSimilarForPublic(deps, s.id, { title: input.title, content: input.content });
      if (similar.length && !(token && (await publicFormTokenUsed(deps.db, token)))) {
        const body = duplicatesStepPage({ station: { id: s.id, name: s.name }, similar, values, token: token ?? newFormToken(), maxPhotos: MAX_PHOTOS, maxMb, photosDropped: form.files.length });
        return sendPage(req, reply, `可能已有人反映过 · ${s.name}`, body, { personal: true });
      }
    }

    try {
      const res = await createCase(deps, publicContext(req, deps), { channel: 'online', stationId: s.id, ...input }, { idempotencyKey: token, photos: photosOf(form.files) });
      return reply.header('cache-control', 'no-store').redirect(`/track/${res.trackingCode}?new=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'IDEMPOTENCY_KEY_REUSED') {
        // The page was sent once already and then changed (back button, edit, send again):
        // a new report needs a new token.
        return again({ general: '这份表单已经提交过一次。如果您要反映另一个问题，请核对下面的内容后再次提交。', token: newFormToken(), status: 409 });
      }
      const field = reportFieldOf(e);
      if (field) errors[field] = e.message;
      return again({ general: field ? undefined : e.message, status: e.status === 413 ? 413 : e.status === 409 ? 409 : 400 });
    }
  });

  // ------------------------------------------------------------ tracking

  r.get('/track', {
    schema: { ...hide, querystring: z.object({ code: z.string().max(200).optional().catch(undefined) }) },
    config: { rateLimit: limits.lookup },
  }, async (req, reply) => {
    const raw = req.query.code?.trim();
    if (!raw) return sendPage(req, reply, '查询办理进展', trackLookupPage());
    const code = normaliseTrackingCode(raw);
    if (!code) return sendPage(req, reply, '没有找到', caseNotFoundPage(raw.slice(0, 40)), { status: 404, personal: true });
    return reply.redirect(`/track/${code}`, 303);
  });

  r.get('/track/', { schema: hide }, async (_req, reply) => reply.redirect('/track', 301));

  async function showCase(req: FastifyRequest, reply: FastifyReply, c: PublicCase, o: TrackPageOptions, status = 200) {
    return sendPage(req, reply, `${c.title} · 办理进展`, trackPage(c, o), { status, personal: true });
  }

  async function findCase(code: string): Promise<PublicCase | null> {
    try {
      return await getPublicCase(deps.db, code);
    } catch (e) {
      if (e instanceof AppError && e.code === 'TRACKING_CODE_NOT_FOUND') return null;
      throw e;
    }
  }

  r.get('/track/:code', {
    schema: { ...hide, params: codeParams, querystring: z.object({ new: flag, rated: flag }) },
    config: { rateLimit: limits.lookup },
  }, async (req, reply) => {
    const code = normaliseTrackingCode(req.params.code);
    const notFound = () => sendPage(req, reply, '没有找到', caseNotFoundPage(req.params.code.slice(0, 40)), { status: 404, personal: true });
    if (!code) return notFound();
    if (code !== req.params.code) {
      const q = new URLSearchParams({ ...(req.query.new ? { new: req.query.new } : {}), ...(req.query.rated ? { rated: req.query.rated } : {}) }).toString();
      return reply.redirect(`/track/${code}${q ? `?${q}` : ''}`, 303);
    }
    const c = await findCase(code);
    if (!c) return notFound();
    return showCase(req, reply, c, { justCreated: req.query.new === '1', justRated: req.query.rated === '1' });
  });

  r.post('/track/:code/rating', {
    schema: { ...hide, params: codeParams },
    config: { csrfExempt: true, rateLimit: limits.rating },
  }, async (req, reply) => {
    const form = await readMultipartForm(req, { maxFiles: 0 });
    const code = normaliseTrackingCode(req.params.code);
    const c = code ? await findCase(code) : null;
    if (!code || !c) return sendPage(req, reply, '没有找到', caseNotFoundPage(req.params.code.slice(0, 40)), { status: 404, personal: true });
    const values = ratingValues(form.fields);
    const notRatable = (now: PublicCase) => {
      const already = now.timeline.some((t) => t.type === 'rating');
      return showCase(req, reply, now, { notice: already ? '这件事已经评价过了，感谢您的参与。' : '这件事现在还不能评价：联络站向您反馈办理结果后才能评价。' }, 409);
    };
    if (!c.canRate) return notRatable(c);
    const { input, errors } = parseRating(values, c.asksPhoneCheck);
    if (form.overLimit) errors.comment = '意见太长，请删减后再提交';
    if (!input || Object.keys(errors).length) return showCase(req, reply, c, { rating: { values, errors } }, 400);
    try {
      await rateCase(deps, publicContext(req, deps), code, input);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const fresh = (await findCase(code)) ?? c;
      if (e.code === 'RATING_NOT_ALLOWED') return notRatable(fresh);
      const field = ratingFieldOf(e);
      return showCase(req, reply, fresh, { rating: { values, errors: field ? { [field]: e.message } : {}, general: field ? undefined : e.message } }, e.status === 409 ? 409 : 400);
    }
    return reply.header('cache-control', 'no-store').redirect(`/track/${code}?rated=1`, 303);
  });
}
