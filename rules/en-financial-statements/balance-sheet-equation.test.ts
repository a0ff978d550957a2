import { html, markdown, yaml } from './fixtures/report.ts';
import { testerEn as tester } from './fixtures/tester.ts';

// Total assets = Total liabilities + Total net assets, in each year's column (line 31 Total assets in Markdown).
tester.run('en-financial-statements/balance-sheet-equation', {
  valid: [
    { name: '5,400,000 = 600,000 + 4,800,000 and 5,045,200 = 633,200 + 4,412,000 (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
  ],
  invalid: [
    {
      name: 'a liability added without its asset: 5,400,000 ≠ 610,000 + 4,800,000',
      code: markdown({ position: { 'Total liabilities': ['610,000', '633,200'] } }),
      errors: [
        {
          messageId: 'mismatch-in-column',
          line: 31,
          column: 18,
          data: { column: '30 June 2024', lhs: '5,400,000', rhs: '610,000 + 4,800,000 = 5,410,000', difference: '-10000' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the prior year’s net assets mistyped (YAML)',
      code: yaml({ position: { 'Total net assets': ['4,800,000', '4,421,000'] } }),
      filename: 'report.yaml',
      errors: [
        { messageId: 'mismatch-in-column', line: 27, column: 44, data: { column: '30 June 2023', lhs: '5,045,200', rhs: '633,200 + 4,421,000 = 5,054,200' } },
      ],
    },
    {
      name: 'the same on the HTML page',
      code: html({ position: { 'Total liabilities': ['610,000', '633,200'] } }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch-in-column', line: 20, column: 26, data: { column: '30 June 2024', lhs: '5,400,000' } }],
    },
  ],
});
