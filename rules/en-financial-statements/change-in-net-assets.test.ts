import { html, markdown, yaml } from './fixtures/report.ts';
import { testerEn as tester } from './fixtures/tester.ts';

// Change in net assets = Total revenue and support − Total expenses, in each year's column (line 60 in Markdown).
tester.run('en-financial-statements/change-in-net-assets', {
  valid: [
    { name: '388,000 = 3,656,000 − 3,268,000 and 293,000 = 3,397,000 − 3,104,000 (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
  ],
  invalid: [
    {
      name: 'a change of 398,000 where revenue less expenses is 388,000',
      code: markdown({ activities: { 'Change in net assets': ['398,000', '293,000'] } }),
      errors: [
        {
          messageId: 'mismatch-in-column',
          line: 60,
          column: 26,
          data: { column: 'FY2024', lhs: '398,000', rhs: '3,656,000 - 3,268,000 = 388,000', difference: '10000' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'expenses of the prior year updated but not the change (YAML)',
      code: yaml({ activities: { 'Total expenses': ['3,268,000', '3,114,000'] } }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch-in-column', line: 56, column: 50, data: { column: 'FY2023', lhs: '293,000', rhs: '3,397,000 - 3,114,000 = 283,000' } }],
    },
    {
      name: 'the same on the HTML page',
      code: html({ activities: { 'Change in net assets': ['398,000', '293,000'] } }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch-in-column', line: 48, column: 34, data: { column: 'FY2024', lhs: '398,000' } }],
    },
  ],
});
