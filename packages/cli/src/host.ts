import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackHost } from '@crossfoot/core';

const PACK_FILES = ['pack.yaml', 'pack.yml', 'pack.json'];

/**
 * The packs that ship with crossfoot (`rules/` of this repository). A bundle that carries its own copy
 * (the GitHub Action's `dist/rules/`) names that folder in `CROSSFOOT_BUILTIN_RULES` before this module loads.
 */
export const BUILTIN_RULES = process.env.CROSSFOOT_BUILTIN_RULES || fileURLToPath(new URL('../../../rules/', import.meta.url));

/** Pack folders by id: the project's `rules/` first, then the built-in packs (DESIGN: a project pack shadows a built-in one). */
export function packDirectories(cwd: string): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const root of [join(cwd, 'rules'), BUILTIN_RULES]) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && !dirs.has(entry.name) && PACK_FILES.some((f) => existsSync(join(root, entry.name, f)))) {
        dirs.set(entry.name, join(root, entry.name));
      }
    }
  }
  return dirs;
}

function packFileIn(dir: string): string | undefined {
  for (const name of PACK_FILES) {
    const file = join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function isPathLike(ref: string): boolean {
  return ref.startsWith('.') || isAbsolute(ref) || ref.includes('\\') || /\.(ya?ml|json)$/.test(ref) || (ref.includes('/') && !ref.startsWith('@'));
}

/** Resolves pack references on disk: paths, ids of packs under `rules/` (the project's, then the built-in ones), npm packages. */
export function createPackHost(cwd: string): PackHost {
  return {
    resolvePack(ref, from) {
      const base = from ? dirname(from) : cwd;
      if (isPathLike(ref)) {
        const p = resolve(base, ref);
        if (!existsSync(p)) return undefined;
        return statSync(p).isDirectory() ? packFileIn(p) : p;
      }
      for (const dir of [join(cwd, 'rules', ref), join(BUILTIN_RULES, ref), join(base, '..', ref)]) {
        const file = existsSync(dir) ? packFileIn(dir) : undefined;
        if (file) return file;
      }
      try {
        const require = createRequire(join(base, 'noop.js'));
        return packFileIn(dirname(require.resolve(`${ref}/package.json`)));
      } catch {
        return undefined;
      }
    },
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    resolveRelative(file, relative) {
      return resolve(dirname(file), relative);
    },
  };
}
