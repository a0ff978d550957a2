import { html, markdown, yaml } from './fixtures/report.ts';
import { knownIssuesEn, testerEn as tester } from './fixtures/tester.ts';

const HIGHLIGHTS = (expenses: string) =>
  `Total revenue and support reached $3,656,000, while ${expenses}. On 12 March 2024 the board approved a new grants policy.`;

// Total expenses quoted in the narrative = Total expenses of this year (3,268,000; line 16 in Markdown).
tester.run('en-financial-statements/expenses-in-text', {
  valid: [
    { name: '$3,268,000 in the text and the statement (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'the prior year in brackets is not this year’s figure',
      code: markdown({ highlights: HIGHLIGHTS('total expenses were $3,268,000 (2023: $3,104,000)') }),
    },
  ],
  invalid: [
    {
      name: 'the text says $3,286,000, the statement 3,268,000',
      code: markdown({ highlights: HIGHLIGHTS('total expenses were $3,286,000') }),
      errors: [
        {
          messageId: 'mismatch',
          line: 16,
          column: 73,
          data: { label: 'total expenses', stated: '$3,286,000', table: 'Total expenses / FY2024 = 3,268,000' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the text is right, the statement was changed (YAML)',
      code: yaml({ activities: { 'Total expenses': ['3,278,000', '3,104,000'] } }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 12, column: 79, data: { stated: '$3,268,000', table: 'Total expenses / FY2024 = 3,278,000' } }],
    },
    {
      name: 'the same on the HTML page',
      code: html({ highlights: HIGHLIGHTS('total expenses were $3,286,000') }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch', line: 7, column: 76, data: { stated: '$3,286,000' } }],
    },
  ],
});

// Known false alarm: a figure with a scale word is compared as written, 3.3 against 3,268,000.
knownIssuesEn.run('en-financial-statements/expenses-in-text', {
  valid: [
    {
      name: 'known false alarm: expenses in millions, $3.3 million for 3,268,000',
      code: markdown({ highlights: HIGHLIGHTS('total expenses were $3.3 million') }),
    },
  ],
  invalid: [],
});
