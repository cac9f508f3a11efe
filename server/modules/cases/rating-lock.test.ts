import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, casesFixture, driveTo, PHONE, publicView, type CasesFixture } from './testing.ts';
import { MAX_RATING_FAILURES } from './commands/rate-case.ts';

describe('the last four digits cannot be guessed through the rating form', () => {
  let f: CasesFixture;
  before(async () => (f = await casesFixture()));
  after(() => f.t.close());

  test(`after ${MAX_RATING_FAILURES} wrong tries the public rating is locked, even with the right digits; staff can still follow up`, async () => {
    const c = await driveTo(f, 'feedback_given');
    const rate = (phoneLast4: string) => api(f, null, 'POST', `/public/cases/${c.trackingCode}/rating`, { rating: 'satisfied', phoneLast4 });
    const wrong = PHONE.slice(-4) === '0000' ? '1111' : '0000';
    for (let i = 0; i < MAX_RATING_FAILURES; i++) {
      const res = await rate(wrong);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'PHONE_CHECK_FAILED');
    }
    const locked = await rate(PHONE.slice(-4));
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'RATING_LOCKED');
    assert.equal((await publicView(f, c.trackingCode)).status, 'feedback_given');
    const visit = await api(f, 'station', 'POST', `/cases/${c.id}/follow-up`, { version: c.version, rating: 'satisfied', note: '电话回访，群众满意' });
    assert.equal(visit.statusCode, 200, visit.body);
    assert.equal(visit.json().status, 'closed');
  });

  test('a right answer before the limit still works, and a missing answer is not counted as a guess', async () => {
    const c = await driveTo(f, 'feedback_given');
    const rate = (body: Record<string, unknown>) => api(f, null, 'POST', `/public/cases/${c.trackingCode}/rating`, { rating: 'basically_satisfied', ...body });
    for (let i = 0; i < MAX_RATING_FAILURES + 2; i++) assert.equal((await rate({})).statusCode, 400);
    assert.equal((await rate({ phoneLast4: '9999' === PHONE.slice(-4) ? '8888' : '9999' })).statusCode, 400);
    const ok = await rate({ phoneLast4: PHONE.slice(-4) });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'closed');
  });
});
