import { html, markdown, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

// `行政复议 N件` = 行政复议/总计 of table 4 (line 78 the paragraph, 84 the 件数 row in Markdown).
tester.run('cn-gov-disclosure-2021/reviews-in-text', {
  valid: [
    { name: '行政复议 1件 = 行政复议/总计 (Markdown)', code: markdown() },
    { name: '行政复议 1件 (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: '行政复议 1件 (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'outcomes in the text are not the total: 3件, 其中结果维持2件、结果纠正1件',
      code: markdown({
        reviews: '全年发生政府信息公开行政复议3件，其中结果维持2件、结果纠正1件；未发生政府信息公开行政诉讼。',
        t4: [2, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      }),
    },
    {
      name: 'no figure when there was none: 未发生政府信息公开行政复议',
      code: markdown({ reviews: '未发生政府信息公开行政复议、行政诉讼。', t4: Array(15).fill(0) }),
    },
  ],
  invalid: [
    {
      name: '行政复议 3件 but 行政复议/总计 is 2 (2 maintained, 1 corrected, the total not updated)',
      code: markdown({
        reviews: '全年发生政府信息公开行政复议3件，其中结果维持2件、结果纠正1件；未发生政府信息公开行政诉讼。',
        t4: [2, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      }),
      errors: [
        {
          messageId: 'mismatch',
          line: 78,
          column: 15,
          data: { label: '全年发生政府信息公开行政复议', stated: '3件', table: '件数 / 行政复议/总计 = 2' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the same error in the YAML report',
      code: yaml({ reviews: '全年发生政府信息公开行政复议2件，结果维持1件；未发生政府信息公开行政诉讼。' }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 72, column: 21, data: { stated: '2件', table: '件数 / 行政复议/总计 = 1' } }],
    },
  ],
});
