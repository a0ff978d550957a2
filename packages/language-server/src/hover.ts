import type { Diagnostic, Locale } from '@crossfoot/core';
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import { breakdown } from './arithmetic.ts';
import { t } from './messages.ts';
import { rangeContains, toLspRange } from './positions.ts';

/** Escapes text for a Markdown table cell or paragraph: no markup, no HTML, no cell breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/gu, (c) => `\\${c}`).replace(/\r?\n/gu, ' ');
}

function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/gu)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest ? ` ${text} ` : text}${fence}`;
}

/**
 * A finding's arithmetic as Markdown: each part with its label, their sum (or the expected figure),
 * the figure as written, the difference and the precision compared at. Undefined without arithmetic.
 */
export function renderArithmetic(d: Diagnostic, locale: Locale): string | undefined {
  const a = d.arithmetic;
  if (!a) return undefined;
  const b = breakdown(a);
  const row = (label: string, value: string, strong = false) =>
    strong ? `| **${escapeMarkdown(label)}** | **${escapeMarkdown(value)}** |` : `| ${escapeMarkdown(label)} | ${escapeMarkdown(value)} |`;
  const lines = [
    `**${escapeMarkdown(t('hover.title', locale))}** ${code(a.expression)}`,
    '',
    `| ${escapeMarkdown(t('hover.operand', locale))} | ${escapeMarkdown(t('hover.value', locale))} |`,
    '|:--|--:|',
    ...b.parts.map((p) => row(p.label, p.value)),
    row(t(b.sum ? 'hover.sum' : 'hover.expected', locale), a.expected, true),
    row(b.total ? t('hover.actualOf', locale, { label: b.total.label }) : t('hover.actual', locale), a.actual),
    row(t('hover.difference', locale), a.difference),
    '',
    `${escapeMarkdown(t('hover.precision', locale))}: ${escapeMarkdown(a.precision)} · [${escapeMarkdown(d.ruleId)}](${d.url})`,
  ];
  return lines.join('\n');
}

/** The hover for a position: the arithmetic of every finding there that has some; null when none. */
export function hoverAt(diagnostics: Diagnostic[], position: Position, locale: Locale): Hover | null {
  const here = diagnostics.filter((d) => d.arithmetic && rangeContains(toLspRange(d.range), position));
  if (!here.length) return null;
  const value = here.map((d) => renderArithmetic(d, locale)).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: toLspRange((here[0] as Diagnostic).range) };
}
