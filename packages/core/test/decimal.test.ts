import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, decimalOf, holds, measure, precisionText } from '../src/decimal.ts';

const sum = (...xs: [string, number][]) => {
  let value = new Dec(0);
  let width = new Dec(0);
  for (const [v, d] of xs) {
    const m = measure(v, d);
    value = value.plus(m.value);
    width = width.plus(m.width);
  }
  return { value, width };
};

describe('exact decimal comparison at the written precision', () => {
  it('0.1 + 0.2 = 0.3 holds (no binary floating point)', () => {
    expect(holds('=', measure('0.3', 1), sum(['0.1', 1], ['0.2', 1]))).toBe(true);
    expect(sum(['0.1', 1], ['0.2', 1]).value.toString()).toBe('0.3');
  });

  it('12.35 + 7.65 = 20.0 holds at the precision written', () => {
    expect(holds('=', measure('20.0', 1), sum(['12.35', 2], ['7.65', 2]))).toBe(true);
  });

  it('12.5 stands for 12.45–12.55', () => {
    expect(holds('=', measure('12.5', 1), measure('12.54', 2))).toBe(true);
    expect(holds('=', measure('12.5', 1), measure('12.61', 2))).toBe(false);
  });

  it('53 + 48 + 207 + 14 = 320 fails: counts are exact, the parts make 322', () => {
    const parts = sum(['53', 0], ['48', 0], ['207', 0], ['14', 0]);
    expect(parts.value.toString()).toBe('322');
    expect(holds('=', measure('320', 0), parts)).toBe(false);
    expect(precisionText(measure('320', 0), parts)).toBe('exact');
  });

  it('an explicit tolerance replaces the written precision', () => {
    expect(holds('=', measure('100', 0), measure('101', 0), new Dec(1))).toBe(true);
    expect(holds('=', measure('100', 0), measure('102', 0), new Dec(1))).toBe(false);
  });

  it('inequalities allow for the written precision', () => {
    expect(holds('<=', measure('10.04', 2), measure('10.0', 1))).toBe(true);
    expect(holds('<=', measure('10.1', 1), measure('10', 0))).toBe(false);
    expect(holds('>=', measure('5', 0), measure('5', 0))).toBe(true);
    expect(holds('>', measure('5', 0), measure('5', 0))).toBe(false);
  });

  it('precision text names the interval compared at', () => {
    expect(precisionText(measure('20.0', 1), sum(['12.35', 2], ['7.65', 2]))).toBe('±0.06');
  });
});

describe('decimalOf', () => {
  it('reads a figure as written exactly as decimal.js reads its text, small whole numbers included', () => {
    for (const text of ['0', '7', '-7', '1586', '0012', '9999999', '10000000', '-1234567', '12.50', '-0.5', '123456789012345678901234567890', '1e3'])
      expect(decimalOf(text).toString()).toBe(new Dec(text).toString());
    expect(decimalOf('-0').isNeg()).toBe(new Dec('-0').isNeg());
  });
});

describe('holds between exact figures', () => {
  /** The comparison as the interval arithmetic makes it, with a slack of zero. */
  const byDifference = (op: string, a: Dec, b: Dec): boolean => {
    const diff = a.minus(b);
    return { '=': diff.isZero(), '!=': !diff.isZero(), '<': diff.lt(0), '<=': diff.lte(0), '>': diff.gt(0), '>=': diff.gte(0) }[op] as boolean;
  };

  it('agrees with the difference of the two values for every comparator, whole figures or written with decimals', () => {
    const ops = ['=', '!=', '<', '<=', '>', '>='] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.nat(4),
        (op, a, b, scale) => {
          const text = (n: bigint) => (scale === 0 ? n.toString() : new Dec(n.toString()).div(new Dec(10).pow(scale)).toFixed(scale));
          const left = { value: new Dec(text(a)), width: new Dec(0) };
          const right = { value: new Dec(text(b)), width: new Dec(0) };
          expect(holds(op, left, right)).toBe(byDifference(op, left.value, right.value));
          expect(holds(op, left, left)).toBe(byDifference(op, left.value, left.value));
          expect(holds(op, left, right, new Dec(0))).toBe(byDifference(op, left.value, right.value));
        },
      ),
    );
  });
});
