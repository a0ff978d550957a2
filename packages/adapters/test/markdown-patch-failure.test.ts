import { describe, expect, it, vi } from 'vitest';
// The bench's seeded report generator: a consolidated report of many sections, each with its narrative and table.
import { hugeMarkdownReport, random } from '../../../bench/corpus.mjs';
import { readReport } from '../src/index.ts';
import { ReadingMemo } from '../src/reading-memo.ts';

/** A paragraph holding these words cannot be read: the narrative reader fails on it, as on a bug. */
const UNREADABLE = '读不出';

vi.mock('../src/narrative/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/narrative/index.ts')>();
  return {
    ...original,
    extractNarrative: (...args: Parameters<typeof original.extractNarrative>) => {
      const [index, from, to] = args;
      if (index.text.slice(from, to).includes(UNREADABLE)) throw new Error('unreadable paragraph');
      return original.extractNarrative(...args);
    },
  };
});

const base = hugeMarkdownReport(0.12, random(7)) as string;
const read = (text: string, memo?: ReadingMemo) => readReport({ uri: 'report.md', text, format: 'markdown', ...(memo ? { memo } : {}) });

describe('patching the last reading of a report with a paragraph that could not be read', () => {
  it('reads whole: only the first paragraph that fails is reported, and an edit may make another the first', () => {
    const first = base.indexOf('我局持续深化政务公开') + 2;
    const second = base.indexOf('我局组织开展政务公开专题培训') + 2;
    expect(second).toBeGreaterThan(first);
    const failing = `${base.slice(0, first)}${UNREADABLE}${base.slice(first, second)}${UNREADABLE}${base.slice(second)}`;
    const memo = new ReadingMemo();
    const before = read(failing, memo);
    const internal = (d: ReturnType<typeof read>) => d.problems.filter((p) => p.code === 'internal').map((p) => p.range.start.line);
    expect(internal(before)).toHaveLength(1);
    // The first paragraph read again can be read: the second is now the first that fails.
    const text = failing.slice(0, first) + failing.slice(first + UNREADABLE.length);
    const after = read(text, memo);
    expect(memo.reused.patched).toBe(false);
    expect(JSON.stringify(after)).toBe(JSON.stringify(read(text)));
    expect(internal(after)).toHaveLength(1);
    expect(internal(after)).not.toEqual(internal(before));
  });
});
