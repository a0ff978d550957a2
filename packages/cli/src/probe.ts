import { readdirSync, type Stats, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fingerprint } from './fingerprint.ts';

/**
 * A path as a run looked at it: a file's size, modification and change times and inode; `'dir'` for a folder (what
 * it holds is watched by listing it, see `Listing`); null when nothing was there.
 */
export type Look = [size: number, mtimeMs: number, ctimeMs: number, ino: number] | 'dir' | null;

/**
 * Which names of a folder a run's outcome depends on:
 * - `reports`: the sub-folders and report files a folder given to `check` takes in (no dot-folders, no tool folders);
 * - `packs`: names a pack package or a scope of packages can have;
 * - `all`: every name.
 */
export type Listing = 'reports' | 'packs' | 'all';

/** What a run looked at on disk: each path as it was, and each folder's listing (its mode and a hash of the names). */
export interface Observations {
  paths: Record<string, Look>;
  folders: Record<string, [Listing, string]>;
}

/** Folders whose files are never reports (`DEFAULT_IGNORE`), not walked for a file list. */
const TOOL_FOLDERS = new Set(['node_modules', '.git', '.github', 'dist']);

/** Report file names a folder takes in (`REPORT_EXTENSIONS`, as the file list's glob matches them). */
const REPORT_FILE = /\.(?:md|markdown|txt|yaml|yml|html|htm|pdf|docx)$/;

/** A tree with more folders than this is not recorded: checking its listings would cost what a file list does. */
const MAX_FOLDERS = 20_000;

/** The look of `path` now (its given stats, if just taken). */
export function lookOf(path: string, stats?: Stats): Look {
  let s = stats;
  if (!s) {
    try {
      s = statSync(path, { throwIfNoEntry: false });
    } catch {
      return null;
    }
  }
  if (!s) return null;
  return s.isDirectory() ? 'dir' : [s.size, s.mtimeMs, s.ctimeMs, s.ino];
}

export function sameLook(a: Look, b: Look): boolean {
  if (a === null || b === null || a === 'dir' || b === 'dir') return a === b;
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

function kept(mode: Listing, name: string, folder: boolean | undefined): boolean {
  if (mode === 'all') return true;
  if (mode === 'packs') return name.startsWith('@') || name.includes('pack');
  // A link may point at a folder or a file: kept either way.
  if (folder !== false) return !name.startsWith('.') && !TOOL_FOLDERS.has(name);
  return REPORT_FILE.test(name);
}

/**
 * The names of `folder` that `mode` keeps, each with its kind, sorted, and a hash of them; undefined when it cannot
 * be listed. Sub-folders to walk come with it.
 */
function list(folder: string, mode: Listing): { hash: string; folders: string[] } | undefined {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const names: string[] = [];
  const folders: string[] = [];
  for (const entry of entries) {
    const isLink = entry.isSymbolicLink();
    const isFolder = entry.isDirectory() || (isLink ? undefined : false);
    if (!kept(mode, entry.name, isFolder)) continue;
    names.push(`${isLink ? 'l' : isFolder ? 'd' : 'f'}:${entry.name}`);
    if (isFolder !== false && !TOOL_FOLDERS.has(entry.name)) folders.push(join(folder, entry.name));
  }
  names.sort();
  return { hash: fingerprint(names.join('\n')), folders };
}

/** The hash of `folder`'s listing as `mode` sees it, or null when it cannot be listed. */
export function listingOf(folder: string, mode: Listing): string | null {
  return list(folder, mode)?.hash ?? null;
}

/** Notes what one run reads, lists and looks for, so that a later run can tell whether any of it changed. */
class Probe implements Observations {
  readonly paths: Record<string, Look> = {};
  readonly folders: Record<string, [Listing, string]> = {};
  /** Why the run cannot be answered from what it looked at (a plugin may read anything), if so. */
  refused: string | undefined;
  private walked = 0;

  constructor(private readonly skip: Set<string>) {}

  look(path: string, stats?: Stats): void {
    if (!(path in this.paths)) this.paths[path] = lookOf(path, stats);
  }

  listing(folder: string, mode: Listing): ReturnType<typeof list> {
    const listed = list(folder, mode);
    this.folders[folder] = [mode, listed?.hash ?? ''];
    return listed;
  }

  tree(root: string, mode: Listing): void {
    const seen = new Set<string>();
    const walk = (folder: string) => {
      if (this.refused || this.skip.has(folder)) return;
      let id: string;
      try {
        const s = statSync(folder);
        if (!s.isDirectory()) return;
        id = `${s.dev}:${s.ino}`;
      } catch {
        return;
      }
      if (seen.has(id)) return;
      seen.add(id);
      if (++this.walked > MAX_FOLDERS) {
        this.refused = `more than ${MAX_FOLDERS} folders`;
        return;
      }
      for (const sub of this.listing(folder, mode)?.folders ?? []) walk(sub);
    };
    walk(resolve(root));
  }
}

let active: Probe | undefined;

/** Starts noting what the run looks at (folders in `skip`, such as the cache's own, are not walked). */
export function startProbe(skip: string[] = []): Probe {
  active = new Probe(new Set(skip.map((p) => resolve(p))));
  return active;
}

/** Stops noting; what was noted stays in the probe returned by `startProbe`. */
export function stopProbe(): void {
  active = undefined;
}

export type { Probe };

/** Notes `path` as it is now (or as `stats`, just taken, say): a file read or a path whose existence mattered. */
export function lookAt(path: string, stats?: Stats): void {
  active?.look(path, stats);
}

/** Notes the names of `folder` that `mode` keeps. */
export function listFolder(folder: string, mode: Listing): void {
  active?.listing(folder, mode);
}

/** Notes the listing of `root` and of every folder under it a file list could descend into. */
export function listTree(root: string, mode: Listing): void {
  active?.tree(root, mode);
}

/** Marks the run as one that cannot be answered from what it looked at. */
export function refuseReplay(reason: string): void {
  if (active) active.refused ??= reason;
}
