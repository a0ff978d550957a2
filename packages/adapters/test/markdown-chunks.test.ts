import { sharedEnds } from '@crossfoot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseTree } from '../src/markdown.ts';
import { chunkStarts, chunkStartsAfter } from '../src/markdown-chunks.ts';
import { type MdNode, tableRows } from '../src/markdown-tables.ts';

/**
 * A node with its offsets only: pieces are parsed on their own, so their lines and columns start again at 1. A plain
 * table's lines (`plain`, where its piece's offsets start) are left out: its rows' nodes, made from them, are compared.
 */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  if ((node as MdNode).plain) out.children = shape(tableRows(node as MdNode));
  for (const [k, v] of Object.entries(node)) {
    if (k === 'plain') continue;
    if (k === 'position') {
      const p = v as { start: { offset: number }; end: { offset: number } };
      out[k] = [p.start.offset, p.end.offset];
    } else out[k] = shape(v);
  }
  return out;
}

const BLOCKS = [
  '# 一、总体情况\n\n本机关2023年主动公开政府信息123条。\n',
  '二、主动公开政府信息情况\n====\n',
  '- 第一项\n- 第二项\n\n  仍属第二项的段落\n\n- 第三项\n',
  '1. 有序\n2. 列表\n\n3. 松散\n',
  '```\n代码块\n\n不是标题\n# 也不是\n```\n',
  '<!-- 注释\n\n跨过空行\n-->\n',
  '<pre>\n\n预排版\n\n</pre>\n',
  '| 项目 | 数量 |\n| --- | ---: |\n| 收到申请 | 12 |\n| 办结 | 12 |\n',
  '> 引用\n继续的引用\n\n> 另一段\n',
  '（一）主动公开\n\n2023年1月1日至12月31日。\n',
  '    缩进代码\n\n    仍是代码\n',
  '<!-- crossfoot-disable-next-line cn/sum -- 原表如此 -->\n| 合计 | 3 |\n| --- | --- |\n| 甲 | 1 |\n',
  '~~~~\n```\n\n~~~~\n',
  '* 列表\n\n  ```\n  列表里的代码\n\n  ```\n',
];

function document(seed: number, blocks: number, frontMatter: boolean): string {
  let x = seed;
  const parts = frontMatter ? ['---\ntitle: 年度报告\nperiod: 2023\n---\n\n'] : [];
  for (let i = 0; i < blocks; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    parts.push(BLOCKS[Math.floor(x / 65536) % BLOCKS.length] as string, '\n');
  }
  return parts.join('');
}

describe('Markdown read in pieces', () => {
  it('splits only a long text, only after the front matter, at a blank line then a line at the margin', () => {
    expect(chunkStarts('short', 0)).toEqual([0]);
    const text = document(1, 400, true);
    const body = text.indexOf('---\n', 4) + 4;
    const starts = chunkStarts(text, body, 512);
    expect(starts.length).toBeGreaterThan(10);
    for (const at of starts.slice(1)) {
      expect(at).toBeGreaterThanOrEqual(body);
      expect(text.slice(at - 2, at)).toBe('\n\n');
      // Not indented, and no list item that a list before it could continue.
      expect(text.slice(at, at + 12)).not.toMatch(/^(?:[ \t]|[-+*][ \t]|\d{1,9}[.)][ \t])/u);
    }
  });

  for (const [seed, frontMatter] of [
    [1, true],
    [7, false],
    [42, true],
    [99, false],
  ] as const) {
    it(`gives the same blocks at the same offsets as reading the whole text at once (seed ${seed})`, () => {
      const text = document(seed, 600, frontMatter);
      const body = frontMatter ? text.indexOf('---\n', 4) + 4 : 0;
      const whole = parseTree(text, body, 0, Number.POSITIVE_INFINITY);
      for (const size of [64, 512, 4096]) {
        const pieces = parseTree(text, body, 0, size);
        expect(chunkStarts(text, body, size).length).toBeGreaterThan(1);
        expect(shape(pieces.children)).toEqual(shape(whole.children));
      }
    });
  }

  it('hands each piece’s nodes on as it is parsed, the same nodes at the same offsets, keeping none itself', () => {
    const text = document(5, 600, true);
    const body = text.indexOf('---\n', 4) + 4;
    const whole = parseTree(text, body, 0, Number.POSITIVE_INFINITY);
    for (const size of [Number.POSITIVE_INFINITY, 512]) {
      const handed: unknown[] = [];
      let pieces = 0;
      const root = parseTree(text, body, 0, size, (nodes) => {
        pieces++;
        handed.push(...nodes);
      });
      expect(root.children).toEqual([]);
      expect(pieces).toBe(chunkStarts(text, body, size).length);
      expect(shape(handed)).toEqual(shape(whole.children));
    }
  });

  it('finds each table’s caption and section though every table’s nodes are let go as soon as it is read', () => {
    const parts = ['# 某局2023年政府信息公开工作年度报告\n\n'];
    for (let i = 1; i <= 300; i++) {
      if (i % 50 === 1) parts.push(`## ${'一二三四五六七'[Math.floor(i / 50)]}、第${i}张表起\n\n`);
      parts.push(`**表${i} 各单位统计表**\n\n`, i % 3 ? '' : '<!-- 说明 -->\n\n', `| 项目 | 数量 |\n| --- | --- |\n| 甲 | ${i} |\n\n`);
    }
    const doc = parseMarkdown('captions.md', parts.join(''));
    expect(doc.tables).toHaveLength(300);
    doc.tables.forEach((t, k) => {
      expect(t.id).toBe(`t${k + 1}`);
      expect(t.caption).toBe(`表${k + 1} 各单位统计表`);
      expect(t.section[0]).toMatch(new RegExp(`第${Math.floor(k / 50) * 50 + 1}张表起$`, 'u'));
    });
  });

  it('keeps a byte order mark out of the offsets, as a whole read does', () => {
    const text = `\uFEFF${document(3, 800, false)}`;
    const doc = parseMarkdown('bom.md', text);
    const lines = text.split(/\n/u);
    expect(doc.tables.length).toBeGreaterThan(50);
    // Every table, in the first piece or the last, starts at column 1 of a line that opens with its first cell.
    for (const table of doc.tables) {
      expect(lines[table.range.start.line - 1]?.replace(/^\uFEFF/u, '').startsWith('|')).toBe(true);
      expect(table.range.start.column).toBe(table.range.start.line === 1 ? 2 : 1);
    }
  });

  it('finds where the pieces of an edited text start from where those of the text before it started', () => {
    const insert = fc.constantFrom('\n', '\n\n', '甲', '- ', '1. ', '```\n', '<!--', '-->', '<pre>\n', '</pre>', '    ', '|', '\r\n');
    const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 60 }), insert: fc.array(insert, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 4 }), (seed, matter, edits) => {
        let text = document(seed, 120, matter);
        const from = (t: string) => (matter && t.startsWith('---\n') ? t.indexOf('---\n', 4) + 4 : 0);
        let starts = chunkStarts(text, from(text), 256);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          const next = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
          const body = from(next);
          const shared = { ...sharedEnds(text, next), delta: next.length - text.length };
          // As the memo asks: only when the front matter ends at the same place, within what the texts share.
          const found = body === from(text) && body <= shared.prefix ? chunkStartsAfter(starts, next, body, shared, 256) : chunkStarts(next, body, 256);
          expect(found).toEqual(chunkStarts(next, body, 256));
          text = next;
          starts = found;
        }
      }),
      { numRuns: 1500 },
    );
  });
});
