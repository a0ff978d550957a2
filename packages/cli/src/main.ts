import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { toMarkdown } from '@crossfoot/adapters';
import { CrossfootError, type Locale, loadPack, type ReportDocument, ruleMeta } from '@crossfoot/core';
import { type FormatterName, format, formatterNames, summarize } from '@crossfoot/formatters';
import { toUri } from './files.ts';
import { createPackHost } from './host.ts';
import { readReportFile } from './read.ts';
import { discoverPacks, findConfig, mergePacks, Session } from './session.ts';

export const VERSION = '0.1.0';

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour, progress). */
  isTTY: boolean;
}

const defaultIo = (): Io => ({
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stdout.isTTY && !process.env.NO_COLOR,
});

const USAGE = `Usage: crossfoot <command> [options]

Commands:
  check [paths or globs…]   check reports (default: the configured includes, else ".")
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
  --quiet                   report errors only
  --locale <zh-CN|en>       language of messages
  --jobs <n>                worker threads
  --shard <i>/<n>           check only the i-th of n slices of the files

Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage, config or pack error.
`;

class UsageError extends CrossfootError {
  constructor(message: string) {
    super('usage', message);
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs the command line; returns the exit status. Never throws. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'explain':
        return explain(rest, io);
      case 'packs':
        return packs(rest, io);
      case 'init':
        return init(rest, io);
      case 'inspect':
        return inspect(rest, io);
      case 'import':
        return importReport(rest, io);
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

function localeOf(value: unknown): Locale | undefined {
  if (value === undefined) return undefined;
  if (value === 'zh-CN' || value === 'en') return value;
  throw new UsageError(`--locale must be zh-CN or en, not "${String(value)}"`);
}

function positiveInt(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} must be a whole number${min ? ` ≥ ${min}` : ''}, not "${value}"`);
  return Number(value);
}

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    pack: { type: 'string', multiple: true },
    config: { type: 'string' },
    format: { type: 'string', default: 'stylish' },
    output: { type: 'string', short: 'o' },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    locale: { type: 'string' },
    jobs: { type: 'string' },
    shard: { type: 'string' },
  });
  const formatName = values.format as string;
  if (!formatterNames.includes(formatName as FormatterName))
    throw new UsageError(`unknown format "${formatName}"; expected one of ${formatterNames.join(', ')}`);
  const maxWarnings = positiveInt('--max-warnings', values['max-warnings']);
  positiveInt('--jobs', values.jobs, 1);
  let shard: { index: number; count: number } | undefined;
  if (values.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, not "${values.shard}"`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const session = await Session.create({ cwd: io.cwd, packs: values.pack, config: values.config, locale: localeOf(values.locale) });
  const locale = session.locale;
  const all = await session.files(positionals);
  const files = shard ? all.filter((_, i) => i % shard.count === shard.index - 1) : all;
  const result = await session.run(files);
  const diagnostics = values.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
  const rules = result.rules;
  const docs = result.docs;
  const input = { diagnostics, rules, files: docs.map((d) => ({ uri: d.uri, text: d.text })) };
  const color = io.isTTY && !values.output;
  const report = format(formatName as FormatterName, input, { locale, color, toolVersion: VERSION });
  if (values.output) {
    const out = resolve(io.cwd, values.output);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, report);
    const t = summarize(input);
    io.stderr(
      locale === 'zh-CN'
        ? `共检查 ${t.files} 个文件：${t.errors} 个错误，${t.warnings} 个警告，${t.infos} 条提示；报告已写入 ${toUri(io.cwd, out)}\n`
        : `${t.files} files checked: ${t.errors} errors, ${t.warnings} warnings, ${t.infos} infos; report written to ${toUri(io.cwd, out)}\n`,
    );
  } else {
    io.stdout(report);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}

function explain(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { locale: { type: 'string' }, pack: { type: 'string', multiple: true }, config: { type: 'string' } });
  const id = positionals[0];
  if (!id) throw new UsageError('explain needs a rule id, e.g. crossfoot explain cn-gov-disclosure-common/statement-sums');
  const config = findConfig(io.cwd, values.config);
  const locale = localeOf(values.locale) ?? config?.locale ?? 'zh-CN';
  const host = createPackHost(io.cwd);
  const packs = mergePacks(
    [...(values.pack ?? []), ...(config?.packs ?? [])].map((ref) => loadPack(ref, host, join(io.cwd, 'noop'))),
    discoverPacks(io.cwd),
  );
  const rule = packs.flatMap((p) => p.rules).find((r) => r.id === id || r.name === id);
  if (!rule) throw new CrossfootError('unknown-rule', `no rule "${id}" in the packs found (${packs.map((p) => p.id).join(', ') || 'none'})`);
  const meta = ruleMeta(rule, config?.rules[rule.id]);
  const head = `${rule.id} (${meta.severity}, ${rule.check.kind})\n${meta.description[locale]}\n${meta.url}\n`;
  io.stdout(rule.doc ? `${head}\n${rule.doc.trimEnd()}\n` : head);
  return 0;
}

function packs(args: string[], io: Io): number {
  const { values } = parse(args, { json: { type: 'boolean', default: false }, locale: { type: 'string' } });
  const locale = localeOf(values.locale) ?? findConfig(io.cwd)?.locale ?? 'zh-CN';
  const found = discoverPacks(io.cwd);
  if (values.json) {
    io.stdout(
      `${JSON.stringify(
        found.map((p) => ({
          id: p.id,
          version: p.version,
          title: p.title?.[locale],
          extends: p.lineage,
          abstract: p.abstract,
          rules: p.rules.map((r) => r.id),
          file: toUri(io.cwd, p.file),
        })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  for (const p of found) {
    io.stdout(`${p.id}@${p.version}${p.abstract ? ' (base)' : ''}  ${p.rules.length} rules  ${p.title?.[locale] ?? ''}\n    ${toUri(io.cwd, p.file)}\n`);
  }
  if (!found.length) io.stdout('no packs found\n');
  return 0;
}

function init(args: string[], io: Io): number {
  const { values } = parse(args, { force: { type: 'boolean', default: false }, pack: { type: 'string', multiple: true } });
  const file = join(io.cwd, 'crossfoot.config.yaml');
  if (existsSync(file) && !values.force) throw new CrossfootError('exists', 'crossfoot.config.yaml already exists; use --force to replace it');
  const packsLine = values.pack?.length
    ? `packs:\n${values.pack.map((p) => `  - ${p}`).join('\n')}\n`
    : "# packs: [cn-gov-disclosure-2021]   # default: each report's declared or recognised pack\n";
  writeFileSync(
    file,
    `# crossfoot configuration\n${packsLine}include:\n  - "**/*.md"\nignore:\n  - "drafts/**"\nlocale: zh-CN\nrules: {}\n#  cn-gov-disclosure-common/repeated-phrase: off\n`,
  );
  io.stdout(`wrote crossfoot.config.yaml\n`);
  return 0;
}

function inspect(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean', default: false } });
  const target = positionals[0];
  if (!target) throw new UsageError('inspect needs a report file');
  const path = resolve(io.cwd, target);
  if (!existsSync(path)) throw new UsageError(`no such file: ${target}`);
  const doc = readReportFile(path, toUri(io.cwd, path));
  if (values.json) {
    io.stdout(`${JSON.stringify({ ...doc, text: undefined }, null, 2)}\n`);
    return 0;
  }
  io.stdout(describeDocument(doc));
  return 0;
}

function importReport(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } });
  const target = positionals[0];
  if (!target) throw new UsageError('import needs a report file, e.g. crossfoot import report.txt -o report.md');
  const path = resolve(io.cwd, target);
  if (!existsSync(path)) throw new UsageError(`no such file: ${target}`);
  const doc = readReportFile(path, toUri(io.cwd, path));
  const fatal = doc.problems.filter((p) => p.severity === 'error');
  for (const p of doc.problems) io.stderr(`${doc.uri}:${p.range.start.line}:${p.range.start.column}: ${p.severity}: ${p.message.en} [${p.code}]\n`);
  if (fatal.length && !doc.text) return 1;
  const markdown = toMarkdown(doc);
  if (!values.output) {
    io.stdout(markdown);
    return fatal.length ? 1 : 0;
  }
  const out = resolve(io.cwd, values.output);
  if (out === path) throw new CrossfootError('exists', `refusing to overwrite the report being imported: ${values.output}`);
  if (existsSync(out) && !values.force) throw new CrossfootError('exists', `${values.output} already exists; use --force to replace it`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, markdown);
  io.stderr(`wrote ${toUri(io.cwd, out)}\n`);
  return fatal.length ? 1 : 0;
}

function describeDocument(doc: ReportDocument): string {
  const lines: string[] = [`${doc.uri} (${doc.format})`];
  const m = doc.meta;
  if (m.title) lines.push(`title: ${m.title.value}`);
  if (m.issuer) lines.push(`issuer: ${m.issuer.value}`);
  if (m.year) lines.push(`year: ${m.year.value}`);
  if (m.period) lines.push(`period: ${m.period.value.start} – ${m.period.value.end} (line ${m.period.range.start.line})`);
  if (m.published) lines.push(`published: ${m.published.value} (line ${m.published.range.start.line})`);
  const walk = (sections: ReportDocument['sections'], depth: number) => {
    for (const s of sections) {
      lines.push(`${'  '.repeat(depth)}§ ${s.marker}${s.title}  [line ${s.range.start.line}]`);
      walk(s.children, depth + 1);
    }
  };
  lines.push('sections:');
  walk(doc.sections, 1);
  for (const t of doc.tables) {
    lines.push(
      `table ${t.id}${t.caption ? ` "${t.caption}"` : ''} [lines ${t.range.start.line}–${t.range.end.line}] columns: ${t.columns.map((c) => c.label).join(' | ')}`,
    );
    for (const r of t.rows) {
      lines.push(`  ${'  '.repeat(Math.max(0, r.level - 1))}${r.label} [${r.kind}] ${r.cells.map((c) => (c.empty ? '—' : (c.value ?? c.text))).join(' | ')}`);
    }
  }
  for (const s of doc.statements) {
    lines.push(
      `statement line ${s.range.start.line}: ${s.total.label} ${s.total.value}${s.total.unit ?? ''}${s.parts.length ? ` = ${s.parts.map((p) => p.value).join(' + ')}` : ''}`,
    );
  }
  for (const d of doc.dates) lines.push(`date line ${d.range.start.line}: ${d.text} → ${d.start}${d.end !== d.start ? `..${d.end}` : ''}`);
  for (const p of doc.problems) lines.push(`problem ${p.code} line ${p.range.start.line}: ${p.message.en}`);
  return `${lines.join('\n')}\n`;
}
