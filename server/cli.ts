/**
 * `npm run lianxin -- <command>`: operations on the configured database.
 *   audit verify                         walk the hash-chained audit log; exit 1 when it is broken
 *   user create-admin USERNAME DISTRICT  create a district-office account (password from LIANXIN_ADMIN_PASSWORD or generated)
 *   rebuild [dashboard|search|duplicates|hot|all]
 *                                        rebuild read models from the cases (after a bulk load or a restore)
 */
import pino from 'pino';
import { boot } from './bootstrap.ts';
import { verifyAuditChain } from './platform/audit/audit.ts';
import { hashPassword } from './platform/auth/passwords.ts';
import { usersRepository } from './platform/auth/users.repository.ts';
import { systemContext } from './platform/context.ts';
import { recordChange } from './platform/audit/audit.ts';
import { loadConfig } from './platform/config.ts';
import { newId, randomToken } from './platform/ids.ts';
import { rebuildDashboard } from './modules/dashboard/index.ts';
import { computeHotIssues, rebuildDuplicates, rebuildHotDocs, rebuildSearchIndex } from './modules/insight/index.ts';
import type { AppDeps } from './platform/deps.ts';

/** The read models `rebuild` knows, each rebuilt from the cases; `all` runs them in this order. */
const REBUILDS: Record<string, { label: string; run: (deps: AppDeps) => Promise<string> }> = {
  dashboard: { label: '统计看板 (dashboard)', run: async (deps) => `${await rebuildDashboard(deps)} cases` },
  search: { label: '全文搜索索引 (search index)', run: async (deps) => `${await rebuildSearchIndex(deps)} cases` },
  duplicates: { label: '相似诉求 (duplicates)', run: async (deps) => { const r = await rebuildDuplicates(deps); return `${r.cases} open cases, ${r.bands} band keys`; } },
  hot: {
    label: '热点问题 (hot issues)',
    run: async (deps) => {
      const docs = await rebuildHotDocs(deps);
      const runs = await computeHotIssues(deps);
      return `${docs} cases read, ${runs.reduce((n, r) => n + r.clusters, 0)} clusters in ${runs.length} district(s)`;
    },
  },
};

const usage = `用法 (usage):
  npm run lianxin -- audit verify
  npm run lianxin -- user create-admin USERNAME DISTRICT_CODE
  npm run lianxin -- rebuild [${Object.keys(REBUILDS).join('|')}|all]`;

async function main(argv: string[]): Promise<number> {
  const [group, command, ...args] = argv;
  const known = (group === 'audit' && command === 'verify') || (group === 'user' && command === 'create-admin')
    || (group === 'rebuild' && (command === undefined || command === 'all' || command in REBUILDS) && !args.length);
  if (!known) {
    console.error(usage);
    return 2;
  }
  const config = { ...loadConfig(), LIANXIN_DEMO: false };
  const booted = await boot(config, { log: pino({ level: 'warn' }) });
  const { db } = booted.deps;
  try {
    if (group === 'audit' && command === 'verify') {
      const r = await verifyAuditChain(db);
      console.log(JSON.stringify(r));
      console.log(r.ok ? `审计日志完整：已校验 ${r.checked} 条 (audit log intact)` : `审计日志被篡改：第 ${r.brokenAt} 条 ${r.reason} (audit log broken)`);
      return r.ok ? 0 : 1;
    }
    if (group === 'user' && command === 'create-admin') {
      const [username, district] = args;
      if (!username || !/^\d{6}$/.test(district ?? '')) {
        console.error(usage);
        return 2;
      }
      if (await usersRepository.findByUsername(db, username)) {
        console.error(`用户名 ${username} 已存在`);
        return 1;
      }
      const password = process.env.LIANXIN_ADMIN_PASSWORD ?? `lx-${randomToken(12)}`;
      const now = new Date().toISOString();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await usersRepository.insert(trx, {
          id, username, password_hash: await hashPassword(password), display_name: `${district} 人大常委会`, roles: JSON.stringify(['admin']),
          district_code: district!, station_id: null, department_id: null, deputy_id: null, phone: null, active: 1, is_demo: 0, version: 1,
          created_at: now, updated_at: now, password_changed_at: now,
        });
        await recordChange(trx, systemContext(new Date(), 'cli'), { action: 'user.create', entityType: 'user', entityId: id, data: { username, roles: ['admin'], source: 'cli' } });
      });
      console.log(`已创建管理员 ${username}（${district}）。密码 (password): ${password}`);
      return 0;
    }
    if (group === 'rebuild') {
      for (const [name, r] of Object.entries(REBUILDS)) {
        if (command && command !== 'all' && command !== name) continue;
        const started = performance.now();
        const what = await r.run(booted.deps);
        console.log(`已重建${r.label}：${what}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
      }
      return 0;
    }
    console.error(usage);
    return 2;
  } finally {
    await booted.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
