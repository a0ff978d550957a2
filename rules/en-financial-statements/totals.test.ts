import { html, markdown, yaml } from './fixtures/report.ts';
import { testerEn as tester } from './fixtures/tester.ts';

// Every `Total …` line = the lines above it that it closes, subtotals standing for their lines, in each year's
// column. Markdown lines: 26 Total current assets, 31 Total assets, 44 Total liabilities and net assets, 59 Total expenses.
tester.run('en-financial-statements/totals', {
  valid: [
    { name: 'every total adds up, both years (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'Total assets closes the two subtotals, not every line above it twice',
      code: markdown({
        position: {
          Investments: ['2,960,000', '2,730,000'],
          'Total non-current assets': ['3,830,000', '3,635,000'],
          'Total assets': ['5,410,000', '5,045,200'],
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'Total current assets 1,590,000, but its lines add up to 1,580,000',
      code: markdown({ position: { 'Total current assets': ['1,590,000', '1,410,200'] } }),
      errors: [
        {
          messageId: 'total-mismatch',
          line: 26,
          column: 26,
          data: { total: 'Total current assets', column: '30 June 2024', actual: '1,590,000', expected: '1,580,000', parts: '1,245,300 + 310,000 + 24,700' },
          severity: 'error',
        },
        {
          messageId: 'total-mismatch',
          line: 31,
          column: 18,
          data: { total: 'Total assets', actual: '5,400,000', expected: '5,410,000', parts: '1,590,000 + 3,820,000' },
        },
      ],
    },
    {
      name: 'a line of the prior year mistyped: Total expenses of FY2023',
      code: markdown({ activities: { Fundraising: ['226,000', '210,000'] } }),
      errors: [
        { messageId: 'total-mismatch', line: 59, column: 32, data: { total: 'Total expenses', column: 'FY2023', actual: '3,104,000', expected: '3,113,000' } },
      ],
    },
    {
      name: 'Total expenses 3,268,000 when program services were 2,640,000 (the published FY2024 report) (YAML)',
      code: yaml({ activities: { 'Program services': ['2,640,000', '2,505,000'] } }),
      filename: 'report.yaml',
      errors: [
        {
          messageId: 'total-mismatch',
          line: 55,
          column: 33,
          data: { actual: '3,268,000', expected: '3,278,000', parts: '2,640,000 + 412,000 + 226,000', difference: '-10,000' },
        },
      ],
    },
    {
      name: 'Total liabilities and net assets off (HTML page)',
      code: html({ position: { 'Total liabilities and net assets': ['5,400,000', '5,054,200'] } }),
      filename: 'report.html',
      errors: [
        { messageId: 'total-mismatch', line: 33, column: 64, data: { total: 'Total liabilities and net assets', actual: '5,054,200', expected: '5,045,200' } },
      ],
    },
  ],
});
