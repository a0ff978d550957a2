#!/usr/bin/env node
// Packages the extension: `node scripts/package.mjs [--out file.vsix]` bundles it (scripts/build.mjs), then
// runs `vsce package --no-dependencies` on a copy of the extension folder whose package.json names real
// versions where the workspace writes `catalog:` or `workspace:*` — as `pnpm pack` would; vsce reads them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(here, 'crossfoot-vscode.vsix') } } });
const out = resolve(values.out);

await import('./build.mjs');

const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const installed = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
for (const field of ['dependencies', 'devDependencies']) {
  for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
    if (spec.startsWith('catalog:') || spec.startsWith('workspace:')) manifest[field][name] = installed(name);
  }
}
delete manifest.scripts;

const stage = mkdtempSync(join(tmpdir(), 'crossfoot-vscode-'));
try {
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ['dist', 'icon.png', 'README.md', 'LICENSE']) cpSync(join(here, file), join(stage, file), { recursive: true });
  const vsce = join(here, 'node_modules', '@vscode', 'vsce', 'vsce');
  const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
