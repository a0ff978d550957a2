import { html, markdown, yaml } from './fixtures/report.ts';
import { knownIssues2021, tester2021 as tester } from './fixtures/tester.ts';

const PROACTIVE = (documents: string) => `全年主动公开政府信息共1248条，其中政府网站发布962条、政务新媒体发布286条。${documents}`;

// A count of 规章 or 行政规范性文件 in the text is one of 本年制发件数 or 现行有效件数 of table 2 (line 20 the
// paragraph; 24 规章 0 | 0 | 0, 25 行政规范性文件 6 | 2 | 41 in Markdown).
tester.run('cn-gov-disclosure-2021/documents-in-text', {
  valid: [
    { name: 'the report without a count in the text', code: markdown() },
    {
      name: 'the same documents counted two ways, 制发 6件 and 现行有效 41件: each is one of the four figures (Markdown)',
      code: markdown({ proactive: PROACTIVE('本年度制发行政规范性文件6件，现行有效行政规范性文件41件。') }),
    },
    { name: '制发 6件 (YAML)', code: yaml({ proactive: PROACTIVE('本年度制发行政规范性文件6件。') }), filename: 'report.yaml' },
    { name: '现行有效 41件 (HTML page)', code: html({ proactive: PROACTIVE('截至年底，现行有效行政规范性文件41件。') }), filename: 'report.html' },
    {
      name: 'repealed and cleaned-up documents are not the figures compared',
      code: markdown({ proactive: PROACTIVE('本年度废止行政规范性文件2件，清理规范性文件57件。') }),
    },
    { name: 'interpretations are not documents', code: markdown({ proactive: PROACTIVE('本年度发布行政规范性文件解读6篇，解读行政规范性文件6件。') }) },
  ],
  invalid: [
    {
      name: '制发 7件, but table 2 says 6 issued and 41 in force',
      code: markdown({ proactive: PROACTIVE('本年度制发行政规范性文件7件。') }),
      errors: [
        {
          messageId: 'mismatch',
          line: 20,
          column: 55,
          data: {
            label: '本年度制发行政规范性文件',
            stated: '7件',
            table: '规章 / 本年制发件数 = 0; 规章 / 现行有效件数 = 0; 行政规范性文件 / 本年制发件数 = 6; 行政规范性文件 / 现行有效件数 = 41',
          },
          severity: 'error',
        },
      ],
    },
    {
      name: '现行有效 40件 (YAML)',
      code: yaml({ proactive: PROACTIVE('截至年底，现行有效行政规范性文件40件。') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 15, column: 65, data: { stated: '40件' } }],
    },
    {
      name: '规章 2件 when none was issued and none is in force (HTML page)',
      code: html({ proactive: PROACTIVE('本年度制定规章2件。') }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch', line: 10, column: 53, data: { stated: '2件', label: '本年度制定规章' } }],
    },
  ],
});

// Known false alarm: a part of a 其中 list is a subset of the documents counted (2 of the 6 issued), not a
// figure of table 2, but text-vs-table compares the parts of a list as well as its total.
knownIssues2021.run('cn-gov-disclosure-2021/documents-in-text', {
  valid: [
    {
      name: 'known false alarm: 其中 2 of the 6 issued documents concern enterprises',
      code: markdown({ proactive: PROACTIVE('本年度制发行政规范性文件6件，其中涉企行政规范性文件2件。') }),
    },
  ],
  invalid: [],
});
