import { markdown, text } from './fixtures/report.ts';
import { tester2008 as tester } from './fixtures/tester.ts';

const ORGANIZATION = (staff: string) =>
  `1、加强领导,统筹安排部署各项工作。我局成立了政务公开工作的专门机构,对政务公开工作落实了专人负责,${staff},召开单位内部政府信息公开工作会议2次,接受培训人员2人。`;

// A staff count in the text = 专职人员数, 兼职人员数 or (三)从事政府信息公开工作人员数 of the table
// (0, 2 and 2; line 6 in plain text, 19 in Markdown).
tester.run('cn-gov-disclosure-2008/staff-in-text', {
  valid: [
    { name: '兼职人员数2人 (plain text)', code: text(), filename: 'report.txt' },
    { name: '兼职人员数2人 (Markdown)', code: markdown() },
    {
      name: 'the staff in all and by kind',
      code: text({ organization: ORGANIZATION('从事政府信息公开工作人员2人,其中专职人员0人、兼职人员2人') }),
      filename: 'report.txt',
    },
    {
      name: 'service-hall staff are not disclosure staff',
      code: text({ organization: ORGANIZATION('兼职人员数2人,政务大厅共有窗口工作人员25人') }),
      filename: 'report.txt',
    },
    {
      name: 'trainees are counted in 人次 and are a row of their own',
      code: text({ organization: ORGANIZATION('兼职人员数2人,培训工作人员40人次') }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: '3 part-time staff in the text, 2 in the table',
      code: text({ organization: ORGANIZATION('兼职人员数3人') }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'mismatch',
          line: 6,
          column: 56,
          data: {
            label: '兼职人员数',
            stated: '3人',
            table: '2.兼职人员数 / 统计数 = 2; 1.专职人员数(不包括政府公报及政府网站工作人员数) / 统计数 = 0; (三)从事政府信息公开工作人员数 / 统计数 = 2',
          },
          severity: 'error',
        },
      ],
    },
    {
      name: 'a full-time officer the table does not count (Markdown)',
      code: markdown({ organization: ORGANIZATION('配备信息公开专职工作人员1人、兼职人员2人') }),
      errors: [{ messageId: 'mismatch', line: 19, column: 63, data: { label: '配备信息公开专职工作人员', stated: '1人' } }],
    },
    {
      name: '从事政府信息公开工作人员 3人, but 2 in the table',
      code: text({ organization: ORGANIZATION('从事政府信息公开工作人员3人') }),
      filename: 'report.txt',
      errors: [{ messageId: 'mismatch', line: 6, column: 63, data: { label: '从事政府信息公开工作人员', stated: '3人' } }],
    },
  ],
});
