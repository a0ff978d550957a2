import type { Comparator } from './decimal.ts';
import { foldWidth } from './normalize.ts';

/**
 * The small formula language of packs, e.g. `T3[一] + T3[二] = T3[（七）] + T3[四]`.
 * Parsed here, never evaluated as code.
 *
 *   relation := expr comparator expr         comparator: = == != ≠ < <= ≤ > >= ≥
 *   expr     := term (("+" | "-") term)*       subtraction needs spaces around "-" (names may contain "-")
 *   term     := factor (("*" | "/") factor)*
 *   factor   := number | ref | "sum" "(" expr ("," expr)* ")" | "(" expr ")" | "-" factor
 *   ref      := ["previous."] name ("[" row "]" ("[" column "]")?)? (".children")?
 *
 * `name` is a fact or a table of the pack; `row` an outline number, label or path (`（三）/1`);
 * `column` a header. A table row without a column takes the column being iterated (`for-each: column`).
 * An empty row selector (`T3[][总计]`) is not allowed.
 */
export type Expr =
  | { kind: 'number'; value: string; offset: number }
  | { kind: 'ref'; previous: boolean; name: string; row?: string; column?: string; children: boolean; text: string; offset: number }
  | { kind: 'sum'; args: Expr[]; offset: number }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr; offset: number }
  | { kind: 'negate'; operand: Expr; offset: number };

export interface Relation {
  left: Expr;
  op: Comparator;
  right: Expr;
  text: string;
}

export class FormulaError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const COMPARATORS: [string, Comparator][] = [
  ['<=', '<='],
  ['>=', '>='],
  ['==', '='],
  ['!=', '!='],
  ['≤', '<='],
  ['≥', '>='],
  ['≠', '!='],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
];

/** Longest formula read, in characters: a relation on a printed form is a line, not a page. */
export const MAX_FORMULA_LENGTH = 2000;
/** Deepest nesting of brackets, signs and `sum(…)` in a formula. */
export const MAX_FORMULA_DEPTH = 32;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly src: string) {
    if (src.length > MAX_FORMULA_LENGTH) throw new FormulaError(`the formula is ${src.length} characters long; the limit is ${MAX_FORMULA_LENGTH}`, 0);
  }

  relation(): Relation {
    const left = this.expr();
    this.space();
    const found = COMPARATORS.find(([t]) => this.src.startsWith(t, this.pos));
    if (!found) throw new FormulaError(`expected a comparison (=, <=, >=, <, >, !=) at column ${this.pos + 1}`, this.pos);
    this.pos += found[0].length;
    const right = this.expr();
    this.space();
    if (this.pos < this.src.length) throw new FormulaError(`unexpected "${this.src.slice(this.pos, this.pos + 10)}" at column ${this.pos + 1}`, this.pos);
    return { left, op: found[1], right, text: this.src.trim() };
  }

  expression(): Expr {
    const e = this.expr();
    this.space();
    if (this.pos < this.src.length) throw new FormulaError(`unexpected "${this.src.slice(this.pos, this.pos + 10)}" at column ${this.pos + 1}`, this.pos);
    return e;
  }

  private space(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos] as string)) this.pos++;
  }

  private expr(): Expr {
    let left = this.term();
    for (;;) {
      this.space();
      const c = this.src[this.pos];
      if (c !== '+' && c !== '-') return left;
      const offset = this.pos++;
      left = { kind: 'binary', op: c, left, right: this.term(), offset };
    }
  }

  private term(): Expr {
    let left = this.factor();
    for (;;) {
      this.space();
      const c = this.src[this.pos];
      if (c !== '*' && c !== '/') return left;
      const offset = this.pos++;
      left = { kind: 'binary', op: c, left, right: this.factor(), offset };
    }
  }

  private factor(): Expr {
    this.space();
    const offset = this.pos;
    if (this.depth >= MAX_FORMULA_DEPTH) throw new FormulaError(`nested more than ${MAX_FORMULA_DEPTH} levels deep at column ${offset + 1}`, offset);
    this.depth++;
    try {
      return this.operand(offset);
    } finally {
      this.depth--;
    }
  }

  private operand(offset: number): Expr {
    const c = this.src[this.pos];
    if (c === undefined) throw new FormulaError('unexpected end of formula', offset);
    if (c === '(') {
      this.pos++;
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    if (c === '-') {
      this.pos++;
      return { kind: 'negate', operand: this.factor(), offset };
    }
    const num = /^\d+(\.\d+)?/.exec(this.src.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return { kind: 'number', value: num[0], offset };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*/.exec(this.src.slice(this.pos));
    if (!name) throw new FormulaError(`expected a number, a name or "(" at column ${offset + 1}`, offset);
    this.pos += name[0].length;
    if (name[0] === 'sum' && this.src[this.pos] === '(') {
      this.pos++;
      const args = [this.expr()];
      this.space();
      while (this.src[this.pos] === ',') {
        this.pos++;
        args.push(this.expr());
        this.space();
      }
      this.expect(')');
      return { kind: 'sum', args, offset };
    }
    let previous = false;
    let ident = name[0];
    if (ident === 'previous' && this.src[this.pos] === '.') {
      this.pos++;
      const n = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*/.exec(this.src.slice(this.pos));
      if (!n) throw new FormulaError(`expected a name after "previous." at column ${this.pos + 1}`, this.pos);
      this.pos += n[0].length;
      previous = true;
      ident = n[0];
    }
    let row: string | undefined;
    let column: string | undefined;
    if (this.src[this.pos] === '[') {
      row = this.bracket();
      if (this.src[this.pos] === '[') column = this.bracket();
    }
    let children = false;
    if (this.src.startsWith('.children', this.pos)) {
      this.pos += '.children'.length;
      children = true;
    }
    return { kind: 'ref', previous, name: ident, row, column, children, text: this.src.slice(offset, this.pos), offset };
  }

  private bracket(): string {
    const open = this.pos++;
    const close = this.src.indexOf(']', this.pos);
    if (close < 0) throw new FormulaError(`"[" at column ${open + 1} is never closed`, open);
    const inner = this.src.slice(this.pos, close).trim();
    if (!inner) throw new FormulaError(`empty selector at column ${open + 1}`, open);
    this.pos = close + 1;
    return inner;
  }

  private expect(c: string): void {
    this.space();
    if (this.src[this.pos] !== c) throw new FormulaError(`expected "${c}" at column ${this.pos + 1}`, this.pos);
    this.pos++;
  }
}

/** Full-width brackets and operators are accepted as written on printed forms. */
function prepare(text: string): string {
  return foldWidth(text);
}

export function parseRelation(text: string): Relation {
  return new Parser(prepare(text)).relation();
}

export function parseExpression(text: string): Expr {
  return new Parser(prepare(text)).expression();
}

/** Every reference in an expression, in reading order. */
export function refsOf(expr: Expr): Extract<Expr, { kind: 'ref' }>[] {
  switch (expr.kind) {
    case 'ref':
      return [expr];
    case 'number':
      return [];
    case 'sum':
      return expr.args.flatMap(refsOf);
    case 'binary':
      return [...refsOf(expr.left), ...refsOf(expr.right)];
    case 'negate':
      return refsOf(expr.operand);
  }
}
