import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver';
import { breakdown, plainNumber } from '../src/arithmetic.ts';
import { escapeMarkdown, hoverAt, renderArithmetic } from '../src/hover.ts';
import { sumsFinding } from './fixtures.ts';

describe('renderArithmetic', () => {
  it('lists the parts with their labels, their sum, the written total, the difference and the precision', () => {
    expect(renderArithmetic(sumsFinding(), 'zh-CN')).toBe(
      [
        '**算式** `53 + 48 + 207 + 14 = 322`',
        '',
        '| 项目 | 数值 |',
        '|:--|--:|',
        '| 工作栏目更新信息 | 53 |',
        '| 政务公开栏目更新信息 | 48 |',
        '| 公共资源交易信息栏目更新交易信息 | 207 |',
        '| 公共资源交易政策法规栏目更新信息 | 14 |',
        '| **各项之和** | **322** |',
        '| 实为 | 320 |',
        '| 差额 | -2 |',
        '',
        '精度: 精确比较 · [cn-gov-disclosure-common/statement-sums](https://github.com/crossfoot/crossfoot/blob/main/rules/cn-gov-disclosure-common/statement-sums.md)',
      ].join('\n'),
    );
  });

  it('speaks English when asked', () => {
    const text = renderArithmetic(sumsFinding(), 'en') ?? '';
    expect(text).toContain('| **Sum of the parts** | **322** |');
    expect(text).toContain('| Written | 320 |');
    expect(text).toContain('| Difference | -2 |');
  });

  it('names the written total apart when the relation lists it among its operands', () => {
    const finding = sumsFinding({
      arithmetic: {
        expression: '35 = 15 + 6 + 15 = 36',
        expected: '36',
        actual: '35',
        difference: '-1',
        precision: 'exact',
        operands: [
          { label: '（七）总计 / 自然人', value: '35' },
          { label: '（一）予以公开 / 自然人', value: '15' },
          { label: '（二）部分公开 / 自然人', value: '6' },
          { label: '（三）不予公开 / 自然人', value: '15' },
        ],
      },
    });
    const text = renderArithmetic(finding, 'zh-CN') ?? '';
    expect(text).not.toContain('| （七）总计 / 自然人 | 35 |');
    expect(text).toContain('| 实为（（七）总计 / 自然人） | 35 |');
    expect(text).toContain('| **各项之和** | **36** |');
  });

  it('says "expected" when the operands are no sum (a figure compared with one cell)', () => {
    const finding = sumsFinding({
      arithmetic: {
        expression: '42件 = 41',
        expected: '41',
        actual: '42',
        difference: '1',
        precision: 'exact',
        operands: [{ label: '（七）总计 / 总计', value: '41' }],
      },
    });
    const text = renderArithmetic(finding, 'en') ?? '';
    expect(text).toContain('| （七）总计 / 总计 | 41 |');
    expect(text).toContain('| **Expected** | **41** |');
  });

  it('keeps labels from breaking the table or the markup', () => {
    expect(escapeMarkdown('a | b *c* <d>')).toBe('a \\| b \\*c\\* \\<d\\>');
    const finding = sumsFinding({
      arithmetic: {
        ...(sumsFinding().arithmetic as never),
        operands: [
          { label: 'x | y', value: '160' },
          { label: 'z', value: '162' },
        ],
      },
    });
    expect(renderArithmetic(finding, 'en')).toContain('| x \\| y | 160 |');
  });

  it('is undefined without arithmetic', () => {
    expect(renderArithmetic(sumsFinding({ arithmetic: undefined }), 'en')).toBeUndefined();
  });
});

describe('hoverAt', () => {
  it('answers on the flagged figure (its end included) and nowhere else', () => {
    const findings = [sumsFinding(), sumsFinding({ arithmetic: undefined, range: { start: { line: 5, column: 1 }, end: { line: 5, column: 3 } } })];
    const hover = hoverAt(findings, { line: 1, character: 20 }, 'zh-CN');
    expect((hover?.contents as MarkupContent | undefined)?.value).toContain('**322**');
    expect(hover?.range).toEqual({ start: { line: 1, character: 18 }, end: { line: 1, character: 22 } });
    expect(hoverAt(findings, { line: 1, character: 22 }, 'zh-CN')).not.toBeNull();
    expect(hoverAt(findings, { line: 1, character: 23 }, 'zh-CN')).toBeNull();
    expect(hoverAt(findings, { line: 4, character: 1 }, 'zh-CN')).toBeNull();
  });
});

describe('breakdown', () => {
  it('reads plain numbers only', () => {
    expect(plainNumber('3,278,000')?.toString()).toBe('3278000');
    expect(plainNumber('-2')?.toString()).toBe('-2');
    expect(plainNumber('12.50')?.toString()).toBe('12.5');
    expect(plainNumber('≤ 3')).toBeUndefined();
    expect(plainNumber('33.9%')).toBeUndefined();
  });

  it('tells a sum of parts from a plain comparison', () => {
    expect(breakdown(sumsFinding().arithmetic as never).sum).toBe(true);
    expect(
      breakdown({
        expression: '3 = 2',
        expected: '2',
        actual: '3',
        difference: '1',
        precision: 'exact',
        operands: [
          { label: 'a', value: '3' },
          { label: 'b', value: '2' },
        ],
      }).sum,
    ).toBe(false);
  });
});
