import { markdown as markdown2008, text } from '../cn-gov-disclosure-2008/fixtures/report.ts';
import { tester2008 } from '../cn-gov-disclosure-2008/fixtures/tester.ts';
import { html, markdown, yaml } from '../cn-gov-disclosure-2021/fixtures/report.ts';
import { tester2021 } from '../cn-gov-disclosure-2021/fixtures/tester.ts';

const PLAN = (first: string) =>
  `一是建立健全组织机构,${first},分管领导具体抓,专职人员负责信息公开相关的具体业务。二是及时更新完善《政府信息公开指南》和《政府信息公开目录》。`;

// A word or phrase of two to eight characters typed twice in a row. A 2018 report, plain text: line 18 the plan.
tester2008.run('cn-gov-disclosure-common/repeated-phrase', {
  valid: [
    { name: 'no word typed twice (plain text)', code: text(), filename: 'report.txt' },
    { name: 'the same (Markdown)', code: markdown2008() },
    { name: 'single characters doubled on purpose: 层层, 一一', code: text({ plan: PLAN('层层压实责任,对群众来信一一答复') }), filename: 'report.txt' },
    { name: 'verbs doubled on purpose: 研究研究, 讨论讨论', code: text({ plan: PLAN('遇到难点问题及时研究研究、讨论讨论') }), filename: 'report.txt' },
  ],
  invalid: [
    {
      name: '主要领导领导总负责 (the 2018 report as published)',
      code: text({ plan: PLAN('主要领导领导总负责') }),
      filename: 'report.txt',
      errors: [{ messageId: 'repeated', line: 18, column: 14, endColumn: 18, data: { phrase: '领导' }, severity: 'info' }],
    },
    {
      name: '严格落实严格落实 and 事项事项 in one paragraph (Markdown)',
      code: markdown2008({ overview: '2018年,我局严格落实严格落实政务公开各项要求,入驻平台的行政许可及公共服务事项事项共计412项。' }),
      errors: [
        { messageId: 'repeated', line: 17, column: 9, data: { phrase: '严格落实' } },
        { messageId: 'repeated', line: 17, column: 40, data: { phrase: '事项' } },
      ],
    },
  ],
});

// A 2023 report in the 2021 format: line 16 the overview in Markdown.
tester2021.run('cn-gov-disclosure-common/repeated-phrase', {
  valid: [
    { name: 'no word typed twice (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
  ],
  invalid: [
    {
      name: '进一步进一步 (Markdown)',
      code: markdown({ overview: '2023年，我局持续深化政务公开，进一步进一步提升公开质量。2023年9月，组织全局政务公开业务培训1次。' }),
      errors: [{ messageId: 'repeated', line: 16, column: 18, data: { phrase: '进一步' } }],
    },
    {
      name: '进一步进一步 (YAML)',
      code: yaml({ overview: '2023年，我局持续深化政务公开，进一步进一步提升公开质量。2023年9月，组织全局政务公开业务培训1次。' }),
      filename: 'report.yaml',
      errors: [{ messageId: 'repeated', line: 12, column: 24, data: { phrase: '进一步' } }],
    },
  ],
});
