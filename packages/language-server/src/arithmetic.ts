import { type Arithmetic, Dec } from '@crossfoot/core';

export interface Operand {
  label: string;
  value: string;
}

/** How a finding's arithmetic reads: parts adding up to the expected figure, or a plain comparison. */
export interface Breakdown {
  /** The parts (or, when `sum` is false, every operand as given). */
  parts: Operand[];
  /** The operand that is the written figure itself, when the relation lists it among the operands. */
  total?: Operand;
  /** Whether the parts add up exactly to `expected`: the expected figure is their sum. */
  sum: boolean;
}

const PLAIN = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/u;

/** A figure written as a plain number (`322`, `-2`, `3,278,000`, `12.50`) as an exact decimal, else undefined. */
export function plainNumber(text: string): Dec | undefined {
  const t = text.trim();
  if (!PLAIN.test(t)) return undefined;
  return new Dec(t.replace(/,/gu, '').replace('−', '-'));
}

function total(values: Dec[]): Dec {
  return values.reduce((a, b) => a.plus(b), new Dec(0));
}

export function breakdown(a: Arithmetic): Breakdown {
  const operands = a.operands ?? [];
  const expected = plainNumber(a.expected);
  const actual = plainNumber(a.actual);
  const values = operands.map((o) => plainNumber(o.value));
  if (!expected || values.some((v) => v === undefined) || operands.length < 2) return { parts: operands, sum: false };
  const numbers = values as Dec[];
  if (total(numbers).eq(expected)) return { parts: operands, sum: true };
  // A relation `total = a + b + …` lists the total among its operands: the rest are the parts.
  if (actual && operands.length > 2) {
    for (let i = 0; i < operands.length; i++) {
      if (!(numbers[i] as Dec).eq(actual)) continue;
      const rest = numbers.filter((_, j) => j !== i);
      if (total(rest).eq(expected)) return { parts: operands.filter((_, j) => j !== i), total: operands[i] as Operand, sum: true };
    }
  }
  return { parts: operands, sum: false };
}
