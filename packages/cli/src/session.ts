import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  Checker,
  CONFIG_FILES,
  type Config,
  CrossfootError,
  type Diagnostic,
  type Locale,
  loadPack,
  type Pack,
  parseConfig,
  type ReportDocument,
  type RuleMeta,
} from '@crossfoot/core';
import type { FileSummary } from '@crossfoot/formatters';
import { collectFiles, type FileEntry, toUri } from './files.ts';
import { BUILTIN_RULES, createPackHost } from './host.ts';
import { loadPlugins } from './plugins.ts';
import { findPrevious } from './previous.ts';
import { readReportFile, UNREADABLE } from './read.ts';

/** `crossfoot.config.{yaml,yml,json}` given, or found upward from `cwd`; its `file` is relative to `cwd`. */
export function findConfig(cwd: string, explicit?: string): Config | undefined {
  if (explicit) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new CrossfootError('config-not-found', `config file not found: ${explicit}`);
    return parseConfig(toUri(cwd, file) || file, readFileSync(file, 'utf8'));
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      if (existsSync(file)) return parseConfig(toUri(cwd, file) || file, readFileSync(file, 'utf8'));
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every pack shipped with crossfoot or kept in the project's `rules/` folder. */
export function discoverPacks(cwd: string): Pack[] {
  const host = createPackHost(cwd);
  const dirs = new Map<string, string>();
  for (const root of [join(cwd, 'rules'), BUILTIN_RULES]) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && !dirs.has(entry.name) && ['pack.yaml', 'pack.yml', 'pack.json'].some((f) => existsSync(join(root, entry.name, f)))) {
        dirs.set(entry.name, join(root, entry.name));
      }
    }
  }
  return [...dirs.keys()].sort().map((id) => loadPack(dirs.get(id) as string, host, join(cwd, 'noop')));
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
    const { cwd } = options;
    const config = findConfig(cwd, options.config);
    const locale = options.locale ?? config?.locale ?? 'zh-CN';
    const host = createPackHost(cwd);
    const forced = options.packs?.length
      ? options.packs.map((ref) => loadPack(ref, host, join(cwd, 'noop')))
      : config?.packs.length
        ? config.packs.map((ref) => loadPack(ref, host, resolve(cwd, config.file)))
        : undefined;
    const available = mergePacks(forced ?? [], discoverPacks(cwd));
    const checker = new Checker(available, { locale, rules: config?.rules, operators: await loadPlugins(cwd, config) });
    return new Session(cwd, config, locale, forced, checker);
  }

  /** The files a run covers: the given paths or globs, else the config's includes, else `.`. */
  async files(patterns: string[]): Promise<FileEntry[]> {
    const base = this.config ? dirname(resolve(this.cwd, this.config.file)) : this.cwd;
    const wanted = patterns.length ? patterns : this.config?.include.length ? this.config.include.map((p) => toUri(this.cwd, resolve(base, p)) || '.') : ['.'];
    const { files, missing } = await collectFiles(this.cwd, wanted, this.config?.ignore ?? []);
    if (missing.length) throw new CrossfootError('usage', `no files match ${missing.map((m) => `"${m}"`).join(', ')}`);
    return files;
  }

  /** Checks one document; `others` are the documents of the same run, where last year's report is looked for. */
  async checkDocument(doc: ReportDocument, others: ReportDocument[] = []): Promise<Diagnostic[]> {
    // A file that could not be read at all gets its problem and nothing else: no rule can judge it.
    const packs = doc.problems.some((p) => UNREADABLE.has(p.code)) ? [] : this.forced;
    return this.checker.check({ doc, packs, previous: findPrevious(doc, others) });
  }

  /** Reads and checks files; diagnostics sorted as DESIGN §4 says. */
  async run(files: FileEntry[]): Promise<CheckResult> {
    const docs = files.map((f) => readReportFile(f.path, f.uri));
    const diagnostics: Diagnostic[] = [];
    for (const doc of docs) diagnostics.push(...(await this.checkDocument(doc, docs)));
    return { diagnostics, rules: this.rulesFor(diagnostics), files: docs.map((d) => ({ uri: d.uri, text: d.text })), docs };
  }

  /** Rule metadata for the packs a set of findings came from (and every forced pack). */
  rulesFor(diagnostics: Diagnostic[]): RuleMeta[] {
    const used = new Set(diagnostics.map((d) => d.ruleId.slice(0, d.ruleId.indexOf('/'))));
    return this.checker.rules().filter((r) => used.has(r.pack) || (this.forced ?? []).some((p) => p.rules.some((x) => x.id === r.id)));
  }
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  rules: RuleMeta[];
  files: FileSummary[];
  docs: ReportDocument[];
}
