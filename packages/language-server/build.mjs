#!/usr/bin/env node
// Bundles the language server for publishing: `node build.mjs` writes dist/crossfoot-language-server.mjs (what
// the bin runs), dist/crossfoot-language-server-api.mjs (the package's exports) and the chunks they share. The
// engine, adapters, formatters and the command's Session go inside, so an install needs only the packs. In this
// repository the bin runs the TypeScript sources instead, and nothing needs building.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE, REQUIRE_BANNER } from '../../scripts/node-bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, 'dist');
const staging = join(out, `.build-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
try {
  await build({
    ...NODE_BUNDLE,
    absWorkingDir: here,
    entryPoints: { 'crossfoot-language-server': 'src/main.ts', 'crossfoot-language-server-api': 'src/index.ts' },
    outdir: staging,
    entryNames: '[name]',
    chunkNames: 'crossfoot-language-server-chunk-[hash]',
    splitting: true,
    // As in the command's bundle (packages/cli/build.mjs): pdf.js reads its CMaps and fonts from its own package
    // folder, and the PDF and Word readers load only for such files, so both stay packages installed beside it.
    // Only a batch run with `pool: tinypool` loads tinypool, which the server never does; tsx only runs the sources.
    external: ['tinypool', 'tsx', 'tsx/*', 'pdfjs-dist', 'pdfjs-dist/*', 'mammoth'],
    // CommonJS dependencies (vscode-languageserver) call require() for Node's own modules.
    banner: REQUIRE_BANNER,
  });
  for (const name of readdirSync(out)) if (/^crossfoot-language-server.*\.mjs$/.test(name)) rmSync(join(out, name), { force: true });
  for (const name of readdirSync(staging)) renameSync(join(staging, name), join(out, name));
} finally {
  rmSync(staging, { recursive: true, force: true });
}
