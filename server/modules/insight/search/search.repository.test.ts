import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { uuidv7Floor } from '../../../platform/ids.ts';
import { createTestApp } from '../../../testing/harness.ts';
import { BREAK, parseQuery, pgTsvector, searchBody } from './search-text.ts';
import { insightSearchPairs } from './migrations/20261226_10_insight_search_pairs.ts';
import { periodOfCase, searchRepository } from './search.repository.ts';

const DAY = 86_400_000;

test('the newest matches page through every age of case in order (PostgreSQL reads windows of periods, with any later id first, then the rest)', async () => {
  const t = await createTestApp({ demo: false });
  // Words no demo case has: only these entries match.
  try {
    // Matching entries made 2 hours to 3 years ago (ids: UUIDv7 of that moment), and a non-matching one in each age.
    // Days ago: ids from a clock ahead (negative), both sides of every window's edge whatever the day in its period, and old ones.
    const ages = [-4000, -400, -1, 0.1, 3, 9.9, 10.1, 19.9, 20.1, 29.9, 31, 39.9, 40.1, 45, 49.9, 50.1, 90, 200, 366, 700, 1100];
    const now = Date.now();
    const id = (days: number, n: number) => uuidv7Floor(now - days * DAY).slice(0, -12) + String(n).padStart(12, '0');
    const rows = ages.flatMap((days, i) => [
      { caseId: id(days, 2 * i + 1), districtCode: '430211', body: searchBody([`第${i}件`, '小区门口的鲲鹏灯塔坏了']) },
      { caseId: id(days, 2 * i + 2), districtCode: '430211', body: searchBody([`第${i}件`, '楼道里堆满麒麟杂物']) },
      // Every pair of 鲲鹏灯塔 but not the phrase (PostgreSQL's index finds it; the body check drops it), several times per match.
      ...[1, 2, 3].map((k) => ({ caseId: id(days, 1000 + 3 * i + k), districtCode: '430211', body: searchBody([`第${i}件`, '鲲鹏，鹏灯，灯塔，都不是']) })),
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

test('the pairs migration re-indexes entries made without pairs, so phrases of two or more characters find them again', async () => {
  const t = await createTestApp({ demo: false });
  try {
    const db = t.deps.db;
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      caseId: uuidv7Floor(Date.now() - i * 60_000).slice(0, -12) + String(i).padStart(12, '0'),
      districtCode: '430211',
      body: searchBody([`第${i}件`, i % 3 ? '楼道里堆满杂物' : '小区门口的鲲鹏灯塔坏了，led灯也不亮']),
    }));
    await searchRepository.upsert(db, [...rows].reverse()); // oldest first, as cases come
    const lamp = rows.filter((_, i) => i % 3 === 0).map((r) => r.caseId);
    if (pg) {
      // As the release before indexed them: single tokens with their positions, no pairs.
      const singles = (body: string) => {
        const at = new Map<string, number[]>();
        body.split(' ').forEach((tok, i) => at.set(tok, [...(at.get(tok) ?? []), i + 1]));
        return [...at].map(([tok, ps]) => `'${tok.replaceAll("'", "''")}':${ps.join(',')}`).join(' ');
      };
      assert.equal(singles(`路 灯 ${BREAK} 路`), `'路':1,4 '灯':2 '${BREAK}':3`);
      for (const r of rows) await sql`update insight_search set tsv = ${singles(r.body)}::tsvector where case_id = ${r.caseId}`.execute(db);
      assert.deepEqual(await searchRepository.allMatches(db, '430211', parseQuery('鲲鹏灯塔')), [], 'entries without pairs are not found by pairs');
    }
    await insightSearchPairs.up(db as unknown as Kysely<unknown>);
    for (const q of ['鲲鹏灯塔', '灯塔', 'led灯', '门口的鲲']) assert.deepEqual(await searchRepository.allMatches(db, '430211', parseQuery(q)), lamp, q);
    assert.deepEqual(await searchRepository.allMatches(db, '430211', parseQuery('鲲')), lamp, 'one character');
    assert.deepEqual(await searchRepository.allMatches(db, '430211', parseQuery('灯坏')), [], 'not across a gap: 灯塔坏');
    if (pg) {
      const stored = await sql<{ case_id: string; body: string; tsv: string }>`select case_id, body, tsv::text as tsv from insight_search`.execute(db);
      assert.ok(stored.rows.length >= rows.length);
      const want = await sql<{ case_id: string; tsv: string }>`select case_id, tsv::text as tsv from (values ${sql.join(stored.rows.map((r) => sql`(${r.case_id}, ${pgTsvector(r.body, periodOfCase(r.case_id))}::tsvector)`))}) v(case_id, tsv)`.execute(db);
      assert.deepEqual(new Map(stored.rows.map((r) => [r.case_id, r.tsv])), new Map(want.rows.map((r) => [r.case_id, r.tsv])), 'every entry is as the projection writes it');
      const idx = await sql`select 1 from pg_indexes where indexname = 'insight_search_tsv_idx'`.execute(db);
      assert.equal(idx.rows.length, 1, 'the GIN index is back');
    }
  } finally {
    await t.close();
  }
});
