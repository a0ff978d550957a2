#!/usr/bin/env node
// `pnpm fuzz`: runs fuzz.ts through tsx, the TypeScript loader the command line already depends on.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsx = pathToFileURL(createRequire(new URL('../../packages/cli/package.json', import.meta.url)).resolve('tsx')).href;
const run = spawnSync(process.execPath, ['--import', tsx, fileURLToPath(new URL('./fuzz.ts', import.meta.url)), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exitCode = run.status ?? 1;
