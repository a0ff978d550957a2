import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root, RootContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { growthRatio } from './growth.ts';

// GFM tables are read by micromark-extension-gfm-table. Its edit map merges the edits made at one index;
// up to 2.1.1 `add` found that edit by scanning every edit recorded so far, which is quadratic in the
// number of table cells (a 0.5 MB report of tables took over a minute). From 2.1.2 the edits are indexed.
// These tests hold the installed edit map to the behaviour of the original one, and the Markdown path
// to linear time on table-heavy reports.

type Change = [number, number, unknown[]];

interface EditMapLike {
  map: Change[];
  add(index: number, remove: number, add: unknown[]): void;
  consume(events: unknown[]): void;
}
type EditMapClass = new () => EditMapLike;

/** The original edit map (micromark-extension-gfm-table 2.1.1), kept as the reference. */
class ReferenceEditMap implements EditMapLike {
  map: Change[] = [];

  add(at: number, remove: number, add: unknown[]): void {
    if (remove === 0 && add.length === 0) return;
    for (const change of this.map) {
      if (change[0] === at) {
        change[1] += remove;
        change[2].push(...add);
        return;
      }
    }
    this.map.push([at, remove, add]);
  }

  consume(events: unknown[]): void {
    this.map.sort((a, b) => a[0] - b[0]);
    if (this.map.length === 0) return;
    let index = this.map.length;
    const vecs: unknown[][] = [];
    while (index > 0) {
      index -= 1;
      vecs.push(events.slice(this.map[index][0] + this.map[index][1]), this.map[index][2]);
      events.length = this.map[index][0];
    }
    vecs.push(events.slice());
    events.length = 0;
    let slice = vecs.pop();
    while (slice) {
      for (const element of slice) events.push(element);
      slice = vecs.pop();
    }
    this.map.length = 0;
  }
}

// The table extension is not a dependency of this package: find the copy remark-gfm uses.
const fromAdapters = createRequire(new URL('../package.json', import.meta.url));
const fromRemarkGfm = createRequire(fromAdapters.resolve('remark-gfm'));
const fromMicromarkGfm = createRequire(fromRemarkGfm.resolve('micromark-extension-gfm'));
// Under vitest the `development` condition applies, so the entry is `dev/index.js` rather than `index.js`.
const tableEntry = fromMicromarkGfm.resolve('micromark-extension-gfm-table');
let tableDir = dirname(tableEntry);
while (!existsSync(join(tableDir, 'package.json'))) tableDir = dirname(tableDir);
const loadEditMap = async (file: string): Promise<EditMapClass> =>
  ((await import(pathToFileURL(join(tableDir, file)).href)) as { EditMap: EditMapClass }).EditMap;
// Both builds of the package: `lib/` for the `default` condition, `dev/lib/` for `development`.
const installed: Record<string, EditMapClass> = {
  'lib/edit-map.js': await loadEditMap('lib/edit-map.js'),
  'dev/lib/edit-map.js': await loadEditMap('dev/lib/edit-map.js'),
};
// The build next to the entry is the one remark-gfm runs here.
const inUse = installed[relative(tableDir, dirname(tableEntry)) === 'dev' ? 'dev/lib/edit-map.js' : 'lib/edit-map.js'];

/** Seeded generator (mulberry32), so a failing sequence can be replayed. */
const rng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

type Op = { kind: 'add'; at: number; remove: number; array: number; items: string[] } | { kind: 'consume' };

/**
 * Rounds of adds then a consume on one map. Indices repeat (so edits merge) and come out of order;
 * some adds only remove, some are empty, and an array is sometimes passed again (the map keeps and
 * extends the caller's array, so aliasing must behave the same too).
 */
const script = (seed: number): { initial: number; ops: Op[] } => {
  const next = rng(seed);
  const int = (n: number) => Math.floor(next() * n);
  const initial = int(40);
  const ops: Op[] = [];
  let length = initial;
  let arrays = 0;
  let marker = 0;
  for (let round = int(3) + 1; round > 0; round--) {
    const pool = Array.from({ length: int(6) + 1 }, () => int(length + 1));
    let added = 0;
    for (let n = int(30); n > 0; n--) {
      const at = next() < 0.7 ? pool[int(pool.length)] : int(length + 1);
      const remove = next() < 0.6 ? 0 : int(3);
      const reuse = arrays > 0 && next() < 0.1;
      const items = reuse ? [] : Array.from({ length: next() < 0.15 ? 0 : int(4) + 1 }, () => `m${marker++}`);
      ops.push({ kind: 'add', at, remove, array: reuse ? int(arrays) : arrays++, items });
      added += items.length;
    }
    ops.push({ kind: 'consume' });
    length += added; // an upper bound is enough: indices stay small either way
    length = Math.max(length, 1);
  }
  return { initial, ops };
};

/** Run a script on a fresh map; every array is created anew, with the same aliasing. */
const run = (EditMap: EditMapClass, { initial, ops }: { initial: number; ops: Op[] }) => {
  const events: unknown[] = Array.from({ length: initial }, (_, i) => `e${i}`);
  const arrays: unknown[][] = [];
  const snapshots: unknown[][] = [];
  const map = new EditMap();
  for (const op of ops) {
    if (op.kind === 'consume') {
      map.consume(events);
      snapshots.push(events.slice());
      continue;
    }
    if (!arrays[op.array]) arrays[op.array] = op.items.slice();
    // Indices past the current end are clamped, as resolvers only edit inside the list.
    map.add(Math.min(op.at, events.length), op.remove, arrays[op.array]);
  }
  return { snapshots, arrays: arrays.map((a) => a.slice()) };
};

describe('the installed edit map behaves exactly as the original', () => {
  for (const [file, EditMap] of Object.entries(installed)) {
    it(`${file}: same events for 3000 seeded random add/consume sequences`, () => {
      for (let seed = 1; seed <= 3000; seed++) {
        const s = script(seed);
        const expected = run(ReferenceEditMap, s);
        const actual = run(EditMap, s);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          expect({ seed, ...actual }).toEqual({ seed, ...expected });
        }
      }
    });

    it(`${file}: merges edits at one index in the order they were added`, () => {
      for (const Impl of [ReferenceEditMap, EditMap]) {
        const events = ['a', 'b', 'c', 'd', 'e'];
        const map = new Impl();
        const first = ['x1'];
        map.add(3, 1, first);
        map.add(1, 0, ['y1']);
        map.add(3, 1, ['x2', 'x3']);
        map.add(1, 1, []);
        map.add(0, 0, []); // no edit
        map.add(3, 0, ['x4']);
        map.consume(events);
        expect(events).toEqual(['a', 'y1', 'c', 'x1', 'x2', 'x3', 'x4']);
        expect(first).toEqual(['x1', 'x2', 'x3', 'x4']); // the first array is extended in place
        // After consume the map is empty: the same index starts a new edit.
        map.add(3, 0, ['z']);
        map.consume(events);
        expect(events).toEqual(['a', 'y1', 'c', 'z', 'x1', 'x2', 'x3', 'x4']);
      }
    });

    it(`${file}: add does not scan the edits recorded so far`, () => {
      const count = 4096;
      const map = new EditMap();
      let reads = 0;
      map.map = new Proxy(map.map, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
      for (let i = 0; i < count; i++) map.add((i * 7919) % count, 0, [i]);
      for (let i = 0; i < count; i++) map.add(i, 1, []);
      // The original reads about count² / 2 entries per pass here; an index reads O(1) or O(log n) per add.
      expect(reads).toBeLessThanOrEqual(2 * count * (2 * Math.log2(count) + 4));
      const events = Array.from({ length: count + 1 }, (_, i) => -i - 1);
      map.consume(events);
      // 15 is the inverse of 7919 modulo 4096: the edit at index j carries the i with i × 7919 ≡ j.
      expect(events).toEqual([...Array.from({ length: count }, (_, i) => (i * 15) % count), -(count + 1)]);
    });
  }
});

const processor = unified().use(remarkParse).use(remarkGfm);
const parse = (markdown: string) => processor.parse(markdown) as Root;

const text = (node: RootContent | Root): string => {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  return 'children' in node ? node.children.map((child) => text(child as RootContent)).join('') : '';
};
const tables = (node: Root | RootContent): Table[] =>
  node.type === 'table' ? [node] : 'children' in node ? node.children.flatMap((child) => tables(child as RootContent)) : [];
const cells = (table: Table) => table.children.map((row) => row.children.map((cell) => text(cell)));

const disclosure = `# 2021年政府信息公开工作年度报告

三、收到和处理政府信息公开申请情况（单位：件）

| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
| :--- | :---: | ---: | --- | ---: | ---: | ---: | ---: |
| 一、本年新收政府信息公开申请数量 | 23 | 4 | 0 | 1 | 2 | 0 | 30 |
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 三、本年度办理结果 | 20 | 3 |
| 四、结转下年度继续办理 | 4 | 1 | 0 | 1 | 2 | 0 | 8 | 多余 |
| **合计** | 24 | 4 | 0 | 1 | 2 | 0 | 31 |

注：本表“总计”为各类申请人之和。
`;

const escapes = `| 字段 | 说明 | 示例 |
| --- | --- | --- |
| 分隔符 | 竖线写作 \\| 转义 | \`a\\|b\` |
| 代码 | \`x | y\` 会被拆开 | 末尾 |
| 反斜杠 | C:\\\\路径 | \\\\|
`;

const containers = `1. 主动公开情况

   | 项目 | 数量 |
   | --- | ---: |
   | 主动公开 | 120 |
   | 依申请公开 | 30 |

2. 行政复议和行政诉讼情况

> | 类别 | 件数 |
> | :-: | :-: |
> | 行政复议 | 2 |
> | 行政诉讼 | 1 |
>
> 以上为本年度数据。

| 年度 | 金额 |
| --- | --- |
| 2020 | 1,234.50 |
说明：单位为万元

| a | b | c |
| --- | --- |
| 1 | 2 | 3 |

| 只有表头 | 没有数据 |
| -- | -- |
`;

describe('tables read through remark-gfm', () => {
  it('an 8-column report table: alignment, ragged rows, cell texts', () => {
    const found = tables(parse(disclosure));
    expect(found).toHaveLength(1);
    const [table] = found;
    expect(table.align).toEqual(['left', 'center', 'right', null, 'right', 'right', 'right', 'right']);
    expect(cells(table)).toEqual([
      ['申请人情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
      ['一、本年新收政府信息公开申请数量', '23', '4', '0', '1', '2', '0', '30'],
      ['二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '0', '0', '1'],
      ['三、本年度办理结果', '20', '3'],
      ['四、结转下年度继续办理', '4', '1', '0', '1', '2', '0', '8', '多余'],
      ['合计', '24', '4', '0', '1', '2', '0', '31'],
    ]);
    expect(table.position?.start).toMatchObject({ line: 5, column: 1 });
    expect(table.position?.end).toMatchObject({ line: 11, column: 41 });
    expect(table.children[5].children[0].children[0].type).toBe('strong');
  });

  it('escaped pipes, pipes in code, escaped backslashes', () => {
    const [table] = tables(parse(escapes));
    expect(cells(table)).toEqual([
      ['字段', '说明', '示例'],
      ['分隔符', '竖线写作 | 转义', 'a|b'],
      ['代码', '`x', 'y` 会被拆开', '末尾'],
      ['反斜杠', 'C:\\路径', '\\'],
    ]);
    expect(table.children[1].children[2].children[0].type).toBe('inlineCode');
  });

  it('tables in lists and block quotes; a line after a table is a row; a bad delimiter row is no table', () => {
    const tree = parse(containers);
    expect(tree.children.map((node) => node.type)).toEqual(['list', 'blockquote', 'table', 'paragraph', 'table']);
    const found = tables(tree);
    expect(found.map(cells)).toEqual([
      [
        ['项目', '数量'],
        ['主动公开', '120'],
        ['依申请公开', '30'],
      ],
      [
        ['类别', '件数'],
        ['行政复议', '2'],
        ['行政诉讼', '1'],
      ],
      [['年度', '金额'], ['2020', '1,234.50'], ['说明：单位为万元']],
      [['只有表头', '没有数据']],
    ]);
    expect(found.map((table) => table.align)).toEqual([
      [null, 'right'],
      ['center', 'center'],
      [null, null],
      [null, null],
    ]);
    expect(text(tree.children[3])).toBe('| a | b | c |\n| --- | --- |\n| 1 | 2 | 3 |');
  });

  it('the same trees with the original edit map swapped in', () => {
    // Node caches modules by URL, so this is the class the parser uses.
    const EditMap = inUse;
    const documents = [disclosure, escapes, containers, report(60_000)];
    const current = documents.map((doc) => JSON.stringify(parse(doc)));
    const { add, consume } = EditMap.prototype;
    let used = 0;
    EditMap.prototype.add = function (this: EditMapLike, at: number, remove: number, items: unknown[]) {
      used++;
      ReferenceEditMap.prototype.add.call(this, at, remove, items);
    };
    EditMap.prototype.consume = ReferenceEditMap.prototype.consume;
    try {
      const original = documents.map((doc) => JSON.stringify(parse(doc)));
      expect(used).toBeGreaterThan(0);
      for (let i = 0; i < documents.length; i++) expect(original[i] === current[i], `document ${i}`).toBe(true);
    } finally {
      EditMap.prototype.add = add;
      EditMap.prototype.consume = consume;
    }
  });
});

/** A report of tables: 30-row, 8-column statistics tables under headings, with a paragraph after each. */
function report(targetBytes: number): string {
  const header = '| 指标 | 2019年 | 2020年 | 2021年 | 2022年 | 2023年 | 同比增长 | 备注 |';
  const align = '| :--- | ---: | ---: | ---: | ---: | ---: | :---: | --- |';
  const names = ['营业收入', '营业成本', '税金及附加', '销售费用', '管理费用', '研发费用', '财务费用', '净利润'];
  const parts: string[] = [];
  let size = 0;
  for (let t = 0; size < targetBytes; t++) {
    const rows = [header, align];
    for (let r = 0; r < 30; r++) {
      const v = (k: number) => (((t * 31 + r * 17 + k * 7) % 9000) + 1000).toLocaleString('en-US') + '.' + String((r + k) % 100).padStart(2, '0');
      rows.push(
        `| ${names[r % names.length]}（第${r + 1}项） | ${v(1)} | ${v(2)} | ${v(3)} | ${v(4)} | ${v(5)} | ${((r * 3 + t) % 40) - 20}.${r % 10}% | 见附注${(r % 12) + 1} |`,
      );
    }
    const block = `## 表${t + 1} 主要财务指标\n\n${rows.join('\n')}\n\n本表数据来源于公司年度财务报告，单位为人民币万元。报告期内营业收入同比增长，主要系业务规模扩大所致。\n\n`;
    parts.push(block);
    size += Buffer.byteLength(block);
  }
  return parts.join('');
}

describe('parsing time grows linearly with the tables', () => {
  it('a report 4× the size takes well under 8× the time', () => {
    const median = (doc: string, runs: number) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        parse(doc);
        times.push((performance.now() - start) / 1000);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
    };
    const small = report(100_000);
    const large = report(400_000);
    const count = (doc: string) => doc.match(/^## 表/gm)?.length ?? 0;
    expect(count(small) * 4).toBeLessThanOrEqual(count(large) + 4);
    median(report(50_000), 2); // warm up
    const figures = [small, large].map((doc) => {
      const mb = Buffer.byteLength(doc) / 1e6;
      const seconds = median(doc, 3);
      return { mb, seconds, rate: mb / seconds };
    });
    let ratio = figures[1].seconds / figures[0].seconds;
    for (const { mb, seconds, rate } of figures) console.log(`gfm tables: ${mb.toFixed(2)} MB in ${seconds.toFixed(2)} s (${rate.toFixed(2)} MB/s)`);
    console.log(`gfm tables: ${(figures[1].mb / figures[0].mb).toFixed(2)}× the size took ${ratio.toFixed(2)}× the time`);
    // A busy machine can slow one run down; measure again, keeping the fastest runs, before calling it quadratic.
    if (ratio >= 8) ratio = growthRatio(parse, small, large, 8);
    expect(ratio).toBeLessThan(8);
  }, 90_000);
});
