import { html, markdown, yaml } from './fixtures/report.ts';
import { knownIssuesEn, testerEn as tester } from './fixtures/tester.ts';

// The report states its period, and it is the whole fiscal year: FY2024 runs from 1 July 2023 to 30 June 2024.
tester.run('en-financial-statements/fiscal-period', {
  valid: [
    { name: 'the period in the front matter (Markdown)', code: markdown() },
    { name: 'the period in meta (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: '“for the fiscal year ended 30 June 2024” on a page without metadata (HTML)', code: html(), filename: 'report.html' },
    { name: 'without front matter, the period read from the text', code: markdown({ meta: false }) },
    { name: 'a period written as a range', code: markdown({ meta: false, opening: 'This report covers the period from 1 July 2023 to 30 June 2024.' }) },
  ],
  invalid: [
    {
      name: 'a period that stops at 31 May',
      code: markdown({ period: ['2023-07-01', '2024-05-31'] }),
      errors: [
        {
          messageId: 'incomplete',
          line: 5,
          column: 3,
          data: { start: '2023-07-01', end: '2024-05-31', expectedStart: '2023-07-01', expectedEnd: '2024-06-30' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'a calendar year for the fiscal year (HTML page)',
      code: html({ opening: 'This report covers the year ended 31 December 2024.' }),
      filename: 'report.html',
      errors: [{ messageId: 'incomplete', line: 5, column: 27, data: { start: '2024-01-01', end: '2024-12-31', expectedStart: '2023-07-01' } }],
    },
    {
      name: 'only the year, in the front matter: the period is not stated',
      code: markdown({ period: null, metaYear: true, opening: 'This report presents the financial statements of the foundation.' }),
      errors: [{ messageId: 'year-only', line: 4, column: 7, data: { year: '2024' } }],
    },
    {
      name: 'neither a period nor a year read: reported at the title',
      code: markdown({ period: null, opening: 'This report presents the financial statements of the foundation.' }),
      errors: [{ messageId: 'missing', line: 2, column: 8 }],
    },
    {
      name: 'six months reported as the year (YAML)',
      code: yaml({ meta: false, opening: 'This report covers the six months ended 30 June 2024.' }),
      filename: 'report.yaml',
      errors: [{ messageId: 'incomplete', line: 1, column: 31, data: { start: '2024-01-01', end: '2024-06-30' } }],
    },
  ],
});

// Known issue: a title such as `… Annual Financial Report, Fiscal Year 2024` is not recognised as the title, so
// its year is not read and the finding says the report states no year at all.
knownIssuesEn.run('en-financial-statements/fiscal-period', {
  valid: [],
  invalid: [
    {
      name: 'known issue: the year in the title, Fiscal Year 2024, not read (no front matter)',
      code: markdown({ meta: false, opening: 'This report presents the financial statements of the foundation.' }),
      errors: [{ messageId: 'year-only', line: 1, data: { year: '2024' } }],
    },
  ],
});
