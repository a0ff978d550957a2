import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, decimalOf, halfUnit, holds } from '../src/decimal.ts';
import type { Locale } from '../src/diagnostic.ts';
import { Checker } from '../src/engine.ts';
import { parseExpression } from '../src/formula.ts';
import type { Cell, ReportDocument } from '../src/model.ts';
import { loadPack } from '../src/pack.ts';
import { plainFigure, plainlyAddsUp } from '../src/plain.ts';
import { isUnresolved, Resolver } from '../src/resolve.ts';
import { at, doc, memoryHost, type RowSpec, statement, table } from './helpers.ts';

const COLUMNS = ['自然人', '法人或其他组织/商业企业', '总计'];

/** Table 3 of the 2021 format, cut down to what the relations need. */
function t3(overrides: Record<string, (string | null)[]> = {}): ReturnType<typeof table> {
  const v = (label: string, values: (string | null)[]) => overrides[label] ?? values;
  const rows: RowSpec[] = [
    { label: '一、本年新收政府信息公开申请数量', number: '一', marker: '一、', values: v('一', ['10', '2', '12']) },
    { label: '二、上年结转政府信息公开申请数量', number: '二', marker: '二、', values: v('二', ['1', '0', '1']) },
    { label: '三、本年度办理结果', number: '三', marker: '三、', kind: 'heading', values: [null, null, null] },
    { label: '（一）予以公开', number: '(一)', marker: '（一）', level: 2, parent: 2, values: v('(一)', ['6', '1', '7']) },
    { label: '（二）部分公开', number: '(二)', marker: '（二）', level: 2, parent: 2, values: v('(二)', ['2', '0', '2']) },
    { label: '（三）不予公开', number: '(三)', marker: '（三）', level: 2, parent: 2, kind: 'heading', values: [null, null, null] },
    { label: '1.属于国家秘密', number: '1', marker: '1.', level: 3, parent: 5, values: v('(三)1', ['1', '0', '1']) },
    { label: '2.其他法律行政法规禁止公开', number: '2', marker: '2.', level: 3, parent: 5, values: v('(三)2', ['1', '0', '1']) },
    { label: '（七）总计', number: '(七)', marker: '（七）', level: 2, parent: 2, kind: 'total', values: v('(七)', ['10', '1', '11']) },
    { label: '四、结转下年度继续办理', number: '四', marker: '四、', values: v('四', ['1', '1', '2']) },
  ];
  return table('t1', '收到和处理政府信息公开申请情况', COLUMNS, rows);
}

const PACK = `id: demo
version: 1.0.0
recognize:
  title: 政府信息公开.*年度报告
tables:
  T3:
    caption: 收到和处理政府信息公开申请情况
    has-row: 本年新收
facts:
  received: { table: T3, row: 一, column: 总计 }
  handled: { table: T3, row: （七）, column: 总计 }
rules:
  - id: balance
    check:
      compare:
        relation: "T3[一] + T3[二] = T3[（七）] + T3[四]"
        for-each: column
  - id: results-total
    check:
      compare:
        relation: "T3[（七）] = T3[（一）] + T3[（二）] + T3[（三）].children"
        for-each: column
  - id: totals
    check:
      table-totals: { table: T3 }
  - id: outline-sums
    check:
      sum: { table: T3 }
  - id: handled-in-text
    check:
      text-vs-table: { statement: 办结, unit: 件, equals: ["T3[（七）][总计]"] }
  - id: received-in-text
    check:
      text-vs-table: { statement: 收到, unit: 件, equals: ["T3[一][总计]", "T3[一][总计] + T3[二][总计]"] }
  - id: statement-sums
    check:
      statement-sums: { when: over, percentages: true }
  - id: statement-shortfall
    severity: warning
    check:
      statement-sums: { when: under }
  - id: dates
    check:
      date-in-period: { exclude-sections: [计划] }
  - id: period
    check:
      period: {}
  - id: deadline
    check:
      deadline: { default: "03-31", by-issuer: [{ issuer: 局$, deadline: "01-31" }] }
  - id: sections
    check:
      required: { sections: [总体情况, 主动公开, 收到和处理], in-order: true, tables: [T3], cells: T3 }
  - id: carried-over
    check:
      previous-report: { relation: "T3[二] = previous.T3[四]", for-each: column }
  - id: repeated-phrase
    severity: info
    check:
      text-pattern: { repeated-phrase: { min: 2, max: 8 } }
  - id: no-placeholder
    severity: warning
    check:
      text-pattern: { pattern: "XX局|TODO" }
  - id: handled-at-most-received
    check:
      conditions:
        all:
          - { fact: handled, operator: lessThanInclusive, value: { fact: received } }
`;

const pack = loadPack('demo', memoryHost({ '/rules/demo/pack.yaml': PACK }));

async function run(
  d: ReportDocument,
  options: { previous?: ReportDocument; locale?: Locale; rules?: Record<string, 'off' | 'error' | 'warning' | 'info'> } = {},
) {
  const checker = new Checker([pack], { locale: options.locale ?? 'zh-CN', rules: options.rules });
  return checker.check({ doc: d, previous: options.previous, packs: [pack] });
}

function ids(ds: { ruleId: string }[]): string[] {
  return ds.map((d) => d.ruleId);
}

const section = (title: string, line: number) => ({
  marker: '',
  number: '',
  title,
  level: 1,
  range: at(line, 1, title.length),
  extent: at(line, 1, title.length),
  children: [],
});
const meta = {
  title: { value: '某某市人民政府2024年政府信息公开工作年度报告', range: at(1, 1, 20) },
  issuer: { value: '某某市人民政府', range: at(1, 1, 7) },
  year: { value: 2024, range: at(1, 8, 4) },
  period: { value: { start: '2024-01-01', end: '2024-12-31' }, range: at(3, 5, 20) },
  published: { value: '2025-01-20', range: at(90, 1, 10) },
};
const sections = [section('一、总体情况', 2), section('二、主动公开政府信息情况', 4), section('三、收到和处理政府信息公开申请情况', 6)];
const clean = () => doc({ meta: { ...meta }, sections, tables: [t3()] });

describe('a consistent report', () => {
  it('passes every rule', async () => {
    expect(await run(clean())).toEqual([]);
  });
});

describe('compare (for-each column)', () => {
  it('flags 一 + 二 ≠ （七） + 四 in one column, at the first figure, with every operand related', async () => {
    const d = doc({ meta, sections, tables: [t3({ 四: ['1', '1', '3'] })] });
    const found = (await run(d)).filter((x) => x.ruleId === 'demo/balance');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.messageId).toBe('mismatch-in-column');
    expect(f.data.column).toBe('总计');
    expect(f.range.start).toEqual({ line: 10, column: 29 });
    expect(f.related).toHaveLength(3);
    expect(f.arithmetic).toMatchObject({ actual: '13', expected: '14', difference: '-1', precision: '精确比较' });
    expect(f.message).toBe('总计：T3[一] + T3[二] = T3[(七)] + T3[四] 不成立，左边 12 + 1 = 13，右边 11 + 3 = 14，相差 -1');
  });

  it('sums the children of an outline row with `.children`', async () => {
    const d = doc({ meta, sections, tables: [t3({ '(三)2': ['2', '0', '2'], '(七)': ['11', '1', '12'], 四: ['0', '1', '1'] })] });
    // (七) = 6+2+1+2 = 11 for 自然人: holds; the table-totals and balance rules see the same numbers.
    expect((await run(d)).filter((x) => x.ruleId === 'demo/results-total')).toEqual([]);
    const bad = doc({ meta, sections, tables: [t3({ '(三)2': ['3', '0', '3'] })] });
    const found = (await run(bad)).filter((x) => x.ruleId === 'demo/results-total');
    expect(found.map((f) => f.data.column)).toEqual(['自然人', '总计']);
  });
});

describe('table-totals', () => {
  it('checks a total row against the rows it closes, expanding heading rows into their children', async () => {
    const d = doc({ meta, sections, tables: [t3({ '(七)': ['10', '1', '12'] })] });
    const found = (await run(d)).filter((x) => x.ruleId === 'demo/totals');
    expect(found.map((f) => f.messageId).sort()).toEqual(['row-total-mismatch', 'total-mismatch']);
    const col = found.find((f) => f.messageId === 'total-mismatch')!;
    expect(col.data).toMatchObject({ actual: '12', expected: '11', parts: '7 + 2 + 1 + 1' });
  });

  it('checks a total column against the item columns of every row', async () => {
    const d = doc({ meta, sections, tables: [t3({ 一: ['10', '2', '13'] })] });
    const found = (await run(d)).filter((x) => x.ruleId === 'demo/totals');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ messageId: 'row-total-mismatch', range: { start: { line: 10 } } });
    expect(found[0]!.message).toBe('一、本年新收政府信息公开申请数量：总计 13 与各列之和 12 不一致（10 + 2）');
  });
});

describe('whole figures added as numbers', () => {
  /** A figure as an adapter writes a cell's value: whole, negative, with decimals, long, or odd. */
  const figure = fc.oneof(
    { arbitrary: fc.integer({ min: -2000, max: 2000 }).map(String), weight: 12 },
    fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map(String),
    fc.constantFrom('0', '-0', '007', '1e3', '', '-', '12.0', '0.5', '-3.25', '999999999999', '1000000000000', '١٢'),
    fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`),
  );
  const cellOf = (value: string | null, decimals?: number): Cell => ({
    text: value ?? '—',
    value: value ?? undefined,
    decimals: value === null ? undefined : (decimals ?? (value.includes('.') ? value.length - value.indexOf('.') - 1 : 0)),
    empty: value === null,
    range: at(1, 1, 1),
  });

  it('reads a cell as a number only when it is a whole figure written without decimals, and then exactly', () => {
    fc.assert(
      fc.property(fc.option(figure, { nil: null }), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), (value, decimals) => {
        const cell = cellOf(value, decimals);
        const n = plainFigure(cell);
        if (Number.isNaN(n)) return;
        expect(cell.empty).toBe(false);
        expect(cell.decimals ?? 0).toBe(0);
        expect(Number.isSafeInteger(n)).toBe(true);
        expect(decimalOf(cell.value as string).equals(n)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(plainFigure(cellOf('1586'))).toBe(1586);
    expect(plainFigure(cellOf('-12'))).toBe(-12);
    expect(plainFigure(cellOf('12.50'))).toBeNaN();
    expect(plainFigure(cellOf('12', 2))).toBeNaN();
    expect(plainFigure(cellOf(null))).toBeNaN();
  });

  it('settles a total only where decimal arithmetic, compared exactly, finds that it holds', () => {
    let settled = 0;
    fc.assert(
      fc.property(
        fc.array(fc.option(figure, { nil: null, freq: 20 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.option(figure, { nil: null }),
        (parts, adds, other) => {
          // Half the time the total is the parts' sum, so that totals that hold are as common as those that do not.
          const whole = parts.every((p) => p !== null && /^-?\d+$/.test(p));
          const total = adds && whole ? parts.reduce((a, p) => a.plus(new Dec(p as string)), new Dec(0)).toFixed() : other;
          const cells = [cellOf(total), ...parts.map((p) => cellOf(p))];
          const grid = Float64Array.from(cells, plainFigure);
          if (
            !plainlyAddsUp(
              grid,
              0,
              parts.map((_, i) => i + 1),
            )
          )
            return;
          settled++;
          const measure = (c: Cell) => ({ value: new Dec(c.value as string), width: halfUnit(c.decimals ?? 0) });
          const sum = cells.slice(1).reduce((a, c) => ({ value: a.value.plus(measure(c).value), width: a.width.plus(measure(c).width) }), {
            value: new Dec(0),
            width: new Dec(0),
          });
          expect(holds('=', measure(cells[0] as Cell), sum)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
    expect(settled).toBeGreaterThan(200);
    // A part written with decimals is never settled as a number, even where its whole part would add up.
    const grid = Float64Array.from([cellOf('10'), cellOf('4'), cellOf('6.0')], plainFigure);
    expect(plainlyAddsUp(grid, 0, [1, 2])).toBe(false);
    expect(plainlyAddsUp(Float64Array.from([cellOf('10'), cellOf('4'), cellOf('6')], plainFigure), 0, [1, 2])).toBe(true);
    expect(plainlyAddsUp(Float64Array.from([cellOf('10'), cellOf('4'), cellOf('5')], plainFigure), 0, [1, 2])).toBe(false);
  });
});

describe('relations of whole figures settled as numbers', () => {
  const cellValue = fc.option(
    fc.oneof(
      { arbitrary: fc.integer({ min: -50, max: 500 }).map(String), weight: 10 },
      { arbitrary: fc.constantFrom('0.5', '12.50', '-3.2', '999999999999', '5000000000000'), weight: 1 },
    ),
    { nil: null, freq: 12 },
  );
  const rowsOf = fc.record(
    Object.fromEntries(['一', '二', '(一)', '(二)', '(三)1', '(三)2', '(七)', '四'].map((k) => [k, fc.array(cellValue, { minLength: 3, maxLength: 3 })])),
  );
  const ref = fc.constantFrom(
    'T3[一]',
    'T3[二]',
    'T3[（七）]',
    'T3[四]',
    'T3[（三）].children',
    'T3[（一）][总计]',
    'T3[二][自然人]',
    'T3[九]',
    'received',
    'previous.T3[四]',
  );
  const term = fc.oneof({ arbitrary: ref, weight: 6 }, { arbitrary: fc.constantFrom('0', '2', '1.5', '100'), weight: 1 });
  const expression = fc
    .tuple(term, fc.array(fc.tuple(fc.constantFrom('+', '-', '*'), term), { maxLength: 4 }), fc.boolean())
    .map(([first, rest, negate]) => `${negate ? '-' : ''}${first}${rest.map(([op, t]) => ` ${op} ${t}`).join('')}`);

  it('gives a number only where decimal evaluation gives exactly that value, with no width', () => {
    let settled = 0;
    fc.assert(
      fc.property(
        rowsOf,
        rowsOf,
        fc.array(expression, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(undefined, ...COLUMNS),
        (values, last, texts, column) => {
          const previous = new Resolver(doc({ tables: [t3(last)] }), pack);
          const resolver = new Resolver(doc({ tables: [t3(values)] }), pack, previous);
          for (const text of texts) {
            const expr = parseExpression(text);
            const plain = resolver.plain(expr, column);
            if (Number.isNaN(plain)) continue;
            settled++;
            const evaluated = resolver.evaluate(expr, column);
            expect(isUnresolved(evaluated)).toBe(false);
            if (isUnresolved(evaluated)) return;
            expect(evaluated.width.isZero()).toBe(true);
            expect(evaluated.value.equals(plain)).toBe(true);
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(settled).toBeGreaterThan(300);
  });

  it('leaves to decimals a figure with decimals, an empty cell, a missing row, a fact and a product', () => {
    const resolver = new Resolver(doc({ tables: [t3({ 二: ['1.5', '0', '1.5'], 四: ['1', null, '2'] })] }), pack);
    expect(resolver.plain(parseExpression('T3[一] + T3[（七）]'), '总计')).toBe(23);
    for (const text of ['T3[二]', 'T3[四]', 'T3[九]', 'received', 'T3[一] * 2', 'T3[一] + 0.5', 'previous.T3[四]']) {
      expect(resolver.plain(parseExpression(text), text === 'T3[四]' ? '法人或其他组织/商业企业' : '总计'), text).toBeNaN();
    }
  });
});

describe('sum over the outline', () => {
  it('flags a parent that is not the sum of its numbered children, and a 其中 row above its parent', async () => {
    const rows: RowSpec[] = [
      { label: '（三）从事政府信息公开工作人员数', number: '(三)', level: 1, values: ['3'] },
      { label: '1.专职人员数', number: '1', level: 2, parent: 0, values: ['0'] },
      { label: '2.兼职人员数', number: '2', level: 2, parent: 0, values: ['2'] },
      { label: '四、行政复议数量', number: '四', level: 1, values: ['1'] },
      { label: '其中:被依法纠错数', level: 2, parent: 3, kind: 'subset', values: ['2'] },
    ];
    const stats = table('t2', '政府信息公开情况统计表', ['统计数'], rows, 40);
    const p = loadPack(
      'p',
      memoryHost({ '/rules/p/pack.yaml': 'id: p\nversion: 1.0.0\ntables:\n  S: { caption: 统计表 }\nrules:\n  - id: s\n    check: { sum: { table: S } }\n' }),
    );
    const found = await new Checker([p], { locale: 'en' }).check({ doc: doc({ tables: [stats] }), packs: [p] });
    expect(found.map((f) => [f.messageId, f.range.start.line])).toEqual([
      ['total-mismatch', 40],
      ['subset-exceeds', 44],
    ]);
    expect(found[0]!.message).toBe('（三）从事政府信息公开工作人员数 (统计数) is 3 but its parts add up to 2 (0 + 2)');
  });
});

describe('text vs table', () => {
  const quantity = (label: string, value: string, line: number, column: number) => ({
    kind: 'quantity' as const,
    total: { label, value, decimals: 0, unit: '件', text: `${value}件`, range: at(line, column, value.length + 1) },
    parts: [],
    text: '',
    range: at(line, 1, 30),
    section: [],
  });

  it('accepts a narrative figure equal to the table and flags one that is not', async () => {
    const ok = doc({ meta, sections, tables: [t3()], statements: [quantity('共办结政府信息公开申请', '11', 5, 12)] });
    expect((await run(ok)).filter((x) => x.ruleId === 'demo/handled-in-text')).toEqual([]);
    const bad = doc({ meta, sections, tables: [t3()], statements: [quantity('共办结政府信息公开申请', '12', 5, 12)] });
    const found = (await run(bad)).filter((x) => x.ruleId === 'demo/handled-in-text');
    expect(found).toHaveLength(1);
    expect(found[0]!.range.start).toEqual({ line: 5, column: 12 });
    expect(found[0]!.related[0]!.label).toBe('（七）总计 / 总计 = 11');
    expect(found[0]!.message).toBe('正文所述共办结政府信息公开申请 12件 与表格不一致（（七）总计 / 总计 = 11）');
  });

  it('judges a figure with decimals on either side at the precision written: 11 and 11.04 are 11.0, 12 and 11.1 are not', async () => {
    const decimal = (value: string, decimals: number, line: number, column: number) => {
      const q = quantity('共办结政府信息公开申请', value, line, column);
      return { ...q, total: { ...q.total, decimals } };
    };
    const handled = async (stated: ReturnType<typeof quantity>, total = '11') =>
      (await run(doc({ meta, sections, tables: [t3({ '(七)': ['10', '1', total] })], statements: [stated] }))).filter(
        (x) => x.ruleId === 'demo/handled-in-text',
      );
    // A whole figure against a table figure written with a decimal, and the other way round.
    expect(await handled(quantity('共办结政府信息公开申请', '11', 5, 12), '11.0')).toEqual([]);
    expect(await handled(decimal('11.0', 1, 5, 12))).toEqual([]);
    expect(await handled(decimal('11.04', 2, 5, 12), '11.0')).toEqual([]);
    const off = await handled(quantity('共办结政府信息公开申请', '12', 6, 3), '11.0');
    expect(off.map((d) => d.range.start)).toEqual([{ line: 6, column: 3 }]);
    const offDecimal = await handled(decimal('11.1', 1, 7, 4));
    expect(offDecimal.map((d) => d.range.start)).toEqual([{ line: 7, column: 4 }]);
  });

  it('accepts 收到 as either 一 or 一 + 二', async () => {
    for (const [value, hits] of [
      ['12', 0],
      ['13', 0],
      ['14', 1],
    ] as const) {
      const d = doc({ meta, sections, tables: [t3()], statements: [quantity('收到政府信息公开申请', value, 5, 3)] });
      expect((await run(d)).filter((x) => x.ruleId === 'demo/received-in-text')).toHaveLength(hits);
    }
  });
});

describe('statement sums', () => {
  it('errors when the parts exceed the total (53 + 48 + 207 + 14 = 322 > 320)', async () => {
    const d = doc({
      meta,
      sections,
      tables: [t3()],
      statements: [
        statement(
          10,
          ['320', 20],
          [
            ['53', 35],
            ['48', 50],
            ['207', 70],
            ['14', 90],
          ],
        ),
      ],
    });
    const found = (await run(d)).filter((x) => x.ruleId.startsWith('demo/statement'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ruleId: 'demo/statement-sums',
      severity: 'error',
      messageId: 'parts-exceed',
      expected: '322',
      actual: '320',
      range: at(10, 20, 3),
    });
    expect(found[0]!.related.map((r) => r.range.start.column)).toEqual([35, 50, 70, 90]);
    expect(found[0]!.message).toBe('主动公开信息共 320，但其中各项之和为 322（53 + 48 + 207 + 14），多出 2');
  });

  it('warns when the parts fall short, naming the shortfall', async () => {
    const d = doc({
      meta,
      sections,
      tables: [t3()],
      statements: [
        statement(
          12,
          ['242', 20],
          [
            ['104', 30],
            ['76', 40],
            ['14', 50],
          ],
        ),
      ],
    });
    const found = (await run(d, { locale: 'en' })).filter((x) => x.ruleId.startsWith('demo/statement'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'demo/statement-shortfall', severity: 'warning', messageId: 'parts-short' });
    expect(found[0]!.message).toBe('主动公开信息: a total of 242, but its parts add up to 194 (104 + 76 + 14), 48 short');
  });

  it('checks each percentage at its written precision', async () => {
    const s = statement(
      7,
      ['761', 5],
      [
        ['258', 20],
        ['503', 40],
      ],
      '件',
    );
    s.parts[0]!.percent = { value: '33.9', decimals: 1, range: at(7, 30, 5) };
    s.parts[1]!.percent = { value: '66.2', decimals: 1, range: at(7, 50, 5) };
    const found = (await run(doc({ meta, sections, tables: [t3()], statements: [s] }))).filter((x) => x.ruleId === 'demo/statement-sums');
    // 258/761 = 33.90% holds; 503/761 = 66.10% is not 66.2%.
    expect(found.map((f) => [f.messageId, f.range.start.column, f.data.computed])).toEqual([['percent-mismatch', 50, '66.1']]);
  });
});

describe('dates, period and deadline', () => {
  const date = (text: string, start: string, end: string, line: number, sectionTitle = '一、总体情况') => ({
    text,
    start,
    end,
    precision: 'day' as const,
    range: at(line, 3, text.length),
    section: [sectionTitle],
  });

  it('flags a date outside the reporting year but not in an excluded section or the signature date', async () => {
    const d = doc({
      meta,
      sections,
      tables: [t3()],
      dates: [
        date('2024年6月1日', '2024-06-01', '2024-06-01', 20),
        date('2023年12月5日', '2023-12-05', '2023-12-05', 21),
        date('2025年3月1日', '2025-03-01', '2025-03-01', 22, '五、下一年度工作计划'),
        date('2025年1月20日', '2025-01-20', '2025-01-20', 90),
      ],
    });
    const found = (await run(d)).filter((x) => x.ruleId === 'demo/dates');
    expect(found.map((f) => f.range.start.line)).toEqual([21]);
    expect(found[0]!.message).toBe('日期 2023年12月5日 不在报告期 2024-01-01 至 2024-12-31 内');
  });

  it('flags a stated period that does not cover the year', async () => {
    const d = doc({ meta: { ...meta, period: { value: { start: '2024-01-01', end: '2024-12-30' }, range: at(3, 10, 22) } }, sections, tables: [t3()] });
    const found = (await run(d)).filter((x) => x.ruleId === 'demo/period');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ messageId: 'incomplete', range: at(3, 10, 22), data: { end: '2024-12-30', expectedEnd: '2024-12-31' } });
  });

  it('flags a report with neither period nor year', async () => {
    const { period: _p, year: _y, ...rest } = meta;
    const found = (await run(doc({ meta: rest, sections, tables: [t3()] }))).filter((x) => x.ruleId === 'demo/period');
    expect(found.map((f) => f.messageId)).toEqual(['missing']);
  });

  it('applies the deadline of the issuer kind', async () => {
    const late = { ...meta, published: { value: '2025-02-10', range: at(90, 1, 10) } };
    expect((await run(doc({ meta: late, sections, tables: [t3()] }))).filter((x) => x.ruleId === 'demo/deadline')).toEqual([]);
    const dept = { ...late, issuer: { value: '某某市交通运输局', range: at(1, 1, 8) } };
    const found = (await run(doc({ meta: dept, sections, tables: [t3()] }))).filter((x) => x.ruleId === 'demo/deadline');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ range: at(90, 1, 10), data: { deadline: '2025-01-31' } });
  });
});

describe('required', () => {
  it('flags a missing section, sections out of order, and an empty cell', async () => {
    const d = doc({ meta, sections: [section('三、收到和处理政府信息公开申请情况', 2), section('一、总体情况', 4)], tables: [t3({ 二: ['1', null, '1'] })] });
    const found = (await run(d)).filter((x) => x.ruleId === 'demo/sections');
    expect(found.map((f) => f.messageId).sort()).toEqual(['empty-cell', 'missing-section', 'out-of-order']);
    const empty = found.find((f) => f.messageId === 'empty-cell')!;
    expect(empty.data.column).toBe('法人或其他组织/商业企业');
    expect(empty.range.start.line).toBe(11);
  });

  it('flags a missing table', async () => {
    const found = (await run(doc({ meta, sections, tables: [] }))).filter((x) => x.ruleId === 'demo/sections');
    expect(found.map((f) => f.messageId)).toEqual(['missing-table']);
  });
});

describe('previous report', () => {
  it('checks this year’s 二 against last year’s 四, only when last year is known', async () => {
    const last = doc({ uri: 'last.md', meta: { ...meta, year: { value: 2023, range: at(1, 1, 4) } }, sections, tables: [t3({ 四: ['1', '0', '1'] })] });
    expect((await run(clean(), { previous: last })).filter((x) => x.ruleId === 'demo/carried-over')).toEqual([]);
    const other = doc({ uri: 'last.md', meta, sections, tables: [t3({ 四: ['2', '0', '2'] })] });
    const found = (await run(clean(), { previous: other })).filter((x) => x.ruleId === 'demo/carried-over');
    expect(found.map((f) => f.data.column)).toEqual(['自然人', '总计']);
    expect(found[0]!.range.start.line).toBe(11);
    expect(found[0]!.related[0]!.uri).toBe('last.md');
    expect((await run(clean())).filter((x) => x.ruleId === 'demo/carried-over')).toEqual([]);
  });
});

describe('text patterns', () => {
  it('finds a phrase typed twice and a forbidden placeholder', async () => {
    const text = '标题\n主要领导领导总负责，严格落实严格落实要求。\n常常如此。XX局\n';
    const found = await run(doc({ text, meta, sections, tables: [t3()] }));
    const rep = found.filter((x) => x.ruleId === 'demo/repeated-phrase');
    expect(rep.map((f) => [f.data.phrase, f.range])).toEqual([
      ['领导', at(2, 3, 4)],
      ['严格落实', at(2, 11, 8)],
    ]);
    expect(found.filter((x) => x.ruleId === 'demo/no-placeholder').map((f) => f.range)).toEqual([at(3, 6, 3)]);
  });
});

describe('raw json-rules-engine conditions', () => {
  it('fires when the conditions over named facts do not hold', async () => {
    expect((await run(clean())).filter((x) => x.ruleId === 'demo/handled-at-most-received')).toEqual([]);
    const d = doc({ meta, sections, tables: [t3({ '(七)': ['14', '1', '15'] })] });
    const found = (await run(d)).filter((x) => x.ruleId === 'demo/handled-at-most-received');
    expect(found).toHaveLength(1);
    expect(found[0]!.data.facts).toBe('handled = 15, received = 12');
    expect(found[0]!.range.start.line).toBe(18);
  });

  it('keeps facts named as the engine names its own apart from them', async () => {
    // The engine runs every check through a fact of its own and hands it the run's context as another: a pack's facts
    // may take any name, those included, and must neither replace them nor be replaced.
    const renamed = PACK.replace('  received: {', '  ctx: {')
      .replace('  handled: {', '  findings: {')
      .replace(
        '{ fact: handled, operator: lessThanInclusive, value: { fact: received } }',
        '{ fact: findings, operator: lessThanInclusive, value: { fact: ctx } }',
      );
    expect(renamed).toContain('fact: findings');
    const clash = loadPack('demo', memoryHost({ '/rules/demo/pack.yaml': renamed }));
    const d = doc({ meta, sections, tables: [t3({ '(七)': ['14', '1', '15'] })] });
    const found = await new Checker([clash], { locale: 'zh-CN' }).check({ doc: d, packs: [clash] });
    const expected = await run(d);
    expect(ids(found)).toEqual(ids(expected));
    expect(ids(found)).toContain('demo/results-total');
    const conditions = found.filter((x) => x.ruleId === 'demo/handled-at-most-received');
    expect(conditions.map((x) => x.data.facts)).toEqual(['findings = 15, ctx = 12']);
  });
});

describe('configuration and suppression', () => {
  const bad = () =>
    doc({
      meta,
      sections,
      tables: [t3()],
      statements: [
        statement(
          10,
          ['320', 20],
          [
            ['53', 35],
            ['48', 50],
            ['207', 70],
            ['14', 90],
          ],
        ),
      ],
    });

  it('turns a rule off or changes its severity', async () => {
    expect((await run(bad(), { rules: { 'demo/statement-sums': 'off' } })).map((d) => d.ruleId)).toEqual([]);
    expect((await run(bad(), { rules: { 'demo/statement-sums': 'warning' } }))[0]?.severity).toBe('warning');
  });

  it('honours a suppression covering the line, and only that rule', async () => {
    const d = bad();
    d.suppressions = [{ rules: ['demo/statement-sums'], fromLine: 10, toLine: 10, range: at(9, 1, 10) }];
    expect(await run(d)).toEqual([]);
    d.suppressions = [{ rules: ['demo/dates'], fromLine: 10, toLine: 10, range: at(9, 1, 10) }];
    expect(ids(await run(d))).toEqual(['demo/statement-sums']);
  });

  it('reports adapter problems as diagnostics and a document no pack recognises', async () => {
    const d = doc({ problems: [{ code: 'ragged-row', severity: 'warning', message: { 'zh-CN': '行缺少单元格', en: 'row lacks cells' }, range: at(4, 1, 5) }] });
    const found = await new Checker([pack], { locale: 'en' }).check({ doc: d });
    expect(found.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['crossfoot/no-pack', 'info', 'No rule pack recognises this document; name one in the config or with --pack'],
      ['crossfoot/ragged-row', 'warning', 'row lacks cells'],
    ]);
  });

  it('derives the docs URL from the rule id', async () => {
    const found = await run(bad());
    expect(found[0]!.url).toBe('https://github.com/crossfoot/crossfoot/blob/main/rules/demo/statement-sums.md');
  });
});

describe('enumeration', () => {
  const p = loadPack('e', memoryHost({ '/rules/e/pack.yaml': 'id: e\nversion: 1.0.0\nrules:\n  - id: enum\n    check: { enumeration: {} }\n' }));
  const check = (text: string) => new Checker([p], { locale: 'zh-CN' }).check({ doc: doc({ text }), packs: [p] });

  it('accepts 一是…二是…三是 and flags a gap and a repeat at the marker', async () => {
    expect(await check('标题\n一是加强领导；二是完善制度；三是强化监督。\n')).toEqual([]);
    const found = await check('标题\n一是加强领导；三是强化监督。\n第一，统一入口；第二，规范流程；第二，强化运用。\n');
    expect(found.map((f) => [f.messageId, f.range, f.data.expected])).toEqual([
      ['gap', at(2, 8, 2), '二是'],
      ['repeated', at(3, 17, 3), '第三'],
    ]);
    expect(found[0]!.message).toBe('列举序号不连续：一是 之后是 三是，应为 二是');
  });

  it('reads every line that holds a marker, in order, whatever the line breaks', async () => {
    const text = '标题\r\n第一，甲；第三，乙。\r\n无关的一行\r一是甲；二是乙；二是丙。\n\n第一，甲；第二，乙；第四，丙。';
    const found = await check(text);
    expect(found.map((f) => [f.messageId, f.range, f.data.found])).toEqual([
      ['gap', at(2, 6, 3), '第三，'],
      ['repeated', at(4, 9, 2), '二是'],
      ['gap', at(6, 11, 3), '第四，'],
    ]);
  });

  it('does not take 是否 or a lone 二是 for a list', async () => {
    expect(await check('标题\n问题在于二是否定的。另一说法：二是指第二点。\n')).toEqual([]);
  });

  it("finds on random lines what the markers' patterns find on every line", async () => {
    // Only lines where 是 follows a numeral or 第 precedes one are searched: the reference searches them all.
    const SHI = /(?<=^|[。；;，,：:、\s（(])([一二三四五六七八九十]{1,3})是(?![否非])/gu;
    const DI = /(?<=^|[。；;，,：:\s（(])第([一二三四五六七八九十]{1,3})[，,、：:]/gu;
    // How the check numbers a marker (`十二` 12, `二十一` 21), as it does.
    const digit = (c: string | undefined) => '一二三四五六七八九十'.indexOf(c ?? '') + 1;
    const ordinal = (s: string) => (s.length === 1 ? digit(s) : s.startsWith('十') ? 10 + digit(s[1]) : digit(s[0]) * 10 + (s.length > 2 ? digit(s[2]) : 0));
    const reference = (text: string) => {
      const out: [number, number, string][] = [];
      text.split(/\r\n|\r|\n/u).forEach((line, i) => {
        for (const re of [SHI, DI]) {
          let expected = 0;
          for (const m of line.matchAll(re)) {
            const n = ordinal(m[1] as string);
            if (expected === 0 && n !== 1) continue;
            if (expected !== 0 && n !== expected) out.push([i + 1, (m.index ?? 0) + 1, m[0]]);
            expected = n + 1;
          }
        }
      });
      // Findings come sorted by where they are.
      return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([l, c, found]) => `${l}:${c}:${found}`);
    };
    // Line breaks drawn often: short lines, where a line holding 是 or 第 without a numeral beside it is common.
    const pieces = [
      '一是',
      '二是',
      '三是',
      '是',
      '第',
      '一',
      '二',
      '三',
      '十',
      '，',
      '；',
      '。',
      '、',
      '甲',
      ' ',
      '\n',
      '\n',
      '\n',
      '\n',
      '是否',
      '第二，',
      '第三，',
    ];
    let flagged = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { minLength: 40, maxLength: 40 }), async (drawn) => {
        const text = `标题\n${drawn.join('')}`;
        const expected = reference(text);
        flagged += expected.length;
        const found = await check(text);
        expect(
          found.map((f) => `${f.range.start.line}:${f.range.start.column}:${f.data.found}`),
          JSON.stringify(text),
        ).toEqual(expected);
      }),
      { numRuns: 600, seed: 11 },
    );
    expect(flagged).toBeGreaterThan(30);
  });
});

describe('a plan dated in the year it reports on', () => {
  const PLAN = `id: p
version: 1.0.0
rules:
  - id: plan
    check:
      date-in-period: { expect: after, min-precision: year, only-sections: [改进], context: 将|计划|拟 }
`;
  const p = loadPack('p', memoryHost({ '/rules/p/pack.yaml': PLAN }));
  const mention = (text: string, start: string, end: string, line: number, section: string) => ({
    text,
    start,
    end,
    precision: 'year' as const,
    range: at(line, 1, text.length),
    section: [section],
  });

  it('flags 2016年，我们将… in the 2016 report’s improvement section, and nothing elsewhere', async () => {
    const text = [
      '标题',
      '五、存在的主要问题及改进情况',
      '2016年，我们将进一步加强培训。',
      '2017年，我们将完善制度。',
      '一、总体情况',
      '2016年，我们将信息公开纳入考核。',
    ].join('\n');
    const d = doc({
      text,
      meta: { year: { value: 2016, range: at(1, 1, 2) } },
      dates: [
        mention('2016年', '2016-01-01', '2016-12-31', 3, '存在的主要问题及改进情况'),
        mention('2017年', '2017-01-01', '2017-12-31', 4, '存在的主要问题及改进情况'),
        mention('2016年', '2016-01-01', '2016-12-31', 6, '总体情况'),
      ],
    });
    const found = await new Checker([p], { locale: 'zh-CN' }).check({ doc: d, packs: [p] });
    expect(found.map((f) => [f.messageId, f.range.start.line])).toEqual([['not-after', 3]]);
    expect(found[0]!.message).toBe('计划安排的日期 2016年 仍在报告年度 2016 内，应为 2017 年及以后');
  });

  it('reads a line of thousands of dates once for its context: the time grows with the line, not its square', async () => {
    const checker = new Checker([p], { locale: 'zh-CN' });
    const run = async (n: number) => {
      const line = '2016年，我们将加强。'.repeat(n);
      const dates = Array.from({ length: n }, (_, k) => ({ ...mention('2016年', '2016-01-01', '2016-12-31', 2, '改进情况'), range: at(2, 1 + 12 * k, 5) }));
      const d = doc({ text: `标题\n${line}`, meta: { year: { value: 2016, range: at(1, 1, 2) } }, dates });
      const started = performance.now();
      const found = await checker.check({ doc: d, packs: [p] });
      return { found: found.length, ms: performance.now() - started };
    };
    await run(500);
    const small = await run(2_000);
    let large = await run(8_000);
    expect(small.found).toBeGreaterThanOrEqual(1_000);
    // 4× the dates on a 4× longer line: 4× the time when each line is matched once, 16× when each date matches it.
    for (let attempt = 0; attempt < 3 && large.ms / small.ms >= 10; attempt++) large = await run(8_000);
    expect(large.ms / small.ms).toBeLessThan(10);
  }, 60_000);
});
