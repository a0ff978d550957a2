import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS } from '../src/html-table.ts';
import { parseMarkdown } from '../src/markdown.ts';
import { MAX_INLINE_MARKS } from '../src/markdown-guard.ts';

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
