import { add, type Comparator, Dec, decimalOf, halfUnit, holds, holdsPlain, type Measure, precisionText, ZERO } from './decimal.ts';
import type { Arithmetic, RelatedLocation } from './diagnostic.ts';
import { type Expr, type Relation, refsOf } from './formula.ts';
import type { LineIndex } from './lines.ts';
import type { Cell, DateMention, Quantity, Range, ReportDocument, Row, Section, Statement, Table } from './model.ts';
import { numeralsBeside } from './numerals-beside.ts';
import type { CheckDef, Pack } from './pack.ts';
import { perItem, perPart } from './part-memo.ts';
import type { Pattern } from './pattern.ts';
import { exact, plainGrid, plainlyAddsUp, plainValue } from './plain.ts';
import { repeatedPhrases } from './repeats.ts';
import { cellOperand, childRows, type Evaluated, findRow, isUnresolved, numericColumns, type Operand, type Resolver, related, remembered } from './resolve.ts';

/** A relation that does not hold, before it becomes a Diagnostic. */
export interface Finding {
  messageId: string;
  data: Record<string, string>;
  range: Range;
  related: RelatedLocation[];
  arithmetic?: Arithmetic;
}

export interface CheckContext {
  doc: ReportDocument;
  pack: Pack;
  resolver: Resolver;
  lines: LineIndex;
}

type Check<K extends CheckDef['kind']> = (ctx: CheckContext, check: Extract<CheckDef, { kind: K }>) => Finding[];

function tolerance(t: string | undefined): Dec | undefined {
  return t === undefined ? undefined : new Dec(t);
}

function sumOperands(operands: Operand[]): Evaluated {
  let value = ZERO;
  let width = ZERO;
  for (const o of operands) {
    value = add(value, o.value);
    width = add(width, halfUnit(o.decimals));
  }
  return { value, width, operands };
}

function measureOf(o: Operand): Measure {
  return { value: o.value, width: halfUnit(o.decimals) };
}

/** A computed figure written the way the report writes its operands (`3,278,000` when they use separators). */
function shown(value: Dec, like: { text: string }[]): string {
  const plain = value.toString();
  if (!like.some((o) => /\d,\d{3}/.test(o.text))) return plain;
  const [int, frac] = plain.split('.');
  return `${(int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** The row part of an operand label `row / column`. */
function rowLabel(o: Operand, column: string): string {
  return column && o.label.endsWith(` / ${column}`) ? o.label.slice(0, -column.length - 3) : o.label;
}

/** `53 + 48 + 207 + 14` */
function joinValues(operands: Operand[]): string {
  if (!operands.length) return '0';
  let out = (operands[0] as Operand).text;
  for (let k = 1; k < operands.length; k++) out += ` + ${(operands[k] as Operand).text}`;
  return out;
}

function opSymbol(op: Comparator): string {
  return { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' }[op];
}

/** A total that should equal (or bound) the sum of its parts. */
function totalVersusParts(total: Operand, parts: Operand[], op: '=' | '>=', tol: Dec | undefined, where: string): Finding | undefined {
  const sum = sumOperands(parts);
  if (holds(op, measureOf(total), sum, tol)) return undefined;
  const difference = total.value.minus(sum.value);
  return {
    messageId: op === '=' ? 'total-mismatch' : 'total-below-parts',
    data: {
      total: rowLabel(total, where),
      actual: total.text,
      expected: shown(sum.value, parts),
      parts: joinValues(parts),
      difference: shown(difference, parts),
      column: where,
      precision: precisionText(measureOf(total), sum, tol),
    },
    range: total.range,
    related: related(parts),
    arithmetic: {
      expression: `${joinValues(parts)} = ${shown(sum.value, parts)}`,
      expected: shown(sum.value, parts),
      actual: total.text,
      difference: shown(difference, parts),
      precision: precisionText(measureOf(total), sum, tol),
      operands: parts.map((p) => ({ label: p.label, value: p.text })),
    },
  };
}

/** A cell's figure as a measure (as `measureOf` its operand), or undefined when the cell has none. */
function cellMeasure(cell: Cell | undefined): Measure | undefined {
  return !cell || cell.empty || cell.value === undefined ? undefined : { value: decimalOf(cell.value), width: halfUnit(cell.decimals ?? 0) };
}

/**
 * The sum of some rows' figures in a column (as `sumOperands` of their operands), or undefined when one has none:
 * most totals hold, and their operands (labels, ranges) are made only for those that do not.
 */
function cellsSum(table: Table, rows: readonly number[], col: number): Measure | undefined {
  let value = ZERO;
  let width = ZERO;
  for (const r of rows) {
    const cell = (table.rows[r] as Row).cells[col];
    if (!cell || cell.empty || cell.value === undefined) return undefined;
    value = add(value, decimalOf(cell.value));
    width = add(width, halfUnit(cell.decimals ?? 0));
  }
  return { value, width };
}

function operandsOf(table: Table, doc: ReportDocument, rows: readonly number[], col: number): Operand[] | undefined {
  const out: Operand[] = [];
  for (const r of rows) {
    const row = table.rows[r] as Row;
    const cell = row.cells[col];
    if (!cell || cell.empty || cell.value === undefined) return undefined;
    out.push(cellOperand(doc.uri, row, table.columns[col]?.label ?? `#${col + 1}`, cell));
  }
  return out;
}

/** Rows that make up a row's value: its item children, with empty heading children replaced by their own children. */
function leafParts(table: Table, index: number, col: number): number[] {
  const out: number[] = [];
  for (const child of childRows(table, index)) {
    if (child === index) return [index];
    const row = table.rows[child] as Row;
    const cell = row.cells[col];
    const hasValue = cell && !cell.empty && cell.value !== undefined;
    const grand = childRows(table, child);
    if (!hasValue && grand.length && grand[0] !== child) out.push(...leafParts(table, child, col));
    else out.push(child);
  }
  return out;
}

function unitsAgree(table: Table, rows: number[], col: number): boolean {
  const units = new Set(rows.map((r) => (table.rows[r] as Row).cells[col]?.unit).filter((u): u is string => !!u));
  return units.size <= 1;
}

const sum: Check<'sum'> = (ctx, check) => {
  const table = ctx.resolver.table(check.table);
  return table ? perPart(ctx.doc, table.rows, check, () => sumsOf(ctx, check, table), table.columns) : [];
};

/** The sums of one table that do not hold (`sum`). */
function sumsOf(ctx: CheckContext, check: Extract<CheckDef, { kind: 'sum' }>, table: Table): Finding[] {
  const tol = tolerance(check.tolerance);
  const findings: Finding[] = [];
  const columns = numericColumns(table);
  if (check.total && check.parts) {
    const t = findRow(table, check.total);
    const parts = check.parts.map((p) => findRow(table, p));
    if (t < 0 || parts.some((p) => p < 0)) return [];
    for (const col of columns) {
      const total = operandsOf(table, ctx.doc, [t], col)?.[0];
      const ops = operandsOf(table, ctx.doc, parts, col);
      if (!total || !ops) continue;
      const f = totalVersusParts(total, ops, check.relation, tol, table.columns[col]?.label ?? '');
      if (f) findings.push(f);
    }
    return findings;
  }
  table.rows.forEach((row, index) => {
    if (row.kind === 'total') return;
    for (const col of columns) {
      const total = operandsOf(table, ctx.doc, [index], col)?.[0];
      if (!total) continue;
      const children = childRows(table, index);
      if (children[0] !== index) {
        const parts = operandsOf(table, ctx.doc, children, col);
        if (parts && unitsAgree(table, [index, ...children], col)) {
          const f = totalVersusParts(total, parts, check.relation, tol, table.columns[col]?.label ?? '');
          if (f) findings.push(f);
        }
      }
      if (!check.subsets) continue;
      table.rows.forEach((sub, si) => {
        if (sub.parent !== index || sub.kind !== 'subset') return;
        const part = operandsOf(table, ctx.doc, [si], col)?.[0];
        if (!part || !unitsAgree(table, [index, si], col)) return;
        if (holds('<=', measureOf(part), measureOf(total), tol)) return;
        findings.push({
          messageId: 'subset-exceeds',
          data: { part: part.label, partValue: part.text, total: total.label, totalValue: total.text, column: table.columns[col]?.label ?? '' },
          range: part.range,
          related: related([total]),
          arithmetic: {
            expression: `${part.text} ≤ ${total.text}`,
            expected: `≤ ${total.text}`,
            actual: part.text,
            difference: part.value.minus(total.value).toString(),
            precision: precisionText(measureOf(part), measureOf(total), tol),
          },
        });
      });
    }
  });
  return findings;
}

const tableTotals: Check<'table-totals'> = (ctx, check) => {
  const tables = check.table ? [ctx.resolver.table(check.table)].filter((t): t is Table => !!t) : ctx.doc.tables;
  const tol = tolerance(check.tolerance);
  const findings: Finding[] = [];
  for (const table of tables) {
    for (const f of perPart(ctx.doc, table.rows, check, () => totalsOf(ctx, check, table, tol), table.columns)) findings.push(f);
  }
  return findings;
};

/** The totals of one table that do not hold (`table-totals`). */
function totalsOf(ctx: CheckContext, check: Extract<CheckDef, { kind: 'table-totals' }>, table: Table, tol: Dec | undefined): Finding[] {
  const findings: Finding[] = [];
  const columns = numericColumns(table);
  // Whole figures are added as numbers first, where that settles them; not with a tolerance, which decimals apply.
  const plain = tol === undefined ? plainGrid(table) : undefined;
  const stride = table.columns.length;
  if (check.direction !== 'columns') {
    table.rows.forEach((row, index) => {
      if (row.kind !== 'total') return;
      const closes = rowsClosedBy(table, index);
      if (!closes.length) return;
      for (const col of columns) {
        const stated = cellMeasure(row.cells[col]);
        if (!stated) continue;
        const leaves = closes.flatMap((r) => leafParts(table, r, col));
        if (plain) {
          const cells: number[] = [];
          for (let k = 0; k < leaves.length; k++) cells.push((leaves[k] as number) * stride + col);
          if (plainlyAddsUp(plain, index * stride + col, cells)) continue;
        }
        const sum = cellsSum(table, leaves, col);
        if (!sum || holds('=', stated, sum, tol)) continue;
        const total = operandsOf(table, ctx.doc, [index], col)?.[0];
        if (!total) continue;
        const parts = operandsOf(table, ctx.doc, leaves, col);
        if (!parts) continue;
        const f = totalVersusParts(total, parts, '=', tol, table.columns[col]?.label ?? '');
        if (f) findings.push(f);
      }
    });
  }
  if (check.direction !== 'rows') {
    table.columns.forEach((column, col) => {
      if (column.kind !== 'total') return;
      const group = column.label.includes('/') ? column.label.slice(0, column.label.lastIndexOf('/') + 1) : '';
      const partCols: number[] = [];
      for (const c of columns) if (c !== col && table.columns[c]?.kind === 'item' && (table.columns[c]?.label ?? '').startsWith(group)) partCols.push(c);
      if (!partCols.length) return;
      const partCells = partCols.slice();
      table.rows.forEach((row, index) => {
        if (plain) {
          for (let k = 0; k < partCols.length; k++) partCells[k] = index * stride + (partCols[k] as number);
          if (plainlyAddsUp(plain, index * stride + col, partCells)) return;
        }
        const stated = cellMeasure(row.cells[col]);
        if (!stated) return;
        let value = ZERO;
        let width = ZERO;
        for (const c of partCols) {
          const cell = row.cells[c];
          if (!cell || cell.empty || cell.value === undefined) return;
          value = add(value, decimalOf(cell.value));
          width = add(width, halfUnit(cell.decimals ?? 0));
        }
        if (holds('=', stated, { value, width }, tol)) return;
        const total = operandsOf(table, ctx.doc, [index], col)?.[0];
        if (!total) return;
        const parts: Operand[] = [];
        for (const c of partCols) {
          const cell = row.cells[c];
          if (!cell || cell.empty || cell.value === undefined) return;
          parts.push(cellOperand(ctx.doc.uri, row, table.columns[c]?.label ?? '', cell));
        }
        const f = totalVersusParts(total, parts, '=', tol, row.label);
        if (f) findings.push({ ...f, messageId: 'row-total-mismatch', data: { ...f.data, total: column.label } });
      });
    });
  }
  return findings;
}

/** The rows a total row closes. */
function rowsClosedBy(table: Table, index: number): number[] {
  const total = table.rows[index] as Row;
  const outlined = total.parent !== undefined || table.rows.some((r) => r.number);
  return outlined ? siblingsClosedBy(table, index) : blockClosedBy(table, index);
}

/** In an outlined table: the earlier siblings since the previous total. */
function siblingsClosedBy(table: Table, index: number): number[] {
  const total = table.rows[index] as Row;
  const out: number[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const r = table.rows[i] as Row;
    if (r.parent !== total.parent) continue;
    if (r.kind === 'total') break;
    if (r.kind === 'subset') continue;
    // A heading with children stands for them (leafParts expands it); a bare heading adds nothing.
    if (isBlank(r) && childRows(table, i)[0] === i) continue;
    out.unshift(i);
  }
  return out;
}

const TOTAL_WORDS = /\b(grand\s+)?(sub)?totals?\b|合计|总计|小计|共计|[:：]/giu;
const FILLER = new Set(['and', 'of', 'the', '&', '和', '及', '与']);

function topicWords(label: string): string[] {
  return label
    .toLowerCase()
    .replace(TOTAL_WORDS, ' ')
    .split(/[\s,，、]+/u)
    .filter((w) => w && !FILLER.has(w));
}

/**
 * In an unnumbered (Western) statement, a total closes the items above it, with each earlier subtotal
 * standing for the items it closed. A subtotal is taken when its topic refines this total's
 * (`Total current assets` within `Total assets`) or is one part of it (`Total net assets` within
 * `Total liabilities and net assets`); any other total ends the block (`Total liabilities` stops
 * at `Total assets`), and so does covering every part of the topic.
 */
function blockClosedBy(table: Table, index: number): number[] {
  const own = topicWords((table.rows[index] as Row).label);
  const remaining = new Set(own);
  const out: number[] = [];
  let i = index - 1;
  while (i >= 0) {
    const r = table.rows[i] as Row;
    if (r.kind === 'total') {
      const words = topicWords(r.label);
      const refines = own.length > 0 && own.every((w) => words.includes(w));
      const part = words.length > 0 && words.every((w) => remaining.has(w));
      if (!refines && !part) break;
      out.unshift(i);
      if (part) for (const w of words) remaining.delete(w);
      const closed = blockClosedBy(table, i);
      i = (closed[0] ?? i) - 1;
      if (part && !remaining.size) break;
      continue;
    }
    if (r.kind !== 'subset' && !isBlank(r)) out.unshift(i);
    i--;
  }
  return out;
}

/** A row without a single figure: a heading, whatever the adapter called it. */
function isBlank(row: Row): boolean {
  return row.kind === 'heading' || row.cells.every((c) => c.value === undefined);
}

/** A relation's references, both sides, found once per relation (a pack's, parsed once). */
const relationRefs = new WeakMap<Relation, ReturnType<typeof refsOf>>();

/** Columns to iterate for `for-each: column`: those of the first table a relation names. */
function relationColumns(ctx: CheckContext, relation: Relation): string[] {
  let refs = relationRefs.get(relation);
  if (!refs) {
    refs = [...refsOf(relation.left), ...refsOf(relation.right)];
    relationRefs.set(relation, refs);
  }
  for (const ref of refs) {
    if (ref.row === undefined || ref.column !== undefined) continue;
    const resolver = ref.previous ? ctx.resolver.previous : ctx.resolver;
    const table = resolver?.table(ref.name);
    if (table) return numericColumns(table).map((c) => table.columns[c]?.label ?? '');
  }
  return [];
}

/**
 * The relation's side with its figures in place: `12 + 1 = 13`, `18 + 3 - 1 = 20`. A reference that sums
 * several cells (`.children`) shows its terms; in a long sum the zero terms are left out of the text
 * (they stay among the related locations).
 */
function describe(ctx: CheckContext, expr: Expr, v: Evaluated, column: string | undefined): string {
  if (expr.kind === 'ref' && v.operands.length <= 1) return shown(v.value, v.operands);
  let text = terms(ctx, expr, column);
  if (text.split(' + ').length > 6) text = text.replace(/ \+ 0(?![\d.,])/g, '').replace(/^0 \+ /, '');
  return text === shown(v.value, v.operands) ? text : `${text} = ${shown(v.value, v.operands)}`;
}

function terms(ctx: CheckContext, expr: Expr, column: string | undefined): string {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'negate':
      return `-${terms(ctx, expr.operand, column)}`;
    case 'binary': {
      const right = terms(ctx, expr.right, column);
      const wrap = expr.right.kind === 'binary' && (expr.op === '-' || expr.op === '*' || expr.op === '/');
      return `${terms(ctx, expr.left, column)} ${expr.op === '*' ? '×' : expr.op} ${wrap ? `(${right})` : right}`;
    }
    case 'sum':
    case 'ref': {
      const v = ctx.resolver.evaluate(expr, column);
      if (isUnresolved(v)) return '?';
      const many = v.operands.length > 6 ? v.operands.filter((o) => !o.value.isZero()) : v.operands;
      const shownTerms = many.length ? many : v.operands;
      return shownTerms.length > 1 ? joinValues(shownTerms) : shown(v.value, v.operands);
    }
  }
}

function relationFindings(ctx: CheckContext, relation: Relation, forEach: 'column' | 'none', tol: Dec | undefined, messageId: string): Finding[] {
  const columns = forEach === 'column' ? relationColumns(ctx, relation) : [undefined];
  const findings: Finding[] = [];
  for (const column of columns) {
    // Whole figures that hold are settled as numbers; anything else is evaluated with decimals (plain.ts).
    if (tol === undefined) {
      const l = ctx.resolver.plain(relation.left, column);
      if (!Number.isNaN(l)) {
        const r = ctx.resolver.plain(relation.right, column);
        if (!Number.isNaN(r) && holdsPlain(relation.op, l, r)) continue;
      }
    }
    const left = ctx.resolver.evaluate(relation.left, column);
    const right = ctx.resolver.evaluate(relation.right, column);
    if (isUnresolved(left) || isUnresolved(right)) continue;
    if (holds(relation.op, left, right, tol)) continue;
    const own = (o: Operand) => o.uri === ctx.doc.uri;
    const primary =
      (right.operands.filter(own).length === 1 && left.operands.filter(own).length !== 1 ? right.operands.filter(own)[0] : left.operands.filter(own)[0]) ??
      right.operands.filter(own)[0];
    const difference = left.value.minus(right.value).toString();
    const precision = precisionText(left, right, tol);
    const lhs = describe(ctx, relation.left, left, column);
    const rhs = describe(ctx, relation.right, right, column);
    findings.push({
      messageId: column === undefined ? messageId : `${messageId}-in-column`,
      data: {
        relation: relation.text,
        column: column ?? '',
        lhs,
        rhs,
        op: opSymbol(relation.op),
        difference,
        precision,
      },
      range: primary?.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      related: related([...left.operands, ...right.operands].filter((o) => o !== primary)),
      arithmetic: {
        expression: `${lhs} ${opSymbol(relation.op)} ${rhs}`,
        expected: right.value.toString(),
        actual: left.value.toString(),
        difference,
        precision,
        operands: [...left.operands, ...right.operands].map((o) => ({ label: o.label, value: o.text })),
      },
    });
  }
  return findings;
}

const compare: Check<'compare'> = (ctx, check) => relationFindings(ctx, check.relation, check.forEach, tolerance(check.tolerance), 'mismatch');

const previousReport: Check<'previous-report'> = (ctx, check) =>
  ctx.resolver.previous ? relationFindings(ctx, check.relation, check.forEach, tolerance(check.tolerance), 'mismatch') : [];

const textVsTable: Check<'text-vs-table'> = (ctx, check) => {
  const findings: Finding[] = [];
  const tol = tolerance(check.tolerance);
  // The table's side is the same for every statement: evaluated once, when a statement first asks for it.
  let table: Evaluated[] | undefined;
  let plainTable: number[] | undefined;
  for (const q of textFigures(ctx).get(check) ?? []) {
    // A whole figure equal to a whole figure of the table holds, whatever the others are: settled as numbers (plain.ts).
    // Any other is judged with decimals.
    if (tol === undefined) {
      const n = plainValue(q.value, q.decimals);
      if (!Number.isNaN(n)) {
        plainTable ??= check.equals.map((e) => ctx.resolver.plain(e));
        if (plainTable.includes(n)) continue;
      }
    }
    const stated: Measure = { value: decimalOf(q.value), width: halfUnit(q.decimals) };
    if (!table) {
      table = [];
      for (const e of check.equals) {
        const v = ctx.resolver.evaluate(e);
        if (!isUnresolved(v)) table.push(v);
      }
    }
    const candidates = table;
    if (!candidates.length || candidates.some((c) => holds('=', stated, c, tol))) continue;
    // Name a single cell by its row and column, a computed candidate by its formula.
    const listed = candidates
      .map((c, i) => `${c.operands.length === 1 ? (c.operands[0] as Operand).label : check.equalsText[i]} = ${shown(c.value, c.operands)}`)
      .join('; ');
    const first = candidates[0] as Evaluated;
    findings.push({
      messageId: 'mismatch',
      data: { label: q.label, stated: q.text, table: listed, expected: first.value.toString(), precision: precisionText(stated, first, tol) },
      range: q.range,
      related: related(candidates.flatMap((c) => c.operands)),
      arithmetic: {
        expression: `${q.text} = ${first.value.toString()}`,
        expected: first.value.toString(),
        actual: q.value,
        difference: stated.value.minus(first.value).toString(),
        precision: precisionText(stated, first, tol),
        operands: candidates.flatMap((c) => c.operands).map((o) => ({ label: o.label, value: o.text })),
      },
    });
  }
  return findings;
};

type TextVsTable = Extract<CheckDef, { kind: 'text-vs-table' }>;

/** Per check context (a document and a pack): the figures of the text each `text-vs-table` check of the pack compares. */
const figuresFound = new WeakMap<CheckContext, Map<TextVsTable, Quantity[]>>();

/**
 * The figures of the document's statements that each `text-vs-table` check of the pack compares with the table, in
 * order: found for all of them in one pass over the statements, with what each statement holds for them worked out
 * once per statement (`perItem`).
 */
function textFigures(ctx: CheckContext): Map<TextVsTable, Quantity[]> {
  let found = figuresFound.get(ctx);
  if (found) return found;
  const checks: TextVsTable[] = [];
  for (const rule of ctx.pack.rules) if (rule.check.kind === 'text-vs-table') checks.push(rule.check);
  const byCheck = new Map<TextVsTable, Quantity[]>(checks.map((c) => [c, []]));
  for (const [check, q] of perItem(ctx.doc, ctx.doc.statements, ctx.pack, (statement) => figuresOf(checks, statement))) byCheck.get(check)?.push(q);
  found = byCheck;
  figuresFound.set(ctx, found);
  return found;
}

/** The figures of a statement that each of `checks` compares with the table, total first. */
function figuresOf(checks: readonly TextVsTable[], statement: Statement): [TextVsTable, Quantity][] {
  const out: [TextVsTable, Quantity][] = [];
  for (const check of checks) {
    if (check.section && !statement.section.some((s) => check.section?.test(s))) continue;
    for (let k = -1; k < statement.parts.length; k++) {
      const q = k < 0 ? statement.total : (statement.parts[k] as Quantity);
      // The unit first: a comparison of two short texts rules out most figures before any pattern is tried.
      if (check.unit && q.unit !== check.unit) continue;
      if (!check.statement.test(q.label) || check.notStatement?.test(q.label)) continue;
      out.push([check, q]);
    }
  }
  return out;
}

const statementSums: Check<'statement-sums'> = (ctx, check) => {
  return perItem(ctx.doc, ctx.doc.statements, check, (s) => (s.kind !== 'total-with-parts' || !s.parts.length ? NONE : statementFindings(ctx, check, s)));
};

/** What does not add up in one statement of a total and its parts (`statement-sums`). */
function statementFindings(ctx: CheckContext, check: Extract<CheckDef, { kind: 'statement-sums' }>, s: Statement): Finding[] {
  const findings: Finding[] = [];
  const unit = s.total.unit;
  if (s.parts.some((p) => p.unit !== unit)) return findings;
  // Whole figures whose parts add up to the total are settled as numbers (plain.ts); the rest with decimals.
  let sum = 0;
  for (const p of s.parts) sum = exact(sum + plainValue(p.value, p.decimals));
  if (sum !== plainValue(s.total.value, s.total.decimals)) sumFindings(ctx, check, s, findings);
  if (!check.percentages || !s.parts.some((p) => p.percent)) return findings;
  const total = decimalOf(s.total.value);
  if (total.isZero()) return findings;
  for (const p of s.parts) {
    if (!p.percent) continue;
    const computed = new Dec(p.value).div(total).times(100);
    const stated: Measure = { value: new Dec(p.percent.value), width: halfUnit(p.percent.decimals) };
    if (holds('=', stated, { value: computed, width: ZERO })) continue;
    const percent = computed.toDecimalPlaces(Math.max(p.percent.decimals, 1)).toString();
    findings.push({
      messageId: 'percent-mismatch',
      data: { label: p.label, value: p.text, total: s.total.value, computed: percent, stated: p.percent.value },
      range: p.percent.range,
      related: related([statementOperand(ctx, s.total)]),
      arithmetic: {
        expression: `${p.value} / ${total.toString()} × 100 = ${percent}%`,
        expected: `${percent}%`,
        actual: `${p.percent.value}%`,
        difference: new Dec(p.percent.value).minus(computed).toDecimalPlaces(4).toString(),
        precision: precisionText(stated, { value: computed, width: ZERO }),
      },
    });
  }
  return findings;
}

/** A statement's figure as an operand. */
function statementOperand(ctx: CheckContext, q: Quantity): Operand {
  return { label: q.label, text: q.value, uri: ctx.doc.uri, range: q.range, value: decimalOf(q.value), decimals: q.decimals };
}

/** The finding, if any, of a statement whose parts do not add up to its total, judged with decimals. */
function sumFindings(ctx: CheckContext, check: Extract<CheckDef, { kind: 'statement-sums' }>, s: Statement, findings: Finding[]): void {
  const ops = s.parts.map((p) => statementOperand(ctx, p));
  const total = statementOperand(ctx, s.total);
  const parts = sumOperands(ops);
  const over = !holds('>=', measureOf(total), parts);
  const under = !holds('<=', measureOf(total), parts);
  if ((over && check.when !== 'under') || (under && check.when !== 'over')) {
    const difference = shown(parts.value.minus(total.value).abs(), ops);
    findings.push({
      messageId: over ? 'parts-exceed' : 'parts-short',
      data: { label: total.label, total: total.text, sum: shown(parts.value, ops), parts: joinValues(ops), difference },
      range: total.range,
      related: related(ops),
      arithmetic: {
        expression: `${joinValues(ops)} = ${shown(parts.value, ops)}`,
        expected: shown(parts.value, ops),
        actual: total.text,
        difference: shown(total.value.minus(parts.value), ops),
        precision: precisionText(measureOf(total), parts),
        operands: ops.map((o) => ({ label: o.label, value: o.text })),
      },
    });
  }
}

/** The report year: the front matter's or inferred year, else the year the stated period ends in. */
export function reportYear(doc: ReportDocument): number | undefined {
  return doc.meta.year?.value ?? (doc.meta.period ? Number(doc.meta.period.value.end.slice(0, 4)) : undefined);
}

/** First and last day of fiscal year `year` (named by the calendar year it ends in). */
export function fiscalYear(year: number, start: string): { start: string; end: string } {
  if (start === '01-01') return { start: `${year}-01-01`, end: `${year}-12-31` };
  const first = new Date(Date.UTC(year - 1, Number(start.slice(0, 2)) - 1, Number(start.slice(3, 5))));
  const last = new Date(Date.UTC(year, Number(start.slice(0, 2)) - 1, Number(start.slice(3, 5)) - 1));
  return { start: iso(first), end: iso(last) };
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

const PRECISION_RANK = { year: 0, month: 1, day: 2 } as const;

/** Fiscal years and their last accepted days, by year, start and days allowed after: the same few for every report. */
const periods = new Map<string, { fy: { start: string; end: string }; last: string }>();

function periodOf(year: number, start: string, allowAfter: number): { fy: { start: string; end: string }; last: string } {
  const key = `${year} ${start} ${allowAfter}`;
  let period = periods.get(key);
  if (!period) {
    const fy = fiscalYear(year, start);
    period = { fy, last: addDays(fy.end, allowAfter) };
    if (periods.size >= 1000) periods.clear();
    periods.set(key, period);
  }
  return period;
}

const dateInPeriod: Check<'date-in-period'> = (ctx, check) => {
  const year = reportYear(ctx.doc);
  if (year === undefined) return [];
  const { fy, last } = periodOf(year, ctx.pack.fiscalYearStart, check.allowAfter);
  const published = ctx.doc.meta.published?.value;
  // Whether a line passes the context patterns, once per line: a long line of many dates is matched once.
  const lineOk = new Map<number, boolean>();
  const passes = (n: number): boolean => {
    let ok = lineOk.get(n);
    if (ok === undefined) {
      const line = ctx.lines.lineText(n);
      ok = (!check.context || check.context.test(line)) && !check.excludeContext?.test(line);
      lineOk.set(n, ok);
    }
    return ok;
  };
  // Whether a section title matches the patterns, once per title: a long report has thousands of dates under the same
  // few hundred titles.
  const only = new Map<string, boolean>();
  const excluded = new Map<string, boolean>();
  const matches = (found: Map<string, boolean>, patterns: readonly Pattern[], title: string): boolean => {
    let hit = found.get(title);
    if (hit === undefined) {
      hit = patterns.some((p) => p.test(title));
      found.set(title, hit);
    }
    return hit;
  };
  const inSections = (section: readonly string[]): boolean =>
    (!check.onlySections.length || section.some((s) => matches(only, check.onlySections, s))) &&
    !section.some((s) => matches(excluded, check.excludeSections, s));
  // The dates themselves first: most are where they should be, and their sections and lines need not be matched.
  const fine = (d: DateMention): boolean =>
    check.expect === 'after' ? d.end > fy.end : (d.start <= last && d.end >= fy.start) || (!!published && d.start === published && d.end === published);
  const judge = (d: DateMention, again: () => void): readonly Finding[] => {
    if (PRECISION_RANK[d.precision] < PRECISION_RANK[check.minPrecision] || fine(d)) return NONE;
    if ((check.onlySections.length || check.excludeSections.length) && !inSections(d.section)) return NONE;
    if (check.context || check.excludeContext) {
      // The date's line may hold more than the paragraph it was read from (a list item's marker): judged again each time.
      again();
      if (!passes(d.range.start.line)) return NONE;
    }
    if (check.expect === 'after') {
      // A plan for the years ahead dated in the very year the report covers.
      return [
        {
          messageId: 'not-after',
          data: { date: d.text, start: fy.start, end: fy.end, year: String(year), next: String(year + 1) },
          range: d.range,
          related: [],
        },
      ];
    }
    return [{ messageId: 'outside', data: { date: d.text, start: fy.start, end: fy.end, year: String(year) }, range: d.range, related: [] }];
  };
  return perItem(ctx.doc, ctx.doc.dates, check, judge, `${year} ${ctx.pack.fiscalYearStart} ${published ?? ''}`);
};

/** No finding. */
const NONE: readonly Finding[] = [];

const CN_ORDINALS = '一二三四五六七八九十';

/** `一` → 1 … `十九` → 19 (enumerations never run longer). */
function ordinal(text: string): number {
  if (text.length === 1) return CN_ORDINALS.indexOf(text) + 1;
  if (text.startsWith('十')) return 10 + (text.length > 1 ? CN_ORDINALS.indexOf(text[1] as string) + 1 : 0);
  return (CN_ORDINALS.indexOf(text[0] as string) + 1) * 10 + (text.length > 2 ? CN_ORDINALS.indexOf(text[2] as string) + 1 : 0);
}

const ENUMERATION = {
  shi: /(?<=^|[。；;，,：:、\s（(])([一二三四五六七八九十]{1,3})是(?![否非])/gu,
  di: /(?<=^|[。；;，,：:\s（(])第([一二三四五六七八九十]{1,3})[，,、：:]/gu,
};

/**
 * A character every marker of the kind has, and where a numeral stands beside it (`shi`: before it, `di`: after it):
 * lines where none of these characters has a numeral there are not searched (是 is in most lines of Chinese prose).
 */
const ENUMERATION_CHAR = { shi: '是', di: '第' };
const NUMERAL_SIDE = { shi: -1, di: 1 } as const;

/** Lines where a marker of one of `kinds` can be, in order: found by searching the whole text, not by cutting out every line. */
function linesHolding(lines: LineIndex, kinds: readonly (keyof typeof ENUMERATION)[]): number[] {
  const found = new Set<number>();
  for (const kind of kinds) for (const at of numeralsBeside(lines.text, ENUMERATION_CHAR[kind], NUMERAL_SIDE[kind])) found.add(lines.position(at).line);
  return [...found].sort((a, b) => a - b);
}

const enumeration: Check<'enumeration'> = (ctx, check) => {
  const findings: Finding[] = [];
  for (const line of linesHolding(ctx.lines, check.markers)) {
    const text = ctx.lines.lineText(line);
    for (const kind of check.markers) {
      if (!text.includes(ENUMERATION_CHAR[kind])) continue;
      const re = ENUMERATION[kind];
      re.lastIndex = 0;
      let expected = 0;
      let previous = '';
      for (const m of text.matchAll(re)) {
        const n = ordinal(m[1] as string);
        if (expected === 0 && n !== 1) continue; // a list starts at one; a stray 二是 alone is not a list
        if (expected === 0 || n === expected) {
          expected = n + 1;
          previous = m[0];
          continue;
        }
        const start = ctx.lines.lineStart(line) + (m.index ?? 0);
        findings.push({
          messageId: n < expected ? 'repeated' : 'gap',
          data: {
            found: m[0],
            previous,
            expected: kind === 'shi' ? `${CN_ORDINALS[expected - 1] ?? expected}是` : `第${CN_ORDINALS[expected - 1] ?? expected}`,
          },
          range: ctx.lines.range(start, start + m[0].length),
          related: [],
        });
        expected = n + 1;
        previous = m[0];
      }
    }
  }
  return findings;
};

function firstLine(ctx: CheckContext): Range {
  return { start: { line: 1, column: 1 }, end: { line: 1, column: ctx.lines.lineText(1).length + 1 } };
}

const period: Check<'period'> = (ctx, check) => {
  const year = reportYear(ctx.doc);
  const stated = ctx.doc.meta.period;
  if (!stated) {
    if (year === undefined) return [{ messageId: 'missing', data: {}, range: ctx.doc.meta.title?.range ?? firstLine(ctx), related: [] }];
    if (!check.requireStated) return [];
    return [{ messageId: 'year-only', data: { year: String(year) }, range: ctx.doc.meta.year?.range ?? firstLine(ctx), related: [] }];
  }
  const fy = fiscalYear(year ?? Number(stated.value.end.slice(0, 4)), ctx.pack.fiscalYearStart);
  if (stated.value.start === fy.start && stated.value.end === fy.end) return [];
  return [
    {
      messageId: 'incomplete',
      data: { start: stated.value.start, end: stated.value.end, expectedStart: fy.start, expectedEnd: fy.end, year: String(year ?? '') },
      range: stated.range,
      related: [],
    },
  ];
};

const deadline: Check<'deadline'> = (ctx, check) => {
  const published = ctx.doc.meta.published;
  const year = reportYear(ctx.doc);
  if (!published || year === undefined) return [];
  const fy = fiscalYear(year, ctx.pack.fiscalYearStart);
  const issuer = ctx.doc.meta.issuer?.value ?? ctx.doc.meta.title?.value ?? '';
  const monthDay = check.byIssuer.find((b) => b.issuer.test(issuer))?.deadline ?? check.default;
  let due = `${fy.end.slice(0, 4)}-${monthDay}`;
  if (due <= fy.end) due = `${Number(fy.end.slice(0, 4)) + 1}-${monthDay}`;
  if (published.value <= due) return [];
  return [{ messageId: 'late', data: { published: published.value, deadline: due, issuer }, range: published.range, related: [] }];
};

/** Every section, each before its children. */
function flatten(sections: Section[], out: Section[] = []): Section[] {
  for (const s of sections) {
    out.push(s);
    flatten(s.children, out);
  }
  return out;
}

/** Whether a required section's pattern matches a section, by its marker and title: reports repeat the same titles. */
const titlesMatched = new WeakMap<Pattern, Map<string, boolean>>();

function namesSection(p: Pattern, s: Section, key: string): boolean {
  const known = titlesMatched.get(p);
  if (known && known.size >= 4096) known.clear();
  return remembered(titlesMatched, p, key, () => p.test(`${s.marker}${s.title}`) || p.test(s.title));
}

const required: Check<'required'> = (ctx, check) => {
  const findings: Finding[] = [];
  const all = flatten(ctx.doc.sections);
  // Copies (a slice of a new string): a key kept that joined a title cut from a report's text would keep the text.
  const keys = all.map((s) => ` ${s.marker}\u0000${s.title}`.slice(1));
  const found: number[] = [];
  check.sections.forEach((p) => {
    const i = all.findIndex((s, k) => namesSection(p, s, keys[k] as string));
    if (i < 0) findings.push({ messageId: 'missing-section', data: { section: p.source }, range: ctx.doc.meta.title?.range ?? firstLine(ctx), related: [] });
    found.push(i);
  });
  if (check.inOrder) {
    let last = -1;
    found.forEach((i, k) => {
      if (i < 0) return;
      if (i < last) {
        const s = all[i] as Section;
        findings.push({
          messageId: 'out-of-order',
          data: { section: `${s.marker}${s.title}`, after: check.sections[k - 1]?.source ?? '' },
          range: s.range,
          related: [],
        });
      }
      last = Math.max(last, i);
    });
  }
  for (const name of check.tables) {
    if (!ctx.resolver.table(name))
      findings.push({ messageId: 'missing-table', data: { table: name }, range: ctx.doc.meta.title?.range ?? firstLine(ctx), related: [] });
  }
  for (const r of check.rows) {
    const table = ctx.resolver.table(r.table);
    if (table && findRow(table, r.row) < 0) findings.push({ messageId: 'missing-row', data: { table: r.table, row: r.row }, range: table.range, related: [] });
  }
  if (check.cells) {
    const table = ctx.resolver.table(check.cells);
    if (table) {
      const cols = numericColumns(table);
      table.rows.forEach((row) => {
        if (row.kind === 'heading') return;
        if (!row.cells.some((c) => c.value !== undefined)) return;
        for (const c of cols) {
          const cell = row.cells[c];
          if (cell && cell.value === undefined && (cell.empty || cell.text === '')) {
            findings.push({
              messageId: 'empty-cell',
              data: { row: row.label, column: table.columns[c]?.label ?? '', text: cell.text },
              range: cell.range.start.line === cell.range.end.line && cell.range.start.column === cell.range.end.column ? row.range : cell.range,
              related: [],
            });
          }
        }
      });
    }
  }
  return findings;
};

const textPattern: Check<'text-pattern'> = (ctx, check) => {
  const findings: Finding[] = [];
  const text = ctx.doc.text;
  if (check.pattern) {
    const matches = check.pattern.matches(text);
    if (check.must === 'occur') {
      if (!matches.length) findings.push({ messageId: 'missing', data: { pattern: check.pattern.source }, range: firstLine(ctx), related: [] });
    } else {
      for (const [a, b] of matches) findings.push({ messageId: 'found', data: { match: text.slice(a, b) }, range: ctx.lines.range(a, b), related: [] });
    }
  }
  if (check.repeated) {
    const { min, max, allow } = check.repeated;
    for (const [i, length] of repeatedPhrases(text, min, max, allow)) {
      findings.push({ messageId: 'repeated', data: { phrase: text.slice(i, i + length) }, range: ctx.lines.range(i, i + 2 * length), related: [] });
    }
  }
  return findings;
};

const CHECKS: { [K in Exclude<CheckDef['kind'], 'conditions'>]: Check<K> } = {
  sum,
  'table-totals': tableTotals,
  compare,
  'text-vs-table': textVsTable,
  'statement-sums': statementSums,
  'date-in-period': dateInPeriod,
  period,
  deadline,
  required,
  'previous-report': previousReport,
  'text-pattern': textPattern,
  enumeration,
};

/** Every instance of a check's relation that fails in the document. */
export function runCheck(ctx: CheckContext, check: Exclude<CheckDef, { kind: 'conditions' }>): Finding[] {
  return (CHECKS[check.kind] as Check<typeof check.kind>)(ctx, check as never);
}
