import { type Diagnostic, LineIndex, type Locale, type Range, type ReportDocument, type ReportFormat } from '@crossfoot/core';
import { type CodeAction, CodeActionKind, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import { breakdown, plainNumber } from './arithmetic.ts';
import { t } from './messages.ts';
import { toLspPosition, toLspRange } from './positions.ts';

/**
 * Findings whose parts may rightly fall short of the total (a `其中` breakdown naming only some parts):
 * the sum is not a certain replacement for the total there.
 */
const PARTIAL_BREAKDOWNS = new Set(['parts-short']);

const NUMBER = /[-−]?\d+(?:,\d{3})*(?:\.\d+)?/gu;

/** A finding paired with the LSP diagnostic the editor showed for it. */
export interface Flagged {
  finding: Diagnostic;
  lsp: LspDiagnostic;
}

export interface ActionContext {
  /** The editor's uri of the document. */
  uri: string;
  text: string;
  format: ReportFormat;
  /** The document model the findings were computed on (its tables decide how a table row is suppressed). */
  doc?: ReportDocument;
  locale: Locale;
  /** Whether the client shows disabled code actions (with their reason). */
  disabledSupport: boolean;
}

function decimalsOf(token: string): number {
  const dot = token.indexOf('.');
  return dot < 0 ? 0 : token.length - dot - 1;
}

/** `expected` written the way `like` is written: its decimals and thousands separators. */
function writeLike(expected: string, like: string): string {
  const value = plainNumber(expected);
  if (!value) return expected;
  const fixed = value.toFixed(Math.max(decimalsOf(like), decimalsOf(expected.replace(/,/gu, ''))));
  if (!/\d,\d{3}/u.test(like)) return fixed;
  const [int, frac] = fixed.split('.');
  return `${(int as string).replace(/\B(?=(\d{3})+(?!\d))/gu, ',')}${frac ? `.${frac}` : ''}`;
}

/**
 * The edit that replaces a flagged figure by the one its arithmetic proves, when that is certain: the expected
 * figure is a plain number that is the sum of the finding's parts, and the flagged range holds exactly one
 * written number, equal to the actual figure. Undefined otherwise.
 */
export function replacementEdit(d: Diagnostic, text: string, lines: LineIndex = new LineIndex(text)): TextEdit | undefined {
  const a = d.arithmetic;
  if (!a || PARTIAL_BREAKDOWNS.has(d.messageId) || d.range.start.line !== d.range.end.line) return undefined;
  const expected = plainNumber(a.expected);
  const actual = plainNumber(a.actual);
  if (!expected || !actual || expected.eq(actual) || !breakdown(a).sum) return undefined;
  const from = lines.offset(d.range.start);
  const written = text.slice(from, lines.offset(d.range.end));
  const tokens = [...written.matchAll(NUMBER)];
  if (tokens.length !== 1) return undefined;
  const token = tokens[0] as RegExpMatchArray;
  if (!plainNumber(token[0])?.eq(actual)) return undefined;
  const start = from + (token.index ?? 0);
  return {
    range: { start: toLspPosition(lines.position(start)), end: toLspPosition(lines.position(start + token[0].length)) },
    newText: writeLike(a.expected, token[0]),
  };
}

/** Last line (1-based) of a Markdown document's YAML front matter, 0 when it has none. */
export function frontMatterEnd(lines: LineIndex): number {
  if (!/^---[ \t]*$/u.test(lines.lineText(1).replace(/^\uFEFF/u, ''))) return 0;
  for (let l = 2; l <= lines.lineCount; l++) if (/^(?:---|\.\.\.)[ \t]*$/u.test(lines.lineText(l))) return l;
  return 0;
}

function indentOf(line: string): string {
  return /^[ \t]*/u.exec(line)?.[0] ?? '';
}

function lastLine(range: Range): number {
  return range.end.line > range.start.line && range.end.column === 1 ? range.end.line - 1 : range.end.line;
}

/** Where and what to insert so that a Markdown or HTML comment silences the finding; a reason when it cannot. */
export function suppressionEdits(d: Diagnostic, ctx: ActionContext, lines: LineIndex): { title: string; edits: TextEdit[] } | { unavailable: string } {
  const rule = d.ruleId;
  if (ctx.format !== 'markdown' && ctx.format !== 'html') {
    const format = t(ctx.format === 'yaml' ? 'format.yaml' : 'format.text', ctx.locale);
    return { unavailable: t('action.noComments', ctx.locale, { format, rule }) };
  }
  const line = d.range.start.line;
  if (ctx.format === 'markdown' && line <= frontMatterEnd(lines)) return { unavailable: t('action.frontMatter', ctx.locale, { rule }) };
  const reason = t('action.reason', ctx.locale);
  const table = ctx.format === 'markdown' ? ctx.doc?.tables.find((tb) => tb.range.start.line <= line && line <= lastLine(tb.range)) : undefined;
  if (table) {
    // A comment between two rows would cut a GFM table in two: disable before the table, enable after it.
    const first = table.range.start.line;
    const last = lastLine(table.range);
    const indent = indentOf(lines.lineText(first));
    const end = toLspPosition(lines.position(lines.lineEnd(last)));
    return {
      title: t('action.suppressTable', ctx.locale, { rule }),
      edits: [
        {
          range: toLspRange({ start: { line: first, column: 1 }, end: { line: first, column: 1 } }),
          newText: `${indent}<!-- crossfoot-disable ${rule} -- ${reason} -->\n`,
        },
        { range: { start: end, end }, newText: `\n${indent}<!-- crossfoot-enable ${rule} -->` },
      ],
    };
  }
  const indent = indentOf(lines.lineText(line));
  return {
    title: t('action.suppressLine', ctx.locale, { rule }),
    edits: [
      {
        range: toLspRange({ start: { line, column: 1 }, end: { line, column: 1 } }),
        newText: `${indent}<!-- crossfoot-disable-next-line ${rule} -- ${reason} -->\n`,
      },
    ],
  };
}

/**
 * The code actions for some flagged figures: a quick fix replacing the figure where the arithmetic makes it
 * certain, and a suppression comment where the format has one (or, if the client shows them, a disabled action
 * saying what is possible instead). Offered only: none is marked preferred, so nothing applies itself.
 */
export function codeActionsFor(flagged: Flagged[], ctx: ActionContext): CodeAction[] {
  const lines = new LineIndex(ctx.text);
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const { finding, lsp } of flagged) {
    const edit = replacementEdit(finding, ctx.text, lines);
    if (edit && finding.arithmetic) {
      fixes.push({
        title: t('action.replace', ctx.locale, { actual: finding.arithmetic.actual, expected: edit.newText, expression: finding.arithmetic.expression }),
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        edit: { changes: { [ctx.uri]: [edit] } },
      });
    }
    const key = `${finding.ruleId}|${finding.range.start.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const suppression = suppressionEdits(finding, ctx, lines);
    if ('edits' in suppression) {
      suppressions.push({ title: suppression.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [ctx.uri]: suppression.edits } } });
    } else if (ctx.disabledSupport) {
      suppressions.push({
        title: t('action.suppressUnavailable', ctx.locale, { rule: finding.ruleId }),
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        disabled: { reason: suppression.unavailable },
      });
    }
  }
  return [...fixes, ...suppressions];
}
