import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'crossfoot';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
// The bench's seeded report generator: a consolidated report of many sections, each with its narrative and table.
import { hugeMarkdownReport, random } from '../bench/corpus.mjs';
import { ReadingMemo, readReport } from '../packages/adapters/src/index.ts';
import { LONG_DOCUMENT } from '../packages/core/src/part-memo.ts';

// Long enough for the checks to keep what they find per table and per statement (`perPart`), and for the searches
// that look again only where the text changed.
const base = hugeMarkdownReport(0.25, random(11)) as string;

/**
 * Edits that change what the checks find: figures in tables and text, totals with parts and shares, enumerations with a
 * gap, dates outside the year, headings, table rows, blank lines and deletions.
 */
const INSERTS = [
  '7',
  '0',
  '\n',
  '\n\n',
  '|',
  '# ',
  '合计',
  '一是加强培训，二是完善制度，四是强化监督。',
  '第一，公开目录；第三，公开指南。',
  '共收到申请120件，其中当面申请50件，网络申请60件，占比50%。',
  '2031年3月',
  '| 合计 | 9 | 9 |\n',
  '## 三、收到和处理政府信息公开申请情况\n',
];
type Edit = { at: number; insert: string; remove: number } | { figure: number; value: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    insert: fc.constantFrom(...INSERTS),
    remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
  }),
  // A figure of the narrative that rules compare with the tables, written anew.
  fc.record({ figure: fc.nat({ max: 40 }), value: fc.integer({ min: 0, max: 99 }) }),
);

const FIGURES = /(?:收到政府信息公开申请|办结政府信息公开申请|行政复议|行政诉讼)(\d+)/gu;

function apply(text: string, e: Edit): string {
  if ('figure' in e) {
    const found = [...text.matchAll(FIGURES)];
    const m = found[e.figure % Math.max(1, found.length)];
    if (!m) return text;
    const at = (m.index as number) + m[0].length - (m[1] as string).length;
    return text.slice(0, at) + String(e.value) + text.slice(at + (m[1] as string).length);
  }
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

const dir = mkdtempSync(join(tmpdir(), 'crossfoot-edited-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checking a long report again after each edit, as the language server does', () => {
  it('finds what checking a fresh reading of the same text finds', async () => {
    expect(base.length).toBeGreaterThan(LONG_DOCUMENT);
    // Two sessions, each with its own packs: what one keeps for its checks is never used by the other.
    const session = await Session.create({ cwd: dir });
    const fresh = await Session.create({ cwd: dir });
    const check = async (text: string, memo?: ReadingMemo) =>
      JSON.stringify(await (memo ? session : fresh).checkDocument(readReport({ uri: 'report.md', text, format: 'markdown', ...(memo ? { memo } : {}) })));
    let kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const memo = new ReadingMemo();
        let text = base;
        await check(text, memo);
        for (const e of edits) {
          text = apply(text, e);
          const again = await check(text, memo);
          // A fresh reading gives every table and statement as new objects: nothing kept by the checks is used.
          expect(again).toBe(await check(text));
          for (const d of JSON.parse(again) as { ruleId: string }[]) kinds.add(d.ruleId.slice(d.ruleId.indexOf('/') + 1));
        }
      }),
      { numRuns: 25, seed: 20261127 },
    );
    // The edits reached the checks that keep what they find.
    kinds = new Set([...kinds].filter((k) => /sum|total|text|enumeration|date|required|section/u.test(k)));
    expect(kinds.size).toBeGreaterThan(3);
  }, 300_000);
});
