import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7Floor } from '../../../platform/ids.ts';
import { createTestApp } from '../../../testing/harness.ts';
import { parseQuery, searchBody } from './search-text.ts';
import { searchRepository } from './search.repository.ts';

const DAY = 86_400_000;

test('the newest matches page through every age of case in order (PostgreSQL reads windows of 30 days, a year, then the rest)', async () => {
  const t = await createTestApp({ demo: false });
  // Words no demo case has: only these entries match.
  try {
    // Matching entries made 2 hours to 3 years ago (ids: UUIDv7 of that moment), and a non-matching one in each age.
    const ages = [0.1, 3, 20, 29.9, 31, 90, 200, 364, 366, 700, 1100];
    const now = Date.now();
    const id = (days: number, n: number) => uuidv7Floor(now - days * DAY).slice(0, -12) + String(n).padStart(12, '0');
    const rows = ages.flatMap((days, i) => [
      { caseId: id(days, 2 * i + 1), districtCode: '430211', body: searchBody([`第${i}件`, '小区门口的鲲鹏灯塔坏了']) },
      { caseId: id(days, 2 * i + 2), districtCode: '430211', body: searchBody([`第${i}件`, '楼道里堆满麒麟杂物']) },
    ]);
    // Oldest first: SQLite's order is the order entries are first indexed, PostgreSQL's the ids'.
    await searchRepository.upsert(t.deps.db, [...rows].reverse());
    const expected = ages.map((days, i) => id(days, 2 * i + 1));
    const phrases = parseQuery('鲲鹏灯塔');
    assert.deepEqual(await searchRepository.allMatches(t.deps.db, '430211', phrases), expected);
    for (const size of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let after: string | number | null = null;
      do {
        const page: Awaited<ReturnType<typeof searchRepository.newest>> = await searchRepository.newest(t.deps.db, '430211', phrases, size, after, false);
        assert.ok(page.rows.length <= size);
        seen.push(...page.rows.map((r) => r.caseId));
        after = page.after;
      } while (after !== null);
      assert.deepEqual(seen, expected, `pages of ${size}`);
    }
    assert.deepEqual(await searchRepository.allMatches(t.deps.db, '430211', parseQuery('麒麟杂物')), ages.map((days, i) => id(days, 2 * i + 2)));
    assert.deepEqual(await searchRepository.allMatches(t.deps.db, '430211', parseQuery('没有人写过')), []);
    assert.deepEqual(await searchRepository.allMatches(t.deps.db, '430202', phrases), [], 'another district');
  } finally {
    await t.close();
  }
});
