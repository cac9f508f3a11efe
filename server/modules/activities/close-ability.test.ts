import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

describe('closing an online roundtable: the ability follows the rule (not before its day)', () => {
  let t: TestApp;
  let station: Session;
  let stationId: string;
  before(async () => {
    t = await createTestApp();
    station = await t.login('station');
    stationId = station.user.stationId!;
  });
  after(() => t.close());

  const create = async (date: string) => {
    const res = await t.as(station, { method: 'POST', url: '/api/v1/activities', payload: { kind: 'roundtable', mode: 'online', title: `线上圆桌会 ${date}`, stationId, date } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };

  test('a roundtable dated tomorrow cannot be closed yet and says so in its abilities; one dated today can', async () => {
    const tomorrow = await create('2026-11-21'); // TEST_NOW is 10:00 on 2026-11-20 in Shanghai
    assert.equal(tomorrow.abilities.close, false);
    const refused = await t.as(station, { method: 'POST', url: `/api/v1/activities/${tomorrow.id}/close`, payload: { version: tomorrow.version, summary: '提前结束' } });
    assert.equal(refused.statusCode, 409);
    const today = await create('2026-11-20');
    assert.equal(today.abilities.close, true);
    const closed = await t.as(station, { method: 'POST', url: `/api/v1/activities/${today.id}/close`, payload: { version: today.version, summary: '议定事项已形成纪要' } });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().abilities.close, false);
  });
});
