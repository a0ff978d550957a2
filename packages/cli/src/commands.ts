import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pageOfLine, toMarkdown } from '@crossfoot/adapters';
import { CrossfootError, DEFAULT_LIMITS, type Limits, loadPack, type ReportDocument, ruleMeta } from '@crossfoot/core';
import { localeOf, parse, UsageError } from './args.ts';
import { createPackHost } from './host.ts';
import type { Io } from './main.ts';
import { writeAtomic } from './output.ts';
import { readReportFile } from './read.ts';
import { discoverPacks, findConfig, mergePacks } from './session.ts';
import { toUri } from './uri.ts';

// The commands besides `check` and `report`, loaded only when run: they need the packs and the adapters,
// which `check` leaves to its worker threads (and skips entirely when the cache answers).

export function explain(args: string[], io: Io): number {
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

export function packs(args: string[], io: Io): number {
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

export function init(args: string[], io: Io): number {
  const { values } = parse(args, { force: { type: 'boolean', default: false }, pack: { type: 'string', multiple: true } });
  const file = join(io.cwd, 'crossfoot.config.yaml');
  if (existsSync(file) && !values.force) throw new CrossfootError('exists', 'crossfoot.config.yaml already exists; use --force to replace it');
  const packsLine = values.pack?.length
    ? `packs:\n${values.pack.map((p) => `  - ${p}`).join('\n')}\n`
    : "# packs: [cn-gov-disclosure-2021]   # default: each report's declared or recognised pack\n";
  writeAtomic(
    file,
    `# crossfoot configuration\n${packsLine}include:\n  - "**/*.md"\nignore:\n  - "drafts/**"\nlocale: zh-CN\nrules: {}\n#  cn-gov-disclosure-common/repeated-phrase: off\n`,
  );
  io.stdout(`wrote crossfoot.config.yaml\n`);
  return 0;
}

/** The limits of the config that `check` would use from `cwd` (file size, rows, nesting…), or the defaults. */
function configLimits(cwd: string): Limits {
  return findConfig(cwd)?.limits ?? DEFAULT_LIMITS;
}

export async function inspect(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean', default: false } });
  const target = positionals[0];
  if (!target) throw new UsageError('inspect needs a report file');
  const path = resolve(io.cwd, target);
  if (!existsSync(path)) throw new UsageError(`no such file: ${target}`);
  const doc = await readReportFile(path, toUri(io.cwd, path), configLimits(io.cwd));
  if (values.json) {
    io.stdout(`${JSON.stringify({ ...doc, text: undefined }, null, 2)}\n`);
    return 0;
  }
  io.stdout(describeDocument(doc));
  return 0;
}

export async function importReport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } });
  const target = positionals[0];
  if (!target) throw new UsageError('import needs a report file, e.g. crossfoot import report.txt -o report.md');
  const path = resolve(io.cwd, target);
  if (!existsSync(path)) throw new UsageError(`no such file: ${target}`);
  const doc = await readReportFile(path, toUri(io.cwd, path), configLimits(io.cwd));
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
  writeAtomic(out, markdown);
  io.stderr(`wrote ${toUri(io.cwd, out)}\n`);
  return fatal.length ? 1 : 0;
}

function describeDocument(doc: ReportDocument): string {
  // A PDF's lines are lines of its extracted text: the page each stands on is said beside it.
  const pdf = doc.format === 'pdf' && doc.text !== '';
  const page = (line: number) => (pdf ? `, page ${pageOfLine(doc.text, line)}` : '');
  const pages = (from: number, to: number) => {
    if (!pdf) return '';
    const [a, b] = [pageOfLine(doc.text, from), pageOfLine(doc.text, to)];
    return a === b ? `, page ${a}` : `, pages ${a}–${b}`;
  };
  const lines: string[] = [`${doc.uri} (${doc.format}${pdf ? `, ${pageOfLine(doc.text, Number.MAX_SAFE_INTEGER)} pages` : ''})`];
  const m = doc.meta;
  if (m.title) lines.push(`title: ${m.title.value}`);
  if (m.issuer) lines.push(`issuer: ${m.issuer.value}`);
  if (m.year) lines.push(`year: ${m.year.value}`);
  if (m.period) lines.push(`period: ${m.period.value.start} – ${m.period.value.end} (line ${m.period.range.start.line})`);
  if (m.published) lines.push(`published: ${m.published.value} (line ${m.published.range.start.line})`);
  const walk = (sections: ReportDocument['sections'], depth: number) => {
    for (const s of sections) {
      lines.push(`${'  '.repeat(depth)}§ ${s.marker}${s.title}  [line ${s.range.start.line}${page(s.range.start.line)}]`);
      walk(s.children, depth + 1);
    }
  };
  lines.push('sections:');
  walk(doc.sections, 1);
  for (const t of doc.tables) {
    lines.push(
      `table ${t.id}${t.caption ? ` "${t.caption}"` : ''} [lines ${t.range.start.line}–${t.range.end.line}${pages(t.range.start.line, t.range.end.line)}] columns: ${t.columns.map((c) => c.label).join(' | ')}`,
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
