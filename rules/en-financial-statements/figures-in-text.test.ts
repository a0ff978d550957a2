import { html, markdown, yaml } from './fixtures/report.ts';
import { knownIssuesEn, testerEn as tester } from './fixtures/tester.ts';

const HIGHLIGHTS = (revenue: string) => `${revenue}, while total expenses were $3,268,000. On 12 March 2024 the board approved a new grants policy.`;

// Total revenue quoted in the narrative = Total revenue and support of this year (3,656,000; line 16 in Markdown).
tester.run('en-financial-statements/figures-in-text', {
  valid: [
    { name: '$3,656,000 in the text and the statement (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'the prior year’s figure in brackets and the increase are not this year’s revenue',
      code: markdown({ highlights: HIGHLIGHTS('Total revenue and support reached $3,656,000 (2023: $3,397,000), an increase of $259,000') }),
    },
  ],
  invalid: [
    {
      name: 'the text says $3,665,000, the statement 3,656,000 (the published FY2024 report)',
      code: markdown({ highlights: HIGHLIGHTS('Total revenue and support reached $3,665,000') }),
      errors: [
        {
          messageId: 'mismatch',
          line: 16,
          column: 35,
          data: { label: 'Total revenue and support reached', stated: '$3,665,000', table: 'Total revenue and support / FY2024 = 3,656,000' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'last year’s revenue quoted as this year’s (YAML)',
      code: yaml({ highlights: HIGHLIGHTS('Total revenue and support reached $3,397,000') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 12, column: 41, data: { stated: '$3,397,000' } }],
    },
    {
      name: 'the same on the HTML page',
      code: html({ highlights: HIGHLIGHTS('Total revenue and support reached $3,665,000') }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch', line: 7, column: 38, data: { stated: '$3,665,000' } }],
    },
  ],
});

// Known false alarm: a figure with a scale word is compared as written, 3.7 against 3,656,000.
knownIssuesEn.run('en-financial-statements/figures-in-text', {
  valid: [
    {
      name: 'known false alarm: revenue in millions, $3.7 million for 3,656,000',
      code: markdown({ highlights: HIGHLIGHTS('Revenue and support totalled $3.7 million') }),
    },
  ],
  invalid: [],
});
