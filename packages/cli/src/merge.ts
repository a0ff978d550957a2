import { closeSync, fstatSync, mkdtempSync, openSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CrossfootError, type Diagnostic, type RuleMeta } from '@crossfoot/core';
import { FindingStore, StoredReport } from './findings.ts';
import { JsonMembers } from './json-members.ts';
import { removeFolder, removeOnInterrupt } from './output.ts';
import type { ProgressEvent } from './progress.ts';

/**
 * The `--format json` reports of the shards of one run as that run's report, rendered as `check` renders a batch's:
 * from a `FindingStore`, a file at a time, so that it is the whole run's report byte for byte. Each shard is read a
 * file entry and a finding at a time (`JsonMembers`), and its findings kept on disk as a batch keeps them: two shards
 * of 10,000 reports (420 MB of JSON) parsed whole took 2.6 GiB and 36 s to merge.
 *
 * A file in two reports means they are not shards of one run, and so do reports of different crossfoot versions;
 * anything but a crossfoot JSON report stops with a usage error naming the file. The caller closes the report once
 * it is written (its findings are kept in a temporary folder until then). `onProgress` hears how many bytes of the
 * shards are read, of how many (phase `merge`).
 */
export function mergeShards(cwd: string, names: readonly string[], onProgress?: (event: ProgressEvent) => void): StoredReport {
  const spill = mkdtempSync(join(tmpdir(), 'crossfoot-merge-'));
  const forgetSpill = removeOnInterrupt(spill);
  const store = new FindingStore(join(spill, 'findings'));
  const close = () => {
    store.close();
    removeFolder(spill);
    forgetSpill();
  };
  try {
    const merging = new Merging(store, onProgress && progressOf(cwd, names, onProgress));
    for (const name of names) merging.read(cwd, name);
    return new StoredReport(merging.rules, merging.files, merging.metas, store, close);
  } catch (error) {
    close();
    throw error;
  }
}

/** What the shards read so far hold: their files in order, each one's issuer and year, their rules. */
class Merging {
  readonly files: { uri: string }[] = [];
  readonly metas = new Map<string, { issuer?: string; year?: number }>();
  readonly rules: RuleMeta[] = [];
  /** The shard that listed each file. */
  private readonly listedIn = new Map<string, string>();
  /** Files listed by their findings, before (or without) an entry of their own in their shard's files. */
  private readonly byFindings = new Set<string>();
  /** The first shard's name and crossfoot version. */
  private first: { name: string; version: string } | undefined;

  constructor(
    private readonly store: FindingStore,
    /** Told where the reader is in each shard, as it reads its files and findings. */
    private readonly progress?: (name: string, read: number, size: number) => void,
  ) {}

  read(cwd: string, name: string): void {
    let fd: number;
    try {
      fd = openSync(resolve(cwd, name), 'r');
    } catch (error) {
      throw unreadable(name, error);
    }
    try {
      const report = new JsonMembers(fd);
      const told = this.progress;
      if (told) {
        const size = fstatSync(fd).size;
        this.readMembers(report, name, () => told(name, report.read, size));
        told(name, size, size);
      } else this.readMembers(report, name);
    } catch (error) {
      // Not JSON, not a report, or not readable at all (a folder named as a shard): said of the file, with exit 2.
      throw error instanceof CrossfootError ? error : unreadable(name, error);
    } finally {
      closeSync(fd);
    }
  }

  private readMembers(report: JsonMembers, name: string, tell?: () => void): void {
    let tool = false;
    let files = false;
    let diagnostics = false;
    for (const member of report.members()) {
      if (member === 'tool') {
        const value = report.value() as { name?: unknown; version?: unknown } | null;
        if (value?.name !== 'crossfoot') throw notReport(name);
        this.sameVersion(name, String(value.version ?? ''));
        tool = true;
      } else if (member === 'files' && report.atArray()) {
        files = true;
        for (const f of report.elements()) {
          this.list(name, f);
          tell?.();
        }
      } else if (member === 'diagnostics' && report.atArray()) {
        diagnostics = true;
        this.keep(name, report.elements(), tell);
      } else if (member === 'rules') {
        const rules = report.value();
        if (Array.isArray(rules)) this.rules.push(...(rules as RuleMeta[]));
      }
    }
    if (!tool || !files || !diagnostics) throw notReport(name);
  }

  private sameVersion(name: string, version: string): void {
    if (!this.first) this.first = { name, version };
    else if (version !== this.first.version)
      throw new CrossfootError(
        'usage',
        `${name} was written by crossfoot ${version}, ${this.first.name} by ${this.first.version}: check every shard with one version`,
      );
  }

  /** A file entry of shard `name`: listed, with its issuer and year, and the lines its findings show kept. */
  private list(name: string, entry: unknown): void {
    const f = (entry ?? {}) as { uri?: unknown; issuer?: unknown; year?: unknown; lines?: unknown };
    const uri = String(f.uri);
    const other = this.listedIn.get(uri);
    // A shard may list its findings before its files: an entry then completes the file its findings listed.
    const completes = other === name && this.byFindings.delete(uri);
    if (other !== undefined && !completes) throw inBoth(uri, other, name);
    this.listedIn.set(uri, name);
    if (!completes) this.files.push({ uri });
    const meta: { issuer?: string; year?: number } = {};
    if (typeof f.issuer === 'string') meta.issuer = f.issuer;
    if (typeof f.year === 'number') meta.year = f.year;
    this.metas.set(uri, meta);
    const lines: Record<number, string> = {};
    if (f.lines && typeof f.lines === 'object') {
      for (const [n, text] of Object.entries(f.lines as Record<string, unknown>)) if (typeof text === 'string') lines[Number(n)] = text;
    }
    this.store.put(uri, { diagnostics: completes ? (this.store.get(uri)?.diagnostics ?? []) : [], lines });
  }

  /**
   * Findings, each kept with those of its file: a report lists a file's findings together, so each run of findings of
   * one file is added to what the store has of it at once. A file no shard listed is listed with them, as this
   * shard's; one another shard listed means the two are not shards of one run.
   */
  private keep(name: string, findings: Iterable<unknown>, tell?: () => void): void {
    let uri: string | undefined;
    let run: Diagnostic[] = [];
    const add = () => {
      if (uri === undefined || !run.length) return;
      const other = this.listedIn.get(uri);
      if (other !== undefined && other !== name) throw inBoth(uri, other, name);
      if (other === undefined) {
        this.listedIn.set(uri, name);
        this.byFindings.add(uri);
        this.files.push({ uri });
      }
      const before = this.store.get(uri);
      this.store.put(uri, { diagnostics: before ? [...before.diagnostics, ...run] : run, lines: before?.lines ?? {} });
      run = [];
    };
    let count = 0;
    for (const finding of findings) {
      count++;
      if (!isFinding(finding)) throw new CrossfootError('usage', `${name} is not a crossfoot JSON report: its finding ${count} is not one`);
      const d = finding;
      const at = d.uri;
      if (at !== uri) {
        add();
        uri = at;
      }
      run.push(d);
      tell?.();
    }
    add();
  }
}

/**
 * Progress over all the shards, in bytes: each shard's size taken before any is read (a shard that cannot be looked at
 * counts nothing, and is refused when it is read).
 */
function progressOf(cwd: string, names: readonly string[], onProgress: (event: ProgressEvent) => void): (name: string, read: number, size: number) => void {
  const sizes = names.map((name) => {
    try {
      return statSync(resolve(cwd, name)).size;
    } catch {
      return 0;
    }
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  let before = 0;
  let current: string | undefined;
  let currentSize = 0;
  return (name, read, size) => {
    if (name !== current) {
      before += currentSize;
      current = name;
      currentSize = size;
    }
    onProgress({ phase: 'merge', done: Math.min(total, before + read), total: Math.max(total, before + size) });
  };
}

/** Whether `value` has what the store and the formatters read of a finding: where it is, its rule, severity and message. */
function isFinding(value: unknown): value is Diagnostic {
  const d = value as Partial<Diagnostic> | null;
  if (!d || typeof d !== 'object' || typeof d.uri !== 'string' || typeof d.ruleId !== 'string' || typeof d.message !== 'string') return false;
  if (d.severity !== 'error' && d.severity !== 'warning' && d.severity !== 'info') return false;
  const { start, end } = (d.range ?? {}) as Partial<Diagnostic['range']>;
  return [start?.line, start?.column, end?.line, end?.column].every((n) => Number.isInteger(n)) && (d.related === undefined || Array.isArray(d.related));
}

function inBoth(uri: string, one: string, other: string): CrossfootError {
  return new CrossfootError('usage', `${uri} is in both ${one} and ${other}: merge the reports of distinct shards of one run`);
}

function unreadable(name: string, error: unknown): CrossfootError {
  return new CrossfootError('usage', `cannot read ${name} as a JSON report: ${(error as Error).message}`);
}

function notReport(name: string): CrossfootError {
  return new CrossfootError('usage', `${name} is not a crossfoot JSON report (crossfoot check --format json)`);
}
