// ESLint rule `layers/allowed-imports`: which top-level folder may import which. The arrows of
// README's architecture section, checked on the resolved path of every relative import (and
// re-export), so a wrong arrow fails `npm run lint` and `npm test`.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * from-folder → what it may import. `value`: folders whose code it may use; `types`: folders it
 * may import types from only. A path (`api/services`) allows that subtree only.
 */
export const LAYERS = {
  lib: { value: ['lib', 'config.ts'] },
  game: { value: ['game', 'lib'], types: ['config.ts'] },
  db: { value: ['db', 'game', 'lib', 'config.ts'] },
  workflows: { value: ['workflows'], types: ['activities', 'game'] },
  activities: { value: ['activities', 'game', 'db', 'lib', 'config.ts'], types: ['workflows'] },
  api: { value: ['api', 'game', 'db', 'lib', 'config.ts', 'workflows'] },
  admin: { value: ['admin', 'api/services', 'api/policies.ts', 'db', 'game', 'lib', 'config.ts'],
    types: ['api/middleware/auth.ts'] },
  worker: { value: ['worker', 'activities', 'workflows', 'game', 'db', 'lib', 'config.ts'] },
  fakes: { value: ['fakes'] },
  cli: { value: ['cli', 'game', 'lib', 'config.ts'] },
  bench: {
    value: ['bench', 'api', 'admin', 'activities', 'workflows', 'game', 'db', 'lib', 'config.ts', 'fakes', 'scripts'],
  },
  scripts: { value: ['scripts', 'db', 'workflows', 'game', 'lib', 'config.ts'] },
  'config.ts': { value: [] },
};

/** The one place that may compose the console into the API process. */
const ENTRY_EXCEPTIONS = { 'api/main.ts': ['admin'] };

const isEntry = (path) => /(^|\/)main\.ts$|\.main\.ts$/.test(path);
const within = (path, area) => path === area || path.startsWith(`${area}/`);

function verdict(fromPath, toPath, typeOnly) {
  if (toPath.startsWith('..')) return undefined;
  const fromTop = fromPath.split('/')[0];
  if (fromTop === 'tests' || fromTop === 'eslint.config.js') return undefined;
  if (within(toPath, 'tests')) return `nothing outside tests/ imports tests/ (${toPath})`;
  if (isEntry(toPath)) return `${toPath} is a process entry point; nothing imports an entry`;
  const rule = LAYERS[fromTop];
  if (!rule) return undefined;
  const allowed = [...rule.value, ...(ENTRY_EXCEPTIONS[fromPath] ?? []), ...(typeOnly ? rule.types ?? [] : [])];
  if (allowed.some((area) => within(toPath, area))) return undefined;
  const typesOk = (rule.types ?? []).some((area) => within(toPath, area));
  const top = toPath.split('/')[0];
  return typesOk
    ? `${fromTop}/ may import only types from ${top}/ (use \`import type\`)`
    : `${fromTop}/ must not import ${toPath.includes('/') ? `${top}/` : toPath} (allowed: ${rule.value.join(', ')})`;
}

const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports between top-level folders follow the architecture (README).' },
    schema: [],
    messages: { wrongArrow: 'Wrong arrow: {{why}}.' },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename).split(sep).join('/');
    function check(node, source, typeOnly) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source.value)).split(sep).join('/');
      const why = verdict(file, target, typeOnly);
      if (why) context.report({ node: source, messageId: 'wrongArrow', data: { why } });
    }
    const allTypes = (node) => node.importKind === 'type' || node.exportKind === 'type'
      || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

export default { rules: { 'allowed-imports': allowedImports } };
