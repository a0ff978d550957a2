import { html, markdown, row, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

const REQUESTS = (forward: string) =>
  `本年度共收到政府信息公开申请35件，上年结转1件。全年办结政府信息公开申请34件，其中予以公开14件、部分公开6件、不予公开2件、无法提供9件、不予处理2件、其他处理1件；${forward}。`;

// `结转下年度继续办理 N件` = 四、结转下年度继续办理 / 总计 (2).
tester.run('cn-gov-disclosure-2021/carried-forward-in-text', {
  valid: [
    { name: '结转下年度继续办理 2件 (Markdown); 上年结转1件 is not a carry forward', code: markdown() },
    { name: '结转下年度继续办理 2件 (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: '结转下年度继续办理 2件 (HTML page)', code: html(), filename: 'report.html' },
    { name: '转入下一年度办理 2件', code: markdown({ requests: REQUESTS('另有2件申请因需征求第三方意见转入下一年度办理') }) },
  ],
  invalid: [
    {
      name: '结转下年度继续办理 3件 but 四 is 2',
      code: markdown({ requests: REQUESTS('结转下年度继续办理3件') }),
      errors: [
        {
          messageId: 'mismatch',
          line: 39,
          column: 96,
          data: { label: '结转下年度继续办理', stated: '3件', table: '四、结转下年度继续办理 / 总计 = 2' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the text is right but 四 / 总计 of the table says 3',
      code: markdown({ t3: row('四、结转下年度继续办理', 2, 0, 0, 0, 0, 0, 3) }),
      errors: [{ messageId: 'mismatch', line: 39, column: 96, data: { stated: '2件', table: '四、结转下年度继续办理 / 总计 = 3' } }],
    },
    {
      name: 'the same error in the YAML report',
      code: yaml({ requests: REQUESTS('结转下年度继续办理3件') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 34, column: 102, data: { stated: '3件' } }],
    },
  ],
});
