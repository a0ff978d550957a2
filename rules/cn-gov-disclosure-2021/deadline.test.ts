import { html, markdown, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

// Departments publish by 31 January of the next year, a people's government (or its office, for the
// government's report) by 31 March; `published` is line 7 of the front matter, the signature date line 96.
tester.run('cn-gov-disclosure-2021/deadline', {
  valid: [
    { name: 'a bureau’s report signed 25 January', code: markdown() },
    { name: 'a bureau’s report on its last day, 31 January (YAML)', code: yaml({ published: '2024-01-31' }), filename: 'report.yaml' },
    { name: 'a people’s government’s report in March', code: markdown({ issuer: '江州市人民政府', published: '2024-03-28' }) },
    {
      name: 'the government’s report published by its 办公室 in March (HTML page)',
      code: html({ issuer: '江州市人民政府办公室', published: '2024-03-31' }),
      filename: 'report.html',
    },
    { name: 'an issuer of no known kind: 31 March applies', code: markdown({ issuer: '江州市云溪镇', published: '2024-03-15' }) },
    { name: 'without front matter the signature date counts', code: markdown({ meta: false }) },
  ],
  invalid: [
    {
      name: 'a bureau’s report published on 10 February',
      code: markdown({ published: '2024-02-10' }),
      errors: [{ messageId: 'late', line: 7, column: 12, data: { published: '2024-02-10', deadline: '2024-01-31' }, severity: 'warning' }],
    },
    {
      name: 'a committee is a department too: 1 February is late',
      code: markdown({ issuer: '江州市发展和改革委员会', published: '2024-02-01' }),
      errors: [{ messageId: 'late', line: 7, column: 12, data: { published: '2024-02-01', deadline: '2024-01-31' } }],
    },
    {
      name: 'a people’s government’s report in April',
      code: yaml({ issuer: '江州市人民政府', published: '2024-04-08' }),
      filename: 'report.yaml',
      errors: [{ messageId: 'late', line: 7, column: 14, data: { published: '2024-04-08', deadline: '2024-03-31' } }],
    },
    {
      name: 'without front matter, the signature date under the issuer is late',
      code: markdown({ meta: false, published: '2024-02-20' }),
      errors: [{ messageId: 'late', line: 87, column: 1, data: { published: '2024-02-20', deadline: '2024-01-31' } }],
    },
  ],
});
