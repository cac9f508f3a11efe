import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';

const SUMS = ['received', 'accepted', 'assigned', 'resolved', 'closed', 'on_time', 'late', 'rated', 'satisfied', 'unsatisfied', 'reply_days_sum', 'reply_days_n'] as const;
/** The dimensions a rollup row keeps one of (case-deltas.ts ROLLUP_DIMS, as it was written here: a migration does not follow later changes). */
const DIMS = { all: null, category: 'category', channel: 'channel', status: 'status' } as const;
/** The levels (case-deltas.ts ROLLUP_LEVELS): which of station and department a row keeps; the others are '*'. */
const LEVELS = [{ name: 'station+department', station: true, department: true }, { name: 'station', station: true, department: false }, { name: 'district', station: false, department: false }] as const;

function rollupTable(db: Kysely<unknown>, table: string, period: 'day' | 'month', sqlite: boolean) {
  let t = (db.schema.createTable(table) as CreateTableBuilder<string, never>)
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn(period, 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull());
  for (const m of SUMS) t = t.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
  // The reads: one district, dim and level, a range of periods (the key's prefix), then the
  // station, department or value they filter or group by. The table is its own index (SQLite: WITHOUT ROWID).
  t = t.addPrimaryKeyConstraint(`${table}_pk`, ['district_code', 'dim', 'level', period, 'station_id', 'department_id', 'value'] as never);
  return sqlite ? t.modifyEnd(sql`without rowid`) : t;
}

/**
 * The dashboard's rollups (decision 0006, "grain"; case-deltas.ts `rollupDeltas`): the counters'
 * sums per (day | month, one of category / channel / status) at three levels (station and
 * department, station, the whole district). Filled here
 * from the counters, which hold the same sums at a finer grain; the projection keeps them from
 * then on.
 */
export const dashboardRollups: Migration = {
  async up(db: Kysely<unknown>) {
    const sqlite = !(db.getExecutor().adapter instanceof PostgresAdapter);
    for (const [table, source, period] of [['dash_rollup_daily', 'dash_case_daily', 'day'], ['dash_rollup_monthly', 'dash_case_monthly', 'month']] as const) {
      await rollupTable(db, table, period, sqlite).execute();
      for (const level of LEVELS) {
        for (const [dim, column] of Object.entries(DIMS)) {
          const sums = sql.join(SUMS.map((m) => sql`sum(${sql.ref(m)})`));
          const groups = [sql.ref('district_code'), sql.ref(period), ...(level.station ? [sql.ref('station_id')] : []), ...(level.department ? [sql.ref('department_id')] : []), ...(column ? [sql.ref(column)] : [])];
          await sql`
            insert into ${sql.table(table)} (district_code, dim, level, ${sql.ref(period)}, station_id, department_id, value, ${sql.join(SUMS.map((m) => sql.ref(m)))})
            select district_code, ${dim}, ${level.name}, ${sql.ref(period)}, ${level.station ? sql.ref('station_id') : sql`'*'`}, ${level.department ? sql.ref('department_id') : sql`'*'`},
              ${column ? sql.ref(column) : sql`''`}, ${sums}
            from ${sql.table(source)}
            group by ${sql.join(groups)}
            having sum(received) <> 0`.execute(db);
        }
      }
    }
  },
};
