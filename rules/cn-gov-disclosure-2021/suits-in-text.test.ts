import { html, markdown, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

/** Table 4 with one review and two suits: one brought directly, one after review, both maintained. */
const T4 = [1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1];
const REVIEWS = (suits: string) => `全年发生政府信息公开行政复议1件，结果维持1件；${suits}。`;

// `行政诉讼 N件` = 未经复议直接起诉/总计 + 复议后起诉/总计 of table 4.
tester.run('cn-gov-disclosure-2021/suits-in-text', {
  valid: [
    { name: 'no lawsuit, no figure (Markdown)', code: markdown() },
    {
      name: '行政诉讼 2件 = 1 direct + 1 after review (Markdown)',
      code: markdown({ reviews: REVIEWS('发生政府信息公开行政诉讼2件，均维持原行政行为'), t4: T4 }),
    },
    { name: '行政诉讼 2件 (YAML)', code: yaml({ reviews: REVIEWS('发生政府信息公开行政诉讼2件，均维持原行政行为'), t4: T4 }), filename: 'report.yaml' },
    { name: '行政诉讼 2件 (HTML page)', code: html({ reviews: REVIEWS('发生政府信息公开行政诉讼2件，均维持原行政行为'), t4: T4 }), filename: 'report.html' },
  ],
  invalid: [
    {
      name: '行政诉讼 3件 but the two lawsuit totals add up to 1 + 1 = 2',
      code: markdown({ reviews: REVIEWS('发生政府信息公开行政诉讼3件，均维持原行政行为'), t4: T4 }),
      errors: [
        {
          messageId: 'mismatch',
          line: 78,
          column: 37,
          data: { label: '发生政府信息公开行政诉讼', stated: '3件', table: 'suits-direct + suits-after-review = 2', expected: '2' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'only one block counted: 行政诉讼 1件 when a suit after review is in the table too',
      code: yaml({ reviews: REVIEWS('发生政府信息公开行政诉讼1件'), t4: T4 }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 72, column: 43, data: { stated: '1件', expected: '2' } }],
    },
  ],
});
