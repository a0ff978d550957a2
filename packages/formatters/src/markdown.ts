import { type Diagnostic, sortDiagnostics } from '@crossfoot/core';
import { type MessageId, t } from './messages.ts';
import { groupByUri, summarize, uniqueRules } from './summary.ts';
import type { FormatInput, FormatOptions } from './types.ts';

/**
 * GitHub-flavoured Markdown for a job summary: a totals table, findings per rule, then one
 * table per file listing every finding (never truncated).
 */
export function markdown(input: FormatInput, options: FormatOptions): string {
  const { locale } = options;
  const label = (id: MessageId) => t(locale, id);
  const summary = summarize(input);
  const sorted = sortDiagnostics(input.diagnostics);
  const urls = new Map<string, string>();
  for (const rule of uniqueRules(input.rules)) urls.set(rule.id, rule.url);
  for (const d of sorted) if (!urls.has(d.ruleId)) urls.set(d.ruleId, d.url);
  const ruleLink = (ruleId: string) => link(ruleId, urls.get(ruleId));

  const out: string[] = [`## ${escapeInline(label('markdown.title'))}`, ''];
  out.push(
    ...table(
      [
        [label('markdown.files'), 'right'],
        [label('markdown.filesWithErrors'), 'right'],
        [label('markdown.filesWithWarnings'), 'right'],
        [label('markdown.errors'), 'right'],
        [label('markdown.warnings'), 'right'],
        [label('markdown.infos'), 'right'],
      ],
      [[summary.files, summary.filesWithErrors, summary.filesWithWarnings, summary.errors, summary.warnings, summary.infos].map(String)],
    ),
    '',
  );

  if (sorted.length === 0) {
    out.push(escapeInline(label('markdown.noProblems')));
    return `${out.join('\n')}\n`;
  }

  out.push(
    ...table(
      [
        [label('markdown.rule'), 'left'],
        [label('markdown.count'), 'right'],
      ],
      summary.perRule.map((r) => [ruleLink(r.ruleId), String(r.count)]),
    ),
    '',
  );

  for (const [uri, diagnostics] of groupByUri(sorted)) {
    out.push(`### ${escapeInline(uri)}`, '');
    out.push(
      ...table(
        [
          [label('markdown.line'), 'right'],
          [label('markdown.severity'), 'left'],
          [label('markdown.rule'), 'left'],
          [label('markdown.message'), 'left'],
          [label('markdown.expected'), 'right'],
          [label('markdown.actual'), 'right'],
        ],
        diagnostics.map((d) => [
          `${d.range.start.line}:${d.range.start.column}`,
          escapeInline(t(locale, `severity.${d.severity}`)),
          ruleLink(d.ruleId),
          messageCell(d),
          escapeInline(d.expected ?? d.arithmetic?.expected ?? ''),
          escapeInline(d.actual ?? d.arithmetic?.actual ?? ''),
        ]),
      ),
      '',
    );
  }

  const clean = summary.perFile.filter((f) => f.errors + f.warnings + f.infos === 0).map((f) => escapeInline(f.uri));
  if (clean.length > 0) out.push(t(locale, 'markdown.cleanFiles', { files: clean.join(', ') }), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function messageCell(d: Diagnostic): string {
  const message = escapeInline(d.message);
  return d.arithmetic ? `${message}<br>${escapeInline(d.arithmetic.expression)}` : message;
}

/** Header cells are escaped here; body cells must arrive escaped. */
function table(columns: [string, 'left' | 'right'][], rows: string[][]): string[] {
  return [
    `| ${columns.map(([name]) => escapeInline(name)).join(' | ')} |`,
    `| ${columns.map(([, align]) => (align === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
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
