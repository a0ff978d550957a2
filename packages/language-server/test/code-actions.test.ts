import { LineIndex, type ReportDocument } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { type ActionContext, codeActionsFor, frontMatterEnd, replacementEdit, suppressionEdits } from '../src/code-actions.ts';
import { SEED_LINES, sumsFinding } from './fixtures.ts';

const text = SEED_LINES.join('\n');
const lsp = { range: { start: { line: 1, character: 18 }, end: { line: 1, character: 22 } }, message: 'm', code: 'cn-gov-disclosure-common/statement-sums' };
const context = (over: Partial<ActionContext> = {}): ActionContext => ({
  uri: 'file:///r/report.md',
  text,
  format: 'markdown',
  locale: 'zh-CN',
  disabledSupport: false,
  ...over,
});

describe('replacementEdit', () => {
  it('replaces the written total, and only its digits, by the sum of its parts', () => {
    expect(replacementEdit(sumsFinding(), text)).toEqual({ range: { start: { line: 1, character: 18 }, end: { line: 1, character: 21 } }, newText: '322' });
  });

  it('writes the figure the way the report writes it', () => {
    const line = '收入合计3,278,000.50元';
    const at = line.indexOf('3,278');
    const finding = sumsFinding({
      range: { start: { line: 1, column: at + 1 }, end: { line: 1, column: line.length } },
      arithmetic: {
        expression: '3,000,000 + 278,001 = 3278001',
        expected: '3278001',
        actual: '3278000.50',
        difference: '-0.5',
        precision: '±0.005',
        operands: [
          { label: 'a', value: '3,000,000' },
          { label: 'b', value: '278,001' },
        ],
      },
    });
    expect(replacementEdit(finding, line)?.newText).toBe('3,278,001.00');
  });

  it('offers nothing where the fix is not certain', () => {
    // A `其中` breakdown may name only some parts.
    expect(replacementEdit(sumsFinding({ messageId: 'parts-short' }), text)).toBeUndefined();
    // A figure compared with a single cell: which of the two is wrong?
    const single = sumsFinding({
      arithmetic: { expression: '320条 = 322', expected: '322', actual: '320', difference: '-2', precision: 'exact', operands: [{ label: 'x', value: '322' }] },
    });
    expect(replacementEdit(single, text)).toBeUndefined();
    // An expected value that is no plain number.
    const percent = sumsFinding({ arithmetic: { ...(sumsFinding().arithmetic as never), expected: '33.9%' } });
    expect(replacementEdit(percent, text)).toBeUndefined();
    // The range does not hold the written figure.
    expect(replacementEdit(sumsFinding({ range: { start: { line: 2, column: 1 }, end: { line: 2, column: 5 } } }), text)).toBeUndefined();
    // No arithmetic at all.
    expect(replacementEdit(sumsFinding({ arithmetic: undefined }), text)).toBeUndefined();
  });
});

describe('suppressionEdits', () => {
  it('puts a disable-next-line comment above the line in Markdown, indented like it', () => {
    const lines = new LineIndex(text);
    expect(suppressionEdits(sumsFinding(), context(), lines)).toEqual({
      title: '忽略此行的 cn-gov-disclosure-common/statement-sums（在上一行加注释）',
      edits: [
        {
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
          newText: '<!-- crossfoot-disable-next-line cn-gov-disclosure-common/statement-sums -- 原因 -->\n',
        },
      ],
    });
    expect(suppressionEdits(sumsFinding(), context({ locale: 'en' }), lines)).toMatchObject({ edits: [{ newText: expect.stringContaining('-- reason -->') }] });
  });

  it('wraps a GFM table instead of cutting it between two rows', () => {
    const table = ['# 表', '', '| 项目 | 数量 |', '|---|---|', '| 合计 | 5 |', '| 甲 | 2 |', '| 乙 | 2 |', '', '后文'].join('\n');
    const doc = { tables: [{ range: { start: { line: 3, column: 1 }, end: { line: 7, column: 10 } } }] } as unknown as ReportDocument;
    const finding = sumsFinding({ range: { start: { line: 5, column: 8 }, end: { line: 5, column: 9 } } });
    const result = suppressionEdits(finding, context({ text: table, doc }), new LineIndex(table));
    expect(result).toEqual({
      title: '在此表格中忽略 cn-gov-disclosure-common/statement-sums（在表格前后加注释）',
      edits: [
        {
          range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
          newText: '<!-- crossfoot-disable cn-gov-disclosure-common/statement-sums -- 原因 -->\n',
        },
        {
          range: { start: { line: 6, character: 9 }, end: { line: 6, character: 9 } },
          newText: '\n<!-- crossfoot-enable cn-gov-disclosure-common/statement-sums -->',
        },
      ],
    });
  });

  it('says what is possible where no comment can be written: plain text, YAML, front matter', () => {
    const lines = new LineIndex(text);
    expect(suppressionEdits(sumsFinding(), context({ format: 'text', locale: 'en' }), lines)).toEqual({
      unavailable: 'Plain-text reports have no suppression comments; set "cn-gov-disclosure-common/statement-sums: off" under rules in crossfoot.config.yaml',
    });
    expect(suppressionEdits(sumsFinding(), context({ format: 'yaml' }), lines)).toHaveProperty('unavailable');
    const front = ['---', 'title: 报告', 'period:', '  start: 2018-01-01', '---', '', '正文'].join('\n');
    const inFront = sumsFinding({ range: { start: { line: 4, column: 10 }, end: { line: 4, column: 20 } } });
    expect(suppressionEdits(inFront, context({ text: front }), new LineIndex(front))).toHaveProperty('unavailable');
    expect(frontMatterEnd(new LineIndex(front))).toBe(5);
    expect(frontMatterEnd(new LineIndex(text))).toBe(0);
  });

  it('uses an HTML comment in an HTML report', () => {
    const html = '<p>一</p>\n  <p>共320条</p>';
    const finding = sumsFinding({ range: { start: { line: 2, column: 9 }, end: { line: 2, column: 13 } } });
    expect(suppressionEdits(finding, context({ format: 'html', text: html }), new LineIndex(html))).toMatchObject({
      edits: [
        { range: { start: { line: 1, character: 0 } }, newText: '  <!-- crossfoot-disable-next-line cn-gov-disclosure-common/statement-sums -- 原因 -->\n' },
      ],
    });
  });
});

describe('codeActionsFor', () => {
  it('offers the quick fix first and the suppression next, neither preferred, each tied to its diagnostic', () => {
    const actions = codeActionsFor([{ finding: sumsFinding(), lsp }], context({ locale: 'en' }));
    expect(actions.map((a) => a.title)).toEqual([
      'Replace 320 with 322 (53 + 48 + 207 + 14 = 322)',
      'Suppress cn-gov-disclosure-common/statement-sums on this line (comment above it)',
    ]);
    for (const a of actions) {
      expect(a.kind).toBe('quickfix');
      expect(a.isPreferred).toBeUndefined();
      expect(a.diagnostics).toEqual([lsp]);
      expect(a.edit?.changes?.['file:///r/report.md']).toHaveLength(1);
    }
  });

  it('shows a disabled suppression in plain text only to clients that display it', () => {
    expect(codeActionsFor([{ finding: sumsFinding(), lsp }], context({ format: 'text' })).map((a) => a.disabled)).toEqual([undefined]);
    const shown = codeActionsFor([{ finding: sumsFinding(), lsp }], context({ format: 'text', disabledSupport: true }));
    expect(shown[1]?.disabled?.reason).toContain('crossfoot.config.yaml');
    expect(shown[1]?.edit).toBeUndefined();
  });

  it('suppresses a rule once per line however many findings it has there', () => {
    const twice = [
      { finding: sumsFinding({ arithmetic: undefined }), lsp },
      { finding: sumsFinding({ arithmetic: undefined, range: { start: { line: 2, column: 30 }, end: { line: 2, column: 33 } } }), lsp },
    ];
    expect(codeActionsFor(twice, context())).toHaveLength(1);
  });
});
