import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectError } from '../../../testing/expect.ts';
import { ensureDistrictStandards } from './items.service.ts';
import { api, checklist, items, ok, refused, refusedUnchanged, standardsFixture, USERS, type StandardsFixture } from './testing.ts';
import type { StandardItemOut } from '../../../../shared/standards.ts';

const 八有 = ['有固定场所', '有专项经费', '有工作人员', '有规章制度', '有学习资料', '有活动记录', '有信息公示', '有活动安排'];
const 五有 = ['有场所', '有标识', '有制度', '有人员', '有记录'];

describe('standards checklist items', () => {
  let f: StandardsFixture;
  before(async () => {
    f = await standardsFixture();
  });
  after(() => f.t.close());

  test('the district starts with 八有 for stations and 五有 for rooms, in order; making them again adds nothing', async () => {
    const all = await items(f);
    assert.deepEqual(all.filter((i) => i.appliesTo.includes('station')).map((i) => i.name), 八有);
    assert.deepEqual(all.filter((i) => i.appliesTo.includes('room')).map((i) => i.name), 五有);
    assert.ok(all.every((i) => i.active && i.version === 1 && i.appliesTo.length === 1 && i.description !== ''));
    assert.deepEqual(all[0]!.abilities, { update: true, deactivate: true });
    assert.deepEqual((await items(f, 'admin', 'kind=room')).map((i) => i.code), ['room_place', 'room_sign', 'room_rules', 'room_staff', 'room_records']);
    assert.equal(await ensureDistrictStandards(f.t.deps.db, '430211', f.t.clock.now()), 0);
    assert.equal((await items(f)).length, 13);
  });

  test('every staff role reads the checklist (abilities false but for the office); signed out → 401', async () => {
    for (const u of USERS) {
      const list = await items(f, u);
      assert.equal(list.length, 13, u);
      assert.equal(list[0]!.abilities.update, u === 'admin', u);
    }
    expectError(await api(f, null, 'GET', '/standard-items'), 401, 'UNAUTHENTICATED');
    expectError(await api(f, 'admin', 'GET', '/standard-items?kind=office'), 400, 'VALIDATION_FAILED', 'query.kind');
  });

  test('the office creates an item; it joins the checklists of the kinds it applies to', async () => {
    const made = ok<StandardItemOut>(await api(f, 'admin', 'POST', '/standard-items', { code: 'accessible', name: ' 有无障碍设施 ', description: '入口有坡道', appliesTo: ['room', 'station', 'room'] }), 201);
    assert.equal(made.name, '有无障碍设施');
    assert.deepEqual(made.appliesTo, ['station', 'room']);
    assert.equal(made.sort, 140);
    assert.equal(made.version, 1);
    const mjh = await checklist(f, f.station['马家河街道']!);
    assert.equal(mjh.items.at(-1)!.item.id, made.id);
    assert.equal(mjh.items.at(-1)!.evidence.status, 'missing');
    assert.equal(mjh.items.at(-1)!.evidence.version, 0);
    const room = await checklist(f, f.station['马家河街道·新马社区']!);
    assert.ok(room.items.some((i) => i.item.id === made.id));
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_id', '=', made.id).execute();
    assert.deepEqual(audit.map((a) => ({ ...a })), [{ action: 'standard-item.create', actor_name: 'admin' }]);
  });

  test('create: bad input → 400 naming the field; duplicates → 400; only the office; nothing stored when refused', async () => {
    const good = { code: 'wifi', name: '有网络', appliesTo: ['station'] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, code: 'Wifi' }, 'body.code'],
      [{ ...good, code: '1wifi' }, 'body.code'],
      [{ ...good, code: 'w' }, 'body.code'],
      [{ ...good, code: 'x'.repeat(33) }, 'body.code'],
      [{ ...good, name: '' }, 'body.name'],
      [{ ...good, name: '长'.repeat(51) }, 'body.name'],
      [{ ...good, name: '有\u0007网络' }, 'body.name'],
      [{ ...good, appliesTo: [] }, 'body.appliesTo'],
      [{ ...good, appliesTo: ['office'] }, 'body.appliesTo.0'],
      [{ ...good, sort: -1 }, 'body.sort'],
      [{ ...good, sort: 1.5 }, 'body.sort'],
      [{ ...good, description: '长'.repeat(501) }, 'body.description'],
      [{ ...good, colour: 'red' }, 'body.colour'],
      [{ code: 'wifi', name: '有网络' }, 'body.appliesTo'],
    ];
    for (const [body, field] of cases) {
      expectError(await refusedUnchanged(f, () => api(f, 'admin', 'POST', '/standard-items', body)), 400, 'VALIDATION_FAILED', field, JSON.stringify(body));
    }
    await refused(f, () => api(f, 'admin', 'POST', '/standard-items', { ...good, code: 'place' }), 400, 'STANDARD_CODE_TAKEN', 'body.code');
    await refused(f, () => api(f, 'admin', 'POST', '/standard-items', { ...good, name: '有固定场所' }), 400, 'STANDARD_NAME_TAKEN', 'body.name');
    for (const u of ['station', 'deputy', 'dept', 'liaison'] as const) {
      await refused(f, () => api(f, u, 'POST', '/standard-items', good), 403, 'FORBIDDEN');
    }
  });

  test('update with the version seen; stale → 409; the code cannot change; names stay unique', async () => {
    const place = (await items(f)).find((i) => i.code === 'place')!;
    const upd = ok<StandardItemOut>(await api(f, 'admin', 'PATCH', `/standard-items/${place.id}`, { version: place.version, name: '有固定活动场所', description: '面积不少于 60 平方米', sort: 5 }));
    assert.equal(upd.name, '有固定活动场所');
    assert.equal(upd.version, 2);
    assert.equal(upd.code, 'place');
    assert.equal((await items(f))[0]!.id, place.id);
    await refused(f, () => api(f, 'admin', 'PATCH', `/standard-items/${place.id}`, { version: 1, name: '又改名' }), 409, 'CONFLICT', 'body.version');
    await refused(f, () => api(f, 'admin', 'PATCH', `/standard-items/${place.id}`, { version: 2, code: 'site' }), 400, 'VALIDATION_FAILED', 'body.code');
    await refused(f, () => api(f, 'admin', 'PATCH', `/standard-items/${place.id}`, { version: 2, name: '有专项经费' }), 400, 'STANDARD_NAME_TAKEN', 'body.name');
    await refused(f, () => api(f, 'admin', 'PATCH', `/standard-items/${place.id}`, { name: 'x' }), 400, 'VALIDATION_FAILED', 'body.version');
    await refused(f, () => api(f, 'station', 'PATCH', `/standard-items/${place.id}`, { version: 2, name: 'x' }), 403, 'FORBIDDEN');
    expectError(await api(f, 'admin', 'PATCH', '/standard-items/01900000-0000-7000-8000-000000000000', { version: 1, name: 'x' }), 404, 'STANDARD_ITEM_NOT_FOUND');
    // Back to the 天元 wording for the other tests.
    ok(await api(f, 'admin', 'PATCH', `/standard-items/${place.id}`, { version: 2, name: '有固定场所', sort: 10 }));
  });

  test('deactivate drops the item from checklists and the active list; activate brings it back with its evidence', async () => {
    const plan = (await items(f)).find((i) => i.code === 'publicity')!;
    const mjh = f.station['马家河街道']!;
    const before = (await checklist(f, mjh)).items.find((i) => i.item.id === plan.id)!.evidence;
    assert.equal(before.status, 'returned');
    const off = ok<StandardItemOut>(await api(f, 'admin', 'POST', `/standard-items/${plan.id}/deactivate`, { version: plan.version }));
    assert.equal(off.active, false);
    assert.ok(!(await items(f, 'admin', 'active=true')).some((i) => i.id === plan.id));
    assert.ok((await items(f, 'admin', 'active=false')).some((i) => i.id === plan.id));
    assert.ok(!(await checklist(f, mjh)).items.some((i) => i.item.id === plan.id));
    // Still readable with its history, but no one may act on it.
    const d = ok<{ evidence: { abilities: Record<string, boolean> } }>(await api(f, 'station', 'GET', `/stations/${mjh}/standards/${plan.id}`));
    assert.ok(Object.values(d.evidence.abilities).every((v) => v === false));
    await refused(f, () => api(f, 'station', 'PUT', `/stations/${mjh}/standards/${plan.id}`, { version: before.version, text: '补拍了照片' }), 409, 'STANDARD_ITEM_INACTIVE');
    await refused(f, () => api(f, 'admin', 'POST', `/standard-items/${plan.id}/deactivate`, { version: plan.version }), 409, 'CONFLICT');
    const on = ok<StandardItemOut>(await api(f, 'admin', 'POST', `/standard-items/${plan.id}/activate`, { version: off.version }));
    assert.equal(on.active, true);
    assert.deepEqual((await checklist(f, mjh)).items.find((i) => i.item.id === plan.id)!.evidence, before);
    const actions = await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', plan.id).orderBy('seq').execute();
    assert.deepEqual(actions.map((a) => a.action), ['standard-item.deactivate', 'standard-item.activate']);
  });
});
