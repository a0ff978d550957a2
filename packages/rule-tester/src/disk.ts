import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { CrossfootError, loadPack, type Pack, type PackHost } from '@crossfoot/core';

const PACK_FILES = ['pack.yaml', 'pack.yml', 'pack.json'];

function packFileIn(dir: string): string | undefined {
  return PACK_FILES.map((name) => join(dir, name)).find((file) => existsSync(file));
}

function isPathLike(ref: string): boolean {
  return ref.startsWith('.') || isAbsolute(ref) || /\.(ya?ml|json)$/u.test(ref) || (ref.includes('/') && !ref.startsWith('@'));
}

/**
 * A pack host over the file system, for a pack folder and what it extends: paths relative to the
 * extending pack, pack ids as sibling folders (`rules/<id>/`), then npm packages holding a pack file.
 */
export function diskHost(): PackHost {
  return {
    resolvePack(ref, from) {
      const base = from ? dirname(from) : process.cwd();
      if (isPathLike(ref)) {
        const p = resolve(base, ref);
        if (!existsSync(p)) return undefined;
        return statSync(p).isDirectory() ? packFileIn(p) : p;
      }
      const sibling = join(base, '..', ref);
      const local = existsSync(sibling) ? packFileIn(sibling) : undefined;
      if (local) return local;
      try {
        return packFileIn(dirname(createRequire(join(base, 'noop.js')).resolve(`${ref}/package.json`)));
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

/**
 * Loads the pack in `dir` (its `pack.yaml`, rule files and the packs it extends) for a pack's tests.
 * A broken pack throws with every problem located as `file:line:column: message [code]`.
 */
export function loadPackFromDisk(dir: string): Pack {
  const root = resolve(dir);
  try {
    return loadPack(root, diskHost());
  } catch (error) {
    if (error instanceof CrossfootError) throw new Error(`cannot load the pack in ${dir}:\n${error.format()}`, { cause: error });
    throw error;
  }
}
