import { html, markdown, row, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

// 一 + 二 = （七） + 四 in every column of table 3 (line 45 `一`, 46 `二`, 73 `（七）`, 74 `四` in Markdown).
tester.run('cn-gov-disclosure-2021/applications-balance', {
  valid: [
    { name: 'the consistent report (Markdown)', code: markdown() },
    { name: 'the consistent report (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the consistent report (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'a balance with requests carried over and forward: 35 + 2 = 34 + 3',
      code: markdown({
        year: 2024,
        t3: { ...row('二、上年结转政府信息公开申请数量', 2, 0, 0, 0, 0, 0, 2), ...row('四、结转下年度继续办理', 3, 0, 0, 0, 0, 0, 3) },
      }),
    },
    {
      name: 'a blank is not zero: a blank 二 is left to complete-cells, not read as 0 and reported here',
      code: markdown({ t3: row('二、上年结转政府信息公开申请数量', '', 0, 0, 0, 0, 0, 1) }),
    },
    {
      name: 'the results rows do not enter the balance: a wrong 予以公开 with a right （七）总计 is for results-total',
      code: markdown({ t3: row('（一）予以公开', 13, 1, 0, 0, 0, 1, 15) }),
    },
  ],
  invalid: [
    {
      name: '（七）总计 one short in the 总计 column: 35 + 1 ≠ 33 + 2',
      code: markdown({ t3: row('（七）总计', 29, 3, 0, 0, 1, 1, 33) }),
      errors: [
        {
          messageId: 'mismatch-in-column',
          line: 45,
          column: 47,
          data: { column: '总计', lhs: '35 + 1 = 36', rhs: '33 + 2 = 35', difference: '1' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'a request carried forward twice: 四 of 自然人 and of 总计 one too many',
      code: markdown({ t3: row('四、结转下年度继续办理', 3, 0, 0, 0, 0, 0, 3) }),
      errors: [
        { messageId: 'mismatch-in-column', line: 45, column: 22, data: { column: '自然人', lhs: '30 + 1 = 31', rhs: '29 + 3 = 32', difference: '-1' } },
        { messageId: 'mismatch-in-column', line: 45, column: 47, data: { column: '总计', lhs: '35 + 1 = 36', rhs: '34 + 3 = 37', difference: '-1' } },
      ],
    },
    {
      name: 'the same error in the YAML report',
      code: yaml({ t3: row('（七）总计', 29, 3, 0, 0, 1, 1, 33) }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch-in-column', line: 40, column: 53, data: { column: '总计', lhs: '35 + 1 = 36', rhs: '33 + 2 = 35' } }],
    },
    {
      name: 'the same error on the published HTML page, located at the whole `<td>` of 一 / 总计',
      code: html({ t3: row('（七）总计', 29, 3, 0, 0, 1, 1, 33) }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch-in-column', line: 33, column: 91, data: { column: '总计', lhs: '35 + 1 = 36', rhs: '33 + 2 = 35' } }],
    },
  ],
});
