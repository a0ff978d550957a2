import { markdown as markdown2008, text } from '../cn-gov-disclosure-2008/fixtures/report.ts';
import { tester2008 } from '../cn-gov-disclosure-2008/fixtures/tester.ts';
import { html, markdown, yaml } from '../cn-gov-disclosure-2021/fixtures/report.ts';
import { tester2021 } from '../cn-gov-disclosure-2021/fixtures/tester.ts';

const KEY_AREAS = (parts: string) => `我局负责的信息公开重点领域主要是公共资源交易信息公开,2018年主动公开公共资源交易相关信息242条。其中${parts}。`;
const HANDLED = (list: string) => `本年度共收到政府信息公开申请35件，上年结转1件。全年办结政府信息公开申请34件，其中${list}；结转下年度继续办理2件。`;

// `共N…，其中…`: parts adding up to less than N are worth a warning stating the shortfall (a list after 其中 need
// not be complete). In a 2008-format report (plain text line 10, Markdown line 27):
tester2008.run('cn-gov-disclosure-common/statement-shortfall', {
  valid: [
    { name: '104 + 76 + 14 + 48 = 242 (plain text)', code: text(), filename: 'report.txt' },
    { name: '104 + 76 + 14 + 48 = 242 (Markdown)', code: markdown2008() },
    {
      name: 'parts over the total are an error of statement-sums, not a shortfall',
      code: text({
        proactive:
          '全年通过政府信息公开网主动公开信息共320条,其中工作栏目更新信息53条,政务公开栏目更新信息48条,公共资源交易信息栏目更新交易信息207条,公共资源交易政策法规栏目更新信息14条。',
      }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: '104 + 76 + 14 = 194, 48 short of 242 (the 2018 report as published)',
      code: text({ keyAreas: KEY_AREAS('招标公告104条,中标公告76条,公共资源交易政策法规栏目更新信息14条') }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'parts-short',
          line: 10,
          column: 47,
          data: { label: '主动公开公共资源交易相关信息', total: '242', sum: '194', parts: '104 + 76 + 14', difference: '48' },
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the same in Markdown',
      code: markdown2008({ keyAreas: KEY_AREAS('招标公告104条,中标公告76条,公共资源交易政策法规栏目更新信息14条') }),
      errors: [{ messageId: 'parts-short', line: 27, column: 47, data: { total: '242', sum: '194', difference: '48' } }],
    },
  ],
});

// In a 2021-format report (line 39 the requests paragraph in Markdown):
tester2021.run('cn-gov-disclosure-common/statement-shortfall', {
  valid: [
    { name: 'the results add up to the 34 handled (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
  ],
  invalid: [
    {
      name: '其他处理 left out: 14 + 6 + 2 + 9 + 2 = 33, 1 short of 34',
      code: markdown({ requests: HANDLED('予以公开14件、部分公开6件、不予公开2件、无法提供9件、不予处理2件') }),
      errors: [
        {
          messageId: 'parts-short',
          line: 39,
          column: 38,
          data: { label: '全年办结政府信息公开申请', total: '34', sum: '33', parts: '14 + 6 + 2 + 9 + 2', difference: '1' },
          severity: 'warning',
        },
      ],
    },
    {
      name: 'only the channels named: 962 of 1248 (YAML)',
      code: yaml({ proactive: '全年主动公开政府信息共1248条，其中政府网站发布962条。' }),
      filename: 'report.yaml',
      errors: [{ messageId: 'parts-short', line: 15, column: 18, data: { total: '1248', sum: '962', difference: '286' } }],
    },
  ],
});
