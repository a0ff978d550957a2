import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackHost } from '@crossfoot/core';
import { listFolder, lookAt } from './probe.ts';

const PACK_FILES = ['pack.yaml', 'pack.yml', 'pack.json'];

/**
 * A pack published on npm is named `@crossfoot/pack-<id>` (ours) or `crossfoot-pack-<id>`, scoped or not
 * (anyone's), and carries its pack file at the package root.
 */
const PACK_PACKAGE = /^(?:@crossfoot\/pack-|(?:@[^/]+\/)?crossfoot-pack-)([a-z0-9][a-z0-9._-]*)$/;

/** The pack id a package name carries, or undefined for a package that is not named as a pack. */
export function packIdOfPackage(name: string): string | undefined {
  return PACK_PACKAGE.exec(name)?.[1];
}

/** The package names a pack id may be published under, ours first. */
export function packPackageNames(id: string): string[] {
  return [`@crossfoot/pack-${id}`, `crossfoot-pack-${id}`];
}

/**
 * The package this module ships in (the `crossfoot` command, or a bundle such as the language server's):
 * its `package.json` lies one folder up, from the sources and from the bundle alike.
 */
const OWN_MANIFEST = new URL('../package.json', import.meta.url);

/**
 * The packs that ship with crossfoot: the pack packages the running package depends on (`@crossfoot/pack-*`,
 * linked to `rules/` in this repository, installed beside the command elsewhere), by id. A bundle that carries
 * its own copy of the packs (the GitHub Action's `dist/rules/`, the VS Code extension's) names that folder in
 * `CROSSFOOT_BUILTIN_RULES` instead.
 */
export function builtinPackDirectories(): Map<string, string> {
  const folder = process.env.CROSSFOOT_BUILTIN_RULES;
  if (folder) return packFolders(folder);
  const dirs = new Map<string, string>();
  let manifest: { dependencies?: Record<string, string> };
  lookAt(fileURLToPath(OWN_MANIFEST));
  try {
    manifest = JSON.parse(readFileSync(OWN_MANIFEST, 'utf8'));
  } catch {
    return dirs;
  }
  const require = createRequire(OWN_MANIFEST);
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
    const id = packIdOfPackage(name);
    const dir = id && packageFolder(require, name);
    if (id && dir && packFileIn(dir)) dirs.set(id, dir);
  }
  return dirs;
}

/** Pack folders directly under `root`, by folder name. */
function packFolders(root: string): Map<string, string> {
  const dirs = new Map<string, string>();
  lookAt(root);
  if (!existsSync(root)) return dirs;
  listFolder(root, 'all');
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory() && packFileIn(join(root, entry.name))) dirs.set(entry.name, join(root, entry.name));
  }
  return dirs;
}

/** Pack packages installed in `node_modules` (named as `PACK_PACKAGE` says), by id. */
function installedPacks(nodeModules: string): Map<string, string> {
  const dirs = new Map<string, string>();
  lookAt(nodeModules);
  if (!existsSync(nodeModules)) return dirs;
  listFolder(nodeModules, 'packs');
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (!entry.startsWith('@')) names.push(entry);
    else if (statSync(join(nodeModules, entry)).isDirectory()) {
      listFolder(join(nodeModules, entry), 'packs');
      for (const sub of readdirSync(join(nodeModules, entry))) names.push(`${entry}/${sub}`);
    }
  }
  for (const name of names.sort()) {
    const id = packIdOfPackage(name);
    if (id && !dirs.has(id) && packFileIn(join(nodeModules, name))) dirs.set(id, join(nodeModules, name));
  }
  return dirs;
}

/** The `node_modules` folders Node looks in from `dir`, nearest first. */
function nodeModulesFrom(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    out.push(join(d, 'node_modules'));
    if (dirname(d) === d) return out;
  }
}

/**
 * Pack folders by id, the first of each id winning: the project's `rules/`, then pack packages installed for
 * the project (nearest `node_modules` first, so a pack installed on its own overrides the copy the command
 * ships with), then the built-in packs.
 */
export function packDirectories(cwd: string): Map<string, string> {
  const dirs = new Map<string, string>();
  const sources = [packFolders(join(cwd, 'rules')), ...nodeModulesFrom(cwd).map(installedPacks), builtinPackDirectories()];
  for (const source of sources) for (const [id, dir] of source) if (!dirs.has(id)) dirs.set(id, dir);
  return dirs;
}

function packFileIn(dir: string): string | undefined {
  for (const name of PACK_FILES) {
    const file = join(dir, name);
    lookAt(file);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** A package's folder by Node resolution (its `package.json`, which every package exports or has no `exports` to hide). */
function packageFolder(require: NodeJS.Require, name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

function isPathLike(ref: string): boolean {
  return ref.startsWith('.') || isAbsolute(ref) || ref.includes('\\') || /\.(ya?ml|json)$/.test(ref) || (ref.includes('/') && !ref.startsWith('@'));
}

/**
 * Resolves pack references on disk. A path is read from the folder of the file naming it. An id or a package name
 * is looked for, in order, in the project's `rules/`, beside the pack naming it (`extends` between packs kept side
 * by side), as an npm package from the folder of the file naming it (the name itself, then `@crossfoot/pack-<id>`
 * and `crossfoot-pack-<id>`), and among the installed and built-in packs.
 */
export function createPackHost(cwd: string): PackHost {
  return {
    resolvePack(ref, from) {
      const base = from ? dirname(from) : cwd;
      if (isPathLike(ref)) {
        const p = resolve(base, ref);
        lookAt(p);
        if (!existsSync(p)) return undefined;
        return statSync(p).isDirectory() ? packFileIn(p) : p;
      }
      for (const dir of [join(cwd, 'rules', ref), join(base, '..', ref)]) {
        lookAt(dir);
        const file = existsSync(dir) ? packFileIn(dir) : undefined;
        if (file) return file;
      }
      if (PACKAGE_NAME.test(ref)) {
        // Node looks for a package in every node_modules upward: one installed or removed there shows in a listing.
        for (const folder of nodeModulesFrom(base)) {
          lookAt(folder);
          listFolder(folder, 'all');
          if (ref.startsWith('@')) listFolder(join(folder, ref.split('/')[0] as string), 'all');
        }
        const require = createRequire(join(base, 'noop.js'));
        for (const name of ref.startsWith('@') ? [ref] : [ref, ...packPackageNames(ref)]) {
          const dir = packageFolder(require, name);
          const file = dir && packFileIn(dir);
          if (file) return file;
        }
      }
      const dir = packDirectories(cwd).get(ref);
      return dir && packFileIn(dir);
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
