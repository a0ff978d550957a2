import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The bench's seeded report generator: a consolidated report of many sections, each with its narrative and table.
import { hugeMarkdownReport, random } from '../../../bench/corpus.mjs';
import { readReport } from '../src/index.ts';
import { chunkStarts, MARKDOWN_CHUNK } from '../src/markdown-chunks.ts';
import { ReadingMemo } from '../src/reading-memo.ts';

const BLOCKS = [
  '# 一、总体情况\n\n本机关2023年主动公开政府信息123条，其中规章2条、规范性文件121条。\n',
  '二、主动公开政府信息情况\n====\n',
  '- 第一项\n- 第二项\n\n  仍属第二项的段落，2023年5月印发。\n\n- 第三项\n',
  '```\n代码块\n\n不是标题\n# 也不是\n```\n',
  '<!-- 注释\n\n跨过空行\n-->\n',
  '| 项目 | 数量 |\n| --- | ---: |\n| 收到申请 | 12 |\n| 办结 | 12 |\n| 合计 | 24 |\n',
  '> 引用，共收到申请5件\n继续的引用\n\n> 另一段\n',
  '（一）主动公开\n\n2023年1月1日至12月31日，共办结申请15件。\n',
  '<!-- crossfoot-disable-next-line cn/sum -- 原表如此 -->\n| 合计 | 3 |\n| --- | --- |\n| 甲 | 1 |\n| 乙 | 1 | 1 |\n',
  '**表一 收到和处理政府信息公开申请情况**\n\n| 本年度办理结果 | 自然人 | 总计 |\n|---|---|---|\n| 一、本年新收 | 4 | 4 |\n| （一）予以公开 | 3 | 3 |\n| 1.属于国家秘密 | x | 1 |\n',
];

function mixed(seed: number, blocks: number): string {
  let x = seed;
  const parts = ['---\ntitle: 某某局2023年政府信息公开工作年度报告\nissuer: 某某局\n---\n\n'];
  for (let i = 0; i < blocks; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    parts.push(BLOCKS[Math.floor(x / 65536) % BLOCKS.length] as string, '\n');
  }
  return parts.join('');
}

const consolidated = hugeMarkdownReport(0.12, random(7)) as string;
/** What the guard cuts short (`markdown-guard.ts`): a table too wide, a row dense with marks, quotes nested too deep. */
const cells = (n: number, s: string) => `|${` ${s} |`.repeat(n)}`;
const guarded = [
  mixed(13, 90),
  `${cells(1003, '列')}\n${cells(1003, '-')}\n${cells(1003, '1')}\n`,
  `| 项目 | 数量 |\n|---|---|\n| ${'*'.repeat(501)} | 2 |\n`,
  `${'> '.repeat(40)}引用\n`,
  mixed(17, 90),
  `${cells(1002, '列')}\n${cells(1002, '-')}\n`,
].join('\n');
const BASES = [consolidated, mixed(3, 260), `\uFEFF${mixed(5, 200)}`, mixed(11, 220).replaceAll('\n', '\r\n'), guarded];

/** Edits an author makes: figures, line breaks, blank lines, pipes, headings, markup, front matter, deletions. */
const INSERTS = ['7', '0', '12', '\n', '\r\n', '\n\n', '|', ' ', '# ', '合计', '---\n', '- ', '<!-- x -->', '2022年', '，', '**', '```\n', '三、'];
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  insert: fc.constantFrom(...INSERTS),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
});

function apply(text: string, e: { at: number; insert: string; remove: number }): string {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

const read = (text: string, memo?: ReadingMemo) => readReport({ uri: 'report.md', text, format: 'markdown', ...(memo ? { memo } : {}) });

describe('reading a report again with the memo of its last reading', () => {
  it('gives the document that reading it afresh gives, edit after edit', () => {
    expect(consolidated.length).toBeGreaterThan(6 * MARKDOWN_CHUNK);
    fc.assert(
      fc.property(fc.constantFrom(...BASES.keys()), fc.array(edit, { minLength: 1, maxLength: 6 }), (base, edits) => {
        const memo = new ReadingMemo();
        let text = BASES[base] as string;
        read(text, memo);
        for (const e of edits) {
          text = apply(text, e);
          // Compared as JSON: every value and the order of every object's properties (the output is made from them).
          expect(JSON.stringify(read(text, memo))).toBe(JSON.stringify(read(text)));
        }
      }),
      { numRuns: 20, seed: 20261127 },
    );
  }, 120_000);

  it('reads again only the piece and the paragraphs an edit touched, moving the rest by the lines it added', () => {
    const memo = new ReadingMemo();
    read(consolidated, memo);
    const figure = consolidated.indexOf('1586');
    expect(figure).toBeGreaterThan(0);
    // A figure changed near the top, with a pipe after it (which a patch of the last reading leaves to a whole reading,
    // `markdown-patch.ts`): every other piece is taken as it was.
    const changed = `${consolidated.slice(0, figure)}1587 |${consolidated.slice(figure + 4)}`;
    const doc = read(changed, memo);
    expect(memo.reused.patched).toBe(false);
    const pieces = memo.reused.pieces;
    expect(pieces).toBeGreaterThanOrEqual(6);
    expect(memo.reused.paragraphs).toBeGreaterThan(20);
    expect(doc).toStrictEqual(read(changed));
    // Two lines added there: the later pieces' tables and statements are moved two lines down.
    const longer = `${changed.slice(0, figure)}\n\n${changed.slice(figure)}`;
    const moved = read(longer, memo);
    expect(memo.reused.pieces).toBe(pieces);
    const fresh = read(longer);
    expect(moved).toStrictEqual(fresh);
    const last = moved.tables.at(-1);
    expect(last?.range.start.line).toBe((doc.tables.at(-1)?.range.start.line ?? 0) + 2);
    expect(last?.id).toBe(fresh.tables.at(-1)?.id);
  });

  it('names a table taken from the memo by the caption before it now, in the piece before', () => {
    const filler = '甲'.repeat(MARKDOWN_CHUNK - 8);
    const table = '| 项目 | 数量 |\n|---|---|\n| 收到申请 | 12 |\n';
    const text = (caption: string) => `${filler}\n\n${caption}\n\n${table}\n乙。\n`;
    const before = text('表1 收到申请情况');
    // The table opens the second piece, its caption ends the first.
    expect(chunkStarts(before, 0)).toEqual([0, before.indexOf('| 项目')]);
    const memo = new ReadingMemo();
    expect(read(before, memo).tables[0]?.caption).toBe('表1 收到申请情况');
    const after = text('表2 办理结果情况');
    const doc = read(after, memo);
    expect(memo.reused.pieces).toBe(1);
    expect(doc.tables[0]?.caption).toBe('表2 办理结果情况');
    expect(doc).toStrictEqual(read(after));
  });

  it('reads a piece again when the one read last time at the same place ran on further', () => {
    const filler = '甲'.repeat(MARKDOWN_CHUNK);
    const text = (item: string) => `${filler}\n\n${item}乙丙丁\n\n| 项目 | 数量 |\n|---|---|\n| 收到申请 | 12 |\n`;
    const before = text('1. ');
    const after = text('');
    // A list item does not start a piece; the same line without its number does, and the first piece ends before it.
    expect(chunkStarts(before, 0)).toEqual([0, before.indexOf('| 项目')]);
    expect(chunkStarts(after, 0)).toEqual([0, after.indexOf('乙丙丁')]);
    const memo = new ReadingMemo();
    read(before, memo);
    expect(JSON.stringify(read(after, memo))).toBe(JSON.stringify(read(after)));
    // Neither piece is the one read last time at its place: the first ran on past the edit, the second started after it.
    expect(memo.reused.pieces).toBe(0);
  });

  it('reads every piece again under other limits', () => {
    const memo = new ReadingMemo();
    read(consolidated, memo);
    const cut = readReport({ uri: 'report.md', text: consolidated, format: 'markdown', memo, limits: { tableRows: 3 } });
    expect(memo.reused.pieces).toBe(0);
    expect(cut).toStrictEqual(readReport({ uri: 'report.md', text: consolidated, format: 'markdown', limits: { tableRows: 3 } }));
  });
});
