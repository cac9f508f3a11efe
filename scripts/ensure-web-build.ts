/**
 * `npm start` on a fresh clone: build the console once if web/dist is missing or older
 * than its sources, so the two README commands are all a new user needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'web/dist/index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(join(root, 'web/index.html'))) process.exit(0);
const sources = Math.max(newest(join(root, 'web/src')), newest(join(root, 'shared')), statSync(join(root, 'web/index.html')).mtimeMs);
if (existsSync(dist) && statSync(dist).mtimeMs >= sources) process.exit(0);
console.log('正在构建工作台 (building the console, once)…');
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
