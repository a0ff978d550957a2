import { markdown, text } from './fixtures/report.ts';
import { tester2008 as tester } from './fixtures/tester.ts';

const PROACTIVE = (total: string) =>
  `全年通过政府信息公开网主动公开信息共${total}条,其中工作栏目更新信息53条,政务公开栏目更新信息48条,公共资源交易信息栏目更新交易信息207条,公共资源交易政策法规栏目更新信息14条。`;

// The items published proactively in the text = (一)主动公开政府信息数 of the table (322; line 8 in plain text,
// 23 in Markdown).
tester.run('cn-gov-disclosure-2008/proactive-in-text', {
  valid: [
    { name: '322条 in the text and the table (plain text)', code: text(), filename: 'report.txt' },
    { name: '322条 in the text and the table (Markdown)', code: markdown() },
    {
      name: 'key areas and public resources trading are parts of the year’s items, not their count',
      code: text({ keyAreas: '2018年我局主动公开重点领域信息156条,其中公共资源交易信息108条、政务服务信息48条。' }),
      filename: 'report.txt',
    },
    {
      name: 'a count by channel is not (一): one item published on several channels counts on each',
      code: text({ proactive: '全年主动公开政府信息322条,通过政务微信主动公开信息56条。' }),
      filename: 'report.txt',
    },
    {
      name: 'normative documents are counted in their own row',
      code: text({ proactive: `${PROACTIVE('322')}其中主动公开规范性文件3条。` }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: 'the text says 320, the table 322',
      code: text({ proactive: PROACTIVE('320') }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'mismatch',
          line: 8,
          column: 19,
          data: {
            label: '全年通过政府信息公开网主动公开信息',
            stated: '320条',
            table: '(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条) / 统计数 = 322',
          },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the text is right, the table says 320 (Markdown)',
      code: markdown({ stats: { '(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条)': 320 } }),
      errors: [{ messageId: 'mismatch', line: 23, column: 19, data: { stated: '322条', expected: '320' } }],
    },
    {
      name: '主动公开政府信息 without 共',
      code: text({ proactive: '2018年,我局主动公开政府信息330条。' }),
      filename: 'report.txt',
      errors: [{ messageId: 'mismatch', line: 8, column: 17, data: { label: '我局主动公开政府信息', stated: '330条' } }],
    },
  ],
});
