import { markdown, text } from './fixtures/report.ts';
import { tester2008 as tester } from './fixtures/tester.ts';

// In the 政府信息公开情况统计表, a numbered parent row = the sum of its numbered children in the same unit, and a
// `其中` row ≤ its parent. Lines of the rows in plain text: 49 (一)收到申请数, 85 (三)从事…人员数, 86 专职, 87 兼职.
tester.run('cn-gov-disclosure-2008/table-sums', {
  valid: [
    { name: 'every parent adds up (plain text)', code: text(), filename: 'report.txt' },
    { name: 'every parent adds up (Markdown)', code: markdown() },
    {
      name: 'children in another unit are not summed: 2次 + 1次 + 2人次 under 九、 printed with a figure',
      code: text({ stats: { '九、政府信息公开会议和培训情况': ['——', 5] } }),
      filename: 'report.txt',
    },
    {
      name: 'a heading (——) is not summed, whatever its channels add up to (a channel may repeat an item)',
      code: text({ stats: { '2.政府网站公开政府信息数': 322, '4.政务微信公开政府信息数': 56 } }),
      filename: 'report.txt',
    },
    {
      name: 'requests received, handled and answered, each the sum of its kinds',
      code: text({
        stats: {
          '(一)收到申请数': 3,
          '1.当面申请数': 1,
          '3.网络申请数': 2,
          '(二)申请办结数': 3,
          '1.按时办结数': 3,
          '(三)申请答复数': 3,
          '2.同意公开答复数': 2,
          '6.申请信息不存在数': 1,
        },
      }),
      filename: 'report.txt',
    },
    {
      name: 'a blank child is not zero: the parent is not compared',
      code: text({ stats: { '(三)从事政府信息公开工作人员数': 3, '1.专职人员数(不包括政府公报及政府网站工作人员数)': '' } }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: '3 staff, but 0 full-time + 2 part-time',
      code: text({ stats: { '(三)从事政府信息公开工作人员数': 3 } }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'total-mismatch',
          line: 85,
          column: 24,
          data: { total: '(三)从事政府信息公开工作人员数', column: '统计数', actual: '3', expected: '2', parts: '0 + 2' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'the same in Markdown',
      code: markdown({ stats: { '(三)从事政府信息公开工作人员数': 3 } }),
      errors: [{ messageId: 'total-mismatch', line: 120, column: 26, data: { actual: '3', expected: '2', parts: '0 + 2' } }],
    },
    {
      name: '(一)收到申请数 3, but its channels add up to 1 + 0 + 1 + 0 = 2',
      code: text({ stats: { '(一)收到申请数': 3, '1.当面申请数': 1, '3.网络申请数': 1, '(二)申请办结数': 3, '1.按时办结数': 3 } }),
      filename: 'report.txt',
      errors: [{ messageId: 'total-mismatch', line: 49, column: 16, data: { total: '(一)收到申请数', actual: '3', expected: '2', parts: '1 + 0 + 1 + 0' } }],
    },
    {
      name: '其中 row larger than its row: 2 press conferences by the head of 1 held in all',
      code: text({ stats: { '1.参加或举办新闻发布会总次数': 1, '其中:主要负责同志参加新闻发布会次数': 2 } }),
      filename: 'report.txt',
      errors: [
        {
          messageId: 'subset-exceeds',
          line: 42,
          column: 26,
          data: { part: '其中:主要负责同志参加新闻发布会次数 / 统计数', partValue: '2', total: '1.参加或举办新闻发布会总次数 / 统计数', totalValue: '1' },
        },
      ],
    },
  ],
});
