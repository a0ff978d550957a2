import type { Cell, Range } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { buildOutline, type RowDraft } from '../src/index.ts';

const at = (line: number): Range => ({ start: { line, column: 1 }, end: { line, column: 2 } });

/** A row per line: `label | cell | cell`; a cell of digits holds a value, anything else is text or an empty mark. */
function drafts(spec: string): RowDraft[] {
  return spec
    .trim()
    .split('\n')
    .map((line, i) => {
      const [label = '', ...rest] = line.split('|').map((s) => s.trim());
      const cells: Cell[] = rest.map((text) => {
        const cell: Cell = { text, empty: text === '' || /^[—/-]+$/u.test(text), range: at(i + 1) };
        if (/^\d+$/u.test(text)) {
          cell.value = text;
          cell.decimals = 0;
        }
        return cell;
      });
      return { label, labelRange: at(i + 1), cells, range: at(i + 1) };
    });
}

/** `level kind [marker|number] label < path` per row, to compare whole outlines at a glance. */
function outline(spec: string): string[] {
  return buildOutline(drafts(spec)).map((r) => `${r.level} ${r.kind} [${r.marker}|${r.number}] ${r.label}${r.path.length ? ` < ${r.path.join(' > ')}` : ''}`);
}

describe('buildOutline', () => {
  it('nests the Chinese outline 一、 › （一） › 1. › （1） › ① and pops back to a style already open', () => {
    expect(
      outline(`
一、本年新收政府信息公开申请数量 | 49
三、本年度办理结果 | —
（一）予以公开 | 22
（三）不予公开 | —
1.属于国家秘密 | 0
（1）涉密文件 | 0
①绝密 | 0
2．其他法律行政法规禁止公开 | 0
（四）无法提供 | —
四、结转下年度继续办理 | 5
`),
    ).toEqual([
      '1 item [一、|一] 一、本年新收政府信息公开申请数量',
      '1 heading [三、|三] 三、本年度办理结果',
      '2 item [（一）|(一)] （一）予以公开 < 三、本年度办理结果',
      '2 heading [（三）|(三)] （三）不予公开 < 三、本年度办理结果',
      '3 item [1.|1] 1.属于国家秘密 < 三、本年度办理结果 > （三）不予公开',
      '4 item [（1）|(1)] （1）涉密文件 < 三、本年度办理结果 > （三）不予公开 > 1.属于国家秘密',
      '5 item [①|①] ①绝密 < 三、本年度办理结果 > （三）不予公开 > 1.属于国家秘密 > （1）涉密文件',
      '3 item [2．|2] 2．其他法律行政法规禁止公开 < 三、本年度办理结果 > （三）不予公开',
      '2 item [（四）|(四)] （四）无法提供 < 三、本年度办理结果',
      '1 item [四、|四] 四、结转下年度继续办理',
    ]);
  });

  it('marks 其中 rows and the unmarked rows after them as subsets of the row above them', () => {
    const rows = buildOutline(
      drafts(`
（三）申请答复数 | 5
4.不同意公开答复数 | 3
其中：涉及国家秘密 | 1
涉及商业秘密 | 2
其中:涉及个人隐私 | 0
5.不属于本行政机关公开数 | 2
其中：转交办理 | 1
`),
    );
    expect(rows.map((r) => [r.kind, r.level, r.parent, r.marker])).toEqual([
      ['item', 1, undefined, '（三）'],
      ['item', 2, 0, '4.'],
      ['subset', 3, 1, '其中：'],
      ['subset', 3, 1, ''],
      ['subset', 3, 1, '其中:'],
      ['item', 2, 0, '5.'],
      ['subset', 3, 5, '其中：'],
    ]);
    expect(rows[3]?.path).toEqual(['（三）申请答复数', '4.不同意公开答复数']);
  });

  it('makes totals close the rows above them at their level', () => {
    expect(
      outline(`
三、本年度办理结果 |
（一）予以公开 | 22
（二）部分公开 | 5
（七）总计 | 27
四、结转下年度继续办理 | 5
合计 | 32
`),
    ).toEqual([
      '1 heading [三、|三] 三、本年度办理结果',
      '2 item [（一）|(一)] （一）予以公开 < 三、本年度办理结果',
      '2 item [（二）|(二)] （二）部分公开 < 三、本年度办理结果',
      '2 total [（七）|(七)] （七）总计 < 三、本年度办理结果',
      '1 item [四、|四] 四、结转下年度继续办理',
      '1 total [|] 合计',
    ]);
  });

  it('keeps a 小计 beside the rows it adds up and a Total of unmarked rows beside them', () => {
    expect(
      outline(`
（三）不予公开 |
属于国家秘密 | 1
保护第三方合法权益 | 2
小计 | 3
`),
    ).toEqual([
      '1 heading [（三）|(三)] （三）不予公开',
      '2 item [|] 属于国家秘密 < （三）不予公开',
      '2 item [|] 保护第三方合法权益 < （三）不予公开',
      '2 total [|] 小计 < （三）不予公开',
    ]);
    expect(outline('Librarians | 38\nSupport staff | 34\nGrand total | 72')).toEqual([
      '1 item [|] Librarians',
      '1 item [|] Support staff',
      '1 total [|] Grand total',
    ]);
  });

  it('reads Western numbering: 1, 1.1, 1.1.1, a), (a)', () => {
    expect(
      outline(`
1 Intergovernmental | 10
1.1 State aid | 7
1.1.1 Operating | 5
a) Branches | 3
(a) Rural | 1
1.2 Federal grants | 3
2 Charges for services | 4
Total revenues | 14
`),
    ).toEqual([
      '1 item [1|1] 1 Intergovernmental',
      '2 item [1.1|1.1] 1.1 State aid < 1 Intergovernmental',
      '3 item [1.1.1|1.1.1] 1.1.1 Operating < 1 Intergovernmental > 1.1 State aid',
      '4 item [a)|a] a) Branches < 1 Intergovernmental > 1.1 State aid > 1.1.1 Operating',
      '5 item [(a)|(a)] (a) Rural < 1 Intergovernmental > 1.1 State aid > 1.1.1 Operating > a) Branches',
      '2 item [1.2|1.2] 1.2 Federal grants < 1 Intergovernmental',
      '1 item [2|2] 2 Charges for services',
      '1 total [|] Total revenues',
    ]);
  });

  it('calls a row a heading only when it has children and no number', () => {
    const rows = buildOutline(
      drafts(`
一、主动公开情况 | —— | 320
（一）主动公开政府信息数 | 条 | 320
二、回应解读情况 | ——
（一）回应公众关注热点数 | 次 | 0
三、举报投诉数量 | —— |
`),
    );
    expect(rows.map((r) => r.kind)).toEqual(['item', 'item', 'heading', 'item', 'item']);
  });

  it('does not take numbers that only look like markers', () => {
    const rows = buildOutline(drafts('2018年度主动公开 | 3\n1.5倍以上 | 2\n一是加强领导 | 1'));
    expect(rows.map((r) => [r.marker, r.level])).toEqual([
      ['', 1],
      ['', 1],
      ['', 1],
    ]);
  });
});
