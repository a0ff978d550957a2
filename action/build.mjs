#!/usr/bin/env node
// Bundles the Action: `node action/build.mjs [outdir]` (default action/dist) writes index.js, one ESM file
// that runs with `node` on Node 20 and 24 without node_modules or tsx, and rules/, the built-in packs it reads.
// The output depends only on the sources and the lockfile, so CI can rebuild it and compare (check-dist).
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'action', 'dist'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: ['action/src/index.ts'],
  outfile: join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
  // CommonJS dependencies (undici, iconv-lite, …) call require() for Node's own modules.
  banner: { js: "import { createRequire as __crossfootCreateRequire } from 'node:module';\nconst require = __crossfootCreateRequire(import.meta.url);" },
});

// The bundle is an ES module wherever it is copied.
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);

// The packs: definitions and rule docs, not their tests, fixtures or npm package files.
const rules = join(root, 'rules');
const PACK_FILE = /\.(ya?ml|json|md)$/;
const SKIP_DIR = new Set(['node_modules', 'fixtures', 'test', 'tests']);
for (const pack of readdirSync(rules, { withFileTypes: true })) {
  if (!pack.isDirectory()) continue;
  copyPack(join(rules, pack.name));
}

function copyPack(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIR.has(entry.name)) copyPack(path);
    } else if (PACK_FILE.test(entry.name) && entry.name !== 'package.json' && entry.name !== 'README.md') {
      const target = join(out, 'rules', relative(rules, path));
      mkdirSync(join(target, '..'), { recursive: true });
      cpSync(path, target);
    }
  }
}
