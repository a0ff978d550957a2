import { html, markdown, row, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

// Every figure of table 3 filled in: a blank, `/` or `—` is not zero. Heading rows (三、, （三）…（六）) are exempt.
tester.run('cn-gov-disclosure-2021/complete-cells', {
  valid: [
    { name: 'every cell holds a number, zeros written as 0 (Markdown)', code: markdown() },
    { name: 'every cell holds a number (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'every cell holds a number; heading rows are blank (HTML page)', code: html(), filename: 'report.html' },
  ],
  invalid: [
    {
      name: 'a zero printed as a blank (an empty Markdown cell has no width: the row is located)',
      code: markdown({ t3: row('3.危及“三安全一稳定”', '', 0, 0, 0, 0, 0, 0) }),
      errors: [{ messageId: 'empty-cell', line: 53, column: 1, data: { row: '3.危及“三安全一稳定”', column: '自然人', text: '' }, severity: 'error' }],
    },
    {
      name: 'a slash for none',
      code: markdown({ t3: row('3.要求提供公开出版物', 0, '/', 0, 0, 0, 0, 0) }),
      errors: [{ messageId: 'empty-cell', line: 66, column: 21, data: { row: '3.要求提供公开出版物', column: '法人或其他组织/商业企业', text: '/' } }],
    },
    {
      name: 'dashes across a row of the 法人或其他组织 columns',
      code: markdown({ t3: row('8.属于行政查询事项', 0, '—', '—', '—', '—', '—', 0) }),
      errors: [
        { messageId: 'empty-cell', line: 58, column: 20, data: { column: '法人或其他组织/商业企业', text: '—' } },
        { messageId: 'empty-cell', line: 58, column: 24, data: { column: '法人或其他组织/科研机构', text: '—' } },
        { messageId: 'empty-cell', line: 58, column: 28, data: { column: '法人或其他组织/社会公益组织', text: '—' } },
        { messageId: 'empty-cell', line: 58, column: 32, data: { column: '法人或其他组织/法律服务机构', text: '—' } },
        { messageId: 'empty-cell', line: 58, column: 36, data: { column: '法人或其他组织/其他', text: '—' } },
      ],
    },
    {
      name: 'a blank 总计',
      code: markdown({ t3: row('二、上年结转政府信息公开申请数量', 1, 0, 0, 0, 0, 0, '') }),
      errors: [{ messageId: 'empty-cell', line: 46, column: 1, data: { column: '总计', text: '' } }],
    },
    {
      name: 'a null cell in YAML',
      code: yaml({ t3: row('3.危及“三安全一稳定”', '', 0, 0, 0, 0, 0, 0) }),
      filename: 'report.yaml',
      errors: [{ messageId: 'empty-cell', line: 48, column: 30, data: { column: '自然人' } }],
    },
    {
      name: 'an empty <td> on the HTML page',
      code: html({ t3: row('3.危及“三安全一稳定”', '', 0, 0, 0, 0, 0, 0) }),
      filename: 'report.html',
      errors: [{ messageId: 'empty-cell', line: 41, column: 26, data: { column: '自然人' } }],
    },
  ],
});
