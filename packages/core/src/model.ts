/**
 * The document model every adapter returns (DESIGN §2).
 * Positions are 1-based; columns count UTF-16 code units; `end` is exclusive.
 */

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A value with the range of source text it was read from. */
export interface Located<T> {
  value: T;
  range: Range;
}

export type ReportFormat = 'markdown' | 'yaml' | 'text' | 'html' | 'pdf' | 'docx';

export interface Period {
  /** ISO date, yyyy-mm-dd. */
  start: string;
  /** ISO date, yyyy-mm-dd, inclusive. */
  end: string;
}

export interface ReportMeta {
  title?: Located<string>;
  issuer?: Located<string>;
  period?: Located<Period>;
  /** ISO date the report was signed or published. */
  published?: Located<string>;
  packs?: Located<string[]>;
  /** Report year when it can be told (from period, title `2018年度`, or front matter). */
  year?: Located<number>;
}

export interface Section {
  /** Marker as written, e.g. `一、`, `（一）`, `1.`, `#`; empty for Markdown headings without a number. */
  marker: string;
  /** Normalised number, e.g. `一`, `(一)`, `1`, `1.1`. Empty when unnumbered. */
  number: string;
  title: string;
  /** 1 = top level. */
  level: number;
  /** Range of the heading line. */
  range: Range;
  /** Range from the heading to the end of the section's content. */
  extent: Range;
  children: Section[];
}

/** Exact decimal written as a canonical string (`"-12.50"` keeps its written scale). */
export type DecimalString = string;

export interface Cell {
  /** The cell text as written (trimmed). */
  text: string;
  /** Parsed numeric value when the cell holds one number. */
  value?: DecimalString;
  /** Digits after the decimal point as written (precision). */
  decimals?: number;
  unit?: string;
  /** `—`, `——`, `/`, `-` or blank. */
  empty: boolean;
  range: Range;
}

export type RowKind = 'item' | 'total' | 'subset' | 'heading';

export interface Row {
  /** The row label (first column), trimmed, as written. */
  label: string;
  labelRange: Range;
  /** Outline marker as written (`一、`, `（三）`, `1.`, `其中：`), empty when none. */
  marker: string;
  /** Normalised outline number (`一`, `(三)`, `1`), empty when none. */
  number: string;
  /** Outline depth, 1 = top. */
  level: number;
  kind: RowKind;
  /** Labels of the ancestor rows, outermost first. */
  path: string[];
  /** Index in `rows` of the parent row, if any. */
  parent?: number;
  /** Cells after the label, one per column in `columns`. */
  cells: Cell[];
  range: Range;
}

export interface Column {
  /** Header text; merged headers are joined with `/`, e.g. `法人或其他组织/商业企业`. */
  label: string;
  range?: Range;
  kind: 'item' | 'total';
}

export interface Table {
  /** Stable index-based id within the document, `t1`, `t2`, … */
  id: string;
  caption?: string;
  /** Titles of the enclosing sections, outermost first. */
  section: string[];
  /** Header of the label column, e.g. `统计指标`. */
  labelHeader?: string;
  columns: Column[];
  rows: Row[];
  range: Range;
}

export interface Quantity {
  /** The words naming what is counted, e.g. `工作栏目更新信息`. */
  label: string;
  value: DecimalString;
  decimals: number;
  unit?: string;
  /** Percentage written next to it, e.g. `占33.9%`. */
  percent?: { value: DecimalString; decimals: number; range: Range };
  /** The figure itself as written. */
  text: string;
  /** Range of the figure (digits and unit). */
  range: Range;
}

export interface Statement {
  kind: 'total-with-parts' | 'quantity';
  /** Present for `total-with-parts` and `quantity`. */
  total: Quantity;
  parts: Quantity[];
  /** The sentence or clause the claim was read from. */
  text: string;
  range: Range;
  /** Titles of the enclosing sections, outermost first. */
  section: string[];
}

export interface DateMention {
  text: string;
  /** ISO start and end (inclusive) of what the mention denotes. */
  start: string;
  end: string;
  precision: 'year' | 'month' | 'day';
  range: Range;
  section: string[];
}

export interface Suppression {
  /** Rule ids; empty means every rule. */
  rules: string[];
  reason?: string;
  /** Lines the suppression covers, inclusive. */
  fromLine: number;
  toLine: number;
  range: Range;
}

/** A problem an adapter found while reading (never thrown). */
export interface AdapterProblem {
  /** e.g. `ragged-row`, `unreadable-number`, `front-matter`, `decode`. */
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: { 'zh-CN': string; en: string };
  range: Range;
}

export interface ReportDocument {
  /** Path relative to the working directory, forward slashes. */
  uri: string;
  text: string;
  format: ReportFormat;
  meta: ReportMeta;
  sections: Section[];
  tables: Table[];
  statements: Statement[];
  dates: DateMention[];
  suppressions: Suppression[];
  problems: AdapterProblem[];
}
