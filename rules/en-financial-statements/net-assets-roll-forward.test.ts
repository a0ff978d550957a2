import { html, markdown, yaml } from './fixtures/report.ts';
import { testerEn as tester } from './fixtures/tester.ts';

// Total net assets at the end of the year (first column) less a year earlier (second column) = this year's
// Change in net assets (Markdown: 43 Total net assets, 60 Change in net assets).
tester.run('en-financial-statements/net-assets-roll-forward', {
  valid: [
    { name: '4,800,000 − 4,412,000 = 388,000 (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'the prior year’s change is not rolled forward from the column before it',
      code: markdown({ activities: { 'Change in net assets': ['388,000', '300,000'] } }),
    },
  ],
  invalid: [
    {
      name: 'last year’s net assets restated in one statement only: 4,800,000 − 4,402,000 = 398,000 ≠ 388,000',
      code: markdown({ position: { 'Total net assets': ['4,800,000', '4,402,000'] } }),
      errors: [
        {
          messageId: 'mismatch',
          line: 60,
          column: 26,
          data: { lhs: '4,800,000 - 4,402,000 = 398,000', rhs: '388,000', difference: '10000' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the change updated, the statement of financial position not (YAML)',
      code: yaml({ activities: { 'Change in net assets': ['378,000', '293,000'] } }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 56, column: 39, data: { lhs: '4,800,000 - 4,412,000 = 388,000', rhs: '378,000' } }],
    },
    {
      name: 'the same on the HTML page',
      code: html({ position: { 'Total net assets': ['4,800,000', '4,402,000'] } }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch', line: 48, column: 34, data: { rhs: '388,000' } }],
    },
  ],
});
