#!/usr/bin/env node
// After `changeset version` has written new versions into the package.json files, copies them to the places that
// repeat them: each pack's `pack.yaml` (`version:`, which `crossfoot packs` shows), the command's `VERSION`
// (packages/cli/src/version.ts) and the language server's (packages/language-server/src/main.ts).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const versionOf = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).version;

function replace(file, pattern, version) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (!pattern.test(text)) throw new Error(`${file}: no version to update`);
  const next = text.replace(pattern, (_, before, __, after) => `${before}${version}${after}`);
  if (next !== text) {
    writeFileSync(path, next);
    console.log(`${file}: ${version}`);
  }
}

for (const id of readdirSync(join(root, 'rules'))) {
  if (!existsSync(join(root, 'rules', id, 'package.json'))) continue;
  replace(`rules/${id}/pack.yaml`, /^(version: )(\S+)()$/m, versionOf(`rules/${id}`));
}
replace('packages/cli/src/version.ts', /(export const VERSION = ')([^']+)(')/, versionOf('packages/cli'));
replace('packages/language-server/src/main.ts', /(export const VERSION = ')([^']+)(')/, versionOf('packages/language-server'));
