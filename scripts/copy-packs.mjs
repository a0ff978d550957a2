// Copies the shipped packs (rules/<pack>/) into a bundle's folder: definitions and rule docs, not their tests,
// fixtures or npm package files. Used by the bundles that carry their own packs (the Action, the VS Code extension).
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const rules = fileURLToPath(new URL('../rules/', import.meta.url));
const PACK_FILE = /\.(ya?ml|json|md)$/;
const SKIP_DIR = new Set(['node_modules', 'fixtures', 'test', 'tests']);
const SKIP_FILE = new Set(['package.json', 'README.md']);

/** Writes every pack under `target` (e.g. `dist/rules`), keeping each file's path below rules/. */
export function copyPacks(target) {
  for (const pack of readdirSync(rules, { withFileTypes: true })) if (pack.isDirectory()) copyDir(join(rules, pack.name), target);
}

function copyDir(dir, target) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIR.has(entry.name)) copyDir(path, target);
    } else if (PACK_FILE.test(entry.name) && !SKIP_FILE.has(entry.name)) {
      const to = join(target, relative(rules, path));
      mkdirSync(join(to, '..'), { recursive: true });
      cpSync(path, to);
    }
  }
}
