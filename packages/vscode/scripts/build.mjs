#!/usr/bin/env node
// Bundles the extension: `node scripts/build.mjs` writes dist/extension.js (the client VS Code loads),
// dist/server.js (the language server, started by the client in its own Node process) and dist/rules/
// (the built-in packs, which the server reads through CROSSFOOT_BUILTIN_RULES). Both bundles are CommonJS
// for Node 20 and need no node_modules: the .vsix is packaged with `vsce package --no-dependencies`.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyPacks } from '../../../scripts/copy-packs.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  absWorkingDir: here,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: false,
  charset: 'utf8',
  legalComments: 'linked',
  logLevel: 'error',
};

await build({ ...common, entryPoints: ['src/extension.ts'], outfile: join(dist, 'extension.js'), external: ['vscode'] });

/**
 * The editor checks Markdown, YAML and plain-text reports only; the PDF and Word readers (pdf.js with its CMaps,
 * mammoth) would add megabytes and load nothing the server uses. Their imports resolve to a module that says so.
 */
const withoutBinaryReaders = {
  name: 'without-binary-readers',
  setup(b) {
    b.onResolve({ filter: /^(?:pdfjs-dist|mammoth)(?:\/|$)/ }, (args) => ({ path: args.path, namespace: 'not-in-editor' }));
    b.onLoad({ filter: /.*/, namespace: 'not-in-editor' }, () => ({
      contents: "throw new Error('PDF and Word reports are read by the crossfoot command, not in the editor');",
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  entryPoints: ['src/server.ts'],
  outfile: join(dist, 'server.js'),
  plugins: [withoutBinaryReaders],
  // The sources are ES modules: `import.meta.url` is this file's URL, and the packs lie beside it.
  define: { 'import.meta.url': '__crossfootModuleUrl' },
  banner: {
    js: [
      "const __crossfootModuleUrl = require('node:url').pathToFileURL(__filename).href;",
      "process.env.CROSSFOOT_BUILTIN_RULES ||= require('node:path').join(__dirname, 'rules');",
    ].join('\n'),
  },
});

// The packs the server reads.
copyPacks(join(dist, 'rules'));
