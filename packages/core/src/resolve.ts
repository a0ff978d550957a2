import { add, Dec, decimalOf, halfUnit, type Measure, ZERO } from './decimal.ts';
import type { RelatedLocation } from './diagnostic.ts';
import type { Expr } from './formula.ts';
import type { Cell, Column, Range, ReportDocument, Row, Table } from './model.ts';
import { foldWidth, labelKey } from './normalize.ts';
import type { FactDef, Pack, TableLocator } from './pack.ts';
import { compilePattern, type Pattern } from './pattern.ts';
import { exact, plainConstant, plainGrid } from './plain.ts';

/** One figure an expression used: its value, where it is written and what it is called. */
export interface Operand {
  label: string;
  text: string;
  uri: string;
  range: Range;
  value: Dec;
  decimals: number;
}

export interface Evaluated extends Measure {
  operands: Operand[];
}

/** Why an expression could not be evaluated: a row or table absent, or a cell left empty. */
export type Unresolved = { missing: 'table' | 'row' | 'column' | 'empty' | 'fact'; what: string };

export function isUnresolved<T extends object>(v: T | Unresolved): v is Unresolved {
  return (v as Unresolved).missing !== undefined;
}

/** A `previous.` reference as last year's report resolves it: one object per reference, so that its answers are remembered. */
const currents = new WeakMap<Expr, Extract<Expr, { kind: 'ref' }>>();

function currentOf(expr: Extract<Expr, { kind: 'ref' }>): Extract<Expr, { kind: 'ref' }> {
  let current = currents.get(expr);
  if (!current) {
    current = { ...expr, previous: false };
    currents.set(expr, current);
  }
  return current;
}

/** Finds a pack's tables, rows, cells and facts in one document; remembers what it found. */
export class Resolver {
  private readonly tables = new Map<string, Table | undefined>();
  /** References evaluated, by expression (a pack's, parsed once) and the column iterated. */
  private readonly refs = new Map<Expr, Map<string | undefined, Evaluated | Unresolved>>();

  constructor(
    readonly doc: ReportDocument,
    readonly pack: Pack,
    /** Resolves `previous.` references: the same issuer's previous report, when there is one. */
    readonly previous?: Resolver,
  ) {}

  table(name: string): Table | undefined {
    if (this.tables.has(name)) return this.tables.get(name);
    const locator = this.pack.tables[name];
    const found = locator ? this.doc.tables.find((t) => tableMatches(t, locator)) : undefined;
    this.tables.set(name, found);
    return found;
  }

  /**
   * `expr` as `evaluate` gives it, as a plain number, when every figure it uses is a whole figure (`plainFigure`) and it
   * only adds and subtracts: then `evaluate` gives that value exactly, with no width. NaN otherwise (a figure with
   * decimals, an empty cell, a missing row, a fact, a product): the caller evaluates it with decimals.
   */
  plain(expr: Expr, column?: string): number {
    switch (expr.kind) {
      case 'number':
        return plainConstant(expr.value);
      case 'negate':
        return -this.plain(expr.operand, column);
      case 'sum': {
        let sum = 0;
        for (const arg of expr.args) sum = exact(sum + this.plain(arg, column));
        return sum;
      }
      case 'binary':
        if (expr.op === '+') return exact(this.plain(expr.left, column) + this.plain(expr.right, column));
        if (expr.op === '-') return exact(this.plain(expr.left, column) - this.plain(expr.right, column));
        return Number.NaN;
      case 'ref':
        return remembered(this.plainRefs, expr, column, this.plainRef);
    }
  }

  private readonly plainRefs = new Map<Expr, Map<string | undefined, number>>();

  /** A reference as `resolveRef` finds it, its cells read by `plainFigure`. */
  private readonly plainRef = (expr: Extract<Expr, { kind: 'ref' }>, column?: string): number => {
    if (expr.previous) return this.previous ? this.previous.plain(currentOf(expr), column) : Number.NaN;
    if (this.pack.facts[expr.name] && expr.row === undefined) return Number.NaN;
    const table = this.table(expr.name);
    if (!table || expr.row === undefined) return Number.NaN;
    const rowIndex = findRow(table, expr.row);
    if (rowIndex < 0) return Number.NaN;
    const columnSelector = expr.column ?? column;
    const col = columnSelector === undefined ? firstNumericColumn(table, rowIndex) : findColumn(table, columnSelector);
    if (col < 0) return Number.NaN;
    const rows = expr.children ? childRows(table, rowIndex) : [rowIndex];
    const grid = plainGrid(table);
    const stride = table.columns.length;
    let sum = 0;
    // A cell beyond the table's columns is no figure here; `evaluate` decides what it is.
    if (col >= stride) return Number.NaN;
    for (const r of rows) sum = exact(sum + (grid[r * stride + col] as number));
    return sum;
  };

  /** Evaluates `expr`, taking `column` for table rows written without one. */
  evaluate(expr: Expr, column?: string): Evaluated | Unresolved {
    switch (expr.kind) {
      case 'number':
        // Constants in a formula are exact, whatever their written scale.
        return { value: new Dec(expr.value), width: ZERO, operands: [] };
      case 'negate': {
        const v = this.evaluate(expr.operand, column);
        return isUnresolved(v) ? v : { value: v.value.neg(), width: v.width, operands: v.operands };
      }
      case 'sum': {
        let value = ZERO;
        let width = ZERO;
        const operands: Operand[] = [];
        for (const arg of expr.args) {
          const v = this.evaluate(arg, column);
          if (isUnresolved(v)) return v;
          value = add(value, v.value);
          width = add(width, v.width);
          for (const o of v.operands) operands.push(o);
        }
        return { value, width, operands };
      }
      case 'binary':
        return this.binary(expr, column);
      case 'ref':
        return this.ref(expr, column);
    }
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>, column?: string): Evaluated | Unresolved {
    const l = this.evaluate(expr.left, column);
    if (isUnresolved(l)) return l;
    const r = this.evaluate(expr.right, column);
    if (isUnresolved(r)) return r;
    const operands = [...l.operands, ...r.operands];
    switch (expr.op) {
      case '+':
        return { value: l.value.plus(r.value), width: l.width.plus(r.width), operands };
      case '-':
        return { value: l.value.minus(r.value), width: l.width.plus(r.width), operands };
      case '*':
        return {
          value: l.value.times(r.value),
          width: l.value.abs().times(r.width).plus(r.value.abs().times(l.width)).plus(l.width.times(r.width)),
          operands,
        };
      case '/':
        if (r.value.isZero()) return { missing: 'empty', what: 'division by zero' };
        return { value: l.value.div(r.value), width: l.width.plus(l.value.div(r.value).abs().times(r.width)).div(r.value.abs()), operands };
    }
  }

  /**
   * A reference's value, by what it names and the column iterated: relations of many rules name the same cells
   * (a total, a row of the statistics table), and a document does not change while it is checked.
   */
  private ref(expr: Extract<Expr, { kind: 'ref' }>, column?: string): Evaluated | Unresolved {
    // Keyed by the expression itself: making a text key of its parts at every use was a sixth of evaluating relations.
    return remembered(this.refs, expr, column, this.resolveRef);
  }

  private readonly resolveRef = (expr: Extract<Expr, { kind: 'ref' }>, column?: string): Evaluated | Unresolved => {
    if (expr.previous) {
      if (!this.previous) return { missing: 'fact', what: 'previous report' };
      return this.previous.evaluate(currentOf(expr), column);
    }
    const fact = this.pack.facts[expr.name];
    if (fact && expr.row === undefined) return this.fact(fact);
    const table = this.table(expr.name);
    if (!table) return { missing: 'table', what: expr.name };
    if (expr.row === undefined) return { missing: 'row', what: expr.text };
    const rowIndex = findRow(table, expr.row);
    if (rowIndex < 0) return { missing: 'row', what: expr.text };
    const columnSelector = expr.column ?? column;
    // Without a column (and none being iterated) a row stands for its one figure: the first numeric cell.
    const col = columnSelector === undefined ? firstNumericColumn(table, rowIndex) : findColumn(table, columnSelector);
    if (col < 0) return { missing: 'column', what: columnSelector === undefined ? expr.text : `${expr.text}[${columnSelector}]` };
    const rows = expr.children ? childRows(table, rowIndex) : [rowIndex];
    let value = ZERO;
    let width = ZERO;
    const operands: Operand[] = [];
    for (const r of rows) {
      const operand = this.cellOperand(table, r, col);
      if (isUnresolved(operand)) return operand;
      value = add(value, operand.value);
      width = add(width, halfUnit(operand.decimals));
      operands.push(operand);
    }
    return { value, width, operands };
  };

  cellOperand(table: Table, rowIndex: number, col: number): Operand | Unresolved {
    const row = table.rows[rowIndex] as Row;
    const cell = row.cells[col];
    const header = table.columns[col]?.label ?? `#${col + 1}`;
    if (!cell || cell.empty || cell.value === undefined) return { missing: 'empty', what: `${row.label} / ${header}` };
    return cellOperand(this.doc.uri, row, header, cell);
  }

  fact(fact: FactDef): Evaluated | Unresolved {
    if (fact.table && fact.row) {
      const table = this.table(fact.table);
      if (!table) return { missing: 'table', what: fact.table };
      const r = findRow(table, fact.row);
      if (r < 0) return { missing: 'row', what: fact.row };
      const c = fact.column ? findColumn(table, fact.column) : firstNumericColumn(table, r);
      if (c < 0) return { missing: 'column', what: fact.column ?? fact.row };
      const operand = this.cellOperand(table, r, c);
      return isUnresolved(operand) ? operand : single(operand);
    }
    if (fact.statement) {
      for (const statement of this.doc.statements) {
        for (const q of [statement.total, ...statement.parts]) {
          if (fact.statement.test(q.label) && (!fact.unit || q.unit === fact.unit)) {
            return single({ label: q.label, text: q.text, uri: this.doc.uri, range: q.range, value: decimalOf(q.value), decimals: q.decimals });
          }
        }
      }
      return { missing: 'fact', what: fact.name };
    }
    if (fact.meta === 'year' && this.doc.meta.year) {
      const y = this.doc.meta.year;
      return single({ label: 'year', text: String(y.value), uri: this.doc.uri, range: y.range, value: new Dec(y.value), decimals: 0 });
    }
    return { missing: 'fact', what: fact.name };
  }
}

function single(operand: Operand): Evaluated {
  return { value: operand.value, width: halfUnit(operand.decimals), operands: [operand] };
}

export function cellOperand(uri: string, row: Row, header: string, cell: Cell): Operand {
  return { label: `${row.label} / ${header}`, text: cell.text, uri, range: cell.range, value: decimalOf(cell.value as string), decimals: cell.decimals ?? 0 };
}

export function related(operands: Operand[]): RelatedLocation[] {
  return operands.map((o) => ({ uri: o.uri, range: o.range, label: `${o.label} = ${o.text}` }));
}

/**
 * Whether `table` is the one `locator` describes, per table and locator: recognising a document's packs looks for their
 * tables, and checking it with a pack looks for the same tables again (a document is not changed once read).
 */
function tableMatches(table: Table, locator: TableLocator): boolean {
  return remembered(tablesMatched, table, locator, describes);
}

const tablesMatched = new WeakMap<Table, Map<TableLocator, boolean>>();

function describes(table: Table, locator: TableLocator): boolean {
  if (locator.caption) {
    const where = [table.caption ?? '', ...table.section].join('\n');
    if (!locator.caption.test(where)) return false;
  }
  for (const p of locator.hasRow) if (!table.rows.some((r) => p.test(r.label))) return false;
  for (const p of locator.hasColumn) if (!table.columns.some((c) => p.test(c.label))) return false;
  return true;
}

const selectorPatterns = new Map<string, Pattern | undefined>();

/** `~pattern` selectors run on the same linear-time engine as every other pack pattern. */
function selectorPattern(source: string): Pattern | undefined {
  if (!selectorPatterns.has(source)) {
    try {
      selectorPatterns.set(source, compilePattern(source));
    } catch {
      selectorPatterns.set(source, undefined);
    }
  }
  return selectorPatterns.get(source);
}

/** The number a selector names: `（七）` → `(七)`, `一、` → `一`, `1.` → `1`. */
function selectorNumber(token: string): string {
  return foldWidth(token)
    .replace(/\s+/g, '')
    .replace(/[、.．:：]$/u, '');
}

function labelWithoutMarker(row: Row): string {
  return rowLabelKey(row.marker ? row.label.slice(row.marker.length) : row.label);
}

/**
 * Label keys of rows, by label: the rows of a format's tables carry the same labels in every report, and normalising
 * each again for every report was a tenth of evaluating relations. Forgotten all at once past `KEPT_LABELS`, so that
 * at most 20,000 labels of at most 80 characters are held between reports.
 */
const rowLabelKeys = new Map<string, string>();
const KEPT_LABELS = 20000;

function rowLabelKey(label: string): string {
  // Only labels of a usual length are kept: a malformed table's cell of a megabyte is normalised where it is met.
  return label.length <= KEPT_LABEL_LENGTH ? kept(rowLabelKeys, KEPT_LABELS, label, labelKey) : labelKey(label);
}

/** The longest label `rowLabelKey` keeps (a table's row labels are a few words). */
const KEPT_LABEL_LENGTH = 80;

/** What `make` gives for `key`, kept in `cache`; a cache of `limit` entries is emptied at once before it takes more. */
function kept<K, V>(cache: Map<K, V>, limit: number, key: K, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** A row's keys as selectors compare them: its folded number, its label key, and that key without the marker. */
interface RowKeys {
  number: string | undefined;
  label: string;
  bare: string;
}

/** Row keys per table, made on first need: every selector searching a table compares every row. */
const rowKeysFound = new WeakMap<readonly Row[], (RowKeys | undefined)[]>();

function rowKeys(table: Table, index: number): RowKeys {
  return perRow(rowKeysFound, table, index, makeRowKeys);
}

function makeRowKeys(table: Table, index: number): RowKeys {
  const row = table.rows[index] as Row;
  return { number: row.number ? foldWidth(row.number) : undefined, label: rowLabelKey(row.label), bare: labelWithoutMarker(row) };
}

/**
 * What `make` gives for a row of a table, worked out on first need and kept with the table's rows in `found`. What is
 * worked out from a table's rows (or columns) alone is kept by them, not by the table: a report read again with a memo
 * (the language server's, after an edit) names a table it read before anew, with the same rows and columns.
 */
function perRow<V>(found: WeakMap<readonly Row[], (V | undefined)[]>, table: Table, index: number, make: (table: Table, index: number) => V): V {
  let all = found.get(table.rows);
  if (!all) {
    all = [];
    found.set(table.rows, all);
  }
  let value = all[index];
  if (value === undefined) {
    value = make(table, index);
    all[index] = value;
  }
  return value;
}

/** A selector token and its keys, made once for all the rows it is compared with. */
interface Token {
  text: string;
  number: string;
  key: string;
}

function token(text: string): Token {
  return { text, number: selectorNumber(text), key: labelKey(text) };
}

/**
 * A selector's tokens, made once: a pack's selectors are the same for every report, and folding and normalising
 * them again for every table searched was most of finding rows. Forgotten all at once past `KEPT_SELECTORS`, so that a
 * language server reloading packs as they are edited does not keep every selector ever typed.
 */
const tokensOf = new Map<string, Token[]>();
const KEPT_SELECTORS = 4000;

function selectorTokens(selector: string): Token[] {
  return kept(tokensOf, KEPT_SELECTORS, selector, (text) => splitPath(text).map(token));
}

/** How well a row answers a selector token: 0 no match, 1 label prefix, 2 exact label or number. */
function rowMatch(table: Table, index: number, t: Token): number {
  if (t.text.startsWith('~')) return selectorPattern(t.text.slice(1))?.test((table.rows[index] as Row).label) ? 2 : 0;
  const keys = rowKeys(table, index);
  if (keys.number !== undefined && keys.number === t.number) return 2;
  if (keys.label === t.key) return 2;
  if (keys.bare === t.key) return 2;
  return t.key.length >= 2 && keys.bare.startsWith(t.key) ? 1 : 0;
}

/**
 * Index of the row a selector names: `#n` (1-based), an outline number, a label, a label prefix, `~pattern`,
 * or a path `（三）/1` whose earlier parts name ancestors. An exact match beats a prefix;
 * then the shallowest row, then the first.
 */
export function findRow(table: Table, selector: string): number {
  return remembered(rowsByTable, table, selector, searchRow);
}

/** Column index a selector names: `#n`, the header, or the last part of a merged header. */
export function findColumn(table: Table, selector: string): number {
  return remembered(columnsByTable, table, selector, searchColumn);
}

/**
 * Rows and columns found, per table and selector: a rule looks up the same rows and columns of the same table
 * for every cell it checks, and a document is not changed once read.
 */
const rowsFound = new WeakMap<readonly Row[], Map<string, number>>();
const columnsFound = new WeakMap<readonly Column[], Map<string, number>>();
const rowsByTable = {
  get: (t: Table) => rowsFound.get(t.rows) ?? sharedLayout(rowLayouts, rowsFound, t.rows, sameRows),
  set: (t: Table, found: Map<string, number>) => keepLayout(rowLayouts, rowsFound, t.rows, found, rowShape),
};
const columnsByTable = {
  get: (t: Table) => columnsFound.get(t.columns) ?? sharedLayout(columnLayouts, columnsFound, t.columns, sameColumns),
  set: (t: Table, found: Map<string, number>) => keepLayout(columnLayouts, columnsFound, t.columns, found, columnShape),
};

/**
 * Tables laid out alike, across documents: a format's statistics tables have the same rows (labels, outline numbers and
 * depths, parents) and the same columns in every report, and a selector finds the same row or column in each. The
 * shapes of the last few tables searched are kept with what was found in them; a table of a document checked later
 * whose rows (or columns) have the same shape starts from those answers rather than searching row by row again. A
 * shape is a copy of what a search reads of the rows, not the rows themselves (a long label may still share the memory
 * of the text it was read from: a few reports' texts at most); tables of more than `LAYOUT_ROWS` rows are not kept.
 */
interface Layout<S> {
  shape: S[];
  found: Map<string, number>;
}

interface RowShape {
  label: string;
  marker: string;
  number: string;
  level: number;
  parent: number | undefined;
}

const rowLayouts: Layout<RowShape>[] = [];
const columnLayouts: Layout<string>[] = [];
/** Layouts kept of each kind: a report has a few tables, a pack names a few. */
const KEPT_LAYOUTS = 8;
const LAYOUT_ROWS = 400;

const rowShape = (row: Row): RowShape => ({ label: row.label, marker: row.marker, number: row.number, level: row.level, parent: row.parent });
const columnShape = (column: Column): string => column.label;

function sameRows(shape: RowShape[], rows: readonly Row[]): boolean {
  if (shape.length !== rows.length) return false;
  for (let i = 0; i < rows.length; i++) {
    const a = shape[i] as RowShape;
    const b = rows[i] as Row;
    if (a.label !== b.label || a.marker !== b.marker || a.number !== b.number || a.level !== b.level || a.parent !== b.parent) return false;
  }
  return true;
}

function sameColumns(shape: string[], columns: readonly Column[]): boolean {
  if (shape.length !== columns.length) return false;
  for (let i = 0; i < columns.length; i++) if (shape[i] !== (columns[i] as Column).label) return false;
  return true;
}

/** The answers kept for a layout shaped as `items` are, now also kept as theirs; undefined when none is. */
function sharedLayout<T extends object, S>(
  layouts: Layout<S>[],
  found: WeakMap<readonly T[], Map<string, number>>,
  items: readonly T[],
  same: (shape: S[], items: readonly T[]) => boolean,
): Map<string, number> | undefined {
  for (let k = 0; k < layouts.length; k++) {
    const layout = layouts[k] as Layout<S>;
    if (!same(layout.shape, items)) continue;
    if (k > 0) {
      layouts.splice(k, 1);
      layouts.unshift(layout);
    }
    found.set(items, layout.found);
    return layout.found;
  }
  return undefined;
}

/** Keeps `byKey` as the answers for `items`, and for tables shaped like them (`sharedLayout`). */
function keepLayout<T extends object, S>(
  layouts: Layout<S>[],
  found: WeakMap<readonly T[], Map<string, number>>,
  items: readonly T[],
  byKey: Map<string, number>,
  shape: (item: T) => S,
): void {
  found.set(items, byKey);
  if (items.length > LAYOUT_ROWS) return;
  layouts.unshift({ shape: items.map(shape), found: byKey });
  if (layouts.length > KEPT_LAYOUTS) layouts.pop();
}

/**
 * What `search` answers for `owner` (a table, a reference, a pattern) and `key`, worked out once per pair; `found`
 * holds the answers by owner (a `WeakMap` of tables or patterns, or a resolver's `Map` of references).
 */
export function remembered<O, K, V>(
  found: { get(owner: O): Map<K, V> | undefined; set(owner: O, byKey: Map<K, V>): unknown },
  owner: O,
  key: K,
  search: (owner: O, key: K) => V,
): V {
  let byKey = found.get(owner);
  if (!byKey) {
    byKey = new Map();
    found.set(owner, byKey);
  }
  let value = byKey.get(key);
  if (value === undefined) {
    value = search(owner, key);
    byKey.set(key, value);
  }
  return value;
}

function searchRow(table: Table, selector: string): number {
  const nth = /^#(\d+)$/.exec(selector.trim());
  if (nth) return Number(nth[1]) >= 1 && Number(nth[1]) <= table.rows.length ? Number(nth[1]) - 1 : -1;
  const tokens = selectorTokens(selector);
  const last = tokens[tokens.length - 1] as Token;
  let best = -1;
  let bestScore = 0;
  table.rows.forEach((row, i) => {
    const score = rowMatch(table, i, last);
    if (!score) return;
    if (tokens.length > 1 && !ancestorsMatch(table, row, tokens.slice(0, -1))) return;
    if (best < 0 || score > bestScore || (score === bestScore && row.level < (table.rows[best] as Row).level)) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

function splitPath(selector: string): string[] {
  return selector.startsWith('~')
    ? [selector]
    : selector
        .split('/')
        .map((s) => s.trim())
        .filter(Boolean);
}

function ancestorsMatch(table: Table, row: Row, tokens: Token[]): boolean {
  let i = tokens.length - 1;
  let parent = row.parent;
  while (parent !== undefined && i >= 0) {
    if (rowMatch(table, parent, tokens[i] as Token) > 0) i--;
    parent = (table.rows[parent] as Row).parent;
  }
  return i < 0;
}

function searchColumn(table: Table, selector: string): number {
  const hash = /^#(\d+)$/.exec(selector);
  if (hash) return Number(hash[1]) - 1 < table.columns.length ? Number(hash[1]) - 1 : -1;
  const key = columnSelectorKey(selector);
  const keys = columnKeys(table);
  let i = keys.findIndex((k) => k.label === key);
  if (i < 0) i = keys.findIndex((k) => k.last === key);
  return i;
}

/** A column selector's label key, made once (see `selectorTokens`). */
const columnSelectorKeys = new Map<string, string>();

function columnSelectorKey(selector: string): string {
  return kept(columnSelectorKeys, KEPT_SELECTORS, selector, labelKey);
}

/** A table's columns' label keys, whole and of the last part of a merged header, made on first need. */
const columnKeysFound = new WeakMap<readonly Column[], { label: string; last: string }[]>();

function columnKeys(table: Table): { label: string; last: string }[] {
  let keys = columnKeysFound.get(table.columns);
  if (!keys) {
    keys = table.columns.map((c) => ({ label: labelKey(c.label), last: labelKey(c.label.split('/').pop() ?? '') }));
    columnKeysFound.set(table.columns, keys);
  }
  return keys;
}

/** Direct child rows that add up to a row (`其中` subsets excluded); the row itself when it has none. */
export function childRows(table: Table, index: number): readonly number[] {
  return perRow(childrenFound, table, index, findChildRows);
}

function findChildRows(table: Table, index: number): readonly number[] {
  const found: number[] = [];
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Row;
    if (r.parent === index && r.kind !== 'subset' && r.kind !== 'total') found.push(i);
  }
  return found.length ? found : [index];
}

/** Child rows per table and row, found on first need: checks ask for the same rows' children for every column. */
const childrenFound = new WeakMap<readonly Row[], (readonly number[] | undefined)[]>();

function firstNumericColumn(table: Table, rowIndex: number): number {
  const row = table.rows[rowIndex] as Row;
  return row.cells.findIndex((c) => c.value !== undefined);
}

/** Columns that hold figures somewhere in the table. */
export function numericColumns(table: Table): readonly number[] {
  let columns = numericFound.get(table.rows);
  if (!columns) {
    // Pushed into a literal, as every list of column indexes is: one map for all of them, empty or not, so the checks
    // iterating them keep their optimised code (`map` and `filter` of no columns made a list of another map).
    const found: number[] = [];
    for (let i = 0; i < table.columns.length; i++) if (table.rows.some((r) => r.cells[i]?.value !== undefined)) found.push(i);
    columns = found;
    numericFound.set(table.rows, columns);
  }
  return columns;
}

/** Numeric columns per table, found once: every check of a table iterates them. */
const numericFound = new WeakMap<readonly Row[], readonly number[]>();
