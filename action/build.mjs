#!/usr/bin/env node
// Bundles the Action: `node action/build.mjs [outdir]` (default action/dist) writes index.js, one ESM file
// that runs with `node` on Node 20 and 24 without node_modules or tsx, and rules/, the built-in packs it reads.
// The output depends only on the sources and the lockfile, so CI can rebuild it and compare (check-dist).
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyPacks } from '../scripts/copy-packs.mjs';

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
  // pdf.js finds its CMaps, standard fonts and wasm decoders in pdfjs/ beside the bundle (copied below).
  banner: {
    js: [
      "import { createRequire as __crossfootCreateRequire } from 'node:module';",
      'const require = __crossfootCreateRequire(import.meta.url);',
      "import { fileURLToPath as __crossfootFileURLToPath } from 'node:url';",
      "process.env.CROSSFOOT_PDFJS_DIST ||= __crossfootFileURLToPath(new URL('./pdfjs/', import.meta.url));",
    ].join('\n'),
  },
});

// pdf.js's data files: without the CMaps, a PDF whose Chinese font is not embedded would read as having no text.
const pdfjs = dirname(createRequire(join(root, 'packages', 'adapters', 'package.json')).resolve('pdfjs-dist/package.json'));
for (const name of ['cmaps', 'standard_fonts', 'wasm']) cpSync(join(pdfjs, name), join(out, 'pdfjs', name), { recursive: true });

// The bundle is an ES module wherever it is copied.
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);

// The packs it reads.
copyPacks(join(out, 'rules'));
