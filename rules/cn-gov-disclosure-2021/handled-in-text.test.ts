import { html, markdown, row, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

const REQUESTS = (handled: string) =>
  `本年度共收到政府信息公开申请35件，上年结转1件。${handled}，其中予以公开14件、部分公开6件、不予公开2件、无法提供9件、不予处理2件、其他处理1件；结转下年度继续办理2件。`;

// `办结/答复 N件` in the text = （七）总计 / 总计 of table 3 (34; line 39 is the requests paragraph in Markdown).
tester.run('cn-gov-disclosure-2021/handled-in-text', {
  valid: [
    { name: '办结 34件 = （七）总计 (Markdown)', code: markdown() },
    { name: '办结 34件 = （七）总计 (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: '办结 34件 = （七）总计 (HTML page)', code: html(), filename: 'report.html' },
    { name: '答复 rather than 办结', code: markdown({ requests: REQUESTS('全年共答复政府信息公开申请34件') }) },
    {
      name: '按时办结 and 延期办结 are parts, not the total handled',
      code: markdown({
        requests: '本年度共收到政府信息公开申请35件，上年结转1件。全年办结政府信息公开申请34件，其中按时办结33件、延期办结1件；结转下年度继续办理2件。',
      }),
    },
    { name: 'a rate is not a count: 按时办结率100%', code: markdown({ requests: REQUESTS('全年办结政府信息公开申请34件，按时办结率100%。全年办结的申请中') }) },
  ],
  invalid: [
    {
      name: '办结 35件 but （七）总计 is 34',
      code: markdown({ requests: REQUESTS('全年办结政府信息公开申请35件') }),
      errors: [
        {
          messageId: 'mismatch',
          line: 39,
          column: 38,
          endColumn: 41,
          data: { label: '全年办结政府信息公开申请', stated: '35件', table: '（七）总计 / 总计 = 34', expected: '34' },
          severity: 'error',
        },
      ],
    },
    {
      name: '答复 33件 but （七）总计 is 34',
      code: markdown({ requests: REQUESTS('全年共答复政府信息公开申请33件') }),
      errors: [{ messageId: 'mismatch', line: 39, column: 39, data: { label: '全年答复政府信息公开申请', stated: '33件' } }],
    },
    {
      name: 'the text is right but the table was changed: （七）总计 / 总计 35',
      code: markdown({ t3: row('（七）总计', 29, 3, 0, 0, 1, 1, 35) }),
      errors: [{ messageId: 'mismatch', line: 39, column: 38, data: { stated: '34件', table: '（七）总计 / 总计 = 35' } }],
    },
    {
      name: 'the same error in the YAML report',
      code: yaml({ requests: REQUESTS('全年办结政府信息公开申请35件') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 34, column: 44, data: { stated: '35件', table: '（七）总计 / 总计 = 34' } }],
    },
    {
      name: 'the same error on the published HTML page',
      code: html({ requests: REQUESTS('全年办结政府信息公开申请35件') }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch', line: 27, column: 41, data: { stated: '35件', table: '（七）总计 / 总计 = 34' } }],
    },
  ],
});
