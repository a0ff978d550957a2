import { reportStream } from './json.ts';
import { type MessageId, t } from './messages.ts';
import type { FormatInput, FormatOptions, ReportStream } from './types.ts';

const COLUMNS: MessageId[] = ['csv.file', 'csv.line', 'csv.column', 'csv.severity', 'csv.rule', 'csv.message', 'csv.expected', 'csv.actual'];

/**
 * One row per finding — file, line, column, severity, rule, message, expected, actual — for a
 * spreadsheet: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line break,
 * quotes doubled), UTF-8 with a byte-order mark so Excel reads Chinese text right. Headers and
 * severities follow the locale.
 */
export function csv(input: FormatInput, options: FormatOptions): string {
  return [...csvReportChunks(reportStream(input), options)].join('');
}

/** `csv`'s text for a report given a file at a time: a row per finding, holding one file's findings at a time. */
export function* csvReportChunks(report: ReportStream, options: FormatOptions): Generator<string> {
  const { locale } = options;
  yield `\uFEFF${row(COLUMNS.map((id) => t(locale, id)))}`;
  for (const { diagnostics } of report.files()) {
    const rows: string[] = [];
    for (const d of diagnostics) {
      rows.push(
        row([
          d.uri,
          String(d.range.start.line),
          String(d.range.start.column),
          t(locale, `severity.${d.severity}`),
          d.ruleId,
          d.message,
          d.expected ?? d.arithmetic?.expected ?? '',
          d.actual ?? d.arithmetic?.actual ?? '',
        ]),
      );
    }
    if (rows.length) yield rows.join('');
  }
}

function row(cells: string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * A field as RFC 4180 wants it. Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab
 * or carriage return first) gets a leading apostrophe, since reports are untrusted; numbers stay numbers.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d[\d,]*(\.\d+)?%?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
