import type { ReportDocument } from '@crossfoot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The bench's seeded report generator: a consolidated report of many sections, each with its narrative and table.
import { hugeMarkdownReport, random } from '../../../bench/corpus.mjs';
import { readReport } from '../src/index.ts';
import { ReadingMemo } from '../src/reading-memo.ts';

const base = hugeMarkdownReport(0.12, random(7)) as string;
const read = (text: string, memo?: ReadingMemo) => readReport({ uri: 'report.md', text, format: 'markdown', ...(memo ? { memo } : {}) });
/** Compared as JSON: every value and the order of every object's properties (the output is made from them). */
const same = (a: ReportDocument, b: ReportDocument) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

/** `text` with `remove` characters at `at` replaced by `insert`. */
const splice = (text: string, at: number, insert: string, remove = 0) => text.slice(0, at) + insert + text.slice(at + remove);

/** A memo that has read `text`, and the document it read. */
function primed(text: string): { memo: ReadingMemo; doc: ReportDocument } {
  const memo = new ReadingMemo();
  return { memo, doc: read(text, memo) };
}

describe('reading a long report again by patching its last reading', () => {
  it('patches a figure changed in a paragraph: only that paragraph’s statements are new', () => {
    const { memo, doc } = primed(base);
    const m = /本年度共收到政府信息公开申请(\d+)件/u.exec(base);
    expect(m).not.toBeNull();
    const at = (m?.index ?? 0) + (m?.[0].length ?? 0) - 1 - (m?.[1]?.length ?? 0);
    const text = splice(base, at, '9', m?.[1]?.length ?? 0);
    const patched = read(text, memo);
    expect(memo.reused.patched).toBe(true);
    same(patched, read(text));
    // Lines count from 1.
    const line = base.slice(0, at).split('\n').length;
    const kept = patched.statements.filter((s, i) => s === doc.statements[i]).length;
    const onLine = doc.statements.filter((s) => s.range.start.line === line).length;
    expect(onLine).toBeGreaterThan(0);
    expect(kept).toBe(doc.statements.length - onLine);
    expect(patched.tables.every((t, i) => t === doc.tables[i])).toBe(true);
    expect(patched.sections).toBe(doc.sections);
  });

  it('patches a figure changed in a table row: only that table is read again, with its id, caption and section', () => {
    const { memo, doc } = primed(base);
    const at = base.indexOf('| 行政许可 | ') + '| 行政许可 | '.length;
    const text = splice(base, at, '5', 1);
    const patched = read(text, memo);
    expect(memo.reused.patched).toBe(true);
    same(patched, read(text));
    const changed = patched.tables.flatMap((t, i) => (t === doc.tables[i] ? [] : [i]));
    expect(changed).toHaveLength(1);
    const i = changed[0] as number;
    const [before, after] = [doc.tables[i], patched.tables[i]];
    expect(after?.rows.length).toBe(before?.rows.length);
    expect([after?.id, after?.caption, after?.section]).toEqual([before?.id, before?.caption, before?.section]);
    expect(patched.statements).toEqual(doc.statements);
  });

  const paragraph = base.indexOf('全年主动公开政府信息共');
  const heading = base.indexOf('## 二、主动公开政府信息情况');
  const delimiter = base.indexOf('\n|---|', paragraph) + 1;
  it.each([
    ['a line break in a paragraph', paragraph + 6, '\n'],
    ['a pipe in a paragraph', paragraph + 6, ' | '],
    ['an emphasis mark', paragraph + 6, '*'],
    ['a list item opened at the start of a line', paragraph, '1. '],
    ['a digit before the first character of a line', paragraph, '7'],
    ['a word that makes the paragraph before a table its caption', paragraph + 6, '表'],
    ['a digit in a table’s delimiter row', delimiter + 2, '5'],
    ['the words of a heading', heading + 6, '和'],
  ])('reads %s whole', (_what, at, insert) => {
    expect(at).toBeGreaterThan(0);
    const { memo } = primed(base);
    const text = splice(base, at, insert);
    const doc = read(text, memo);
    expect(memo.reused.patched).toBe(false);
    same(doc, read(text));
  });

  it('the caption case: the paragraph before a table becomes the table’s caption', () => {
    const text = splice(base, paragraph + 6, '表');
    const { memo, doc } = primed(base);
    const after = read(text, memo);
    const i = doc.tables.findIndex((t) => t.caption === undefined && after.tables[doc.tables.indexOf(t)]?.caption !== undefined);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(after.tables[i]?.caption).toContain('表');
  });

  it('moves what the memo keeps after a patch that changes the length, for a whole reading elsewhere', () => {
    const { memo } = primed(base);
    const m = /本年度共收到政府信息公开申请(\d+)件/u.exec(base);
    const at = (m?.index ?? 0) + 13;
    // Two characters longer, near the top.
    let text = splice(base, at, '12');
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(true);
    // Two lines added near the end: read whole, the pieces before and after taken from the memo where they now are.
    const end = text.lastIndexOf('\n\n', text.length - 2000);
    text = splice(text, end, '\n\n');
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(false);
    expect(memo.reused.pieces).toBeGreaterThan(4);
    expect(memo.reused.paragraphs).toBeGreaterThan(20);
    // And the first paragraph patched again, one character shorter.
    text = splice(text, at, '', 1);
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(true);
  });

  it('does not patch a change of length on the line a section’s extent ends on', () => {
    // Two rows of a table followed by a heading: the section before the heading ends with the table's last row.
    const m = /\n(\| [^\n]+)\n(\| [^\n]+)\n\n## /u.exec(base);
    expect(m).not.toBeNull();
    const row = (m?.index ?? 0) + 1 + (m?.[1]?.length ?? 0) + 1;
    for (const [at, patched] of [
      [row + 3, false],
      // The row before it: the extent's end does not move.
      [(m?.index ?? 0) + 4, true],
    ] as const) {
      const text = splice(base, at, '12');
      const longer = primed(base);
      same(read(text, longer.memo), read(text));
      expect(longer.memo.reused.patched).toBe(patched);
      // The same length: patched either way.
      const replaced = splice(base, at, '9', 1);
      const { memo } = primed(base);
      same(read(replaced, memo), read(replaced));
      expect(memo.reused.patched).toBe(true);
    }
  });

  it('gives the document a whole reading gives, edit after edit', () => {
    const HARMLESS = ['7', '12', '0', '年', '，', '。', 'x', ' ', '表', '三'];
    const OTHER = ['\n', '\n\n', '|', '*', '# ', '- ', '1. '];
    let patches = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.noBias(fc.integer({ min: 0, max: 9999 })),
            insert: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...HARMLESS) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) }),
            remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
          }),
          { minLength: 2, maxLength: 8 },
        ),
        (edits) => {
          const memo = new ReadingMemo();
          let text = base;
          read(text, memo);
          // Edits close together, as an author types: each within 200 characters of the last.
          let at = Math.floor(((edits[0]?.at ?? 0) / 10000) * base.length);
          for (const e of edits) {
            at = Math.max(0, Math.min(text.length, at + Math.floor((e.at / 10000 - 0.5) * 400)));
            text = splice(text, at, e.insert, e.remove);
            same(read(text, memo), read(text));
            if (memo.reused.patched) patches++;
          }
        },
      ),
      { numRuns: 25, seed: 20261127 },
    );
    // Most edits of harmless characters inside a paragraph or a table row were patched.
    expect(patches).toBeGreaterThan(20);
  });
});
