import { type AdapterProblem, LineIndex } from '@crossfoot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS } from '../src/html-table.ts';
import { parseMarkdown } from '../src/markdown.ts';
import { guardMarkdown, MAX_INLINE_MARKS, MAX_MARKDOWN_NESTING } from '../src/markdown-guard.ts';
import { ReadingMemo } from '../src/reading-memo.ts';

/** The 1-based column of the `n`th pipe of `line` that no backslash escapes. */
function nthPipeColumn(line: string, n: number): number {
  let seen = 0;
  for (const m of line.matchAll(/(?<!\\)\|/gu)) if (++seen === n) return m.index + 1;
  return -1;
}

describe('the Markdown guard on a table', () => {
  const cells = (n: number, s: string) => `|${` ${s} |`.repeat(n)}`;
  const lines = [
    cells(MAX_COLUMNS + 3, '列'),
    cells(MAX_COLUMNS + 3, '---'),
    `| 合计 \\| 注 |${' 1 |'.repeat(MAX_COLUMNS + 2)}`,
    `| ${'*'.repeat(MAX_INLINE_MARKS + 1)} | 2 |`,
  ];
  const doc = parseMarkdown('wide.md', `${lines.join('\n')}\n`);

  it('reads no column past the limit, and says where each row is cut (an escaped pipe divides no cells)', () => {
    const wide = doc.problems.filter((p) => p.code === 'table-span');
    expect(wide.map((p) => [p.range.start.line, p.range.start.column, p.range.end.column])).toEqual(
      [1, 2, 3].map((l) => [l, nthPipeColumn(lines[l - 1] as string, MAX_COLUMNS + 1), (lines[l - 1] as string).length + 1]),
    );
    expect(doc.tables[0]?.columns).toHaveLength(MAX_COLUMNS - 1);
    expect(doc.tables[0]?.rows[0]?.label).toBe('合计 | 注');
  });

  it('reads a row dense with marks as plain text, and says which', () => {
    const dense = doc.problems.filter((p) => p.code === 'dense-markup');
    expect(dense.map((p) => [p.range.start.line, p.range.start.column, p.range.end.column])).toEqual([[4, 1, (lines[3] as string).length + 1]]);
  });
});

describe('the guard of an edited report, going again only through the blocks an edit changed', () => {
  const cells = (n: number, s: string) => `|${` ${s} |`.repeat(n)}`;
  const BLOCKS = [
    '段落，共收到申请5件。\n',
    `${cells(MAX_COLUMNS + 2, '列')}\n${cells(MAX_COLUMNS + 2, '-')}\n${cells(MAX_COLUMNS + 2, '1')}\n`,
    `段落${'*'.repeat(MAX_INLINE_MARKS + 1)}\n`,
    `${'> '.repeat(MAX_MARKDOWN_NESTING + 2)}引用\n`,
    '| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n',
    '- 列表\n  - 下一层\n',
    '\n',
    '\n\n',
  ];
  const INSERTS = ['\n', '\n\n', ' ', '|', '-', '> > > > ', '**', '*'.repeat(40), '字', '|---|\n'];
  const text = (picks: number[]) => `---\ntitle: 报告\n---\n${picks.map((i) => BLOCKS[i % BLOCKS.length]).join('')}`;
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    insert: fc.constantFrom(...INSERTS),
    remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })),
  });

  /** The guarded text, the problems and the blocks gone through, guarded with `memo` (a cold one guards afresh). */
  function guard(text: string, memo: ReadingMemo) {
    const problems: AdapterProblem[] = [];
    memo.begin(text);
    const out = guardMarkdown(new LineIndex(text), problems, memo);
    const steps = (memo.keptGuardSteps ?? []).map((s) => ({
      line: s.line,
      start: s.start,
      next: s.next,
      through: s.through,
      events: s.found.events.length,
    }));
    return { out, problems, steps };
  }

  it('finds what a guard of the whole text finds, block by block', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (picks, edits) => {
        const memo = new ReadingMemo();
        let current = text(picks);
        guard(current, memo);
        for (const e of edits) {
          const at = Math.min(current.length, Math.floor(e.at * current.length));
          current = current.slice(0, at) + e.insert + current.slice(at + e.remove);
          expect(guard(current, memo)).toEqual(guard(current, new ReadingMemo()));
        }
      }),
      { numRuns: 400 },
    );
  });
});
