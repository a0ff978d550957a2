import { describe, expect, it } from 'vitest';
import { FormulaError, parseExpression, parseRelation, refsOf } from '../src/formula.ts';

describe('formula language', () => {
  it('reads a relation as printed on the form, full-width brackets included', () => {
    const r = parseRelation('T3[一] + T3[二] = T3[（七）] + T3[四]');
    expect(r.op).toBe('=');
    expect(refsOf(r.left).map((x) => [x.name, x.row])).toEqual([
      ['T3', '一'],
      ['T3', '二'],
    ]);
    expect(refsOf(r.right).map((x) => x.row)).toEqual(['(七)', '四']);
  });

  it('reads columns, children, previous-report references, sums and comparators', () => {
    const r = parseRelation('sum(T3[(三)].children, T3[(四)][总计]) ≤ previous.T3[四] - 2');
    expect(r.op).toBe('<=');
    const refs = refsOf(r.left);
    expect(refs[0]).toMatchObject({ name: 'T3', row: '(三)', children: true, previous: false });
    expect(refs[1]).toMatchObject({ row: '(四)', column: '总计' });
    expect(refsOf(r.right)[0]).toMatchObject({ previous: true, name: 'T3', row: '四' });
  });

  it('keeps kebab-case fact names whole; subtraction needs spaces', () => {
    const e = parseExpression('assets-total - liabilities-total');
    expect(refsOf(e).map((x) => x.name)).toEqual(['assets-total', 'liabilities-total']);
  });

  it.each([
    ['T3[一] + ', 'unexpected end'],
    ['T3[一 = 4', 'never closed'],
    ['a + b', 'expected a comparison'],
    ['a = b c', 'unexpected "c"'],
    ['T3[] = 1', 'empty selector'],
  ])('rejects %s with a located message', (text, message) => {
    expect(() => parseRelation(text)).toThrow(FormulaError);
    expect(() => parseRelation(text)).toThrow(message);
  });
});
