// The import-layering rule of DESIGN.md as data: every source file belongs to one layer, and each
// layer lists the layers of ours and the outside packages it may import. A violation is a lint
// error, so `npm test` fails on it.
import path from 'node:path';
import { builtinModules } from 'node:module';

const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Ordered: the first matching prefix decides a file's layer. */
const LAYERS = [
  { name: 'shared', prefix: 'src/shared/' },
  { name: 'core', prefix: 'src/main/core/' },
  { name: 'ports', prefix: 'src/main/ports/' },
  { name: 'services', prefix: 'src/main/services/' },
  { name: 'adapter-exchange', prefix: 'src/main/adapters/exchange/' },
  { name: 'adapter-persistence', prefix: 'src/main/adapters/persistence/' },
  { name: 'adapter-secrets', prefix: 'src/main/adapters/secrets/' },
  { name: 'adapter-fs', prefix: 'src/main/adapters/fs/' },
  { name: 'ipc-electron', prefix: 'src/main/ipc/electron/' },
  { name: 'ipc-ws', prefix: 'src/main/ipc/ws/' },
  { name: 'ipc', prefix: 'src/main/ipc/' },
  { name: 'workers', prefix: 'src/main/workers/' },
  { name: 'app', prefix: 'src/main/app/' },
  { name: 'server', prefix: 'src/main/server/' },
  { name: 'cli', prefix: 'src/main/cli/' },
  { name: 'main-root', prefix: 'src/main/' },
  { name: 'venue', prefix: 'src/venue/' },
  { name: 'preload', prefix: 'src/preload/' },
  { name: 'renderer', prefix: 'src/renderer/' },
];

const SERVER_SIDE_LIBS = ['electron', 'ccxt', 'better-sqlite3', 'keytar', 'ws'];

/**
 * `layers`: which of our layers a layer may import. `packages`: 'node' (builtins), package names,
 * or '*' (any npm package except those in `deny`).
 */
const RULES = {
  shared: { layers: ['shared'], packages: ['zod', 'decimal.js'] },
  core: { layers: ['shared', 'core'], packages: ['decimal.js'] },
  ports: { layers: ['shared', 'core', 'ports'], packages: [] },
  services: { layers: ['shared', 'core', 'ports', 'services'], packages: ['node', 'decimal.js', 'zod'] },
  // ws: the raw public depth sockets of the live order books (ccxt.pro's book cache is not used).
  'adapter-exchange': { layers: ['shared', 'core', 'ports', 'adapter-exchange'], packages: ['node', 'ccxt', 'decimal.js', 'ws'] },
  'adapter-persistence': { layers: ['shared', 'core', 'ports', 'adapter-persistence'], packages: ['node', 'better-sqlite3'] },
  'adapter-secrets': { layers: ['shared', 'core', 'ports', 'adapter-secrets'], packages: ['node', 'keytar'] },
  'adapter-fs': { layers: ['shared', 'core', 'ports', 'adapter-fs'], packages: ['node'] },
  'ipc-electron': { layers: ['shared', 'services', 'ports', 'ipc', 'ipc-electron'], packages: ['electron', 'zod'] },
  'ipc-ws': { layers: ['shared', 'services', 'ports', 'ipc', 'ipc-ws'], packages: ['node', 'ws', 'zod'] },
  ipc: { layers: ['shared', 'services', 'ports', 'ipc'], packages: ['zod'] },
  workers: { layers: ['shared', 'core', 'workers'], packages: ['node'] },
  app: {
    layers: ['shared', 'core', 'ports', 'services', 'adapter-exchange', 'adapter-persistence', 'adapter-secrets', 'adapter-fs', 'ipc', 'ipc-electron', 'app', 'main-root'],
    packages: ['node', 'electron'],
  },
  server: {
    layers: ['shared', 'core', 'ports', 'services', 'adapter-exchange', 'adapter-persistence', 'adapter-secrets', 'adapter-fs', 'ipc', 'ipc-ws', 'server', 'main-root', 'venue'],
    packages: ['node', 'ws'],
  },
  cli: {
    layers: ['shared', 'core', 'ports', 'services', 'adapter-exchange', 'adapter-persistence', 'adapter-secrets', 'adapter-fs', 'ipc', 'server', 'cli', 'main-root', 'venue'],
    packages: ['node', 'commander'],
  },
  // main-root composes the app; it may start the local venue for the demo (issue 3).
  'main-root': {
    layers: ['shared', 'core', 'ports', 'services', 'adapter-exchange', 'adapter-persistence', 'adapter-secrets', 'adapter-fs', 'ipc', 'ipc-electron', 'app', 'main-root', 'server', 'venue'],
    packages: ['node', 'electron'],
  },
  venue: { layers: ['shared', 'core', 'venue'], packages: ['node', 'ws'] },
  preload: { layers: ['shared', 'preload'], packages: ['electron'] },
  // The renderer validates nothing itself (main does), so zod stays out of its bundle.
  renderer: { layers: ['shared', 'renderer'], packages: ['*'], deny: [...SERVER_SIDE_LIBS, 'node', 'zod'] },
};

function layerOf(rel) {
  const posix = rel.split(path.sep).join('/');
  // A folder import (`../venue`) resolves to the folder itself; the trailing slash lets it match.
  return LAYERS.find((l) => `${posix}/`.startsWith(l.prefix))?.name;
}

function packageName(spec) {
  if (NODE.has(spec) || NODE.has(spec.split('/')[0])) return 'node';
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import layering of DESIGN.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      layer: '{{from}} may not import {{to}} ("{{spec}}"): DESIGN.md allows {{from}} to import {{allowed}}.',
      pkg: '{{from}} may not import the package "{{pkg}}": DESIGN.md allows {{from}} to use {{allowed}}.',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = context.filename;
    const from = layerOf(path.relative(root, file));
    if (!from) return {};
    const base = RULES[from];
    // Tests sit beside the code they test and keep its layer, but may use the test runner and read fixtures.
    const isTest = /\.test\.tsx?$/.test(file);
    const rule = isTest ? { ...base, packages: [...base.packages, 'vitest', 'fast-check', 'node'] } : base;

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.relative(root, path.resolve(path.dirname(file), spec));
        const to = layerOf(target) ?? 'outside-src';
        if (to === 'outside-src' && !target.startsWith('src')) {
          // Non-source files (package.json, resources) are data, not layers; only src is layered.
          return;
        }
        if (!rule.layers.includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, spec, allowed: rule.layers.join(', ') } });
        }
        return;
      }
      // Vite asset/worker suffixes resolve to bundled files, not packages.
      const pkg = packageName(spec.split('?')[0]);
      const allowed = rule.packages.includes('*') ? !(rule.deny ?? []).includes(pkg) : rule.packages.includes(pkg);
      if (!allowed) {
        const list = rule.packages.includes('*') ? `any package except ${(rule.deny ?? []).join(', ')}` : rule.packages.join(', ') || 'no packages';
        context.report({ node, messageId: 'pkg', data: { from, pkg, allowed: list } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};
