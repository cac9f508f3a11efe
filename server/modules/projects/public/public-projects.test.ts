import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProjectSummary } from '../../../../shared/projects.ts';
import { pngWithGps } from '../../../platform/files/test-images.ts';
import { countRows, expectError } from '../../../testing/expect.ts';
import { fixture, ok, PROJECT_TABLES, seedSession, upload, type Fixture } from '../implementation/testing.ts';
import { publicProject, publicProjects, type PublicProjectDetail } from './public-projects.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', 'utf8');

describe('projects: evidence files and the public view', () => {
  let f: Fixture;
  let ids: string[];
  let milestoneId: string;
  before(async () => {
    // Uploads over 100 KB are refused, so "too large" is cheap to test.
    f = await fixture({ LIANXIN_MAX_UPLOAD_MB: '0.1' });
    ({ projectIds: ids } = await seedSession(f, {
      year: 2020, closedAt: '2026-01-15T08:00:00.000Z',
      projects: [{ status: 'passed', title: '公开项目' }, { status: 'not_passed', title: '未通过项目' }, { status: 'candidate', title: '候选项目' }],
    }));
    const d = ok(await f.api('dept', 'POST', `/projects/${ids[0]}/milestones`, { title: '完成施工', dueOn: '2026-08-31' }), 201);
    milestoneId = d.milestones[0]!.id;
    await f.api('dept', 'POST', `/projects/${ids[0]}/milestones`, { title: '竣工验收', dueOn: '2026-11-01' });
  });
  after(() => f.t.close());

  test('evidence files: images and documents by the reporter; wrong type, too large, not multipart and other roles refused with nothing stored', async () => {
    const base = `/projects/${ids[0]}/milestones/${milestoneId}/files`;
    const png = await upload(f, 'dept', base, '现场照片.png', 'image/png', pngWithGps());
    assert.equal(png.statusCode, 201, png.body);
    const image = png.json() as { id: string; mime: string; filename: string };
    assert.equal(image.mime, 'image/png');
    const pdf = await upload(f, 'admin', base, '验收报告.pdf', 'application/pdf', PDF);
    assert.equal(pdf.statusCode, 201, pdf.body);
    const dl = await f.t.as(f.s.deputy, { method: 'GET', url: `/api/v1${base}/${image.id}` });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/png');

    const refused = async (run: () => Promise<{ statusCode: number; body: string; json(): unknown; headers: Record<string, unknown> }>, status: number, codes: string[], field?: string) => {
      const before = await countRows(f.t.deps.db, [...PROJECT_TABLES]);
      const res = await run();
      const body = expectError(res as never, status, (res.json() as { error: { code: string } }).error.code, field);
      assert.ok(codes.includes(body.error.code), res.body);
      assert.deepEqual(await countRows(f.t.deps.db, [...PROJECT_TABLES]), before, 'a refused upload wrote something');
    };
    await refused(() => upload(f, 'dept', base, 'page.html', 'text/html', HTML), 400, ['MILESTONE_FILE_TYPE_NOT_ALLOWED'], 'file');
    await refused(() => upload(f, 'dept', base, 'photo.png', 'image/png', Buffer.from('这不是图片')), 400, ['MILESTONE_FILE_TYPE_NOT_ALLOWED'], 'file');
    await refused(() => upload(f, 'dept', base, 'big.png', 'image/png', Buffer.concat([pngWithGps(), Buffer.alloc(110 * 1024)])), 413, ['PAYLOAD_TOO_LARGE', 'MILESTONE_FILE_TOO_LARGE']);
    await refused(() => f.api('dept', 'POST', base, { file: 'x' }), 400, ['UNSUPPORTED_MEDIA_TYPE']);
    for (const u of ['dept2', 'station', 'deputy'] as const) await refused(() => upload(f, u, base, 'a.png', 'image/png', pngWithGps()), 403, ['FORBIDDEN']);
    await refused(() => upload(f, 'dept', `/projects/${ids[0]}/milestones/nope/files`, 'a.png', 'image/png', pngWithGps()), 404, ['MILESTONE_NOT_FOUND']);
    const d = ok(await f.api('station', 'GET', `/projects/${ids[0]}`));
    assert.deepEqual(d.milestones[0]!.files.map((x) => x.filename), ['现场照片.png', '验收报告.pdf']);
  });

  test('the public list: passed, in-progress and completed projects only, with vote totals', async () => {
    const res = await f.api(null, 'GET', '/public/projects?year=2020');
    assert.equal(res.statusCode, 200, res.body);
    const items = (res.json() as { items: ProjectSummary[] }).items;
    assert.deepEqual(items.map((p) => p.id), [ids[0]]);
    assert.deepEqual(items[0]!.votes, { for: 17, against: 1, abstain: 0 });
    assert.deepEqual((await publicProjects(f.t.deps.db, f.districtCode, { year: 2020, today: '2026-11-20' })).map((p) => p.id), [ids[0]]);
    expectError(await f.api(null, 'GET', '/public/projects?year=abc'), 400, 'VALIDATION_FAILED', 'query.year');
  });

  test('the public project: milestones with evidence text and image links, the timeline signed by the department, no personal data', async () => {
    const d = ok(await f.api('dept', 'GET', `/projects/${ids[0]}`));
    ok(await f.api('dept', 'PATCH', `/projects/${ids[0]}/milestones/${milestoneId}`, { version: d.milestones[0]!.version, doneOn: '2026-08-30', evidence: '主体施工完成，监理单位已签认。' }));
    ok(await f.api('dept', 'POST', `/projects/${ids[0]}/updates`, { version: d.version, progress: 60, note: '主体施工完成' }), 201);
    ok(await f.api('deputy', 'POST', `/projects/${ids[0]}/follow`));
    const res = await f.api(null, 'GET', `/public/projects/${ids[0]}`);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json() as PublicProjectDetail;
    assert.deepEqual([p.status, p.progress], ['in_progress', 60]);
    assert.deepEqual(p.milestones.map((m) => [m.title, m.doneOn, m.evidence, m.overdue]), [['完成施工', '2026-08-30', '主体施工完成，监理单位已签认。', false], ['竣工验收', null, '', true]]);
    assert.equal(p.milestones[0]!.images.length, 1, 'the image, not the PDF');
    assert.deepEqual(p.updates.map((u) => [u.progress, u.note, u.byName]), [[60, '主体施工完成', '区城市管理和综合执法局']]);
    assert.equal(p.evaluation, null);
    assert.deepEqual(Object.keys(p).filter((k) => ['abilities', 'followerCount', 'following', 'version', 'caseIds'].includes(k)), []);
    for (const s of Object.values(f.s)) {
      assert.ok(!res.body.includes(s.user.id), `no account id (${s.user.username})`);
      assert.ok(!res.body.includes(`"${s.user.username}"`));
    }
    assert.ok(!res.body.includes('by_user_id') && !res.body.includes('byUserId') && !res.body.includes('storage'));
    const img = await f.api(null, 'GET', p.milestones[0]!.images[0]!.url.replace('/api/v1', ''));
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/png');
    const pdfId = ok(await f.api('dept', 'GET', `/projects/${ids[0]}`)).milestones[0]!.files.find((x) => x.mime === 'application/pdf')!.id;
    expectError(await f.api(null, 'GET', `/public/projects/${ids[0]}/files/${pdfId}`), 404, 'MILESTONE_FILE_NOT_FOUND');
    assert.deepEqual(await publicProject(f.t.deps.db, f.districtCode, ids[0]!, { today: '2026-11-20' }), p);
  });

  test('candidates and projects not passed are not public; another district\'s project neither', async () => {
    for (const id of ids.slice(1)) {
      expectError(await f.api(null, 'GET', `/public/projects/${id}`), 404, 'PROJECT_NOT_FOUND');
      assert.equal(await publicProject(f.t.deps.db, f.districtCode, id!), null);
    }
    const other = (await seedSession(f, { year: 2020, districtCode: '430202', projects: [{ status: 'passed' }] })).projectIds[0]!;
    expectError(await f.api(null, 'GET', `/public/projects/${other}`), 404, 'PROJECT_NOT_FOUND');
  });
});
