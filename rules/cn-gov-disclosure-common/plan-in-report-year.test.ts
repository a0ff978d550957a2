import { markdown as markdown2008, text } from '../cn-gov-disclosure-2008/fixtures/report.ts';
import { tester2008 } from '../cn-gov-disclosure-2008/fixtures/tester.ts';
import { html, markdown, yaml } from '../cn-gov-disclosure-2021/fixtures/report.ts';
import { knownIssues2021, tester2021 } from '../cn-gov-disclosure-2021/fixtures/tester.ts';

// In the improvement plan (or the next year's plan), a sentence of intent (将, 计划, 拟…) is dated after the
// report year. A 2018 report, plain text: line 18 the plan under 七、2019年工作的初步计划安排.
tester2008.run('cn-gov-disclosure-common/plan-in-report-year', {
  valid: [
    { name: 'the plan for 2019, in the heading (plain text)', code: text(), filename: 'report.txt' },
    { name: 'the same (Markdown)', code: markdown2008() },
    {
      name: 'a plan dated to the month of the next year',
      code: text({ plan: '一是建立健全组织机构。二是计划于2019年3月前完成政府信息公开指南的修订。' }),
      filename: 'report.txt',
    },
    {
      name: 'what was done in 2018 outside the plan’s section is not a plan',
      code: text({ overview: '2018年,我局将政务公开纳入年度重点工作,完善了公开目录。' }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: '2018年,我们将… in the 2018 report (last year’s plan copied)',
      code: text({ plan: '2018年,我们将进一步加强政务公开培训,完善政府信息公开目录。' }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'not-after',
          line: 18,
          column: 1,
          endColumn: 6,
          data: { date: '2018年', year: '2018', next: '2019' },
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the same (Markdown)',
      code: markdown2008({ plan: '2018年,我们将进一步加强政务公开培训,完善政府信息公开目录。' }),
      errors: [{ messageId: 'not-after', line: 43, column: 1, data: { date: '2018年' } }],
    },
  ],
});

const PROBLEMS = (plan: string) => `一是政策解读形式较为单一；二是依申请公开答复的规范性有待提高。${plan}`;

// A 2023 report in the 2021 format: line 88 the paragraph of 五、存在的主要问题及改进情况 in Markdown.
tester2021.run('cn-gov-disclosure-common/plan-in-report-year', {
  valid: [
    { name: '2024年，我局将… (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: 'a deadline in the next year: 力争2024年6月底前',
      code: markdown({ problems: PROBLEMS('2024年，我局计划制作图解、视频等解读产品，力争2024年6月底前完成栏目改版。') }),
    },
  ],
  invalid: [
    {
      name: '2023年，我局将… in the 2023 report',
      code: markdown({ problems: PROBLEMS('2023年，我局将丰富图解、视频等解读形式，并加强答复文书的合法性审查。') }),
      errors: [{ messageId: 'not-after', line: 88, column: 32, data: { date: '2023年', start: '2023-01-01', end: '2023-12-31', year: '2023', next: '2024' } }],
    },
    {
      name: 'a month of the report year: 拟于2023年12月',
      code: yaml({ problems: PROBLEMS('我局拟于2023年12月完成解读栏目改版。') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'not-after', line: 81, column: 42, data: { date: '2023年12月' } }],
    },
    {
      name: 'the same on the published HTML page',
      code: html({ problems: PROBLEMS('2023年，我局将丰富图解、视频等解读形式。') }),
      filename: 'report.html',
      errors: [{ messageId: 'not-after', line: 72, column: 35, data: { date: '2023年' } }],
    },
  ],
});

// Known false alarm: the intent is read on the whole line, so in one paragraph that reviews the year's
// improvements and then plans the next, the year under review is taken for the plan's.
knownIssues2021.run('cn-gov-disclosure-common/plan-in-report-year', {
  valid: [
    {
      name: 'known false alarm: 2023年，我局已完成上年问题整改。2024年，我局将…',
      code: markdown({ problems: '2023年，我局已完成上年问题整改。2024年，我局将加强答复文书的合法性审查。' }),
    },
  ],
  invalid: [],
});
