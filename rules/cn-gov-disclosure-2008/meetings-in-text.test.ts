import { markdown, text } from './fixtures/report.ts';
import { tester2008 as tester } from './fixtures/tester.ts';

const ORGANIZATION = (meetings: string) =>
  `1、加强领导,统筹安排部署各项工作。我局成立了政务公开工作的专门机构,对政务公开工作落实了专人负责,兼职人员数2人,${meetings},接受培训人员2人。`;

// The meetings held in the text = (一)召开政府信息公开工作会议或专题会议数 of the table (2; line 6 in plain text,
// 19 in Markdown).
tester.run('cn-gov-disclosure-2008/meetings-in-text', {
  valid: [
    { name: '2 meetings in the text and the table (plain text)', code: text(), filename: 'report.txt' },
    { name: '2 meetings in the text and the table (Markdown)', code: markdown() },
    {
      name: 'meetings attended, not held, are not the count',
      code: text({ organization: ORGANIZATION('召开单位内部政府信息公开工作会议2次,参加县政府政务公开工作会议3次') }),
      filename: 'report.txt',
    },
    {
      name: 'training classes are not meetings',
      code: text({ organization: ORGANIZATION('召开单位内部政府信息公开工作会议2次,举办业务培训班1次') }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: 'the text says 2 meetings, the table 0 (the slip of the 2018 report)',
      code: text({ stats: { '(一)召开政府信息公开工作会议或专题会议数': 0 } }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'mismatch',
          line: 6,
          column: 75,
          data: { label: '召开单位内部政府信息公开工作会议', stated: '2次', table: '(一)召开政府信息公开工作会议或专题会议数 / 统计数 = 0' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'a special meeting counted in the text only (Markdown)',
      code: markdown({ organization: ORGANIZATION('召开政府信息公开专题会议3次') }),
      errors: [{ messageId: 'mismatch', line: 19, column: 71, data: { label: '召开政府信息公开专题会议', stated: '3次' } }],
    },
  ],
});
