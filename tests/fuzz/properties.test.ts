import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { decode, readBinaryReport, readReport, toMarkdown } from '../../packages/adapters/src/index.ts';
import { CrossfootError, compilePattern, FormulaError, loadPack, parseConfig, parseRelation } from '../../packages/core/src/index.ts';
import { memoryHost } from '../../packages/core/test/helpers.ts';
import { packFiles } from './seeds.ts';
import { documentViolations } from './targets.ts';

// Properties over generated inputs, in-process: what the mutation fuzzer (fuzz.test.ts, `pnpm fuzz`) checks
// from real reports, here from arbitrary text, bytes and data.

const FORMATS = ['x.md', 'x.txt', 'x.html', 'x.yaml'];
const PROTO = Object.getOwnPropertyNames(Object.prototype).join(',');

/** Text built from the pieces reports are made of, so the generators reach tables, outlines and statements. */
const reportish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '|',
        ' | ',
        '\n',
        '\r\n',
        '|---|---|',
        '一、',
        '（一）',
        '1.',
        '其中：',
        '合计',
        '共',
        '条',
        '，',
        '。',
        '2023年',
        '<td>',
        '<tr>',
        '<table>',
      ),
      fc.constantFrom(
        '---\n',
        'title: ',
        'period: ',
        '- ',
        '  ',
        '&a ',
        '*a',
        '__proto__: ',
        'constructor: ',
        '{',
        '[',
        '#',
        '> ',
        '<!-- crossfoot-disable -->',
      ),
      fc.integer({ min: -1e6, max: 1e9 }).map(String),
      fc.constantFrom('1e400', '９９', '1,234.5', '—', '/', '一千', '−3', '\uFEFF', '\u0000', '\uD800'),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

function unpolluted(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).join(',')).toBe(PROTO);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('every adapter reads any text into a document whose ranges lie inside it', () => {
  it.each(FORMATS)('%s', (uri) => {
    fc.assert(
      fc.property(fc.oneof(reportish, fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
        const doc = readReport({ uri, text });
        expect(documentViolations(doc, text)).toEqual([]);
        unpolluted();
      }),
      { numRuns: 150, seed: 10 },
    );
  });
});

describe('import', () => {
  it('turns any report into Markdown that reads back without a problem of its own making', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), reportish, (uri, text) => {
        const markdown = toMarkdown(readReport({ uri, text }));
        expect(typeof markdown).toBe('string');
        const again = readReport({ uri: 'imported.md', text: markdown });
        expect(documentViolations(again, markdown)).toEqual([]);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

describe('bytes', () => {
  it('decode gives text or one located decode problem', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const decoded = decode(bytes);
        if ('problem' in decoded) {
          expect(decoded.problem.code).toBe('decode');
          expect(decoded.problem.range.start.line).toBeGreaterThanOrEqual(1);
        } else expect(typeof decoded.text).toBe('string');
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('readBinaryReport takes any bytes behind a PDF or Word signature to a document with problems, never an internal one', async () => {
    const heads = [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a], [0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], []];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...heads),
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('r.pdf', 'r.docx', 'r.txt', 'r'),
        async (head, body, uri) => {
          const bytes = new Uint8Array([...head, ...body]);
          const doc = await readBinaryReport({ uri, bytes, pdf: { timeoutMs: 10_000 } });
          expect(documentViolations(doc, doc.text)).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 13 },
    );
  });
});

/** Data of any shape, with the keys that would pollute a prototype among the generated keys. */
const anyData = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'rules', 'facts', 'limits')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** A thrown error passes when it is a CrossfootError that names its file. */
function located(error: unknown, file: string): void {
  if (!(error instanceof CrossfootError)) throw error;
  expect(error.file ?? (error as { errors?: CrossfootError[] }).errors?.[0]?.file).toBe(file);
}

describe('loaders', () => {
  it('parseConfig reads any data or YAML text, or throws a located CrossfootError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyData.map((d) => stringify(d)),
          anyData.map((d) => JSON.stringify(d) ?? 'null'),
          reportish,
        ),
        (text) => {
          try {
            const c = parseConfig('crossfoot.config.yaml', text);
            expect(Array.isArray(c.packs)).toBe(true);
          } catch (error) {
            located(error, 'crossfoot.config.yaml');
          }
          unpolluted();
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });

  it('loadPack reads any pack.yaml, or throws a located CrossfootError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyData.map((d) => stringify({ id: 'p', version: '1.0.0', ...(d as object) })),
          reportish,
        ),
        (text) => {
          const files = { ...packFiles, '/rules/p/pack.yaml': text };
          try {
            loadPack('p', memoryHost(files));
          } catch (error) {
            if (!(error instanceof CrossfootError)) throw error;
          }
          unpolluted();
        },
      ),
      { numRuns: 200, seed: 15 },
    );
  });

  it('formulas parse or fail with a FormulaError', () => {
    const formula = fc
      .array(
        fc.constantFrom('T3', '[', ']', '一', '（七）', '+', '-', '*', '/', '=', '<=', '>=', '(', ')', 'sum', '.', '1', 'previous', ' ', '__proto__', '#'),
        {
          maxLength: 60,
        },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(formula, fc.string({ maxLength: 80 })), (text) => {
        try {
          parseRelation(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaError);
        }
      }),
      { numRuns: 400, seed: 16 },
    );
  });

  it('pack patterns compile on the linear-time engine or are refused, and match in linear time', () => {
    const pattern = fc
      .array(fc.constantFrom('a', '+', '*', '?', '(', ')', '|', '$', '^', '[', ']', '\\', '{2,}', '\\p{Han}', '.'), { maxLength: 24 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(pattern, (source) => {
        let p: ReturnType<typeof compilePattern>;
        try {
          p = compilePattern(source);
        } catch {
          return;
        }
        p.matches(`${'a'.repeat(2000)}!`);
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});
