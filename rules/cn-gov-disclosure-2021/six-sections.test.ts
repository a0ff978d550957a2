import { html, markdown, type Section, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

const without = (heading: string) => (sections: Section[]) => sections.filter((s) => !s.heading.startsWith(heading));
const renamed = (from: string, to: string) => (sections: Section[]) => sections.map((s) => (s.heading === from ? { ...s, heading: to } : s));
const swapped = (sections: Section[]) => [...sections.slice(0, 4), sections[5] as Section, sections[4] as Section];

// The six sections of the 2021 format, in order, and table 3. Missing ones are reported at the title
// (line 2 in the front matter); a section out of order at its heading.
tester.run('cn-gov-disclosure-2021/six-sections', {
  valid: [
    { name: 'the six sections in order (Markdown)', code: markdown() },
    { name: 'the six sections in order (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the six sections in order (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'section 4 under its 2019 title, section 5 with 和 for 及',
      code: markdown({
        arrange: (s) =>
          renamed(
            '五、存在的主要问题及改进情况',
            '五、存在的主要问题和改进情况',
          )(renamed('四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况')(s)),
      }),
    },
  ],
  invalid: [
    {
      name: 'section 6 left out',
      code: markdown({ arrange: without('六、') }),
      errors: [{ messageId: 'missing-section', line: 2, column: 8, data: { section: '其他需要报告的事项' }, severity: 'warning' }],
    },
    {
      name: 'sections 5 and 6 swapped',
      code: markdown({ arrange: swapped }),
      errors: [
        {
          messageId: 'out-of-order',
          line: 86,
          column: 1,
          data: { section: '六、其他需要报告的事项', after: '存在的主要问题及改进情况|存在的主要问题和改进情况' },
        },
      ],
    },
    {
      name: 'table 3 missing: the requests given only in words',
      code: markdown({ arrange: (s) => s.map((x) => ({ ...x, tables: x.heading.startsWith('三、') ? [] : x.tables })) }),
      errors: [{ messageId: 'missing-table', line: 2, column: 8, data: { table: 'T3' } }],
    },
    {
      name: 'without front matter, a missing section is reported at the title line',
      code: markdown({ meta: false, arrange: without('五、') }),
      errors: [{ messageId: 'missing-section', line: 1, column: 3, data: { section: '存在的主要问题及改进情况|存在的主要问题和改进情况' } }],
    },
    {
      name: 'section 6 left out (YAML)',
      code: yaml({ arrange: without('六、') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'missing-section', line: 2, column: 10, data: { section: '其他需要报告的事项' } }],
    },
  ],
});
