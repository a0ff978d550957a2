import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config, Diagnostic, RuleMeta } from '@crossfoot/core';

/** Where `--cache` keeps its file when no folder is given, relative to the working directory. */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/crossfoot';

const FORMAT = 'crossfoot-cache/1';

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
  /** Absent when the report was only read for its issuer and year (it belonged to another shard). */
  result?: CachedResult;
}

/** What the findings of every report depend on besides the reports: rules, packs, config, crossfoot itself. */
export interface Environment {
  rules: RuleMeta[];
  forcedRuleIds: string[];
}

interface CacheFile {
  format: string;
  /** Hash of the run's settings (crossfoot's version and build, locale, packs named, config, plugins, pack folders). */
  key: string;
  /** Every pack file read when the packs were loaded, with its content hash. */
  packFiles: [string, string][];
  environment: Environment;
  /** The parsed config, reused while its text is unchanged. */
  config?: { file: string; hash: string; value: Config };
  entries: Record<string, CacheEntry>;
}

export function hashText(text: string | Uint8Array): string {
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
 * The `--cache` file: one JSON file per working directory in the cache folder. Entries are keyed by uri
 * and valid while the report's content hash is the same, and (for findings) while last year's report is
 * the same one with the same content; the whole file is dropped when the settings key or any pack file
 * changes. Written atomically, and only when something changed.
 */
export class ResultCache {
  private data: CacheFile;
  private dirty = false;

  private constructor(
    readonly file: string,
    data: CacheFile,
  ) {
    this.data = data;
  }

  static open(dir: string, cwd: string): ResultCache {
    const file = join(resolve(cwd, dir), `${hashText(resolve(cwd)).slice(0, 16)}.json`);
    let data: CacheFile = { format: FORMAT, key: '', packFiles: [], environment: { rules: [], forcedRuleIds: [] }, entries: {} };
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (parsed?.format === FORMAT && parsed.entries && typeof parsed.entries === 'object') data = parsed;
    } catch {
      // No cache yet, or one that cannot be read: start afresh.
    }
    return new ResultCache(file, data);
  }

  /** The parsed config when its text is the one cached. */
  config(file: string, text: string): Config | undefined {
    const cached = this.data.config;
    return cached && cached.file === file && cached.hash === hashText(text) ? cached.value : undefined;
  }

  rememberConfig(file: string, text: string, value: Config): void {
    const hash = hashText(text);
    if (this.data.config?.file === file && this.data.config.hash === hash) return;
    this.data.config = { file, hash, value };
    this.dirty = true;
  }

  /** The cached environment if the settings key matches and every pack file still has its content. */
  environment(key: string): Environment | undefined {
    const data = this.data;
    if (data.key !== key) return undefined;
    for (const [path, hash] of data.packFiles) if (hashFile(path) !== hash) return undefined;
    return data.environment;
  }

  /** A new environment: every entry's findings are dropped (issuers and years stay valid). */
  resetEnvironment(key: string, packFiles: string[], environment: Environment): void {
    const entries: Record<string, CacheEntry> = {};
    for (const [uri, entry] of Object.entries(this.data.entries)) entries[uri] = { hash: entry.hash, issuer: entry.issuer, year: entry.year };
    const files = [...new Set(packFiles)].sort().map((path): [string, string] => [path, hashFile(path) ?? '']);
    this.data = { format: FORMAT, key, packFiles: files, environment, config: this.data.config, entries };
    this.dirty = true;
  }

  /** The entry of `uri` if it was made from the same bytes. */
  entry(uri: string, hash: string | undefined): CacheEntry | undefined {
    const entry = hash === undefined ? undefined : this.data.entries[uri];
    return entry && entry.hash === hash ? entry : undefined;
  }

  set(uri: string, entry: CacheEntry): void {
    this.data.entries[uri] = entry;
    this.dirty = true;
  }

  /** Forgets reports that are gone from disk (temporary folders, renamed files). */
  prune(cwd: string, keep: Set<string>): void {
    for (const uri of Object.keys(this.data.entries)) {
      if (keep.has(uri) || existsSync(resolve(cwd, uri))) continue;
      delete this.data.entries[uri];
      this.dirty = true;
    }
  }

  save(): void {
    if (!this.dirty) return;
    const dir = resolve(this.file, '..');
    mkdirSync(dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(this.data));
      renameSync(temp, this.file);
      this.dirty = false;
    } catch {
      // A cache that cannot be written only makes the next run slower.
      rmSync(temp, { force: true });
    }
  }
}
