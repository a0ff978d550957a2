import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Config, CrossfootError } from '@crossfoot/core';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { listTree, lookAt } from './probe.ts';
import { toUri } from './uri.ts';

export { toUri };

/** Report files a folder or the default globs take in: the text formats, PDF and Word. */
export const REPORT_EXTENSIONS = ['md', 'markdown', 'txt', 'yaml', 'yml', 'html', 'htm', 'pdf', 'docx'];

/** Never reports: tool folders, crossfoot's own config and packs. */
export const DEFAULT_IGNORE = ['**/node_modules/**', '**/.git/**', '**/.github/**', '**/dist/**', '**/crossfoot.config.*', '**/pack.{yaml,yml,json}'];

export interface FileEntry {
  path: string;
  /** Relative to the working directory, forward slashes. */
  uri: string;
}

/**
 * Expands paths, directories and globs into report files, sorted, without duplicates.
 *
 * Folders are listed synchronously: a run has nothing else to do meanwhile, and the asynchronous listing read each
 * folder on libuv's thread pool, whose threads' malloc arenas kept what the listings left in them. Listing 10,000
 * report folders took a process from 47 to 77 MB resident that way, to 59 MB synchronously, in the same time
 * (240–310 against 325–356 ms), and a batch carried the difference to its end (bench/NOTES.md).
 */
export async function collectFiles(cwd: string, patterns: string[], ignore: string[]): Promise<{ files: FileEntry[]; missing: string[] }> {
  const found = new Set<string>();
  const missing: string[] = [];
  const exts = `{${REPORT_EXTENSIONS.join(',')}}`;
  const ignores = [...DEFAULT_IGNORE, ...ignore];
  // Compiled when a file was not named itself (about 4 ms at the start of a run that names its files).
  let ignored: ((uri: string) => boolean) | undefined;
  const isIgnored = (uri: string): boolean => {
    ignored ??= picomatch(ignores, { dot: true });
    return ignored(uri);
  };
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    lookAt(abs);
    if (existsSync(abs)) {
      if (statSync(abs).isDirectory()) {
        listTree(abs, 'reports');
        const inDir = globSync(`**/*.${exts}`, { cwd: abs, absolute: true, dot: false, ignore: ignores, expandDirectories: false });
        for (const f of inDir) found.add(resolve(f));
      } else {
        // A file named explicitly is checked whatever its extension or the ignore list says.
        found.add(abs);
      }
      continue;
    }
    listTree(globBase(cwd, pattern), 'all');
    const matches = globSync(pattern, { cwd, absolute: true, ignore: ignores, expandDirectories: false });
    if (!matches.length) missing.push(pattern);
    for (const f of matches) found.add(resolve(f));
  }
  // A file named on its own is kept whatever the ignore list says; a set, since a shell's glob can name thousands.
  const named = new Set(patterns.map((p) => resolve(cwd, p)));
  const files = [...found]
    .map((path) => ({ path, uri: toUri(cwd, path) }))
    .filter((f) => named.has(f.path) || !isIgnored(f.uri))
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return { files, missing };
}

/** The folder a glob starts from: its leading segments without glob syntax. */
export function globBase(cwd: string, pattern: string): string {
  const segments = pattern.split('/');
  const plain: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}()!+@\\]/.test(segment)) break;
    plain.push(segment);
  }
  return resolve(cwd, plain.join('/') || '.');
}

/** The files a run covers: the given paths or globs, else the config's includes, else `.`. */
export async function selectFiles(cwd: string, config: Config | undefined, patterns: string[]): Promise<FileEntry[]> {
  const base = config ? dirname(resolve(cwd, config.file)) : cwd;
  const wanted = patterns.length ? patterns : config?.include.length ? config.include.map((p) => toUri(cwd, resolve(base, p)) || '.') : ['.'];
  const { files, missing } = await collectFiles(cwd, wanted, config?.ignore ?? []);
  if (missing.length) throw new CrossfootError('usage', `no files match ${missing.map((m) => `"${m}"`).join(', ')}`);
  return files;
}

/**
 * The shard (0-based) a file belongs to: FNV-1a of its uri modulo `count`, so a file stays in its shard
 * when others are added or removed, and every file is in exactly one shard.
 */
export function shardOf(uri: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < uri.length; i++) {
    hash ^= uri.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}
