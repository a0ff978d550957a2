import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, parseDocument } from 'yaml';
import { readReport } from '../src/index.ts';
import { withLimits } from '../src/limits.ts';
import { plainFrontMatter } from '../src/plain-front-matter.ts';

/** Values a report's front matter holds, and values YAML reads otherwise than as plain text or a decimal integer. */
const VALUES = [
  '江州市交通运输局2024年政府信息公开工作年度报告',
  '江州市交通运输局',
  'Riverside County Water Authority',
  '2024',
  '0',
  '00',
  '0123',
  '123456789012345678',
  '2024-01-01',
  '2025-02-30',
  '2024-01-01/2024-12-31',
  'cn-gov-disclosure-2021',
  'C#',
  'a,b',
  'x: y',
  'x:',
  'a #b',
  '#b',
  'true',
  'True',
  'FALSE',
  'yes',
  'null',
  'NULL',
  '~',
  '1.5',
  '.5',
  '1e3',
  '-5',
  '+5',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '.NaN',
  '"quoted"',
  "'quoted'",
  'say "hi"',
  '[a, b]',
  '{a: 1}',
  'a[1]',
  '&anchor x',
  '*alias',
  '!tag x',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  '- item',
  '? key',
  ': x',
  'a\tb',
  'trailing ',
  '',
  '（一）全角：冒号',
  'dash-in-middle',
];
const KEYS = ['title', 'issuer', 'published', 'year', 'period', 'packs', 'start', 'end', 'other', 'Title', 'fiscal-year', 'a_b', '1x', 'true', 'x y'];

/** Mostly what reports hold, now and then anything of the lists above. */
const PLAIN_VALUES = [
  '江州市交通运输局2024年政府信息公开工作年度报告',
  '江州市交通运输局',
  'Riverside County Water Authority',
  '2024',
  '2024-01-01',
  '2024-01-01/2024-12-31',
  'cn-gov-disclosure-2021',
  'C#',
  'a,b',
];
const PLAIN_KEYS = ['title', 'issuer', 'published', 'year', 'period', 'packs', 'start', 'end'];
const value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PLAIN_VALUES) }, { weight: 1, arbitrary: fc.constantFrom(...VALUES) });
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PLAIN_KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) });
/** A rare true: an odd indentation, a blank line. */
const rarely = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);

const line = fc.oneof(
  // key: value, with one to three spaces (none, rarely)
  { weight: 5, arbitrary: fc.tuple(key, fc.integer({ min: 1, max: 3 }), rarely, value).map(([k, s, none, v]) => `${k}:${' '.repeat(none ? 0 : s)}${v}`) },
  // key: with a block of `key: value` or `- value` lines under it
  {
    weight: 3,
    arbitrary: fc
      .tuple(key, fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.array(fc.tuple(key, value, rarely, rarely), { minLength: 0, maxLength: 3 }))
      .map(([k, indent, items, entries]) =>
        [
          `${k}:`,
          ...entries.map(([name, v, odd, blank]) => `${blank ? '\n' : ''}${' '.repeat(indent + (odd ? 1 : 0))}${items ? `- ${v}` : `${name}: ${v}`}`),
        ].join('\n'),
      ),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '# a comment', '---', '...', 'title: a\r', '\ttitle: a', '  title: x', '- a', '-', 'title') },
);
const frontMatter = fc.tuple(fc.array(line, { minLength: 1, maxLength: 5 }), fc.boolean()).map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''));

/** The offsets the library gives a value, its end moved back over blanks as the Markdown reader does. */
function trimmed(source: string, range: readonly number[]): [number, number] {
  let end = range[1] as number;
  while (end > (range[0] as number) && /\s/.test(source[end - 1] as string)) end--;
  return [range[0] as number, end];
}

describe('front matter in the plainest YAML', () => {
  it('reads the usual front matter, with where each value is', () => {
    const source = 'title: 江州市2024年报告\nperiod:\n  start: 2024-01-01\n  end: 2024-12-31\npublished:  2025-01-20\nyear: 2024\npacks:\n- a\n- b\n';
    const read = plainFrontMatter(source);
    expect(read?.data).toEqual({
      title: '江州市2024年报告',
      period: { start: '2024-01-01', end: '2024-12-31' },
      published: '2025-01-20',
      year: 2024,
      packs: ['a', 'b'],
    });
    const shown = Object.fromEntries([...(read?.ranges ?? [])].map(([k, [start, end]]) => [k, source.slice(start, end)]));
    expect(shown).toEqual({
      title: '江州市2024年报告',
      period: 'start: 2024-01-01\n  end: 2024-12-31',
      published: '2025-01-20',
      year: '2024',
      packs: '- a\n- b',
    });
  });

  it('reads a block with blank lines between its lines, as the library does', () => {
    const source = 'period:\n  start: 2024-01-01\n\n  end: 2024-12-31\n\npacks:\n  - a\n\n  - b\n';
    expect(plainFrontMatter(source)?.data).toStrictEqual(parseDocument(source).toJS());
  });

  it('leaves to the YAML library anything it does not read as plain text or a decimal integer', () => {
    for (const value of ['true', 'null', '~', '1.5', '0x1F', '"q"', 'a: b', 'a #b', '[a]', 'x:', '-5', '.inf', 'trailing ']) {
      expect(plainFrontMatter(`title: ${value}\n`), value).toBeUndefined();
    }
    // An item not written `- value` and a key with no blank before its value, under a key: the library reads neither as an item or a pair.
    for (const source of [
      'packs:\n  - a\n  -b\n',
      'period:\n  start:2024\n',
      'title: a\r\n',
      '# note\ntitle: a\n',
      'title: a\ntitle: b\n',
      'period:\n',
      'period:\n  start: a\n   end: b\n',
      'title: a\n  continued\n',
      '\n\n',
    ]) {
      expect(plainFrontMatter(source), JSON.stringify(source)).toBeUndefined();
    }
  });

  it('reads what it reads as the YAML library does: the same data, and each value at the same offsets', () => {
    let read = 0;
    fc.assert(
      fc.property(frontMatter, (source) => {
        const plain = plainFrontMatter(source);
        if (!plain) return;
        read++;
        const doc = parseDocument(source);
        expect(doc.errors).toEqual([]);
        expect(plain.data).toStrictEqual(doc.toJS());
        const contents = doc.contents;
        if (!isMap(contents)) throw new Error('not a mapping');
        const ranges = new Map(
          contents.items.map((pair) => [String((pair.key as { value: unknown }).value), trimmed(source, (pair.value as { range: number[] }).range)]),
        );
        expect(new Map([...plain.ranges].map(([k, r]) => [k, trimmed(source, r)]))).toEqual(ranges);
      }),
      { numRuns: 4000, seed: 20261127 },
    );
    // The generator makes front matter this reads often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(400);
  });

  it('keeps to the nesting limit, which a plain front matter passes only when it is not set very low', () => {
    const text = '---\ntitle: 报告\nperiod:\n  start: 2024-01-01\n  end: 2024-12-31\n---\n\n正文。\n';
    expect(readReport({ uri: 'r.md', text, format: 'markdown' }).meta.period?.value).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    const shallow = withLimits({ nestingDepth: 2 }, () => readReport({ uri: 'r.md', text, format: 'markdown' }));
    expect(shallow.meta.period).toBeUndefined();
    expect(shallow.problems.map((p) => [p.code, p.message.en, p.range.start])).toEqual([
      ['front-matter', 'The YAML front matter is nested more than 2 levels deep; it is not read', { line: 5, column: 8 }],
    ]);
  });

  it('gives a report the same meta and problems as the YAML library', () => {
    fc.assert(
      fc.property(frontMatter, (source) => {
        const text = `---\n${source}${source.endsWith('\n') ? '' : '\n'}---\n\n# 报告\n\n正文。\n`;
        const fast = readReport({ uri: 'r.md', text, format: 'markdown' });
        // Under a nesting limit below the one the quick reader needs, every front matter goes to the library.
        const library = withLimits({ nestingDepth: 7 }, () => readReport({ uri: 'r.md', text, format: 'markdown' }));
        expect(fast.meta).toEqual(library.meta);
        expect(fast.problems).toEqual(library.problems);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
