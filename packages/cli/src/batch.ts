import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Config, type Diagnostic, type Locale, labelKey, type PackHost, type RuleMeta, type Severity, type Timings } from '@crossfoot/core';
import { type FileSummary, gather, type ReportStream } from '@crossfoot/formatters';
import { buildId } from './build-id.ts';
import { type CachedResult, type CacheEntry, type Environment, hashFile, hashText, ResultCache } from './cache.ts';
import { GROWING_RUN, letYoungGenerationGrow, optimise, textOnly, tuneForBatch, worthTuning } from './compiler.ts';
import { type LocatedConfig, locateConfig } from './config.ts';
import { type FileEntry, selectFiles, shardOf } from './files.ts';
import { FindingStore, StoredReport } from './findings.ts';
import { createPackHost, packDirectories } from './host.ts';
import { removeFolder, removeOnInterrupt } from './output.ts';
import { createPool, inProcessPool, type Pool, type PoolFactory, type PoolKind, sharedPool } from './pool.ts';
import { refuseReplay } from './probe.ts';
import type { Phase, ProgressEvent } from './progress.ts';
import { rulesUsed } from './rules.ts';
import type { Session } from './session.ts';
import { issuerKey } from './text-key.ts';
import { VERSION } from './version.ts';
import type { CheckOutcome, CheckTask, FileRef, Meta, MetaOutcome, Outcome, Reply, Task, WorkerInit } from './worker.ts';

export interface BatchOptions {
  /** Working directory: config discovery, relative paths and uris start here. */
  cwd: string;
  /** Paths or globs; default: the config's includes, else `.`. */
  patterns: string[];
  packs?: string[];
  config?: string;
  locale?: Locale;
  /** Threads that check reports, the main thread among them; default: `defaultJobs`, and the main thread alone for runs too small to repay starting others. */
  jobs?: number;
  /** Check only the files of shard `index` (1-based) of `count`, by a hash of the uri. */
  shard?: { index: number; count: number };
  /** The cache folder (relative to `cwd`), or undefined for no cache. */
  cache?: string;
  /** Which worker pool; default `threads`. */
  pool?: PoolKind | PoolFactory;
  /**
   * The process is the `crossfoot` command's own: a long run (`worthTuning`) tunes V8 (`BATCH_FLAGS`) for
   * the whole process (compiler.ts). A program using the library leaves it unset.
   */
  tuneCompiler?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /** Where to add the time each report's reading and checking took, by part, in whichever thread checked it (`CROSSFOOT_TIMING`). */
  timings?: Timings;
}

export interface BatchStats {
  /** Reports in this run (this shard's). */
  files: number;
  /** Reports checked in this run; the others came from the cache. */
  checked: number;
  fromCache: number;
  /** Reports of other shards read (or scanned) to find last year's report of this shard's issuers. */
  scanned: number;
  /** Worker threads started beside the main thread (0: the main thread checked every report alone). */
  threads: number;
}

export interface BatchResult {
  locale: Locale;
  diagnostics: Diagnostic[];
  rules: RuleMeta[];
  /** Every report of the run with the lines its findings show, its issuer and year. */
  files: FileSummary[];
  stats: BatchStats;
}

/**
 * Threads that check a run's reports without `--jobs`, the main thread among them. A thread reading and checking
 * reports keeps about 1.4 cores busy (its garbage collection and compilation run beside it), so one per 1.4 cores
 * keeps every thread fed. Past that a thread still pays, but only on a long run: each compiles the code it runs for
 * itself, seconds of work before it is up to speed. On two cores a second thread beside the main one made 500 reports
 * no faster, 750 7 % faster and 1,000 18 % (bench/NOTES.md): one more thread per `LONG_RUN` reports, up to one a core.
 */
export function defaultJobs(cores = availableParallelism(), reports = 0): number {
  return Math.min(Math.max(1, cores), Math.max(1, Math.floor(cores / 1.4), 1 + Math.floor(reports / LONG_RUN)));
}

/** Reports that repay a thread beyond one per 1.4 cores (`defaultJobs`): a run of 600 has two threads on two cores. */
const LONG_RUN = 600;

/** Below this many reports a run without `--jobs` stays in the main thread: starting threads would cost more. */
const MIN_FILES_FOR_THREADS = 48;
/** …and it starts no more threads than one per this many reports. */
const FILES_PER_THREAD = 24;

/**
 * Checks many reports the way `Session.run` does, with the same findings, but in worker threads and
 * without holding every report in memory: each thread reads, parses and checks one report at a time and
 * sends back only its findings and the lines they show.
 *
 * Last year's report of the same issuer (previous-report rules) is found among *all* the files of the run,
 * whichever shard checks a report, so the shards of a run add up to the whole run. Reports are first
 * checked on their own, which also gives their issuer and year; those that turn out to have last year's
 * report are checked again against it. With a cache, a report is checked only when its bytes, last year's
 * report or the settings (crossfoot, packs, config, locale) changed.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  return (await Batch.prepare(options)).run();
}

/**
 * A batch run in two steps: `prepare` settles everything the findings depend on (config, the files and, with a
 * cache, the packs and the files' content hashes) without checking anything; `run` checks. In between, `fingerprint` lets
 * the caller reuse a report rendered from exactly these inputs.
 */
export class Batch {
  private constructor(
    private readonly options: BatchOptions,
    readonly locale: Locale,
    private readonly init: WorkerInit,
    private environment: Environment | undefined,
    private readonly session: Session | undefined,
    /** The cache, if asked for. */
    readonly cache: ResultCache | undefined,
    private readonly all: FileEntry[],
    private readonly mine: FileEntry[],
    private readonly hashes: Map<string, string | undefined>,
  ) {}

  static async prepare(options: BatchOptions): Promise<Batch> {
    const cwd = resolve(options.cwd);
    const cache = options.cache !== undefined ? ResultCache.open(options.cache, cwd) : undefined;
    const located = locateConfig(cwd, options.config);
    const config = located ? await loadConfig(located, cache) : undefined;
    const locale = options.locale ?? config?.locale ?? 'zh-CN';
    const init: WorkerInit = { cwd, packs: options.packs, config: options.config, locale: options.locale };
    if (options.timings) init.timing = true;

    let session: Session | undefined;
    let environment: Environment | undefined;
    if (cache) {
      const key = settingsKey(cwd, options, located, config, locale);
      environment = cache.environment(key);
      if (!environment) {
        const read: string[] = [];
        session = await createSession(init, recordingHost(cwd, read));
        environment = { rules: session.checker.rules(), forcedRuleIds: session.forcedRuleIds() };
        cache.resetEnvironment(key, read, environment);
      }
    }
    // Without a cache, the packs are loaded where the reports are checked: in the threads, or here when the run
    // stays in the main thread. The run's report asks for their rules at the end.

    const all = await selectFiles(cwd, config, options.patterns);
    const shard = options.shard;
    const mine = shard ? all.filter((f) => shardOf(f.uri, shard.count) === shard.index - 1) : all;
    // Hashes decide what the cache can answer; without a cache the threads compute them while checking.
    const hashes = new Map<string, string | undefined>();
    if (cache) {
      for (const f of shard ? all : mine) hashes.set(f.uri, cache.fileHash(f.path, f.uri));
      cache.saveFiles(cwd);
    }
    return new Batch(options, locale, init, environment, session, cache, all, mine, hashes);
  }

  /** How many reports the run checks (this shard's). */
  get size(): number {
    return this.mine.length;
  }

  /** A hash of every input of the run's findings (settings, packs, every file's uri and content), when cached. */
  get fingerprint(): string | undefined {
    if (!this.cache) return undefined;
    const files: [string, string][] = [];
    for (const [uri, hash] of this.hashes) {
      if (hash === undefined) return undefined;
      files.push([uri, hash]);
    }
    return hashText(JSON.stringify([this.cache.environmentKey(), this.options.shard ?? null, this.mine.length, files]));
  }

  /** Checks the batch's reports: every finding in memory, as `runBatch` gives them. */
  async run(): Promise<BatchResult> {
    const report = await this.report();
    try {
      const { diagnostics, files } = gather(report.stream());
      // Copied out (a file's lines are read when asked for) before the report is closed.
      return { locale: report.locale, diagnostics, rules: report.rules, files: files.map((f) => ({ ...f })), stats: report.stats };
    } finally {
      report.close();
    }
  }

  /**
   * Checks the batch's reports, keeping their findings on disk (`FindingStore`) for the run's report to read a file at a
   * time. The caller closes the report once it is written.
   */
  async report(): Promise<BatchReport> {
    const { options, init, cache, all, mine, hashes } = this;
    const cwd = init.cwd;
    const shard = options.shard;
    const runner = new Runner(options, this.session, init);
    // Reports read in the first pass that a second pass will likely need are kept here, so that checking one against
    // last year's report does not parse either again; so are the findings of every report until the run's report is written.
    const spill = mkdtempSync(join(tmpdir(), 'crossfoot-batch-'));
    const forgetSpill = removeOnInterrupt(spill);
    const close = () => {
      store.close();
      removeFolder(spill);
      forgetSpill();
    };
    const store = new FindingStore(join(spill, 'findings'));
    const worthSaving = likelyPaired(all);
    // Numbered as they are first saved: only the reports `worthSaving` names are, and a long run keeps no more per report.
    const saveNames = new Map<string, number>();
    const saveAs = (uri: string) => {
      let n = saveNames.get(uri);
      if (n === undefined) {
        n = saveNames.size;
        saveNames.set(uri, n);
      }
      return join(spill, `${n}.v8`);
    };
    const saved = new Set<string>();
    try {
      const metas = new Map<string, Meta>();
      /** Reports checked in the first pass, whose findings are in the store. */
      const fresh = new Set<string>();
      /** Reports whose cached findings may still hold, by what they were computed against. */
      const cached = new Map<string, CacheEntry>();
      const first: Task[] = [];
      for (const f of mine) {
        const entry = cache?.entry(f.uri, hashes.get(f.uri));
        if (entry?.result) {
          metas.set(f.uri, entry);
          cached.set(f.uri, entry);
        } else {
          const task: Task = { kind: 'check', init, path: f.path, uri: f.uri };
          if (cache) task.hash = true;
          if (worthSaving.has(f.uri)) task.save = saveAs(f.uri);
          first.push(task);
        }
      }
      await runner.run('check', first, (outcome) => {
        const o = outcome as CheckOutcome;
        metas.set(o.uri, meta(o));
        store.put(o.uri, o.kept);
        fresh.add(o.uri);
        // Only those asked to be saved were (and only if they hold an issuer and a year: the others are parsed again).
        if (worthSaving.has(o.uri)) saved.add(o.uri);
      });

      let scanned = 0;
      if (shard) {
        const inShard = new Set(mine.map((f) => f.uri));
        const keys = [...new Set(mine.flatMap((f) => pairable(metas.get(f.uri)) ?? []).map((m) => issuerKey(m.issuer)))];
        const scans: Task[] = [];
        for (const f of all) {
          if (inShard.has(f.uri)) continue;
          const entry = cache?.entry(f.uri, hashes.get(f.uri));
          if (entry) metas.set(f.uri, entry);
          else if (keys.length) {
            const task: Task = { kind: 'meta', init, path: f.path, uri: f.uri, keys };
            if (cache) task.hash = true;
            if (worthSaving.has(f.uri)) task.save = saveAs(f.uri);
            scans.push(task);
          }
        }
        scanned = scans.length;
        await runner.run('scan', scans, (outcome) => {
          const o = outcome as MetaOutcome;
          if (o.skipped) return;
          metas.set(o.uri, o);
          if (worthSaving.has(o.uri)) saved.add(o.uri);
          if (o.hash && cache && !cache.entry(o.uri, o.hash)) cache.set(o.uri, { hash: o.hash, issuer: o.issuer, year: o.year });
        });
      }

      const previousOf = pairPrevious(all, metas);
      // Only last years' reports are looked up by uri.
      const previousUris = new Set(previousOf.values());
      const byUri = new Map(all.filter((f) => previousUris.has(f.uri)).map((f) => [f.uri, f]));
      /** What each report's findings were computed against: kept for the cache, and only with one. */
      const against = cache ? new Map<string, CachedResult['previous']>() : undefined;
      /** Reports whose findings came from the cache. */
      const reused = new Set<string>();
      const second: CheckTask[] = [];
      for (const f of mine) {
        const previousUri = previousOf.get(f.uri);
        const previous = previousUri ? { uri: previousUri, hash: metas.get(previousUri)?.hash ?? '' } : null;
        const done = fresh.has(f.uri);
        const entry = cached.get(f.uri);
        // Cached findings still hold if last year's report is the same one, with the same bytes, and their file is intact.
        const kept = !done && entry?.result && samePrevious(entry.result.previous, previous) ? cache?.findings(f.uri, entry) : undefined;
        if (done && !previous) against?.set(f.uri, null);
        else if (kept) {
          store.put(f.uri, kept);
          against?.set(f.uri, kept.previous);
          reused.add(f.uri);
        } else {
          const task: Task = { kind: 'check', init, path: f.path, uri: f.uri };
          if (cache) task.hash = true;
          if (saved.has(f.uri)) task.saved = saveAs(f.uri);
          if (previousUri) {
            task.previous = toRef(byUri.get(previousUri) as FileEntry);
            if (cache) task.previous.hash = true;
            if (saved.has(previousUri)) task.previous.saved = saveAs(previousUri);
          }
          second.push(task);
        }
      }
      await runner.run('previous', second, (outcome) => {
        const o = outcome as CheckOutcome;
        const previousUri = previousOf.get(o.uri);
        against?.set(o.uri, previousUri ? { uri: previousUri, hash: o.previousHash ?? '' } : null);
        store.put(o.uri, o.kept);
        metas.set(o.uri, meta(o));
      });

      if (cache) {
        for (const f of mine) {
          const meta = metas.get(f.uri);
          if (!meta?.hash || reused.has(f.uri)) continue;
          const findings = store.get(f.uri);
          if (findings)
            cache.set(f.uri, { hash: meta.hash, issuer: meta.issuer, year: meta.year, result: { previous: against?.get(f.uri) ?? null, ...findings } });
        }
        if (first.length || second.length || scanned) cache.prune(cwd, new Set(all.map((f) => f.uri)));
        cache.save();
      }

      this.environment ??= await runner.environment();
      const environment = this.environment;
      const fired = new Set<string>();
      for (const r of store.rules()) fired.add(r.ruleId);
      const checked = new Set([...fresh, ...second.map((t) => t.uri)]).size;
      const stats = { files: mine.length, checked, fromCache: mine.length - checked, scanned, threads: runner.threads };
      const report = new BatchStoredReport(this.locale, stats, rulesUsed(environment.rules, environment.forcedRuleIds, fired), mine, metas, store, close);
      await runner.close();
      return report;
    } catch (error) {
      await runner.close();
      close();
      throw error;
    }
  }
}

/** A checked batch: its summary and rules at hand, each report's findings read from the store when its turn comes. */
export interface BatchReport {
  locale: Locale;
  stats: BatchStats;
  /** The rules of the packs whose rules fired, and every rule of a forced pack. */
  rules: RuleMeta[];
  /** The run's report a file at a time, with the findings `keep` keeps (all by default). */
  stream(keep?: (d: { severity: Severity }) => boolean): ReportStream;
  /** Removes what the run wrote to disk; the report cannot be read after. */
  close(): void;
}

/** A checked batch's report: its findings read from the store a file at a time (`StoredReport`), with the batch's locale and stats. */
class BatchStoredReport extends StoredReport implements BatchReport {
  constructor(
    readonly locale: Locale,
    readonly stats: BatchStats,
    rules: RuleMeta[],
    mine: readonly FileEntry[],
    metas: ReadonlyMap<string, Meta>,
    store: FindingStore,
    close: () => void,
  ) {
    super(rules, mine, metas, store, close);
  }
}

/** The issuer, year and hash of a checked report: what pairing and the cache need of it after its findings are stored. */
function meta(o: CheckOutcome): Meta {
  const out: Meta = {};
  if (o.hash !== undefined) out.hash = o.hash;
  if (o.issuer !== undefined) out.issuer = o.issuer;
  if (o.year !== undefined) out.year = o.year;
  return out;
}

async function loadConfig(located: LocatedConfig, cache: ResultCache | undefined): Promise<Config> {
  const known = cache?.config(located.file, located.text);
  if (known) return known;
  const { parseConfig } = await import('@crossfoot/core');
  const config = parseConfig(located.file, located.text);
  cache?.rememberConfig(located.file, located.text, config);
  return config;
}

async function createSession(init: WorkerInit, host?: PackHost): Promise<Session> {
  const { Session } = await import('./session.ts');
  const { sessionOptions } = await import('./worker.ts');
  return Session.create({ ...sessionOptions(init), host });
}

/** The pack host, noting every file it reads: what the cached findings depend on. */
function recordingHost(cwd: string, read: string[]): PackHost {
  const host = createPackHost(cwd);
  return {
    ...host,
    readFile(path) {
      read.push(path);
      return host.readFile(path);
    },
  };
}

/**
 * Everything besides the reports and the pack files' contents that the findings depend on. The pack files
 * themselves are checked by content (`ResultCache.environment`); a pack folder added or removed shows here.
 */
function settingsKey(cwd: string, options: BatchOptions, located: LocatedConfig | undefined, config: Config | undefined, locale: Locale): string {
  const host = createPackHost(cwd);
  const from = located ? resolve(cwd, located.file) : resolve(cwd, 'noop');
  const forced = options.packs?.length
    ? options.packs.map((ref) => host.resolvePack(ref, resolve(cwd, 'noop')) ?? `missing:${ref}`)
    : (config?.packs ?? []).map((ref) => host.resolvePack(ref, from) ?? `missing:${ref}`);
  const base = located ? resolve(located.path, '..') : cwd;
  // A plugin is code: what it reads is not known, so a run with plugins is never answered without running it.
  if (config?.plugins.length) refuseReplay('plugins');
  return hashText(
    JSON.stringify({
      crossfoot: VERSION,
      build: buildId(),
      cwd,
      locale,
      packs: options.packs ?? [],
      forced,
      config: located ? { file: located.file, hash: hashText(located.text) } : null,
      plugins: (config?.plugins ?? []).map((p) => [p, hashFile(resolve(base, p)) ?? 'missing']),
      folders: [...packDirectories(cwd)].sort(),
    }),
  );
}

const YEAR_IN_PATH = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;

/**
 * The reports worth keeping once read, because a second pass will likely need them again: those whose path
 * names a year next to a year another path names (`2023/…` and `2024/…`, `…2023年….pdf` and `…2024年….pdf`).
 * Saving costs about a third of a parse, so saving every report of a run of one year's reports would cost
 * more than it spares. Whether a report is paired never depends on this: one not saved is parsed again.
 */
export function likelyPaired(files: FileEntry[]): Set<string> {
  const years = files.map((f) => new Set([...f.uri.matchAll(YEAR_IN_PATH)].map((m) => Number(m[0]))));
  const named = new Set(years.flatMap((ys) => [...ys]));
  const out = new Set<string>();
  files.forEach((f, i) => {
    for (const y of years[i] as Set<number>) if (named.has(y - 1) || named.has(y + 1)) out.add(f.uri);
  });
  return out;
}

function pairable(meta: Meta | undefined): { issuer: string; year: number } | undefined {
  return meta?.issuer && meta.year !== undefined ? { issuer: meta.issuer, year: meta.year } : undefined;
}

/**
 * Last year's report for each report, as `Session.checkDocument` finds it among the documents of a run:
 * the first file (in uri order) of the same issuer (compared by `labelKey`) whose year is one less.
 */
export function pairPrevious(files: FileEntry[], metas: Map<string, Meta>): Map<string, string> {
  const firstOf = new Map<string, string>();
  const keyed: [string, string, number][] = [];
  for (const f of files) {
    const m = pairable(metas.get(f.uri));
    if (!m) continue;
    const key = labelKey(m.issuer);
    keyed.push([f.uri, key, m.year]);
    const k = `${key}\u0000${m.year}`;
    if (!firstOf.has(k)) firstOf.set(k, f.uri);
  }
  const out = new Map<string, string>();
  for (const [uri, key, year] of keyed) {
    const previous = firstOf.get(`${key}\u0000${year - 1}`);
    if (previous) out.set(uri, previous);
  }
  return out;
}

function samePrevious(a: CachedResult['previous'], b: CachedResult['previous']): boolean {
  return a === null || b === null ? a === b : a.uri === b.uri && a.hash === b.hash;
}

function toRef(f: FileEntry): FileRef {
  return { path: f.path, uri: f.uri };
}

/** The files `tasks` read. */
function* pathsOf(tasks: readonly Task[]): Generator<string> {
  for (const t of tasks) if (t.kind !== 'environment') yield t.path;
}

/** Runs a phase's tasks on the pool (started on first need), reporting progress. */
class Runner {
  private pool: Pool | undefined;

  constructor(
    private readonly options: BatchOptions,
    private readonly session: Session | undefined,
    private readonly init: WorkerInit,
  ) {}

  get threads(): number {
    return this.pool?.threads ?? 0;
  }

  /**
   * Runs `tasks`, handing each outcome to `each` as it comes (in any order, none held here once handed on). A few tasks
   * per thread are in flight at a time, so that a large run does not hold a pending task for every report. If a task
   * failed, the first failed task's error is thrown once every task is done.
   */
  async run(phase: Phase, tasks: Task[], each: (outcome: Outcome) => void): Promise<void> {
    if (!tasks.length) return;
    const pool = await this.poolFor(tasks.length, () => pathsOf(tasks));
    const progress = this.options.onProgress;
    let done = 0;
    let next = 0;
    let failed: { at: number; reply: Reply } | undefined;
    progress?.({ phase, done, total: tasks.length });
    // Once a lane fails (the pool stopped, or `each` could not keep an outcome), the others take no new task.
    let stopped = false;
    const lane = async () => {
      try {
        while (!stopped && next < tasks.length) {
          const at = next++;
          const reply = await pool.run(tasks[at] as Task);
          done++;
          progress?.({ phase, done, total: tasks.length });
          if ('outcome' in reply) {
            if (reply.outcome.kind === 'check' && reply.outcome.timings) this.options.timings?.merge(reply.outcome.timings);
            each(reply.outcome);
          } else if (!failed || at < failed.at) failed = { at, reply };
        }
      } catch (error) {
        stopped = true;
        throw error;
      }
    };
    // In flight: what the worker threads are given (two each), one for the main thread and one waiting for whichever frees first.
    const lanes = pool.threads === 0 ? 1 : pool.threads * 2 + 2;
    await Promise.all(Array.from({ length: Math.min(tasks.length, lanes) }, lane));
    if (failed) await unwrap(failed.reply);
  }

  /** The rules of the run's session, from a thread that has it (or from the main thread when it checks the reports). */
  async environment(): Promise<Environment> {
    const pool = await this.poolFor(1);
    const outcome = await unwrap(await pool.run({ kind: 'environment', init: this.init }));
    if (outcome.kind !== 'environment') throw new Error(`expected the session's rules, got a ${outcome.kind} outcome`);
    return { rules: outcome.rules, forcedRuleIds: outcome.forcedRuleIds };
  }

  /** The pool for a phase of `tasks` tasks; `paths`, the reports they read, to judge how long a run it is. */
  private async poolFor(tasks: number, paths: () => Iterable<string> = () => []): Promise<Pool> {
    if (this.pool) return this.pool;
    const explicit = this.options.jobs;
    const threads =
      explicit !== undefined
        ? Math.min(explicit, tasks)
        : tasks < MIN_FILES_FOR_THREADS
          ? 1
          : Math.min(defaultJobs(availableParallelism(), tasks), Math.ceil(tasks / FILES_PER_THREAD));
    if (this.options.tuneCompiler) {
      if (worthTuning(tasks, paths())) tuneForBatch(tasks);
      else {
        // The command starts a check without the optimising compiler, which a short run of text reports does not repay.
        if (!textOnly(paths())) optimise();
        if (tasks >= GROWING_RUN || threads > 1) letYoungGenerationGrow();
      }
    }
    // Worker threads, each given two tasks at a time (sharedPool), started first: a thread takes a few hundred ms to
    // start and build its session, in which the main thread builds its own.
    const workers = threads <= 1 ? undefined : await createPool(this.options.pool ?? 'threads', threads - 1, 2);
    try {
      // The main thread checks reports whatever the number of threads: this run's own session, never one an earlier
      // run in this process left behind (its config may have changed).
      const session = this.session ?? (await createSession(this.init));
      (await import('./worker.ts')).primeSession(this.init, session);
    } catch (error) {
      await workers?.close();
      throw error;
    }
    this.pool = workers ? sharedPool(workers, (threads - 1) * 2) : inProcessPool();
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

async function unwrap(reply: Reply): Promise<Outcome> {
  if ('outcome' in reply) return reply.outcome;
  const { deserializeError } = await import('./worker.ts');
  throw deserializeError(reply.error);
}
