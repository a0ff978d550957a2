import { html, markdown, yaml } from './fixtures/report.ts';
import { testerEn as tester } from './fixtures/tester.ts';

// Both primary statements are present; a missing one is reported at the title (line 2 of the front matter).
tester.run('en-financial-statements/statements-present', {
  valid: [
    { name: 'both statements (Markdown)', code: markdown() },
    { name: 'both statements (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'both statements (HTML page)', code: html(), filename: 'report.html' },
  ],
  invalid: [
    {
      name: 'the statement of activities left out',
      code: markdown({ without: 'activities' }),
      errors: [{ messageId: 'missing-table', line: 2, column: 8, data: { table: 'activities' }, severity: 'warning' }],
    },
    {
      name: 'the statement of financial position left out (YAML)',
      code: yaml({ without: 'position' }),
      filename: 'report.yaml',
      errors: [{ messageId: 'missing-table', line: 2, column: 10, data: { table: 'position' } }],
    },
    {
      name: 'the statement of activities left out of the page (HTML)',
      code: html({ without: 'activities' }),
      filename: 'report.html',
      errors: [{ messageId: 'missing-table', line: 4, column: 5, data: { table: 'activities' } }],
    },
  ],
});
