import { markdown, text } from './fixtures/report.ts';
import { tester2008 as tester } from './fixtures/tester.ts';

// Under the 2008 Regulations every body publishes by 31 March of the next year. The report's date is the
// signature (line 23 in plain text) or `published` (line 8 of the Markdown front matter).
tester.run('cn-gov-disclosure-2008/deadline', {
  valid: [
    { name: 'signed 15 January (plain text)', code: text(), filename: 'report.txt' },
    { name: 'published 15 January (Markdown)', code: markdown() },
    { name: 'a department too may publish until 31 March under the 2008 Regulations', code: text({ published: '2019-03-31' }), filename: 'report.txt' },
    {
      name: 'the next year in the plan’s heading and a later 填报日期 on the form are not the report’s date',
      code: text({ planHeading: '七、2019年工作的初步计划安排', filled: '2019-04-02' }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: 'signed 15 April',
      code: text({ published: '2019-04-15' }),
      filename: 'report.txt',
      errors: [{ messageId: 'late', line: 23, column: 1, endColumn: 11, data: { published: '2019-04-15', deadline: '2019-03-31' }, severity: 'warning' }],
    },
    {
      name: 'published 1 April (Markdown)',
      code: markdown({ published: '2019-04-01' }),
      errors: [{ messageId: 'late', line: 8, column: 12, data: { published: '2019-04-01', deadline: '2019-03-31' } }],
    },
    {
      name: 'no signature: the 填报日期 of the form is the report’s date',
      code: text({ signed: false, filled: '2019-04-02' }),
      filename: 'report.txt',
      errors: [{ messageId: 'late', line: 92, column: 28, data: { published: '2019-04-02' } }],
    },
  ],
});
