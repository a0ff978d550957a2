import { markdown as markdown2008, text } from '../cn-gov-disclosure-2008/fixtures/report.ts';
import { tester2008 } from '../cn-gov-disclosure-2008/fixtures/tester.ts';
import { html, markdown, yaml } from '../cn-gov-disclosure-2021/fixtures/report.ts';
import { tester2021 } from '../cn-gov-disclosure-2021/fixtures/tester.ts';

const OPENING_2008 = (period: string) =>
  `根据《中华人民共和国政府信息公开条例》(国务院令第492号)和《云南省政府信息公开规定》(云政发〔2013〕153号)规定要求,现将我局${period}主动公开政府信息情况以及存在的主要问题和改进措施报告如下:`;
const OPENING_2021 = (period: string) =>
  `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制。本报告所列数据的统计期限自${period}止。`;

// The stated period runs from 1 January to 31 December of the report year; a report stating neither a period nor
// a year is flagged too. Document numbers (〔2013〕153号, 国务院令第492号) are never taken for the period.
tester2008.run('cn-gov-disclosure-common/period', {
  valid: [
    { name: '2018年1月1日至2018年12月31日 in the opening (plain text)', code: text(), filename: 'report.txt' },
    { name: 'the period in the front matter (Markdown)', code: markdown2008() },
    { name: 'a year without a stated period: 2018年度 in the title is enough', code: text({ opening: OPENING_2008('2018年度') }), filename: 'report.txt' },
    {
      name: 'a title without a year, the year under the table’s caption',
      code: text({ title: ['华宁县政务服务管理局', '政府信息公开工作年度报告'], opening: OPENING_2008('') }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: 'the period stops a day early: 2018年12月30日 (the 2018 report as published)',
      code: text({ opening: OPENING_2008('2018年1月1日至2018年12月30日') }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'incomplete',
          line: 3,
          column: 69,
          endColumn: 90,
          data: { start: '2018-01-01', end: '2018-12-30', expectedStart: '2018-01-01', expectedEnd: '2018-12-31' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the period starts a month late',
      code: text({ opening: OPENING_2008('2018年2月1日至2018年12月31日') }),
      filename: 'report.txt',
      errors: [{ messageId: 'incomplete', line: 3, column: 69, data: { start: '2018-02-01', end: '2018-12-31' } }],
    },
    {
      name: 'neither a period nor a year anywhere',
      code: text({ title: ['华宁县政务服务管理局', '政府信息公开工作年度报告'], opening: OPENING_2008(''), tableYear: false }),
      filename: 'report.txt',
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
  ],
});

tester2021.run('cn-gov-disclosure-common/period', {
  valid: [
    { name: 'the period in the front matter and in the text (Markdown)', code: markdown() },
    { name: 'the period in meta (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the period read from the text of the page (HTML)', code: html(), filename: 'report.html' },
    { name: 'without front matter, the period read from the text', code: markdown({ meta: false }) },
  ],
  invalid: [
    {
      name: 'the statistical period ends on 30 November (HTML page, no front matter)',
      code: html({ opening: OPENING_2021('2023年1月1日起至2023年11月30日') }),
      filename: 'report.html',
      errors: [{ messageId: 'incomplete', line: 6, column: 58, data: { start: '2023-01-01', end: '2023-11-30', expectedEnd: '2023-12-31' } }],
    },
    {
      name: 'last year’s period left in the text (Markdown, no front matter)',
      code: markdown({ meta: false, opening: OPENING_2021('2022年1月1日起至2022年12月31日') }),
      errors: [{ messageId: 'incomplete', line: 3, column: 55, data: { start: '2022-01-01', end: '2022-12-31', expectedStart: '2023-01-01' } }],
    },
  ],
});
