import type { Diagnostic, Severity } from '@crossfoot/core';
import { reportStream } from './json.ts';
import { arithmeticLine } from './messages.ts';
import { toAnnotation } from './positions.ts';
import type { FormatInput, FormatOptions, ReportStream } from './types.ts';

/**
 * GitHub Actions workflow commands, one per finding (`::error file=…,line=…::message`).
 * Every finding is written; GitHub itself caps how many become annotations, so the job
 * summary (markdown) and SARIF are where nothing is dropped.
 */
export function github(input: FormatInput, options: FormatOptions): string {
  return [...githubReportChunks(reportStream(input), options)].join('');
}

/** `github`'s commands for a report given a file at a time, a file's at a time. */
export function* githubReportChunks(report: ReportStream, options: FormatOptions): Generator<string> {
  for (const { diagnostics } of report.files()) {
    if (diagnostics.length === 0) continue;
    yield `${diagnostics.map((d) => annotation(d, options)).join('\n')}\n`;
  }
}

function annotation(d: Diagnostic, options: FormatOptions): string {
  const a = toAnnotation(d.range);
  const properties: [string, string | number][] = [
    ['file', d.uri],
    ['line', a.line],
    ['endLine', a.endLine],
  ];
  if (a.col !== undefined && a.endColumn !== undefined) properties.push(['col', a.col], ['endColumn', a.endColumn]);
  properties.push(['title', d.ruleId]);
  const message = d.arithmetic ? `${d.message}\n${arithmeticLine(options.locale, d.arithmetic)}` : d.message;
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${command(d.severity)} ${props}::${escapeData(message)}`;
}

function command(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'info' ? 'notice' : severity;
}

/** As `@actions/core` escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As `@actions/core` escapes a command property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
