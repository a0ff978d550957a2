import type { Range } from './model.ts';

export type Severity = 'error' | 'warning' | 'info';

/** Severities from the highest: an error ranks before a warning, a warning before an info. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({ error: 0, warning: 1, info: 2 });
export type Locale = 'zh-CN' | 'en';
export type Localized = Record<Locale, string>;

export interface RelatedLocation {
  uri: string;
  range: Range;
  /** Short label, e.g. `（一）予以公开 / 自然人 = 12`. */
  label: string;
}

/** Where arithmetic was involved: what the relation expected and what the document says. */
export interface Arithmetic {
  /** Rendered relation, e.g. `53 + 48 + 207 + 14 = 322`. */
  expression: string;
  expected: string;
  actual: string;
  /** `actual − expected`. */
  difference: string;
  /** How the comparison was made, e.g. `exact` or `±0.05`. */
  precision: string;
  /** Operands with labels and values. */
  operands?: { label: string; value: string }[];
}

export interface Diagnostic {
  /** `<pack>/<rule>`; adapter and engine problems use `crossfoot/<code>`. */
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  data: Record<string, string>;
  uri: string;
  range: Range;
  related: RelatedLocation[];
  expected?: string;
  actual?: string;
  arithmetic?: Arithmetic;
  /** Docs URL derived from the rule id. */
  url: string;
}

/** What a formatter needs to know about a rule (SARIF `tool.driver.rules`, explain). */
export interface RuleMeta {
  id: string;
  description: Localized;
  severity: Severity;
  url: string;
  pack: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.uri, b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    cmp(a.ruleId, b.ruleId) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

/** Where rule docs are published: each rule's page sits beside its definition, `rules/<pack>/<rule>.md`. */
export const DOCS_BASE = 'https://github.com/crossfoot/crossfoot/blob/main/rules/';

/** Docs URL for a rule id `<pack>/<rule>` (never typed by hand). Engine problems (`crossfoot/<code>`) share one page. */
export function docsUrl(ruleId: string, base: string = DOCS_BASE): string {
  const slash = ruleId.indexOf('/');
  if (slash < 0) return `${base}${ruleId}.md`;
  const pack = ruleId.slice(0, slash);
  const rule = ruleId.slice(slash + 1);
  if (pack === 'crossfoot') return `${base}README.md#${rule}`;
  return `${base}${pack}/${rule}.md`;
}
