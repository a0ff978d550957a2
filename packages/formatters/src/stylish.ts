import type { Diagnostic, Locale, Severity } from '@crossfoot/core';
import pc from 'picocolors';
import { excerpt } from './excerpt.ts';
import { reportStream } from './json.ts';
import { noProblemsLine, t, totalsLine } from './messages.ts';
import { Sources } from './source.ts';
import { displayWidth, padEndDisplay, padStartDisplay, printable } from './text.ts';
import type { FormatInput, FormatOptions, ReportStream } from './types.ts';

type Colors = ReturnType<typeof pc.createColors>;

const INDENT = '    ';

/**
 * Human-readable report for a terminal: findings grouped by file, each with the flagged
 * source line, a caret line under the span and the arithmetic behind it.
 */
export function stylish(input: FormatInput, options: FormatOptions): string {
  return [...stylishReportChunks(reportStream(input), options)].join('');
}

/** `stylish`'s text for a report given a file at a time: a file's findings at a time, then the totals. */
export function* stylishReportChunks(report: ReportStream, options: FormatOptions): Generator<string> {
  const c = pc.createColors(options.color);
  const { locale } = options;
  const { summary } = report;
  if (summary.errors + summary.warnings + summary.infos === 0) {
    yield `${c.green(noProblemsLine(locale, summary.files))}\n`;
    return;
  }
  for (const { file, diagnostics } of report.files()) {
    if (diagnostics.length === 0) continue;
    const sources = new Sources({ files: [file], diagnostics: [], rules: [] });
    const out: string[] = [c.underline(printable(file.uri))];
    const positions = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column}`);
    const severities = diagnostics.map((d) => severityLabel(locale, d.severity));
    const positionWidth = Math.max(...positions.map((p) => p.length));
    const severityWidth = Math.max(...severities.map(displayWidth));
    const gutterWidth = Math.max(...diagnostics.map((d) => String(d.range.start.line).length));
    diagnostics.forEach((d, i) => {
      const position = padStartDisplay(positions[i] as string, positionWidth);
      const severity = paint(c, d.severity, padEndDisplay(severities[i] as string, severityWidth));
      const [first = '', ...rest] = messageLines(d.message);
      out.push(`  ${c.dim(position)}  ${severity}  ${first}  ${c.dim(printable(d.ruleId))}`);
      for (const line of rest) out.push(`${INDENT}${line}`);
      out.push(...sourceLines(c, sources, d, gutterWidth));
      out.push(...arithmeticLines(c, locale, d));
      out.push(...relatedLines(c, d));
    });
    // The file's lines, then the blank line after them.
    yield `${out.join('\n')}\n\n`;
  }
  const totals = totalsLine(locale, summary);
  yield `${summary.errors > 0 ? c.red(c.bold(totals)) : summary.warnings > 0 ? c.yellow(c.bold(totals)) : c.bold(totals)}\n`;
}

function severityLabel(locale: Locale, severity: Severity): string {
  return t(locale, `severity.${severity}`);
}

function paint(c: Colors, severity: Severity, text: string): string {
  return severity === 'error' ? c.red(text) : severity === 'warning' ? c.yellow(text) : c.blue(text);
}

function messageLines(message: string): string[] {
  return message.split(/\r\n|\r|\n/).map(printable);
}

function sourceLines(c: Colors, sources: Sources, d: Diagnostic, gutterWidth: number): string[] {
  const shown = excerpt(sources, d.uri, d.range);
  if (!shown) return [];
  const gutter = String(shown.line).padStart(gutterWidth);
  const blank = ' '.repeat(gutterWidth);
  const marker = d.range.end.line > d.range.start.line ? `${'^'.repeat(shown.width)}…` : '^'.repeat(shown.width);
  return [`${INDENT}${c.dim(`${gutter} |`)} ${shown.text}`, `${INDENT}${c.dim(`${blank} |`)} ${' '.repeat(shown.indent)}${paint(c, d.severity, marker)}`];
}

function arithmeticLines(c: Colors, locale: Locale, d: Diagnostic): string[] {
  const a = d.arithmetic;
  if (!a) return [];
  const sep = locale === 'zh-CN' ? '：' : ': ';
  const join = locale === 'zh-CN' ? '；' : '; ';
  const label = (id: Parameters<typeof t>[1]) => c.dim(`${t(locale, id)}${sep}`);
  const lines = [
    `${INDENT}${label('arithmetic.expression')}${printable(a.expression)}`,
    `${INDENT}${[
      `${label('arithmetic.expected')}${printable(a.expected)}`,
      `${label('arithmetic.actual')}${printable(a.actual)}`,
      `${label('arithmetic.difference')}${printable(a.difference)}`,
      `${label('arithmetic.precision')}${printable(a.precision)}`,
    ].join(join)}`,
  ];
  if (a.operands && a.operands.length > 0 && d.related.length === 0) {
    const operands = a.operands.map((o) => `${printable(o.label)} = ${printable(o.value)}`).join(join);
    lines.push(`${INDENT}${label('arithmetic.operands')}${operands}`);
  }
  return lines;
}

function relatedLines(c: Colors, d: Diagnostic): string[] {
  return d.related.map((r) => {
    const where = `${r.uri === d.uri ? '' : `${printable(r.uri)}:`}${r.range.start.line}:${r.range.start.column}`;
    return `${INDENT}${c.dim(`→ ${where}`)}  ${printable(r.label)}`;
  });
}
