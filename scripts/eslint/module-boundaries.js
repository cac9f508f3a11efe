// Lint rule: a module is used only through its index.ts, and the platform never imports a module.
// (ARCHITECTURE.md, principle 2: boundaries from day one, enforced so they survive growth.)
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const rel = (p) => relative(root, p).split(sep).join('/');

function check(context, node, source) {
  if (!source || !source.startsWith('.')) return;
  const from = rel(context.filename);
  const to = rel(resolve(dirname(context.filename), source));
  const fromModule = /^server\/modules\/([^/]+)\//.exec(from)?.[1];
  const toModule = /^server\/modules\/([^/]+)\//.exec(to)?.[1];
  const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
  if (from.startsWith('server/platform/') && (toModule || to === 'server/modules.ts' || to === 'server/app.ts') && !typeOnly) {
    context.report({ node, message: `The platform must not import modules (${source}): modules register through their manifest.` });
    return;
  }
  if (toModule && toModule !== fromModule && to !== `server/modules/${toModule}/index.ts`) {
    context.report({ node, message: `Import module "${toModule}" only through server/modules/${toModule}/index.ts, not ${source}.` });
  }
}

export default {
  rules: {
    'module-boundaries': {
      meta: { type: 'problem', docs: { description: 'modules are used only through their index.ts' }, schema: [] },
      create(context) {
        return {
          ImportDeclaration: (node) => check(context, node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(context, node, node.source.value),
          ExportAllDeclaration: (node) => check(context, node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(context, node, node.source.value),
        };
      },
    },
  },
};
