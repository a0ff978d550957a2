import { sortDiagnostics } from '@crossfoot/core';
import { type MessageId, t } from './messages.ts';
import type { FormatInput, FormatOptions } from './types.ts';

const COLUMNS: MessageId[] = ['csv.file', 'csv.line', 'csv.column', 'csv.severity', 'csv.rule', 'csv.message', 'csv.expected', 'csv.actual'];

/**
 * One row per finding — file, line, column, severity, rule, message, expected, actual — for a
 * spreadsheet: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line break,
 * quotes doubled), UTF-8 with a byte-order mark so Excel reads Chinese text right. Headers and
 * severities follow the locale.
 */
export function csv(input: FormatInput, options: FormatOptions): string {
  const { locale } = options;
  const rows = [COLUMNS.map((id) => t(locale, id))];
  for (const d of sortDiagnostics(input.diagnostics)) {
    rows.push([
      d.uri,
      String(d.range.start.line),
      String(d.range.start.column),
      t(locale, `severity.${d.severity}`),
      d.ruleId,
      d.message,
      d.expected ?? d.arithmetic?.expected ?? '',
      d.actual ?? d.arithmetic?.actual ?? '',
    ]);
  }
  return `\uFEFF${rows.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * A field as RFC 4180 wants it. Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab
 * or carriage return first) gets a leading apostrophe, since reports are untrusted; numbers stay numbers.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d[\d,]*(\.\d+)?%?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
