import { markdown2019, yaml2019 } from './fixtures/report.ts';
import { tester2019 as tester } from './fixtures/tester.ts';

/** The 2019 report of the same bureau: 35 规范性文件 published in all by the end of 2019. */
const LAST_YEAR = markdown2019({ year: 2019, documents: { 规范性文件: [2, 2, 35] } });

// 规范性文件 对外公开总数量 = last year's + 本年新公开数量 (line 25 `| 规范性文件 | 3 | 3 | 38 |` in Markdown).
tester.run('cn-gov-disclosure-2019/in-force-chain', {
  valid: [
    { name: '35 + 3 = 38', code: markdown2019(), previous: LAST_YEAR },
    { name: 'nothing newly published: 35 + 0 = 35', code: markdown2019({ documents: { 规范性文件: [0, 0, 35] } }), previous: LAST_YEAR },
    {
      name: 'a document made this year but not yet published does not count: 35 + 3 = 38 with 4 made',
      code: markdown2019({ documents: { 规范性文件: [4, 3, 38] } }),
      previous: LAST_YEAR,
    },
    { name: '35 + 3 = 38 (YAML)', code: yaml2019(), previous: yaml2019({ year: 2019, documents: { 规范性文件: [2, 2, 35] } }), filename: 'report.yaml' },
    { name: 'without last year’s report there is nothing to compare', code: markdown2019({ documents: { 规范性文件: [3, 3, 52] } }) },
  ],
  invalid: [
    {
      name: '对外公开总数量 39, but 35 + 3 = 38',
      code: markdown2019({ documents: { 规范性文件: [3, 3, 39] } }),
      previous: LAST_YEAR,
      errors: [{ messageId: 'mismatch', line: 25, column: 19, data: { lhs: '39', rhs: '35 + 3 = 38', difference: '1' }, severity: 'warning' }],
    },
    {
      name: 'last year’s total copied unchanged although 3 were newly published',
      code: markdown2019({ documents: { 规范性文件: [3, 3, 35] } }),
      previous: LAST_YEAR,
      errors: [{ messageId: 'mismatch', line: 25, column: 19, data: { lhs: '35', rhs: '35 + 3 = 38', difference: '-3' } }],
    },
    {
      name: 'the same in YAML',
      code: yaml2019({ documents: { 规范性文件: [3, 3, 39] } }),
      previous: yaml2019({ year: 2019, documents: { 规范性文件: [2, 2, 35] } }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 21, column: 29, data: { lhs: '39', rhs: '35 + 3 = 38' } }],
    },
  ],
});
