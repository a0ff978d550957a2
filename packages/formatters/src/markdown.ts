import type { Diagnostic } from '@crossfoot/core';
import { reportStream } from './json.ts';
import { type MessageId, t } from './messages.ts';
import { firstOfUnknownRules, uniqueRules } from './summary.ts';
import type { FormatInput, FormatOptions, ReportStream } from './types.ts';

/**
 * GitHub-flavoured Markdown for a job summary: a totals table, findings per rule, then one
 * table per file listing every finding (never truncated).
 */
export function markdown(input: FormatInput, options: FormatOptions): string {
  return [...markdownReportChunks(reportStream(input), options)].join('');
}

/**
 * `markdown`'s text for a report given a file at a time, a file's table at a time. Its blocks (the title, each table,
 * the list of clean files) are separated by a blank line.
 */
export function* markdownReportChunks(report: ReportStream, options: FormatOptions): Generator<string> {
  const { locale } = options;
  const label = (id: MessageId) => t(locale, id);
  const { summary } = report;
  const known = uniqueRules(report.rules);
  const urls = new Map<string, string>();
  for (const rule of known) urls.set(rule.id, rule.url);
  for (const [ruleId, d] of firstOfUnknownRules(report, new Set(urls.keys()))) urls.set(ruleId, d.url);
  const ruleLink = (ruleId: string) => link(ruleId, urls.get(ruleId));

  yield `## ${escapeInline(label('markdown.title'))}\n\n`;
  yield table(
    [
      [label('markdown.files'), 'right'],
      [label('markdown.filesWithErrors'), 'right'],
      [label('markdown.filesWithWarnings'), 'right'],
      [label('markdown.errors'), 'right'],
      [label('markdown.warnings'), 'right'],
      [label('markdown.infos'), 'right'],
    ],
    [[summary.files, summary.filesWithErrors, summary.filesWithWarnings, summary.errors, summary.warnings, summary.infos].map(String)],
  );

  if (summary.errors + summary.warnings + summary.infos === 0) {
    yield `\n\n${escapeInline(label('markdown.noProblems'))}\n`;
    return;
  }

  yield `\n\n${table(
    [
      [label('markdown.rule'), 'left'],
      [label('markdown.count'), 'right'],
    ],
    summary.perRule.map((r) => [ruleLink(r.ruleId), String(r.count)]),
  )}`;

  const findingColumns: [string, 'left' | 'right'][] = [
    [label('markdown.line'), 'right'],
    [label('markdown.severity'), 'left'],
    [label('markdown.rule'), 'left'],
    [label('markdown.message'), 'left'],
    [label('markdown.expected'), 'right'],
    [label('markdown.actual'), 'right'],
  ];
  for (const { file, diagnostics } of report.files()) {
    if (diagnostics.length === 0) continue;
    const rows = diagnostics.map((d) => [
      `${d.range.start.line}:${d.range.start.column}`,
      escapeInline(t(locale, `severity.${d.severity}`)),
      ruleLink(d.ruleId),
      messageCell(d),
      escapeInline(d.expected ?? d.arithmetic?.expected ?? ''),
      escapeInline(d.actual ?? d.arithmetic?.actual ?? ''),
    ]);
    yield `\n\n### ${escapeInline(file.uri)}\n\n${table(findingColumns, rows)}`;
  }

  const clean = summary.perFile.filter((f) => f.errors + f.warnings + f.infos === 0).map((f) => escapeInline(f.uri));
  if (clean.length > 0) yield `\n\n${t(locale, 'markdown.cleanFiles', { files: clean.join(', ') })}`;
  yield '\n';
}

function messageCell(d: Diagnostic): string {
  const message = escapeInline(d.message);
  return d.arithmetic ? `${message}<br>${escapeInline(d.arithmetic.expression)}` : message;
}

/** A table's lines, without a line break after the last. Header cells are escaped here; body cells must arrive escaped. */
function table(columns: [string, 'left' | 'right'][], rows: string[][]): string {
  return [
    `| ${columns.map(([name]) => escapeInline(name)).join(' | ')} |`,
    `| ${columns.map(([, align]) => (align === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

function link(text: string, url: string | undefined): string {
  if (!url) return escapeInline(text);
  const target = url.replace(/[\s()<>|\\]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeInline(text)}](${target})`;
}

/**
 * Text safe inside a GFM table cell or heading: Markdown punctuation is backslash-escaped,
 * HTML-significant characters become entities, line breaks become `<br>`.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]~$|#]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}
