import { describe, expect, it } from 'vitest';
import { expectationsFromMarkers, RuleTester, stripMarkers } from '../src/index.ts';
import { demoPack, report } from './helpers.ts';

describe('expectationsFromMarkers', () => {
  it('reads a marker at the end of a line as an expectation on that line', () => {
    const code = '一、总体情况\n\n主要领导领导亲自部署。<!-- expect: demo/repeated-phrase repeated -->\n';
    expect(expectationsFromMarkers(code)).toEqual([{ ruleId: 'demo/repeated-phrase', messageId: 'repeated', line: 3 }]);
  });

  it('reads a column when the marker gives one', () => {
    expect(expectationsFromMarkers('严格落实严格落实要求。 <!--expect: repeated-phrase repeated 1-->')).toEqual([
      { ruleId: 'repeated-phrase', messageId: 'repeated', line: 1, column: 1 },
    ]);
  });

  it('applies a marker on a line of its own to the next line, stacking consecutive marker lines', () => {
    const code = [
      '<!-- expect: demo/statement-sums parts-exceed 12 -->',
      '全年主动公开政府信息共320条，其中工作动态53条、通知公告48条、政策文件207条、人事信息14条。',
      '',
      '<!-- expect: demo/repeated-phrase repeated 3 -->',
      '  <!-- expect: demo/repeated-phrase repeated 12 -->  <!-- expect: demo/no-placeholder found -->',
      '主要领导领导亲自部署，严格落实严格落实XX局工作要求。',
    ].join('\n');
    expect(expectationsFromMarkers(code)).toEqual([
      { ruleId: 'demo/statement-sums', messageId: 'parts-exceed', line: 2, column: 12 },
      { ruleId: 'demo/repeated-phrase', messageId: 'repeated', line: 6, column: 3 },
      { ruleId: 'demo/repeated-phrase', messageId: 'repeated', line: 6, column: 12 },
      { ruleId: 'demo/no-placeholder', messageId: 'found', line: 6 },
    ]);
  });

  it('keeps only the markers of one rule when asked, by full id or short name', () => {
    const code = '主要领导领导XX局。<!-- expect: demo/repeated-phrase repeated --><!-- expect: no-placeholder found -->';
    expect(expectationsFromMarkers(code, 'demo/no-placeholder')).toEqual([{ ruleId: 'no-placeholder', messageId: 'found', line: 1 }]);
    expect(expectationsFromMarkers(code, 'repeated-phrase')).toEqual([{ ruleId: 'demo/repeated-phrase', messageId: 'repeated', line: 1 }]);
    expect(expectationsFromMarkers(code, 'other/repeated-phrase')).toBeUndefined();
  });

  it('returns undefined for a fixture without markers, ignoring other comments', () => {
    expect(expectationsFromMarkers(report())).toBeUndefined();
    expect(expectationsFromMarkers('<!-- crossfoot-disable-next-line demo/statement-sums -->\n共3条。')).toBeUndefined();
  });

  it('throws on a malformed marker and on a marker with no line after it', () => {
    expect(() => expectationsFromMarkers('共3条。<!-- expect: demo/statement-sums -->')).toThrow(
      'line 1: an expect marker needs a rule id and a messageId: <!-- expect: demo/statement-sums --> (write <!-- expect: <rule-id> <messageId> [<column>] -->)',
    );
    expect(() => expectationsFromMarkers('共3条。<!-- expect: a b 0 -->')).toThrow('the column "0" is not a positive integer');
    expect(() => expectationsFromMarkers('共3条。<!-- expect: a b 1 2 -->')).toThrow('too many words');
    expect(() => expectationsFromMarkers('共3条。\n<!-- expect: a b -->\n\n')).toThrow('has no line after it');
    expect(() => expectationsFromMarkers('共3条<!-- expect: a b -->，其中…')).toThrow(
      'line 1: an expect marker must end its line or stand on a line of its own',
    );
  });

  it('skips blank lines after a marker on a line of its own', () => {
    expect(expectationsFromMarkers('<!-- expect: a b -->\n\n共3条。')).toEqual([{ ruleId: 'a', messageId: 'b', line: 3 }]);
  });
});

describe('stripMarkers', () => {
  it('cuts markers off line ends and blanks marker-only lines, keeping every other position', () => {
    const code = '<!-- expect: a b -->\r\n| 合计 | 3 | 1 | 21 |  <!-- expect: a b 16 --><!-- expect: c d -->\n<!-- crossfoot-disable-next-line a -->\n共3条。';
    expect(stripMarkers(code)).toBe('\r\n| 合计 | 3 | 1 | 21 |\n<!-- crossfoot-disable-next-line a -->\n共3条。');
    expect(stripMarkers(report())).toBe(report());
  });
});

describe('a fixture that carries its expectations', () => {
  const pack = demoPack();
  const tester = new RuleTester({ pack });
  const fixture = report({
    rows: [
      ['0', '0', '2'],
      ['3', '1', '18'],
      ['3', '1', '21'],
    ],
    work: '主要领导领导亲自部署，严格落实严格落实XX局工作要求。',
  })
    .replace('| 合计 | 3 | 1 | 21 |', '| 合计 | 3 | 1 | 21 | <!-- expect: demo/current-total mismatch-in-column 16 -->')
    .replace(
      '二、主动公开政府信息情况\n\n',
      '二、主动公开政府信息情况\n\n<!-- expect: repeated-phrase repeated 3 -->\n<!-- expect: repeated-phrase repeated 12 -->\n',
    );

  it('passes each rule against its own markers; a marker on a table row counts as its line', async () => {
    for (const rule of ['current-total', 'repeated-phrase']) {
      const errors = expectationsFromMarkers(fixture, rule) ?? [];
      expect(errors.length).toBeGreaterThan(0);
      expect(await tester.verify(rule, { valid: [], invalid: [{ code: fixture, errors }] })).toEqual([]);
    }
  });

  it('counts two fixtures differing only in markers as duplicates', async () => {
    const plain = fixture.replace(/[ \t]*<!--[^>]*-->/gu, '');
    const problems = await tester.verify('current-total', {
      valid: [],
      invalid: [
        { name: 'marked', code: fixture, errors: expectationsFromMarkers(fixture, 'current-total') ?? [] },
        { name: 'plain', code: plain, errors: [{ messageId: 'mismatch-in-column', line: 13, column: 16 }] },
      ],
    });
    expect(problems).toEqual(['invalid 2 "plain": duplicate of invalid 1 "marked": the same code is tested twice']);
  });

  it('fails when a marker points at the wrong line', async () => {
    const misplaced = fixture.replace('| 规章 | 0 | 0 | 2 |', '| 规章 | 0 | 0 | 2 | <!-- expect: no-placeholder found 20 -->');
    const errors = expectationsFromMarkers(misplaced, 'no-placeholder') ?? [];
    const found = await tester.verify('no-placeholder', { valid: [], invalid: [{ name: 'misplaced', code: misplaced, errors }] });
    expect(found).toEqual([
      'invalid 1 "misplaced": error 1 of 1 differs in line:\n' +
        '  expected  no-placeholder found at 11:20\n' +
        '  actual    demo/no-placeholder found at 19:20–19:23 (warning) { match: "XX局" } "报告中留有占位文字“XX局”"',
    ]);
  });
});
