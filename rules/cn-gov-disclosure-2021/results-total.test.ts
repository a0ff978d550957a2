import { markdown2019 } from '../cn-gov-disclosure-2019/fixtures/report.ts';
import { tester2019 } from '../cn-gov-disclosure-2019/fixtures/tester.ts';
import { html, markdown, row, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

/** Publishers often print a subtotal on the heading rows （三）…（六）; the official table has none. */
const SUBTOTALS = {
  ...row('（三）不予公开', 2, 0, 0, 0, 0, 0, 2),
  ...row('（四）无法提供', 7, 1, 0, 0, 1, 0, 9),
  ...row('（五）不予处理', 2, 0, 0, 0, 0, 0, 2),
  ...row('（六）其他处理', 1, 0, 0, 0, 0, 0, 1),
};

// （七）总计 = （一） + （二） + the numbered rows of （三）…（六）, column by column (line 73 in Markdown).
tester.run('cn-gov-disclosure-2021/results-total', {
  valid: [
    { name: 'the consistent report (Markdown)', code: markdown() },
    { name: 'the consistent report (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the consistent report (HTML page)', code: html(), filename: 'report.html' },
    { name: 'extra subtotal rows on （三）…（六）: their numbered children are summed, not the subtotals as well', code: markdown({ t3: SUBTOTALS }) },
    {
      name: 'a blank result cell is not zero: the column is left to complete-cells',
      code: markdown({ t3: row('3.要求提供公开出版物', '', 0, 0, 0, 0, 0, 0) }),
    },
  ],
  invalid: [
    {
      name: 'the table balances (35 + 1 = 34 + 2) but one result too many hides behind a wrong （七）总计',
      code: markdown({ t3: row('4.保护第三方合法权益', 2, 0, 0, 0, 0, 0, 2) }),
      errors: [
        {
          messageId: 'mismatch-in-column',
          line: 73,
          column: 11,
          data: { column: '自然人', lhs: '29', rhs: '12 + 5 + 2 + 1 + 6 + 1 + 1 + 1 + 1 = 30', difference: '-1' },
          severity: 'error',
        },
        {
          messageId: 'mismatch-in-column',
          line: 73,
          column: 36,
          data: { column: '总计', lhs: '34', rhs: '14 + 6 + 2 + 1 + 8 + 1 + 1 + 1 + 1 = 35', difference: '-1' },
        },
      ],
    },
    {
      name: 'with subtotal rows, a wrong child is still found (the subtotal is not taken for the sum)',
      code: markdown({ t3: { ...SUBTOTALS, ...row('2.没有现成信息需要另行制作', 1, 0, 0, 0, 0, 0, 2) } }),
      errors: [{ messageId: 'mismatch-in-column', line: 73, column: 36, data: { column: '总计', lhs: '34', difference: '-1' } }],
    },
    {
      name: 'the same error in the YAML report',
      code: yaml({ t3: row('4.保护第三方合法权益', 2, 0, 0, 0, 0, 0, 2) }),
      filename: 'report.yaml',
      errors: [
        { messageId: 'mismatch-in-column', line: 68, column: 23, data: { column: '自然人', lhs: '29' } },
        { messageId: 'mismatch-in-column', line: 68, column: 42, data: { column: '总计', lhs: '34' } },
      ],
    },
    {
      name: 'the same error on the published HTML page',
      code: html({ t3: row('4.保护第三方合法权益', 2, 0, 0, 0, 0, 0, 2) }),
      filename: 'report.html',
      errors: [
        { messageId: 'mismatch-in-column', line: 61, column: 19, data: { column: '自然人', lhs: '29' } },
        { messageId: 'mismatch-in-column', line: 61, column: 80, data: { column: '总计', lhs: '34' } },
      ],
    },
  ],
});

// The 2019 trial format has （六）其他处理 as a single row with figures: the same relation reads it as one part.
tester2019.run('cn-gov-disclosure-2021/results-total', {
  valid: [{ name: 'a consistent 2020 report in the trial format', code: markdown2019() }],
  invalid: [
    {
      name: 'the single row （六）其他处理 counted twice in （七）总计 (2020 report, trial format)',
      code: markdown2019({ t3: row('（七）总计', 29, 3, 0, 0, 1, 1, 35) }),
      errors: [
        {
          messageId: 'mismatch-in-column',
          line: 78,
          column: 36,
          data: { column: '总计', lhs: '35', rhs: '14 + 6 + 1 + 1 + 8 + 1 + 1 + 1 + 1 = 34', difference: '1' },
        },
      ],
    },
  ],
});
