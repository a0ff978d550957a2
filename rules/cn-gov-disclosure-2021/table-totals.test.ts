import { html, markdown, row, type Section, T3_COLUMNS, yaml } from './fixtures/report.ts';
import { tester2021 as tester } from './fixtures/tester.ts';

/** A publisher's extra column 法人或其他组织/小计 in table 3, before 总计 (not in the official table). */
function withSubtotalColumn(sections: Section[]): Section[] {
  return sections.map((s) => ({
    ...s,
    tables: s.tables.map((t) =>
      t.columns !== T3_COLUMNS
        ? t
        : {
            ...t,
            columns: [...T3_COLUMNS.slice(0, 6), '法人或其他组织/小计', '总计'],
            rows: t.rows.map(([label, cells]) => {
              if (!cells) return [label, null];
              const legal = cells.slice(1, 6).reduce<number>((a, c) => a + Number(c), 0);
              return [label, [...cells.slice(0, 6), legal, cells[6] as number]];
            }),
          },
    ),
  }));
}

// 总计 = 自然人 + the five 法人或其他组织 columns in every row of table 3; in table 4 each block's 总计 =
// 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
tester.run('cn-gov-disclosure-2021/table-totals', {
  valid: [
    { name: 'every total adds up (Markdown)', code: markdown() },
    { name: 'every total adds up (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'every total adds up, table 3 with its merged header (HTML page)', code: html(), filename: 'report.html' },
    { name: 'a publisher’s 法人或其他组织/小计 column is a total of its block, not a part of 总计', code: markdown({ arrange: withSubtotalColumn }) },
    { name: 'a blank cell is not zero: that row is left to complete-cells', code: markdown({ t3: row('2.重复申请', '', 0, 0, 0, 0, 0, 1) }) },
  ],
  invalid: [
    {
      name: '一、本年新收: 30 + 3 + 0 + 0 + 1 + 1 = 35, not 36',
      code: markdown({ t3: row('一、本年新收政府信息公开申请数量', 30, 3, 0, 0, 1, 1, 36) }),
      errors: [
        {
          messageId: 'row-total-mismatch',
          line: 45,
          column: 47,
          data: { column: '一、本年新收政府信息公开申请数量', total: '总计', actual: '36', expected: '35', parts: '30 + 3 + 0 + 0 + 1 + 1' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'table 4: 行政复议/总计 2 where 2 maintained and 1 corrected make 3',
      code: markdown({ t4: [2, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }),
      errors: [
        {
          messageId: 'row-total-mismatch',
          line: 84,
          column: 24,
          data: { column: '件数', total: '行政复议/总计', actual: '2', expected: '3', parts: '2 + 1 + 0 + 0' },
        },
      ],
    },
    {
      name: 'table 4: a suit after review pending but its block total left at 0',
      code: markdown({ t4: [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0] }),
      errors: [{ messageId: 'row-total-mismatch', line: 84, column: 64, data: { total: '行政诉讼/复议后起诉/总计', actual: '0', expected: '1' } }],
    },
    {
      name: 'with a 小计 column, a wrong 小计 is found against its five columns',
      code: markdown({
        arrange: (s) =>
          withSubtotalColumn(s).map((x) => ({
            ...x,
            tables: x.tables.map((t) => ({
              ...t,
              rows: t.rows.map(([l, c]) => [l, l.startsWith('一、') && c ? [30, 3, 0, 0, 1, 1, 6, 35] : c] as (typeof t.rows)[number]),
            })),
          })),
      }),
      errors: [{ messageId: 'row-total-mismatch', line: 45, column: 47, data: { total: '法人或其他组织/小计', actual: '6', expected: '5' } }],
    },
    {
      name: 'the same error in the YAML report',
      code: yaml({ t3: row('一、本年新收政府信息公开申请数量', 30, 3, 0, 0, 1, 1, 36) }),
      filename: 'report.yaml',
      errors: [{ messageId: 'row-total-mismatch', line: 40, column: 53, data: { total: '总计', actual: '36', expected: '35' } }],
    },
    {
      name: 'the same error on the published HTML page, under its merged header',
      code: html({ t3: row('一、本年新收政府信息公开申请数量', 30, 3, 0, 0, 1, 1, 36) }),
      filename: 'report.html',
      errors: [{ messageId: 'row-total-mismatch', line: 33, column: 91, data: { total: '总计', actual: '36', expected: '35' } }],
    },
  ],
});
