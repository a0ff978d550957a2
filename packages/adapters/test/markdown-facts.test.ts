import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex, type ReportDocument } from '@crossfoot/core';
import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { hugeMarkdownReport, markdownReport, random } from '../../../bench/corpus.mjs';
import { extractNarrative, parseMarkdown } from '../src/index.ts';
import { type MdNode, parsePiece, tableRows } from '../src/markdown-tables.ts';

// Crossfoot reads Markdown its own way (in pieces, see markdown-chunks.ts, with the syntax reports use). Whatever
// it does, the facts it reads must be those a plain remark-parse + remark-gfm reading of the whole text gives:
// every table's cells and numbers, and the statements and dates of every paragraph and heading.

const plain = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const plainBody = unified().use(remarkParse).use(remarkGfm);

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

function words(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return '\n';
  return 'children' in node ? node.children.map((c) => words(c as Nodes)).join('') : '';
}

/** Numbers as a reader of the table would take them: digits, thousands separators, a point. */
function numberOf(text: string): string | undefined {
  if (!/^-?\d[\d,]*(?:\.\d+)?$/u.test(text)) return undefined;
  return String(Number(text.replaceAll(',', '')));
}

interface Facts {
  tables: { rows: string[][]; numbers: (string | undefined)[][] }[];
  statements: unknown[];
  dates: unknown[];
}

/** The facts of a plain remark-parse + remark-gfm tree of the whole text. */
function reference(text: string): Facts {
  const tree = plain.parse(text) as Root;
  const index = new LineIndex(text);
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const facts: Facts = { tables: [], statements: [], dates: [] };
  const visit = (node: Nodes) => {
    if (node.type === 'table') {
      const [header, ...body] = node.children;
      const width = header?.children.length ?? 0;
      // A short row keeps the cells it has (crossfoot reports it as ragged); cells past the header's are dropped.
      const rows = body.map((row) => row.children.slice(0, width).map((cell) => words(cell).trim()));
      facts.tables.push({ rows, numbers: rows.map((r) => r.slice(1).map(numberOf)) });
      return;
    }
    if (node.type === 'paragraph' || node.type === 'heading') {
      const found = extractNarrative(index, (node.position?.start.offset ?? 0) + shift, (node.position?.end.offset ?? 0) + shift, []);
      facts.statements.push(...found.statements.map(withoutSection));
      facts.dates.push(...found.dates.map(withoutSection));
      return;
    }
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  visit(tree);
  return facts;
}

/** The same facts from crossfoot's reading. */
function read(doc: ReportDocument): Facts {
  return {
    tables: doc.tables.map((t) => {
      const rows = t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]);
      return { rows, numbers: t.rows.map((r) => r.cells.map((c) => (c.value === undefined ? undefined : String(Number(c.value))))) };
    }),
    statements: doc.statements.map(withoutSection),
    dates: doc.dates.map(withoutSection),
  };
}

function withoutSection<T extends { section: string[] }>(fact: T): Omit<T, 'section'> {
  const { section: _, ...rest } = fact;
  return rest;
}

const span = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }) => [n.position?.start.offset, n.position?.end.offset];

/** Every table's, row's and cell's offsets, and each cell's words. */
function tableShapes(tree: MdNode | Root): unknown[] {
  const out: unknown[] = [];
  const visit = (node: MdNode) => {
    if (node.type === 'table') {
      out.push([span(node), tableRows(node).map((row) => [span(row), (row.children ?? []).map((cell) => [span(cell), words(cell as Nodes).trim()])])]);
    } else for (const c of node.children ?? []) visit(c);
  };
  visit(tree as MdNode);
  return out;
}

function expectSameFacts(name: string, text: string): Facts {
  // The syntax tree's tables first: the same nodes at the same offsets with the same words.
  expect(tableShapes(parsePiece(text, true)), name).toEqual(tableShapes(plain.parse(text) as Root));
  const doc = parseMarkdown(`file:///${name}`, text);
  const mine = read(doc);
  const theirs = reference(text);
  expect(mine.tables.length, name).toBe(theirs.tables.length);
  for (const [t, table] of mine.tables.entries()) {
    expect(table.rows, `${name} table ${t + 1}`).toEqual(theirs.tables[t]?.rows);
    expect(table.numbers, `${name} table ${t + 1} numbers`).toEqual(theirs.tables[t]?.numbers);
  }
  expect(mine.statements, name).toEqual(theirs.statements);
  expect(mine.dates, name).toEqual(theirs.dates);
  return mine;
}

describe('Markdown reading gives the facts of plain remark-parse + remark-gfm', () => {
  it('on the example reports', () => {
    for (const file of ['jiangzhou-transport/2023.md', 'jiangzhou-transport/2024.md', 'riverside-foundation/fy2024.md']) {
      const facts = expectSameFacts(file, readFileSync(join(EXAMPLES, file), 'utf8'));
      expect(facts.tables.length).toBeGreaterThan(0);
      expect(facts.statements.length + facts.dates.length).toBeGreaterThan(0);
    }
  });

  it('on generated reports with an 84-row statistics table', () => {
    const rand = random(9);
    for (let i = 0; i < 12; i++) {
      const facts = expectSameFacts(`report-${i}.md`, markdownReport(i, 15 + i, rand));
      const stats = facts.tables.find((t) => t.rows.length === 84);
      expect(stats?.rows.at(-1)?.[0]).toBe('合计');
      expect(stats?.numbers.every((r) => r.every((n) => n !== undefined))).toBe(true);
    }
  });

  it('on a report long enough to be read in pieces', () => {
    const text = hugeMarkdownReport(0.12, random(3));
    const facts = expectSameFacts('long.md', text);
    expect(facts.tables.filter((t) => t.rows.length === 84).length).toBeGreaterThan(10);
  });

  it('with lists, quotes, inline markup, CRLF line ends and a byte order mark', () => {
    const text = [
      '---',
      'title: 江州市交通运输局2024年政府信息公开工作年度报告',
      '---',
      '',
      '# 江州市交通运输局2024年政府信息公开工作年度报告',
      '',
      '- 2024年3月，全年主动公开政府信息共**1586**条，其中政府网站发布1236条、政务新媒体发布350条。',
      '- 组织培训`2`次。',
      '',
      '> 本年度共收到政府信息公开申请47件，上年结转3件。',
      '',
      '| 信息内容 | 本年制发件数 | 本年废止件数 |',
      '|---|---:|---|',
      '| 规章 | 1,200 | ~~0~~ |',
      '| *行政规范性文件* | 5 | 1 \\| 2 |',
      '| 短行 |',
      '',
      '2024年12月31日',
    ].join('\r\n');
    expectSameFacts('crlf.md', text);
    expectSameFacts('bom.md', `\uFEFF${text}`);
  });
});

describe('a plain table read from its lines', () => {
  /** Each cell's words and the range of its content (between the pipes, blanks trimmed) from plain remark-parse + remark-gfm. */
  function remarkCells(text: string): unknown[] {
    const index = new LineIndex(text);
    const out: unknown[] = [];
    const visit = (node: Nodes) => {
      if (node.type === 'table') {
        const [header, ...body] = node.children;
        const width = header?.children.length ?? 0;
        for (const row of [header, ...body]) {
          for (const cell of row?.children.slice(0, width) ?? []) {
            let s = cell.position?.start.offset ?? 0;
            let e = cell.position?.end.offset ?? 0;
            const blank = (i: number) => /[ \t\n\r\u3000\u00a0\ufeff\f\v]/u.test(text[i] ?? '');
            if (text[s] === '|') s++;
            while (s < e && blank(s)) s++;
            while (e > s && blank(e - 1)) e--;
            if (e > s && text[e - 1] === '|') e--;
            while (e > s && blank(e - 1)) e--;
            out.push([words(cell).trim(), index.range(s, e)]);
          }
        }
        return;
      }
      if ('children' in node) for (const c of node.children) visit(c as Nodes);
    };
    visit(plain.parse(text) as Root);
    return out;
  }

  it('gives the cells, words and ranges of the nodes GFM makes, whatever the blanks', () => {
    const rand = random(17);
    const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
    const WORDS = ['12', '1,586', '3.5', '合计', '行政许可', 'Total', '', '-', '（一）予以公开'];
    const BLANKS = ['', ' ', '  ', '\t', '\u3000', '\u00a0', ' \u3000 '];
    let cells = 0;
    for (let n = 0; n < 60; n++) {
      const width = 2 + Math.floor(rand() * 4);
      const closed = rand() < 0.7;
      const line = (make: () => string) => {
        let out = '';
        for (let c = 0; c < width; c++) out += `|${make()}`;
        return closed ? `${out}|` : out;
      };
      const lines = [line(() => ` 列${pick(WORDS)} `), line(() => pick(['---', ' --- ', ':--', '-:', ' :-: ']))];
      const rows = 1 + Math.floor(rand() * 6);
      for (let r = 0; r < rows; r++) lines.push(line(() => `${pick(BLANKS)}${pick(WORDS)}${pick(BLANKS)}`));
      const text = `# 表\n\n${lines.join('\n')}\n\n正文。\n`;
      const doc = parseMarkdown('file:///t.md', text);
      // The header (the label column's and the columns'), then each row's label and cells.
      const mine = doc.tables.flatMap((t) => [
        [t.labelHeader ?? '', expect.anything()],
        ...t.columns.map((c) => [c.label, c.range]),
        ...t.rows.flatMap((row) => [[row.label, row.labelRange], ...row.cells.map((c) => [c.text, c.range])]),
      ]);
      const theirs = remarkCells(text);
      cells += theirs.length;
      expect(mine, JSON.stringify(text)).toEqual(theirs);
    }
    expect(cells).toBeGreaterThan(300);
  });
});

/** Every heading and paragraph of a tree, wherever it is: its kind, level, words and offsets. */
function proseShapes(tree: MdNode | Root): unknown[] {
  const out: unknown[] = [];
  const visit = (node: MdNode) => {
    if (node.type === 'heading' || node.type === 'paragraph') out.push([node.type, node.depth, words(node as Nodes), span(node)]);
    else if (node.type === 'yaml') out.push([node.type, node.value, span(node)]);
    else for (const c of node.children ?? []) visit(c);
  };
  visit(tree as MdNode);
  return out;
}

describe('prose read without micromark gives its nodes', () => {
  // Lines of every kind a report's prose has, and of those that must go to micromark (they open a block, or hold
  // markup), including plain-looking lines inside a fence or an HTML block that runs past blank lines.
  const KINDS = [
    '2024年，我局持续深化政务公开，全年主动公开政府信息1586条。',
    '全年办结申请42件，其中予以公开18件。',
    '　　本年度共收到申请47件（上年结转3件）。',
    '# 一、总体情况',
    '## （二）主动公开政府信息情况',
    '###### 六级标题',
    '#没有空格的井号',
    '## 标题 ##',
    '- 列表项',
    '1. 有序列表',
    '2024. 年份后的点',
    '> 引用的段落',
    '    缩进四格的代码',
    '```',
    '~~~',
    '<div>',
    '<!-- 注释',
    '-->',
    '===',
    '---',
    '***',
    '| 表格 | 一行 |',
    '含有**粗体**的段落',
    '含有`代码`与 [链接](https://example.gov.cn) 的段落',
    '末尾有两个空格  ',
    '含有 &amp; 实体',
    '访问 www.example.gov.cn 查看',
    '访问 WWW.EXAMPLE.GOV.CN 查看',
    '下载 ftp://files.example.gov.cn 文件',
    '访问 https://example.gov.cn 查看',
    '1) 右括号的有序列表',
    '123456789. 九位数的点',
    '1234567890. 十位数的点',
    '[ref]: https://example.gov.cn',
    '',
    '',
    '',
  ];

  it('the same headings and paragraphs at the same offsets as plain remark-parse + remark-gfm', () => {
    const rand = random(21);
    let plainBlocks = 0;
    for (let n = 0; n < 400; n++) {
      const lines: string[] = [];
      const count = 3 + Math.floor(rand() * 14);
      for (let k = 0; k < count; k++) lines.push(KINDS[Math.floor(rand() * KINDS.length)] as string);
      const matter = ['', '---\ntitle: 年度报告\n---\n', '---\n---\n', '---  \na: 1\n\nb: 2\n---\n\n'][n % 4] as string;
      const text = matter + lines.join('\n');
      // A piece that opens the document may start with front matter; a later one may not.
      const opens = n % 2 === 0;
      expect(proseShapes(parsePiece(text, opens)), JSON.stringify(text)).toEqual(proseShapes((opens ? plain : plainBody).parse(text) as Root));
      if (!/[`~<>|*\-=[]/u.test(lines.join('\n'))) plainBlocks++;
    }
    // Some of the texts are all prose, read without micromark at all.
    expect(plainBlocks).toBeGreaterThan(5);
  });

  it('each kind of line alone, and after a plain line, as plain remark-parse + remark-gfm reads it', () => {
    for (const kind of KINDS.filter((k) => k !== '')) {
      for (const text of [kind, `全年主动公开政府信息1586条。\n${kind}`]) {
        expect(proseShapes(parsePiece(text, false)), JSON.stringify(text)).toEqual(proseShapes(plainBody.parse(text) as Root));
      }
    }
  });

  it('a front matter, then prose', () => {
    const text = '---\ntitle: 年度报告\n---\n# 江州市交通运输局2024年政府信息公开工作年度报告\n\n2024年，我局持续深化政务公开。\n第二行。\n\n## 二、主动公开\n';
    expect(proseShapes(parsePiece(text, true))).toEqual(proseShapes(plain.parse(text) as Root));
    const at = (words: string) => text.indexOf(words);
    const title = '# 江州市交通运输局2024年政府信息公开工作年度报告';
    const prose = '2024年，我局持续深化政务公开。\n第二行。';
    expect(proseShapes(parsePiece(text, true))).toEqual([
      ['yaml', 'title: 年度报告', [0, at('\n# ')]],
      ['heading', 1, title.slice(2), [at(title), at(title) + title.length]],
      ['paragraph', undefined, prose, [at(prose), at(prose) + prose.length]],
      ['heading', 2, '二、主动公开', [at('## 二'), at('## 二') + 9]],
    ]);
  });
});
