/**
 * `npm run lianxin -- <command>`: operations on the configured database.
 *   audit verify                         walk the hash-chained audit log; exit 1 when it is broken
 *   user create-admin USERNAME DISTRICT  create a district-office account (password from LIANXIN_ADMIN_PASSWORD or generated)
 *   rebuild [dashboard|search|duplicates|hot|all]
 *                                        rebuild read models from the cases (after a bulk load or a restore)
 *   backup FILE                          online backup (database + file store + manifest) into one .tar (decision 0010)
 *   restore FILE [--force]               restore into an empty database, check, migrate to latest, rebuild read models if the schema moved, verify the audit chain
 */
import pino from 'pino';
import { verifyAuditChain } from './platform/audit/audit.ts';
import { hashPassword } from './platform/auth/passwords.ts';
import { usersRepository } from './platform/auth/users.repository.ts';
import { systemContext } from './platform/context.ts';
import { recordChange } from './platform/audit/audit.ts';
import { loadConfig } from './platform/config.ts';
import { newId, randomToken } from './platform/ids.ts';
import type { AppDeps } from './platform/deps.ts';
import type { boot as Boot } from './bootstrap.ts';
import { openDatabase } from './platform/db/database.ts';
import { BackupError, createBackup, restoreBackup } from './platform/backup/backup.ts';
import { stderrProgress } from './platform/backup/progress.ts';
import { backupRepository } from './platform/backup/backup.repository.ts';

// The app (bootstrap, modules) is imported only by the commands that boot it: loading it costs
// seconds of CPU, which `audit verify`, `backup` and a refused `restore` do not need.
const boot: typeof Boot = async (...a) => (await import('./bootstrap.ts')).boot(...a);
const dashboard = () => import('./modules/dashboard/index.ts');
const insight = () => import('./modules/insight/index.ts');

/** The read models `rebuild` knows, each rebuilt from the cases; `all` runs them in this order. */
const REBUILDS: Record<string, { label: string; run: (deps: AppDeps) => Promise<string> }> = {
  dashboard: { label: '统计看板 (dashboard)', run: async (deps) => `${await (await dashboard()).rebuildDashboard(deps)} cases` },
  search: { label: '全文搜索索引 (search index)', run: async (deps) => `${await (await insight()).rebuildSearchIndex(deps)} cases` },
  duplicates: { label: '相似诉求 (duplicates)', run: async (deps) => { const r = await (await insight()).rebuildDuplicates(deps); return `${r.cases} open cases, ${r.bands} band keys`; } },
  hot: {
    label: '热点问题 (hot issues)',
    run: async (deps) => {
      const { rebuildHotDocs, computeHotIssues } = await insight();
      const docs = await rebuildHotDocs(deps);
      const runs = await computeHotIssues(deps);
      return `${docs} cases read, ${runs.reduce((n, r) => n + r.clusters, 0)} clusters in ${runs.length} district(s)`;
    },
  },
};

const usage = `用法 (usage):
  npm run lianxin -- audit verify
  npm run lianxin -- user create-admin USERNAME DISTRICT_CODE
  npm run lianxin -- rebuild [${Object.keys(REBUILDS).join('|')}|all]
  npm run lianxin -- backup FILE
  npm run lianxin -- restore FILE [--force]`;

const progressUnit = (stage: string) => (stage.includes('tables') ? 'count' : 'bytes');

/** `backup FILE`: runs beside the server (no migrations, no boot); `restore FILE`: before any server starts on the target. */
async function backupOrRestore(command: 'backup' | 'restore', args: string[]): Promise<number> {
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || (command === 'backup' && force) || files[0]!.startsWith('-')) {
    console.error(usage);
    return 2;
  }
  const file = files[0]!;
  const config = { ...loadConfig(), LIANXIN_DEMO: false };
  const progress = stderrProgress(progressUnit);
  let before: string[];
  try {
    if (command === 'backup') {
      const started = performance.now();
      const r = await createBackup(config, file, { progress });
      const rows = Object.values(r.manifest.tables).reduce((a, b) => a + b, 0);
      console.log(`已备份到 ${r.file}：${(r.bytes / 1048576).toFixed(1)} MiB，${Object.keys(r.manifest.tables).length} 张表 ${rows} 行，${r.manifest.files.count} 个文件，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒 (backup written)`);
      if (r.manifest.files.store === 's3') {
        console.warn('⚠️  照片和附件保存在对象存储中（LIANXIN_FILES=s3），不在本备份内：请在存储桶上开启版本控制和复制 (attachments are in the S3 bucket, not in this backup: keep the bucket versioned and replicated; docs/deploy.md)');
      }
      return 0;
    }
    const r = await restoreBackup(config, file, { force, progress });
    console.log(`已恢复 ${file}（${r.manifest.createdAt} 备份于 ${r.manifest.host}）：${Object.keys(r.manifest.tables).length} 张表行数与备份一致，写入 ${r.filesWritten} 个文件 (restored)`);
    before = r.manifest.migrations;
  } catch (e) {
    if (e instanceof BackupError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  // Migrations to this code's latest (an older backup), read models caught up; rebuilt when the schema moved.
  let booted;
  try {
    booted = await boot(config, { log: pino({ level: 'warn' }) });
  } catch (e) {
    console.error(`数据已恢复，但无法迁移到本程序的数据库版本（restored, but the migrations to this version failed）：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  try {
    const now = await backupRepository.migrations(booted.deps.db, booted.deps.dialect);
    const added = now.filter((m) => !before.includes(m));
    if (added.length) {
      console.log(`已执行 ${added.length} 个新的数据库迁移：${added.join(', ')}`);
      for (const [, r] of Object.entries(REBUILDS)) console.log(`已重建${r.label}：${await r.run(booted.deps)}`);
    }
    const v = await verifyAuditChain(booted.deps.db);
    console.log(v.ok ? `审计日志完整：已校验 ${v.checked} 条 (audit log intact)` : `审计日志被篡改：第 ${v.brokenAt} 条 ${v.reason} (audit log broken)`);
    return v.ok ? 0 : 1;
  } finally {
    await booted.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [group, command, ...args] = argv;
  if (group === 'backup' || group === 'restore') return backupOrRestore(group, [command, ...args].filter((a) => a !== undefined));
  const known = (group === 'audit' && command === 'verify') || (group === 'user' && command === 'create-admin')
    || (group === 'rebuild' && (command === undefined || command === 'all' || command in REBUILDS) && !args.length);
  if (!known) {
    console.error(usage);
    return 2;
  }
  const config = { ...loadConfig(), LIANXIN_DEMO: false };
  if (group === 'audit' && command === 'verify') {
    // Read only: the database under examination is opened, not booted (no migrations, no projections).
    const handle = await openDatabase(config.DATABASE_URL, { poolSize: 1, prepared: config.LIANXIN_PG_PREPARED === 'on' });
    try {
      const r = await verifyAuditChain(handle.db);
      console.log(JSON.stringify(r));
      console.log(r.ok ? `审计日志完整：已校验 ${r.checked} 条 (audit log intact)` : `审计日志被篡改：第 ${r.brokenAt} 条 ${r.reason} (audit log broken)`);
      return r.ok ? 0 : 1;
    } finally {
      await handle.close();
    }
  }
  const booted = await boot(config, { log: pino({ level: 'warn' }) });
  const { db } = booted.deps;
  try {
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
