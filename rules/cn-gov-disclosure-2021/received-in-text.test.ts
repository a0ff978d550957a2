import { html, markdown, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

const REQUESTS = (received: string) =>
  `${received}。全年办结政府信息公开申请34件，其中予以公开14件、部分公开6件、不予公开2件、无法提供9件、不予处理2件、其他处理1件；结转下年度继续办理2件。`;

// `收到/受理 N件` = 一、本年新收 (35) or 一 + 二、上年结转 (35 + 1 = 36): both usages are real.
tester.run('cn-gov-disclosure-2021/received-in-text', {
  valid: [
    { name: '收到 35件 = 一 (Markdown)', code: markdown() },
    { name: '收到 35件 = 一 (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: '收到 35件 = 一 (HTML page)', code: html(), filename: 'report.html' },
    { name: '受理 36件 = 一 + 二, new and carried over together', code: markdown({ requests: REQUESTS('本年度共受理政府信息公开申请36件（含上年结转1件）') }) },
    { name: '新收 35件', code: markdown({ requests: REQUESTS('本年度新收政府信息公开申请35件，上年结转1件') }) },
    {
      name: 'consultations and complaints received are not disclosure requests',
      code: markdown({ requests: REQUESTS('本年度共收到政府信息公开申请35件，上年结转1件；受理回复各类咨询128件，收到举报投诉类来信3件') }),
    },
  ],
  invalid: [
    {
      name: '收到 40件: neither 一 (35) nor 一 + 二 (36)',
      code: markdown({ requests: REQUESTS('本年度共收到政府信息公开申请40件，上年结转1件') }),
      errors: [
        {
          messageId: 'mismatch',
          line: 39,
          column: 15,
          data: {
            label: '本年度收到政府信息公开申请',
            stated: '40件',
            table: '一、本年新收政府信息公开申请数量 / 总计 = 35; received + carried-over = 36',
            expected: '35',
          },
          severity: 'error',
        },
      ],
    },
    {
      name: '受理 37件 counts a carried-over request twice',
      code: markdown({ requests: REQUESTS('本年度共受理政府信息公开申请37件（含上年结转1件）') }),
      errors: [{ messageId: 'mismatch', line: 39, column: 15, data: { stated: '37件' } }],
    },
    {
      name: 'the same error in the YAML report',
      code: yaml({ requests: REQUESTS('本年度共收到政府信息公开申请40件，上年结转1件') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'mismatch', line: 34, column: 21, data: { stated: '40件' } }],
    },
    {
      name: 'the same error on the published HTML page',
      code: html({ requests: REQUESTS('本年度共收到政府信息公开申请40件，上年结转1件') }),
      filename: 'report.html',
      errors: [{ messageId: 'mismatch', line: 27, column: 18, data: { stated: '40件' } }],
    },
  ],
});
