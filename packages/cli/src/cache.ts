import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config, Diagnostic, RuleMeta } from '@crossfoot/core';
import { SETTLED_MS } from './cache-folder.ts';
import { type Chunk, writeChunks } from './output.ts';
import { lookAt } from './probe.ts';

export { DEFAULT_CACHE_DIR, SETTLED_MS } from './cache-folder.ts';

// 2: each report's findings in a file of its own, so that a run holds only the entries' issuers, years and hashes.
const FORMAT = 'crossfoot-cache/2';

/** A report's findings as checked, with what they depended on besides its own bytes. */
export interface CachedResult {
  /** Last year's report they were computed against (its uri and content hash), or null for none. */
  previous: { uri: string; hash: string } | null;
  diagnostics: Diagnostic[];
  lines: Record<number, string>;
}

export interface CacheEntry {
  /** Content hash of the report's bytes. */
  hash: string;
  issuer?: string;
  year?: number;
  /**
   * What the findings were computed against; the findings themselves are in a file of their own (`findings`). Absent
   * when the report was only read for its issuer and year (it belonged to another shard).
   */
  result?: { previous: CachedResult['previous'] };
}

/** An entry as `set` takes it: with the findings, which it writes to their own file. */
export interface NewCacheEntry extends Omit<CacheEntry, 'result'> {
  result?: CachedResult;
}

/** A report's findings as kept in their file, with the content hash of the bytes they were found in. */
interface StoredResult extends Omit<CachedResult, 'previous'> {
  hash: string;
}

/** What the findings of every report depend on besides the reports: rules, packs, config, crossfoot itself. */
export interface Environment {
  rules: RuleMeta[];
  forcedRuleIds: string[];
}

interface Settings {
  format: string;
  /** Hash of the run's settings (crossfoot's version and build, locale, packs named, config, plugins, pack folders). */
  key: string;
  /** Every pack file read when the packs were loaded, with its content hash. */
  packFiles: [string, string][];
  environment: Environment;
  /** The parsed config, reused while its text is unchanged. */
  config?: { file: string; hash: string; value: Config };
}

/** Totals of a rendered report, for the summary line printed beside it. */
export interface OutputTotals {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** The exit status the report's findings call for. */
  exit: number;
}

export function hashText(text: string | Uint8Array): string {
  // Node's crypto module, loaded by the runs that keep a cache (about 6 ms at every start otherwise).
  const { createHash } = process.getBuiltinModule('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(text).digest('hex');
}

/** Content hash of a file, or undefined when it cannot be read. */
export function hashFile(path: string): string | undefined {
  try {
    return hashText(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * A report file as last hashed: size, modification and change times, inode, when that was looked at, and the hash.
 * While all four are unchanged the hash is taken as it is, without reading the file (as git's index does).
 */
type KnownFile = [size: number, mtimeMs: number, ctimeMs: number, ino: number, seenAt: number, hash: string];

/** Where the cache files of runs in `cwd` begin (a folder in `dir` and a prefix), whatever `dir` is relative to. */
function cacheBase(dir: string, cwd: string): string {
  return join(resolve(cwd, dir), hashText(resolve(cwd)).slice(0, 16));
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Writes by rename, so a reader never sees half a file; whether it was written. A cache that cannot be written only
 * makes the next run slower.
 */
function writeAtomically(file: string, text: string | Iterable<Chunk>): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    if (typeof text === 'string') writeFileSync(temp, text);
    else writeChunks(temp, text);
    renameSync(temp, file);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

/**
 * The `--cache` files of one working directory in the cache folder: the settings (small, read first), the
 * entries (every report's hash, issuer and year, read only when some report must be looked up), each report's
 * findings in a file of its own (read only when they are used) and the last rendered report of each format.
 *
 * Entries are keyed by uri and valid while the report's content hash is the same, and (for findings) while
 * last year's report is the same one with the same content; every finding is dropped when the settings key
 * or any pack file changes. A rendered report is reused when the whole run's inputs are the same: settings,
 * every report's uri and content hash, the shard and the output options.
 */
export class ResultCache {
  private settings: Settings;
  private entries: Record<string, CacheEntry> | undefined;
  private settingsDirty = false;
  private entriesDirty = false;
  /** Report files as hashed by an earlier run, by uri, and as hashed (or confirmed) by this one. */
  private knownFiles: Record<string, KnownFile> | undefined;
  private readonly seenFiles: Record<string, KnownFile> = {};
  private filesDirty = false;

  private constructor(
    private readonly base: string,
    settings: Settings | undefined,
  ) {
    this.settings = settings ?? { format: FORMAT, key: '', packFiles: [], environment: { rules: [], forcedRuleIds: [] } };
  }

  static open(dir: string, cwd: string): ResultCache {
    const base = cacheBase(dir, cwd);
    // Made before the run looks at anything: a folder that appears during the run (a project's first node_modules)
    // would otherwise differ the next time, and that run could not be answered from the record (replay.ts).
    try {
      mkdirSync(dirname(base), { recursive: true });
    } catch {
      // Written at the end or not at all: a cache that cannot be written only makes the next run slower.
    }
    const settings = readJson<Settings>(`${base}.json`);
    return new ResultCache(base, settings?.format === FORMAT ? settings : undefined);
  }

  /**
   * The content hash of a report file, or undefined when it cannot be read. A file whose size, times and inode are
   * those recorded when it was last hashed, and which had settled by then, is not read again.
   */
  fileHash(path: string, uri: string): string | undefined {
    const now = Date.now();
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      lookAt(path);
      return undefined;
    }
    lookAt(path, stat);
    this.knownFiles ??= this.loadFiles();
    const known = this.knownFiles[uri];
    const same = known && known[0] === stat.size && known[1] === stat.mtimeMs && known[2] === stat.ctimeMs && known[3] === stat.ino;
    if (known && same && Math.max(stat.mtimeMs, stat.ctimeMs) + SETTLED_MS < known[4]) {
      this.seenFiles[uri] = known;
      return known[5];
    }
    const hash = hashFile(path);
    if (hash !== undefined) {
      this.seenFiles[uri] = [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, now, hash];
      this.filesDirty = true;
    }
    return hash;
  }

  private loadFiles(): Record<string, KnownFile> {
    const stored = readJson<{ format: string; files: Record<string, KnownFile> }>(`${this.base}.files.json`);
    return stored?.format === FORMAT && stored.files && typeof stored.files === 'object' ? stored.files : {};
  }

  /** Keeps the files hashed by this run, and those of earlier runs still on disk, for the next run. */
  saveFiles(cwd: string): void {
    if (!this.filesDirty) return;
    const files: Record<string, KnownFile> = {};
    for (const [uri, known] of Object.entries(this.knownFiles ?? {})) if (existsSync(resolve(cwd, uri))) files[uri] = known;
    Object.assign(files, this.seenFiles);
    writeAtomically(`${this.base}.files.json`, JSON.stringify({ format: FORMAT, files }));
    this.filesDirty = false;
  }

  /** The parsed config when its text is the one cached. */
  config(file: string, text: string): Config | undefined {
    const cached = this.settings.config;
    return cached && cached.file === file && cached.hash === hashText(text) ? cached.value : undefined;
  }

  rememberConfig(file: string, text: string, value: Config): void {
    const hash = hashText(text);
    if (this.settings.config?.file === file && this.settings.config.hash === hash) return;
    this.settings.config = { file, hash, value };
    this.settingsDirty = true;
  }

  /** The cached environment if the settings key matches and every pack file still has its content. */
  environment(key: string): Environment | undefined {
    if (this.settings.key !== key) return undefined;
    for (const [path, hash] of this.settings.packFiles) {
      lookAt(path);
      if (hashFile(path) !== hash) return undefined;
    }
    return this.settings.environment;
  }

  /** A new environment: every entry's findings are dropped (issuers and years stay valid). */
  resetEnvironment(key: string, packFiles: string[], environment: Environment): void {
    const entries: Record<string, CacheEntry> = {};
    for (const [uri, entry] of Object.entries(this.loadEntries())) entries[uri] = { hash: entry.hash, issuer: entry.issuer, year: entry.year };
    this.entries = entries;
    rmSync(this.resultsFolder(), { recursive: true, force: true });
    this.entriesDirty = true;
    const files = [...new Set(packFiles)].sort().map((path): [string, string] => {
      lookAt(path);
      return [path, hashFile(path) ?? ''];
    });
    this.settings = { format: FORMAT, key, packFiles: files, environment, config: this.settings.config };
    this.settingsDirty = true;
  }

  /** What, besides the reports, the run depends on: the settings key and the pack files' hashes. */
  environmentKey(): string {
    return hashText(JSON.stringify([this.settings.key, this.settings.packFiles]));
  }

  private loadEntries(): Record<string, CacheEntry> {
    if (!this.entries) {
      const stored = readJson<{ format: string; key: string; entries: Record<string, CacheEntry> }>(`${this.base}.entries.json`);
      this.entries = stored?.format === FORMAT && stored.key === this.settings.key && stored.entries ? stored.entries : {};
    }
    return this.entries;
  }

  /** The entry of `uri` if it was made from the same bytes. */
  entry(uri: string, hash: string | undefined): CacheEntry | undefined {
    const entry = hash === undefined ? undefined : this.loadEntries()[uri];
    return entry && entry.hash === hash ? entry : undefined;
  }

  /** Keeps `entry` for `uri`, its findings (if any) in their own file; without them, any kept for `uri` are dropped. */
  set(uri: string, entry: NewCacheEntry): void {
    const { result, ...about } = entry;
    const kept: CacheEntry = about;
    const file = this.resultFile(uri);
    if (result) {
      const stored: StoredResult = { hash: entry.hash, diagnostics: result.diagnostics, lines: result.lines };
      if (writeAtomically(file, JSON.stringify(stored))) kept.result = { previous: result.previous };
    } else rmSync(file, { force: true });
    this.loadEntries()[uri] = kept;
    this.entriesDirty = true;
  }

  /**
   * The findings kept for `uri` with `entry`, read from their file; undefined if that file is gone or was written for
   * other bytes (then the report is checked again).
   */
  findings(uri: string, entry: CacheEntry): CachedResult | undefined {
    if (!entry.result) return undefined;
    const stored = readJson<StoredResult>(this.resultFile(uri));
    if (stored?.hash !== entry.hash || !Array.isArray(stored.diagnostics) || !stored.lines) return undefined;
    return { previous: entry.result.previous, diagnostics: stored.diagnostics, lines: stored.lines };
  }

  private resultsFolder(): string {
    return `${this.base}.findings`;
  }

  private resultFile(uri: string): string {
    return join(this.resultsFolder(), `${hashText(uri).slice(0, 24)}.json`);
  }

  /** Forgets reports that are gone from disk (temporary folders, renamed files). */
  prune(cwd: string, keep: Set<string>): void {
    const entries = this.loadEntries();
    for (const uri of Object.keys(entries)) {
      if (keep.has(uri) || existsSync(resolve(cwd, uri))) continue;
      delete entries[uri];
      rmSync(this.resultFile(uri), { force: true });
      this.entriesDirty = true;
    }
  }

  /**
   * The report rendered last time for these exact inputs (`key`) in this format: the file that holds it and its
   * totals. The report is kept in a file of its own, named after its inputs, so that it can be copied without being
   * read, and a report written for other inputs can never be taken for it.
   */
  output(format: string, key: string): { file: string; totals: OutputTotals } | undefined {
    const head = readJson<{ key: string; totals: OutputTotals }>(`${this.outputFile(format)}.json`);
    if (head?.key !== key) return undefined;
    const file = this.reportFile(format, key);
    return existsSync(file) ? { file, totals: head.totals } : undefined;
  }

  /**
   * Keeps the report rendered for `key` (whole or in pieces); the file that holds it, or undefined when it could not be
   * written.
   */
  rememberOutput(format: string, key: string, text: string | Iterable<Chunk>, totals: OutputTotals): string | undefined {
    const head = `${this.outputFile(format)}.json`;
    // Before the report was kept apart from its description, both were one file under this name.
    rmSync(this.outputFile(format), { force: true });
    const before = readJson<{ key: string }>(head);
    if (before?.key && before.key !== key) rmSync(this.reportFile(format, before.key), { force: true });
    const file = this.reportFile(format, key);
    if (!writeAtomically(file, text) || !writeAtomically(head, JSON.stringify({ key, totals }))) return undefined;
    return file;
  }

  private reportFile(format: string, key: string): string {
    return `${this.outputFile(format)}.${hashText(key).slice(0, 16)}`;
  }

  private outputFile(format: string): string {
    return `${this.base}.output.${format.replace(/[^a-z0-9-]/gi, '_')}`;
  }

  save(): void {
    if (this.entriesDirty && this.entries) {
      writeAtomically(`${this.base}.entries.json`, JSON.stringify({ format: FORMAT, key: this.settings.key, entries: this.entries }));
      this.entriesDirty = false;
    }
    if (this.settingsDirty) {
      writeAtomically(`${this.base}.json`, JSON.stringify(this.settings));
      this.settingsDirty = false;
    }
  }
}
