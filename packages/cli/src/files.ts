import { type Stats, statSync } from 'node:fs';
import { dirname, isAbsolute, posix, resolve } from 'node:path';
import { type Config, CrossfootError } from '@crossfoot/core';
import { fdir } from 'fdir';
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
  const ignores = [...DEFAULT_IGNORE, ...ignore];
  // Compiled when a file was not named itself (about 4 ms at the start of a run that names its files).
  let ignored: ((uri: string) => boolean) | undefined;
  const isIgnored = (uri: string): boolean => {
    ignored ??= picomatch(ignores, { dot: true });
    return ignored(uri);
  };
  let lister: Pick<FolderLister, 'list'> | undefined;
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    // One look at each path: a shell's glob can name thousands of folders.
    const stats = statOf(abs);
    lookAt(abs, stats);
    if (stats) {
      if (stats.isDirectory()) {
        listTree(abs, 'reports');
        lister ??= FolderLister.for(ignores) ?? {
          list: (folder) => globSync(REPORTS_IN_FOLDER, { cwd: folder, absolute: true, dot: false, ignore: ignores, expandDirectories: false }),
        };
        for (const f of lister.list(abs)) found.add(resolve(f));
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

/** What is at `path`, following links; undefined where nothing can be found (`existsSync` false). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** What a folder named on the command line stands for: its report files at any depth. */
export const REPORTS_IN_FOLDER = `**/*.{${REPORT_EXTENSIONS.join(',')}}`;

/**
 * Lists the report files under folders, each as tinyglobby lists `REPORTS_IN_FOLDER` with the folder as its `cwd`
 * (`absolute`, no dot files, the ignore list, no expanded directories), through the same crawler (fdir) with the same
 * options, but with the patterns compiled once for every folder: tinyglobby compiles them again at each call, about
 * 0.27 ms, so that naming 10,000 issuers' folders (`crossfoot check reports/*`) took 1.6–2.7 s to list where naming
 * their parent took 0.2–0.26 s (now 0.5–0.7 s). A test holds the two listings to the same files on trees made at random.
 */
export class FolderLister {
  /** Options as tinyglobby gives them to picomatch. */
  private static readonly OPTIONS = { dot: false, nobrace: false, nocase: false, noextglob: false, noglobstar: false, posix: true };
  private readonly matches = picomatch(REPORTS_IN_FOLDER, FolderLister.OPTIONS);
  private readonly ignored: (path: string) => boolean;
  /**
   * Whether a folder could hold a match: for a pattern opening with `**`, whether the folder's first segment is one
   * `**` takes (not a dot folder), as tinyglobby's partial matcher answers for it.
   */
  private readonly descends = picomatch('**', FolderLister.OPTIONS);

  private constructor(ignore: string[]) {
    this.ignored = picomatch(ignore, FolderLister.OPTIONS);
  }

  /**
   * A lister for an ignore list whose patterns mean the same in every folder, as tinyglobby reads them (`posix.normalize`
   * of each, without a trailing slash); none for a list with a pattern it reads from the folder (an absolute one, or
   * one going up with `..`), which is then listed by tinyglobby itself.
   */
  static for(ignore: readonly string[]): FolderLister | undefined {
    const patterns: string[] = [];
    for (const pattern of ignore) {
      // Negated patterns are not ignores; tinyglobby passes them over, and so does this.
      if (!pattern || (pattern[0] === '!' && pattern[1] !== '(')) continue;
      const written = posix.normalize(pattern.endsWith('/') ? pattern.slice(0, -1) : pattern);
      if (isAbsolute(written.replace(/\\(?=[()[\]{}!*+?@|])/g, '')) || written.startsWith('..')) return undefined;
      patterns.push(written);
    }
    return new FolderLister(patterns);
  }

  /** The report files under `folder` (absolute), absolute. */
  list(folder: string): string[] {
    const root = folder.replace(/\\/g, '/');
    // A path relative to the folder, from the crawler's absolute one (a folder's ends with a slash).
    const start = root.length + (root === '/' ? 0 : 1);
    const relative = (p: string, isDirectory: boolean) => p.slice(start, isDirectory ? -1 : undefined) || '.';
    return new fdir({
      filters: [
        (p, isDirectory) => {
          const path = relative(p, isDirectory);
          return this.matches(path) && !this.ignored(path);
        },
      ],
      exclude: (_name, p) => {
        const path = relative(p, true);
        return (path !== '.' && !this.descends(path.split('/')[0] as string)) || this.ignored(path);
      },
      pathSeparator: '/',
      relativePaths: false,
      resolvePaths: true,
      includeBasePath: true,
      resolveSymlinks: true,
      excludeSymlinks: false,
      excludeFiles: false,
      includeDirs: false,
    })
      .crawl(root)
      .sync() as string[];
  }
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
