import { html, markdown, yaml } from './fixtures/report.ts';
import { testerEn as tester } from './fixtures/tester.ts';

const HIGHLIGHTS = (event: string) => `Total revenue and support reached $3,656,000, while total expenses were $3,268,000. ${event}`;

// Day-precise dates in the narrative lie inside the fiscal year (1 July 2023 – 30 June 2024), except in the
// subsequent events note and in comparisons. Line 16 the highlights in Markdown.
tester.run('en-financial-statements/dates-in-fiscal-year', {
  valid: [
    { name: 'an event of March 2024; the move of August 2024 under Subsequent events (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'the first and the last day of the fiscal year',
      code: markdown({ highlights: HIGHLIGHTS('The new programme ran from 1 July 2023 to 30 June 2024.') }),
    },
    { name: 'a comparison with the end of the prior year', code: markdown({ highlights: HIGHLIGHTS('Net assets grew by 8.8% compared with 30 June 2023.') }) },
    { name: 'a month without a day is not checked', code: markdown({ highlights: HIGHLIGHTS('The board approved a new grants policy in August 2024.') }) },
  ],
  invalid: [
    {
      name: 'the move of 15 August 2024 told among the year’s highlights (the published FY2024 report)',
      code: markdown({ highlights: HIGHLIGHTS('The foundation moved to new offices on 15 August 2024.'), subsequent: null }),
      errors: [
        {
          messageId: 'outside',
          line: 16,
          column: 124,
          data: { date: '15 August 2024', start: '2023-07-01', end: '2024-06-30' },
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an event before the fiscal year (YAML)',
      code: yaml({ highlights: HIGHLIGHTS('On 3 May 2023 the board approved a new grants policy.') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'outside', line: 12, column: 94, data: { date: '3 May 2023' } }],
    },
    {
      name: 'the same on the HTML page',
      code: html({ highlights: HIGHLIGHTS('The foundation moved to new offices on 15 August 2024.'), subsequent: null }),
      filename: 'report.html',
      errors: [{ messageId: 'outside', line: 7, column: 127, data: { date: '15 August 2024' } }],
    },
  ],
});
