import { type Arithmetic, type Diagnostic, type Range, sortDiagnostics } from '@crossfoot/core';
import { compareStrings, summarize } from './summary.ts';
import type { FormatInput, FormatOptions } from './types.ts';

/**
 * Machine-readable report: `{ tool, summary, files, diagnostics }`, keys in a fixed order,
 * two-space indentation and a trailing newline.
 */
export function json(input: FormatInput, options: FormatOptions): string {
  const summary = summarize(input);
  const report = {
    tool: { name: 'crossfoot', version: options.toolVersion },
    summary: {
      files: summary.files,
      filesWithErrors: summary.filesWithErrors,
      filesWithWarnings: summary.filesWithWarnings,
      errors: summary.errors,
      warnings: summary.warnings,
      infos: summary.infos,
      perFile: summary.perFile.map(fileCounts),
      perRule: summary.perRule.map((r) => ({ ruleId: r.ruleId, count: r.count })),
    },
    files: summary.perFile.map(fileCounts),
    diagnostics: sortDiagnostics(input.diagnostics).map(canonicalDiagnostic),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function fileCounts(f: { uri: string; errors: number; warnings: number; infos: number }) {
  return { uri: f.uri, errors: f.errors, warnings: f.warnings, infos: f.infos };
}

/** A copy of `d` with keys in declaration order whatever order the producer used. */
function canonicalDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    messageId: d.messageId,
    data: sortedRecord(d.data),
    uri: d.uri,
    range: canonicalRange(d.range),
    related: d.related.map((r) => ({ uri: r.uri, range: canonicalRange(r.range), label: r.label })),
    url: d.url,
  };
  // Optional members go between `related` and `url`, as declared.
  const { url, ...head } = out;
  const optional: Partial<Diagnostic> = {};
  if (d.expected !== undefined) optional.expected = d.expected;
  if (d.actual !== undefined) optional.actual = d.actual;
  if (d.arithmetic !== undefined) optional.arithmetic = canonicalArithmetic(d.arithmetic);
  return { ...head, ...optional, url };
}

function canonicalRange(r: Range): Range {
  return {
    start: { line: r.start.line, column: r.start.column },
    end: { line: r.end.line, column: r.end.column },
  };
}

export function canonicalArithmetic(a: Arithmetic): Arithmetic {
  const out: Arithmetic = {
    expression: a.expression,
    expected: a.expected,
    actual: a.actual,
    difference: a.difference,
    precision: a.precision,
  };
  if (a.operands !== undefined) out.operands = a.operands.map((o) => ({ label: o.label, value: o.value }));
  return out;
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort(compareStrings)) out[key] = record[key] as string;
  return out;
}
