import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CrossfootError, type Locale, Timings } from '@crossfoot/core';
import { formatterNames } from '@crossfoot/formatters/names';
import { formatName, localeOf, parse, positiveInt, UsageError } from './args.ts';
import type { OutputTotals } from './cache.ts';
import { DEFAULT_CACHE_DIR } from './cache-folder.ts';
import { checkInvocation, parseCheck } from './check-line.ts';
import { optimise, TUNED_RUN } from './compiler.ts';
import { defaultIo, type Io } from './io.ts';
import { cacheLine, writtenLine } from './lines.ts';
import { type Chunk, coalesce, copyAtomic, writeAtomic } from './output.ts';
import { ProgressLine } from './progress.ts';
import { recordRun, replay, stopWatching, watchRun } from './replay.ts';
import { timingMode, timingSummary, timingText } from './timing.ts';
import { toUri } from './uri.ts';
import { VERSION } from './version.ts';

/** Whether the run set its compiler flags: bin/crossfoot.cjs then keeps no compiled code for the next start. */
export { isTuned } from './compiler.ts';
export { interrupted } from './output.ts';
/** Bin/crossfoot-thread.cjs runs the command's worker threads through this. */
export { serveThread } from './thread.ts';
export type { Io };
export { VERSION };

const USAGE = `Usage: crossfoot <command> [options]

Commands:
  check [paths or globs…]   check reports (default: the configured includes, else ".")
  report merge <a.json> <b.json> …
                            merge the JSON reports of shards into the whole run's report
  explain <rule-id>         print a rule's documentation
  packs                     list the rule packs found
  init                      write a crossfoot.config.yaml for this folder
  inspect <report> [--json] print the document model the adapters produced
  import <report> [-o out.md] [--force]
                            a published report as Markdown with front matter and GFM tables

Options of check:
  --pack <id|path>          repeatable; default: config, then each document's declared or recognised pack
  --config <file>           default: crossfoot.config.{yaml,yml,json} found upward
  --format <name>           ${formatterNames.join(' | ')}
  -o, --output <file>       write the report there (a stylish summary still goes to stderr)
  --max-warnings <n>        exit 1 when there are more warnings than this
  --quiet                   report errors only, no progress
  --locale <zh-CN|en>       language of messages
  --jobs <n>                threads that check reports, the main one among them
                            (default: one per 1.4 cores, more on long runs)
  --shard <i>/<n>           check only the i-th of n slices of the files (by a hash of each path)
  --cache[=<dir>]           reuse the findings of unchanged reports (default dir: ${DEFAULT_CACHE_DIR})

Options of report merge: --format (default json), -o, --locale, --max-warnings, --quiet

Environment:
  CROSSFOOT_TIMING=1|all|json
                            after a check, print to stderr where its time went: reading, recognising
                            packs, each rule (the ten slowest, every one with all, or one line of JSON)

Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage, config or pack error.
`;

/** Runs the command line; returns the exit status. Never throws. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'report':
        return await report(rest, io);
      case 'explain':
        return (await import('./commands.ts')).explain(rest, io);
      case 'packs':
        return (await import('./commands.ts')).packs(rest, io);
      case 'init':
        return (await import('./commands.ts')).init(rest, io);
      case 'inspect':
        return await (await import('./commands.ts')).inspect(rest, io);
      case 'import':
        return await (await import('./commands.ts')).importReport(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof CrossfootError) {
      const shorten = (file: string) => (isAbsolute(file) ? toUri(io.cwd, file) : file);
      io.stderr(`${error.format(shorten).replace(/^/gm, 'crossfoot: ')}\n`);
      if (error.code === 'usage') io.stderr('Run "crossfoot --help" for usage.\n');
      return 2;
    }
    io.stderr(`crossfoot: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return 2;
  }
}

async function check(argv: string[], io: Io): Promise<number> {
  const started = Date.now();
  const line = parseCheck(argv);
  const { cache, values, positionals, name, maxWarnings, jobs, shard, locale } = line;
  const output = values.output === undefined ? undefined : resolve(io.cwd, values.output);
  const timing = timingMode((io.env ?? process.env).CROSSFOOT_TIMING);
  const timings = timing ? new Timings() : undefined;
  // The same command line over the same files, packs and config: the cached run's report, without running it (unless
  // the run is to be timed).
  const invocation = timing ? undefined : checkInvocation(line, io);
  if (invocation) {
    const replayed = replay(invocation, output, io);
    if (replayed !== undefined) return replayed;
  }
  const progress = !values.quiet && (io.stderrIsTTY ?? io.isTTY) ? new ProgressLine(io.stderr, locale ?? 'zh-CN') : undefined;
  const { Batch } = await import('./batch.ts');
  // What the run looks at while it settles its inputs is noted, so that the next run can be answered from the record.
  const probe = cache !== undefined ? watchRun(cache, io.cwd) : undefined;
  let batch: Awaited<ReturnType<typeof Batch.prepare>>;
  try {
    batch = await Batch.prepare({
      cwd: io.cwd,
      patterns: positionals,
      packs: values.pack,
      config: values.config,
      locale,
      jobs,
      shard,
      cache,
      onProgress: progress && ((event) => progress.update(event)),
      tuneCompiler: true,
      timings,
    });
  } finally {
    if (probe) stopWatching();
  }
  const color = !values.output && io.isTTY;
  // A report rendered from exactly these inputs (every report's bytes, packs, settings) is the same report.
  const fingerprint = batch.fingerprint;
  const outputKey = fingerprint && JSON.stringify([fingerprint, name, batch.locale, values.quiet, color, maxWarnings ?? null, VERSION]);
  /** Records the run for `replay`: the report the cache keeps for it, and what a re-run answered from the cache prints. */
  const remember = (report: string | undefined, totals: OutputTotals) => {
    if (invocation && probe && report) recordRun(invocation, probe, started, { report, totals, locale: batch.locale, size: batch.size, quiet: !!values.quiet });
  };
  const memo = outputKey ? batch.cache?.output(name, outputKey) : undefined;
  if (memo) {
    if (!values.quiet) io.stderr(cacheLine(batch.locale, 0, batch.size));
    write({ file: memo.file }, memo.totals, batch.locale, values.output, io);
    remember(memo.file, memo.totals);
    if (timing && timings) io.stderr(timingText(timingSummary(timings), timing));
    return memo.totals.exit;
  }
  let result: Awaited<ReturnType<typeof batch.report>>;
  try {
    result = await batch.report();
  } finally {
    progress?.end();
  }
  // A run answered mostly from its cache checks few reports, yet may render the findings of many: work the optimising
  // compiler repays, which the command's bin starts a check without (bin/crossfoot.cjs, `optimiseLater`).
  if (batch.size >= TUNED_RUN) optimise();
  try {
    const report = result.stream(values.quiet ? (d) => d.severity === 'error' : undefined);
    if (cache !== undefined && !values.quiet) io.stderr(cacheLine(result.locale, result.stats.checked, result.stats.fromCache));
    const { formatReport } = await import('@crossfoot/formatters');
    const render = () => formatReport(name, report, { locale: result.locale, color, toolVersion: VERSION });
    const { summary } = report;
    const exit = exitStatus(summary, maxWarnings);
    const totals = { ...summary, exit };
    // Remembered for the next run, the report is written into the cache a piece at a time and copied from there.
    const kept = outputKey ? batch.cache?.rememberOutput(name, outputKey, render(), totals) : undefined;
    write(kept ? { file: kept } : render(), totals, result.locale, values.output, io);
    remember(kept, totals);
    if (timing && timings) io.stderr(timingText(timingSummary(timings), timing));
    return totals.exit;
  } finally {
    result.close();
  }
}

/** Writes a rendered report to stdout, or to `output` with a summary line on stderr. */
function write(
  text: string | Iterable<Chunk> | { file: string },
  totals: { files: number; errors: number; warnings: number; infos: number },
  locale: Locale,
  output: string | undefined,
  io: Io,
): void {
  if (!output) {
    if (typeof text === 'string') io.stdout(text);
    else if ('file' in text) io.stdout(readFileSync(text.file, 'utf8'));
    else {
      // Bytes come in whole characters (`coalesce`), so each piece decodes alone.
      const decoder = new TextDecoder();
      for (const piece of coalesce(text)) io.stdout(typeof piece === 'string' ? piece : decoder.decode(piece));
    }
    return;
  }
  const out = resolve(io.cwd, output);
  // A report kept by the cache is copied as it is, never read.
  if (typeof text === 'object' && 'file' in text) copyAtomic(text.file, out);
  else writeAtomic(out, text);
  io.stderr(writtenLine(totals, locale, out, io.cwd));
}

/** The exit status a run's findings call for: 1 on errors, or on more warnings than `--max-warnings` allows; else 0. */
function exitStatus(summary: { errors: number; warnings: number }, maxWarnings: number | undefined): 0 | 1 {
  return summary.errors > 0 || (maxWarnings !== undefined && summary.warnings > maxWarnings) ? 1 : 0;
}

async function report(argv: string[], io: Io): Promise<number> {
  const [sub, ...args] = argv;
  if (sub !== 'merge')
    throw new UsageError(sub ? `unknown report command "${sub}"; expected merge` : 'report needs a command: crossfoot report merge <a.json> <b.json> …');
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'json' },
    output: { type: 'string', short: 'o' },
    locale: { type: 'string' },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    config: { type: 'string' },
  });
  const name = formatName(values.format as string);
  const maxWarnings = positiveInt('--max-warnings', values['max-warnings']);
  if (!positionals.length) throw new UsageError('report merge needs the JSON reports to merge, e.g. crossfoot report merge shard-1.json shard-2.json');
  const locale = localeOf(values.locale) ?? (await configuredLocale(io.cwd, values.config)) ?? 'zh-CN';
  const { mergeShards } = await import('./merge.ts');
  // Progress on a terminal, as `check` shows it: shards of thousands of reports take seconds to read.
  const progress = !values.quiet && (io.stderrIsTTY ?? io.isTTY) ? new ProgressLine(io.stderr, locale) : undefined;
  let merged: ReturnType<typeof mergeShards>;
  try {
    merged = mergeShards(io.cwd, positionals, progress && ((event) => progress.update(event)));
  } finally {
    progress?.end();
  }
  try {
    const report = merged.stream(values.quiet ? (d) => d.severity === 'error' : undefined);
    const { formatReport } = await import('@crossfoot/formatters');
    const { summary } = report;
    const exit = exitStatus(summary, maxWarnings);
    write(formatReport(name, report, { locale, color: !values.output && io.isTTY, toolVersion: VERSION }), summary, locale, values.output, io);
    return exit;
  } finally {
    merged.close();
  }
}

/** The config's locale, as `check` would take it, so a merged report reads like the whole run's. */
async function configuredLocale(cwd: string, config: string | undefined): Promise<Locale | undefined> {
  const { locateConfig } = await import('./config.ts');
  const located = locateConfig(cwd, config);
  if (!located) return undefined;
  const { parseConfig } = await import('@crossfoot/core');
  return parseConfig(located.file, located.text).locale;
}
