import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  Checker,
  type Config,
  DEFAULT_LIMITS,
  type Diagnostic,
  type Limits,
  type Locale,
  type Pack,
  type PackHost,
  packLoader,
  parseConfig,
  type ReportDocument,
  type RuleMeta,
  rememberSnapshots,
  type Timings,
} from '@crossfoot/core';
import type { FileSummary } from '@crossfoot/formatters';
import { locateConfig } from './config.ts';
import { type FileEntry, selectFiles } from './files.ts';
import { createPackHost, packDirectories } from './host.ts';
import { issuerAndYear } from './meta.ts';
import { loadPlugins } from './plugins.ts';
import { findPrevious } from './previous.ts';
import { readReportFile, UNREADABLE } from './read.ts';
import { rulesUsed } from './rules.ts';

/** The bundle's snapshot of the shipped packs' files (build.mjs); running from the sources there is none. */
const PACK_SOURCES = new URL('./crossfoot-pack-sources.json', import.meta.url);
let packSourcesRead = false;

/** Lets the shipped packs' files, as the bundle stores them, be read without parsing them (once a process). */
function rememberPackSources(): void {
  if (packSourcesRead) return;
  packSourcesRead = true;
  let entries: [string, string][];
  try {
    entries = JSON.parse(readFileSync(PACK_SOURCES, 'utf8'));
  } catch {
    return;
  }
  rememberSnapshots(entries);
}

/** `crossfoot.config.{yaml,yml,json}` given, or found upward from `cwd`; its `file` is relative to `cwd`. */
export function findConfig(cwd: string, explicit?: string): Config | undefined {
  const located = locateConfig(cwd, explicit);
  return located && parseConfig(located.file, located.text);
}

/** Every pack shipped with crossfoot or kept in the project's `rules/` folder. */
export function discoverPacks(cwd: string, host: PackHost = createPackHost(cwd), load = packLoader(host)): Pack[] {
  const dirs = packDirectories(cwd);
  return [...dirs.keys()].sort().map((id) => load(dirs.get(id) as string, join(cwd, 'noop')));
}

/** Forced packs first, then discovered ones not already present (by id). */
export function mergePacks(first: Pack[], rest: Pack[]): Pack[] {
  const out = [...first];
  for (const p of rest) if (!out.some((q) => q.id === p.id)) out.push(p);
  return out;
}

export interface SessionOptions {
  /** Working directory: config discovery, relative paths and URIs start here. */
  cwd: string;
  /** Packs named on the command line (ids, paths, npm packages); they replace the config's. */
  packs?: string[];
  /** A config file; default: found upward from `cwd`. */
  config?: string;
  locale?: Locale;
  /** Where packs are resolved and read from; default: `createPackHost(cwd)` (paths, `rules/`, the built-in packs, npm). */
  host?: PackHost;
  /** Where to add the time each part of a check takes (`CROSSFOOT_TIMING`); default: not measured. */
  timings?: Timings;
}

/**
 * Everything a front end needs to check reports the way `crossfoot check` does: config, packs
 * (forced or recognised), plugins and one Checker, built once and reused for every document.
 * Throws CrossfootError for a broken config or pack.
 */
export class Session {
  readonly config: Config | undefined;
  readonly locale: Locale;
  readonly forced: Pack[] | undefined;
  readonly checker: Checker;

  private constructor(
    readonly cwd: string,
    config: Config | undefined,
    locale: Locale,
    forced: Pack[] | undefined,
    checker: Checker,
  ) {
    this.config = config;
    this.locale = locale;
    this.forced = forced;
    this.checker = checker;
  }

  static async create(options: SessionOptions): Promise<Session> {
    rememberPackSources();
    const { cwd } = options;
    const config = findConfig(cwd, options.config);
    const locale = options.locale ?? config?.locale ?? 'zh-CN';
    const host = options.host ?? createPackHost(cwd);
    const load = packLoader(host);
    const forced = options.packs?.length
      ? options.packs.map((ref) => load(ref, join(cwd, 'noop')))
      : config?.packs.length
        ? config.packs.map((ref) => load(ref, resolve(cwd, config.file)))
        : undefined;
    const available = mergePacks(forced ?? [], discoverPacks(cwd, host, load));
    const checker = new Checker(available, {
      locale,
      rules: config?.rules,
      operators: await loadPlugins(cwd, config),
      findingsPerFile: config?.limits.findingsPerFile,
      timings: options.timings,
    });
    return new Session(cwd, config, locale, forced, checker);
  }

  /** The files a run covers: the given paths or globs, else the config's includes, else `.`. */
  async files(patterns: string[]): Promise<FileEntry[]> {
    return selectFiles(this.cwd, this.config, patterns);
  }

  /** The config's limits, or the defaults. */
  get limits(): Limits {
    return this.config?.limits ?? DEFAULT_LIMITS;
  }

  /**
   * Checks one document; `others` are the documents of the same run, where last year's report is looked for.
   * `deadline` (`Date.now()`), when reading the file began plus `limits.seconds-per-file`, stops the packs not yet run.
   */
  async checkDocument(doc: ReportDocument, others: ReportDocument[] = [], deadline?: number): Promise<Diagnostic[]> {
    // A file that could not be read at all gets its problem and nothing else: no rule can judge it.
    const packs = doc.problems.some((p) => UNREADABLE.has(p.code)) ? [] : this.forced;
    return this.checker.check({ doc, packs, previous: findPrevious(doc, others), deadline, seconds: this.limits.secondsPerFile });
  }

  /** Reads and checks files; diagnostics sorted as DESIGN §4 says. */
  async run(files: FileEntry[]): Promise<CheckResult> {
    const docs: ReportDocument[] = [];
    for (const f of files) docs.push(await readReportFile(f.path, f.uri, this.limits));
    const diagnostics: Diagnostic[] = [];
    for (const doc of docs) diagnostics.push(...(await this.checkDocument(doc, docs)));
    return { diagnostics, rules: this.rulesFor(diagnostics), files: docs.map((d) => ({ uri: d.uri, text: d.text, ...issuerAndYear(d) })), docs };
  }

  /** Rule metadata for the packs a set of findings came from (and every forced pack). */
  rulesFor(diagnostics: Diagnostic[]): RuleMeta[] {
    return rulesUsed(
      this.checker.rules(),
      this.forcedRuleIds(),
      diagnostics.map((d) => d.ruleId),
    );
  }

  /** Ids of the rules of the packs forced by the command line or the config. */
  forcedRuleIds(): string[] {
    return (this.forced ?? []).flatMap((p) => p.rules.map((r) => r.id));
  }
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  rules: RuleMeta[];
  files: FileSummary[];
  docs: ReportDocument[];
}
