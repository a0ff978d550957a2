import { markdown as markdown2008, text } from '../cn-gov-disclosure-2008/fixtures/report.ts';
import { tester2008 } from '../cn-gov-disclosure-2008/fixtures/tester.ts';
import { html, markdown, yaml } from '../cn-gov-disclosure-2021/fixtures/report.ts';
import { knownIssues2021, tester2021 } from '../cn-gov-disclosure-2021/fixtures/tester.ts';

const SERVICES = (survey: string) =>
  `一是做好前期调研。${survey},我局组织到各职能部门业务大厅进行调研,提出了《华宁县政务服务大厅标准化建设方案》。二是认真开展平台事项信息梳理录入工作。2018年12月10日至27日,组织开展了平台操作业务培训、部门事项梳理录入等。`;

// Dates of events (to the month or day) lie in the report year. Exempt: the next year's plan, the review of
// problems, the signature and 填报日期, citations (〔2013〕153号, 国务院令第492号, titles of laws), bare years.
// A 2018 report, plain text: line 12 the services paragraph (2018年6月, 2018年12月10日至27日).
tester2008.run('cn-gov-disclosure-common/dates-in-year', {
  valid: [
    { name: 'events of 2018, a document number and a decree number, the signature of 2019 (plain text)', code: text(), filename: 'report.txt' },
    { name: 'the same (Markdown)', code: markdown2008() },
    {
      name: 'the plan for 2019 under 七、2019年工作的初步计划安排',
      code: text({ plan: '一是2019年3月前修订《政府信息公开指南》。二是2019年6月底前完成公开目录的梳理。' }),
      filename: 'report.txt',
    },
    {
      name: 'the review of last year’s problems',
      code: text({ problems: '一是学习培训方面有待提高。2017年12月的考核指出的问题,已全部整改。二是健全并落实工作制度方面有待加强。' }),
      filename: 'report.txt',
    },
    {
      name: 'a title of a plan full of years, and a document issued earlier',
      code: text({ overview: '我局按照《华宁县“十三五”政务公开工作规划(2016—2020年)》要求,继续执行2016年5月印发的《华宁县政务服务管理局信息公开工作制度》。' }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: 'a survey dated 2017 in the 2018 report, on a line that also cites a title (《…方案》)',
      code: text({ services: SERVICES('2017年6月') }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'outside',
          line: 12,
          column: 10,
          endColumn: 17,
          data: { date: '2017年6月', start: '2018-01-01', end: '2018-12-31' },
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the same (Markdown)',
      code: markdown2008({ services: SERVICES('2017年6月') }),
      errors: [{ messageId: 'outside', line: 31, column: 10, data: { date: '2017年6月' } }],
    },
    {
      name: 'a training dated in the next year, outside the plan',
      code: text({ services: SERVICES('2018年6月').replace('2018年12月10日至27日', '2019年1月10日至27日') }),
      filename: 'report.txt',
      errors: [{ messageId: 'outside', line: 12, column: 78, data: { date: '2019年1月10日至27日' } }],
    },
  ],
});

const OVERVIEW = (meeting: string) =>
  `2023年，我局全面推进政务公开。${meeting}，我局召开政务公开工作推进会，部署全年重点任务。2023年9月，组织全局政务公开业务培训1次。`;

// A 2023 report in the 2021 format: line 16 the overview in Markdown.
tester2021.run('cn-gov-disclosure-common/dates-in-year', {
  valid: [
    { name: 'events of 2023, the plan for 2024 and the signature of 2024 (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'citations full of years: a plan for 2021—2025 and a notice numbered 〔2023〕12号',
      code: markdown({
        overview:
          '2023年，我局按照《江州市法治政府建设实施纲要（2021—2025年）》和《江州市人民政府办公室关于印发2023年政务公开工作要点的通知》（江政办发〔2023〕12号）要求，全面推进政务公开。2023年9月，组织全局政务公开业务培训1次。',
      }),
    },
    {
      name: 'a figure at the end of last year, 截至2022年12月31日',
      code: markdown({ overview: '截至2022年12月31日，现行有效行政规范性文件37件；2023年9月，组织全局政务公开业务培训1次。' }),
    },
    {
      name: 'a date of entry into force in section 六',
      code: markdown({ other: '本年度未收取信息处理费。《政府信息公开信息处理费管理办法》自2021年1月1日起施行。' }),
    },
  ],
  invalid: [
    {
      name: 'a meeting dated November 2022 in the 2023 report',
      code: markdown({ overview: OVERVIEW('2022年11月') }),
      errors: [{ messageId: 'outside', line: 16, column: 18, data: { date: '2022年11月', start: '2023-01-01', end: '2023-12-31', year: '2023' } }],
    },
    {
      name: 'the same (YAML)',
      code: yaml({ overview: OVERVIEW('2022年11月') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'outside', line: 12, column: 24, data: { date: '2022年11月' } }],
    },
    {
      name: 'a day in the next year (HTML page)',
      code: html({ overview: OVERVIEW('2024年1月8日') }),
      filename: 'report.html',
      errors: [{ messageId: 'outside', line: 8, column: 21, data: { date: '2024年1月8日' } }],
    },
  ],
});

// Known miss: the exemptions read the whole line, so in a paragraph (one line) where another sentence issues a
// document (印发) or compares with last year (较), a wrong date goes unreported.
knownIssues2021.run('cn-gov-disclosure-common/dates-in-year', {
  valid: [],
  invalid: [
    {
      name: 'known miss: 2022年11月 in a paragraph where a later sentence says 印发',
      code: markdown({ overview: `${OVERVIEW('2022年11月')}2023年3月，印发年度政务公开工作要点。` }),
      errors: [{ messageId: 'outside', line: 16, column: 18, data: { date: '2022年11月' } }],
    },
  ],
});
