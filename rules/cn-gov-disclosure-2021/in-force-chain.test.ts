import { html, markdown, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

// 行政规范性文件 现行有效件数 = last year's + 本年制发件数 − 本年废止件数; the 2023 report has 41 in force
// (line 25 `| 行政规范性文件 | 6 | 2 | 41 |` in Markdown).
tester.run('cn-gov-disclosure-2021/in-force-chain', {
  valid: [
    { name: '41 + 5 − 1 = 45 (Markdown)', code: markdown({ year: 2024, documents: { 行政规范性文件: [5, 1, 45] } }), previous: markdown() },
    { name: '41 + 5 − 1 = 45 (YAML)', code: yaml({ year: 2024, documents: { 行政规范性文件: [5, 1, 45] } }), previous: yaml(), filename: 'report.yaml' },
    { name: '41 + 0 − 0 = 41 (HTML pages)', code: html({ year: 2024, documents: { 行政规范性文件: [0, 0, 41] } }), previous: html(), filename: 'report.html' },
    { name: 'without last year’s report there is nothing to compare', code: markdown({ year: 2024, documents: { 行政规范性文件: [5, 1, 52] } }) },
  ],
  invalid: [
    {
      name: '46 in force, but 41 + 5 − 1 = 45',
      code: markdown({ year: 2024, documents: { 行政规范性文件: [5, 1, 46] } }),
      previous: markdown(),
      errors: [{ messageId: 'mismatch', line: 25, column: 21, data: { lhs: '46', rhs: '41 + 5 - 1 = 45', difference: '1' }, severity: 'warning' }],
    },
    {
      name: 'a clean-up that the text does not explain: 30 in force after 5 issued and 1 repealed (YAML)',
      code: yaml({ year: 2024, documents: { 行政规范性文件: [5, 1, 30] } }),
      previous: yaml(),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 21, column: 31, data: { lhs: '30', rhs: '41 + 5 - 1 = 45', difference: '-15' } }],
    },
  ],
});
