import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROJECT_LIMITS } from '../../../../shared/projects.ts';
import { actionContext } from '../../../platform/auth/auth.plugin.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { publicLimits } from '../../cases/index.ts';
import {
  proposeFromPublic, publicCall, publicCalls, publicProject, publicProjects, publicProposalBody, publicVotingResults, type PublicCallSummary, type PublicVotingResults,
} from '../../projects/index.ts';
import { formToken, newFormToken, readMultipartForm } from './case-forms.ts';
import { pageErrors } from './case-routes.ts';
import { parseProposal, proposalFieldOf, proposalValues, type FieldErrors } from './project-forms.ts';
import {
  callClosedPage, callPage, emptyProposal, evaluationRows, projectNotFoundPage, projectPage, projectsPage, proposalFormPage,
  type CallView, type ProjectCardView, type ProjectDetailView, type ProposalValues, type VotingResultView,
} from './project-pages.ts';
import { sendPage } from './render.ts';

const hide = { hide: true };
const idParams = z.object({ id: z.string().max(64) });

type Summary = Awaited<ReturnType<typeof publicProjects>>[number];
type Detail = NonNullable<Awaited<ReturnType<typeof publicProject>>>;

const card = (p: Summary, today: string): ProjectCardView => ({
  id: p.id, title: p.title, status: p.status, progress: p.progress, departmentName: p.department?.name ?? null, costWan: p.costWan,
  overdueMilestones: p.overdueMilestones, nextMilestone: p.nextMilestone, nextOverdue: !!p.nextMilestone && p.nextMilestone.dueOn < today, votes: p.votes,
});

const callView = (c: PublicCallSummary, today: string): CallView => ({
  id: c.id, title: c.title, year: c.year, description: c.description, opensOn: c.opensOn, closesOn: c.closesOn, proposalCount: c.proposalCount,
  phase: c.accepting ? 'open' : c.status === 'open' && today < c.opensOn ? 'upcoming' : 'closed',
});

const resultsView = (r: PublicVotingResults): VotingResultView => ({
  title: r.title, closedAt: r.closedAt, memberCount: r.memberCount, turnout: r.turnout, quorumMet: r.quorumMet, passThreshold: r.passThreshold,
  rows: r.projects.map((x) => ({ projectId: x.id, title: x.title, for: x.for, against: x.against, abstain: x.abstain, passed: x.passed })),
});

function detailView(p: Detail, today: string): ProjectDetailView {
  return {
    ...card(p, today), year: p.year, description: p.description,
    milestones: p.milestones.map((m) => ({
      id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn, evidence: m.evidence, overdue: m.overdue,
      images: m.images.map((f, i) => ({ url: f.url, alt: `${m.title}：证明照片 ${i + 1}` })),
    })),
    updates: p.updates.map((u) => ({ at: u.at, progress: u.progress, note: u.note })),
    evaluation: p.evaluation ? { raters: p.evaluation.raters, total: p.evaluation.total, rows: evaluationRows(p.evaluation.means, p.evaluation.criteria) } : null,
  };
}

/** The livelihood projects' public pages: the year's projects and vote, one project's timeline, the call and its proposal form. */
export function projectPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;
  app.setErrorHandler(pageErrors(deps));

  /** null when the id is unknown, not public or not an id at all. */
  async function orNull<T>(load: () => Promise<T>): Promise<T | null> {
    try {
      return await load();
    } catch (e) {
      if (e instanceof AppError && (e.status === 404 || e.status === 400)) return null;
      throw e;
    }
  }

  r.get('/projects', {
    schema: { ...hide, querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) }) },
  }, async (req, reply) => {
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const year = req.query.year ?? Number(today.slice(0, 4));
    // Every public project of the district (at most a few hundred): the year's list and the years that have any.
    const all = await publicProjects(deps.db, district, { today });
    const items = all.filter((p) => p.year === year);
    const years = [...new Set(all.map((p) => p.year))];
    const [results] = await publicVotingResults(deps.db, district, year);
    const calls = await publicCalls(deps.db, district, now);
    const body = projectsPage({
      year, years, items: items.map((p) => card(p, today)), results: results ? resultsView(results) : null,
      openCalls: calls.filter((c) => c.accepting).map((c) => callView(c, today)),
    });
    return sendPage(req, reply, `${year} 年民生实事项目`, body);
  });

  r.get('/projects/:id', { schema: { ...hide, params: idParams } }, async (req, reply) => {
    const today = shanghaiDate(deps.clock.now());
    const p = await orNull(() => publicProject(deps.db, district, req.params.id, { today }));
    if (!p) return sendPage(req, reply, '没有找到这个项目', projectNotFoundPage(), { status: 404 });
    return sendPage(req, reply, `${p.title} · 民生实事项目`, projectPage(detailView(p, today)));
  });

  // ------------------------------------------------------------ the call for candidate projects

  const loadCall = (id: string) => orNull(() => publicCall(deps.db, district, id, deps.clock.now()));
  const today = () => shanghaiDate(deps.clock.now());
  const callMissing = (req: FastifyRequest, reply: FastifyReply) => sendPage(req, reply, '没有找到这次征集', projectNotFoundPage('项目征集'), { status: 404 });

  async function showCall(req: FastifyRequest, reply: FastifyReply, id: string, thanks: boolean) {
    const c = await loadCall(id);
    if (!c) return callMissing(req, reply);
    const proposals = c.proposals.map((p) => ({ id: p.id, title: p.title, status: p.status, supportCount: p.supportCount }));
    return sendPage(req, reply, thanks ? '感谢您的建议' : c.title, callPage(callView(c, today()), proposals, { thanks }));
  }

  r.get('/projects/calls/:id', { schema: { ...hide, params: idParams } }, async (req, reply) => showCall(req, reply, req.params.id, false));
  r.get('/projects/calls/:id/thanks', { schema: { ...hide, params: idParams } }, async (req, reply) => showCall(req, reply, req.params.id, true));

  const formLimits = { title: 100, description: PROJECT_LIMITS.maxProposalText, location: 200 };

  async function showForm(req: FastifyRequest, reply: FastifyReply, c: CallView, o: { values: ProposalValues; errors: FieldErrors; general?: string; token: string; status: number }) {
    const body = proposalFormPage({ call: c, limits: formLimits, ...o });
    return sendPage(req, reply, o.status === 200 ? `提建议 · ${c.title}` : `提交没有成功 · ${c.title}`, body, { status: o.status, personal: o.status !== 200 });
  }

  r.get('/projects/calls/:id/propose', { schema: { ...hide, params: idParams } }, async (req, reply) => {
    const c = await loadCall(req.params.id);
    if (!c) return callMissing(req, reply);
    const call = callView(c, today());
    if (call.phase !== 'open') return sendPage(req, reply, '征集已经截止', callClosedPage(call), { status: 409 });
    return showForm(req, reply, call, { values: emptyProposal(), errors: {}, token: newFormToken(), status: 200 });
  });

  r.post('/projects/calls/:id/propose', {
    schema: { ...hide, params: idParams },
    config: { csrfExempt: true, rateLimit: limits.intake },
  }, async (req, reply) => {
    const form = await readMultipartForm(req, { maxFiles: 0 });
    const c = await loadCall(req.params.id);
    if (!c) return callMissing(req, reply);
    const call = callView(c, today());
    const closed = () => sendPage(req, reply, '征集已经截止', callClosedPage(call), { status: 409, personal: true });
    if (call.phase !== 'open') return closed();
    const values = proposalValues(form.fields);
    const token = formToken(form.fields);
    const { input, errors } = parseProposal(publicProposalBody, values);
    const general = form.overLimit ? '提交的内容太长，请删减后再提交。' : undefined;
    const again = (o: { general?: string; token?: string; status: number }) =>
      showForm(req, reply, call, { values, errors, general: o.general, token: o.token ?? token ?? newFormToken(), status: o.status });
    if (!input || Object.keys(errors).length || general) return again({ general, status: general ? 413 : 400 });
    try {
      await proposeFromPublic(deps, district, c.id, input, token, actionContext(req, deps));
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'CALL_CLOSED') return closed();
      if (e.code === 'CALL_NOT_FOUND') return callMissing(req, reply);
      if (e.code === 'PROPOSAL_IDEMPOTENCY_REUSED' || e.code === 'IDEMPOTENCY_KEY_REUSED') {
        return again({ general: '这份表单已经提交过一次。如果您要提另一条建议，请核对下面的内容后再次提交。', token: newFormToken(), status: 409 });
      }
      const field = proposalFieldOf(e);
      if (field) errors[field] = e.message;
      return again({ general: field ? undefined : e.message, status: e.status === 409 ? 409 : 400 });
    }
    return reply.header('cache-control', 'no-store').redirect(`/projects/calls/${c.id}/thanks`, 303);
  });
}
