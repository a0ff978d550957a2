import { markdown, row, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

/** Last year's report: the consistent 2023 report, which carries 2 requests (both from 自然人) forward. */
const LAST_YEAR = markdown();

/** This year's table 3 carrying over what the 2023 report carried forward, and balancing: 35 + 2 = 34 + 3. */
const CARRIED = { ...row('二、上年结转政府信息公开申请数量', 2, 0, 0, 0, 0, 0, 2), ...row('四、结转下年度继续办理', 3, 0, 0, 0, 0, 0, 3) };
const REQUESTS =
  '本年度共收到政府信息公开申请35件，上年结转2件。全年办结政府信息公开申请34件，其中予以公开14件、部分公开6件、不予公开2件、无法提供9件、不予处理2件、其他处理1件；结转下年度继续办理3件。';

// 二、上年结转 this year = 四、结转下年度继续办理 of last year's report, column by column (line 46 in Markdown).
tester.run('cn-gov-disclosure-2021/carried-over-from-previous', {
  valid: [
    { name: '2024 carries over the 2 requests 2023 carried forward', code: markdown({ year: 2024, t3: CARRIED, requests: REQUESTS }), previous: LAST_YEAR },
    {
      name: 'the same chain in YAML',
      code: yaml({ year: 2024, t3: CARRIED, requests: REQUESTS }),
      previous: yaml(),
      filename: 'report.yaml',
    },
    { name: 'without last year’s report there is nothing to compare', code: markdown({ year: 2024 }) },
  ],
  invalid: [
    {
      name: '上年结转 not updated: 2024 still shows 2023’s 1 carried over, where 2023 carried 2 forward',
      code: markdown({ year: 2024 }),
      previous: LAST_YEAR,
      errors: [
        {
          messageId: 'mismatch-in-column',
          line: 46,
          column: 22,
          data: { column: '自然人', lhs: '1', rhs: '2', difference: '-1' },
          severity: 'error',
        },
        { messageId: 'mismatch-in-column', line: 46, column: 46, data: { column: '总计', lhs: '1', rhs: '2', difference: '-1' } },
      ],
    },
    {
      name: 'the request carried over moved to another applicant column',
      code: markdown({ year: 2024, t3: { ...CARRIED, ...row('二、上年结转政府信息公开申请数量', 1, 1, 0, 0, 0, 0, 2) }, requests: REQUESTS }),
      previous: LAST_YEAR,
      errors: [
        { messageId: 'mismatch-in-column', line: 46, column: 22, data: { column: '自然人', lhs: '1', rhs: '2' } },
        { messageId: 'mismatch-in-column', line: 46, column: 26, data: { column: '法人或其他组织/商业企业', lhs: '1', rhs: '0', difference: '1' } },
      ],
    },
    {
      name: 'the same in YAML',
      code: yaml({ year: 2024 }),
      previous: yaml(),
      filename: 'report.yaml',
      errors: [
        { messageId: 'mismatch-in-column', line: 41, column: 34, data: { column: '自然人', lhs: '1', rhs: '2' } },
        { messageId: 'mismatch-in-column', line: 41, column: 52, data: { column: '总计', lhs: '1', rhs: '2' } },
      ],
    },
  ],
});
