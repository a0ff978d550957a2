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
    ['a digit before the first character of a line', base.indexOf('\n| 行政许可 |') + 1, '7'],
    ['a word that makes the paragraph before a table its caption', paragraph + 6, '表'],
    ['a digit in a table’s delimiter row', delimiter + 2, '5'],
    ['a blank in a table’s delimiter row', delimiter + 1, ' '],
    ['the words of a heading', heading + 6, '和'],
    ['words between the carriage return and the line feed of a row', -1, '三'],
  ])('reads %s whole', (_what, at, insert) => {
    // The last case in the report with Windows line breaks, after a table row's carriage return.
    const windows = at < 0;
    const from = windows ? base.replaceAll('\n', '\r\n') : base;
    if (windows) at = from.indexOf('\r\n', from.indexOf('| 行政许可 |')) + 1;
    expect(at).toBeGreaterThan(0);
    const { memo } = primed(from);
    const text = splice(from, at, insert);
    const doc = read(text, memo);
    expect(memo.reused.patched).toBe(false);
    same(doc, read(text));
  });

  it('reads whole an edit on a line that holds markup', () => {
    const from = splice(base, paragraph + 4, '**重点**');
    const { memo } = primed(from);
    const text = splice(from, paragraph + 12, '7');
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(false);
  });

  it('reads whole a paragraph that comes to stand for a section', () => {
    // A paragraph opening with a parenthesis, which an edit makes `（一）`: a numbered paragraph, a section of its own.
    const from = splice(base, paragraph, '（');
    const { memo, doc } = primed(from);
    const text = splice(from, paragraph + 1, '一）');
    const after = read(text, memo);
    expect(memo.reused.patched).toBe(false);
    same(after, read(text));
    const count = (d: ReportDocument) =>
      d.sections.flatMap(function all(s): string[] {
        return [s.title, ...s.children.flatMap(all)];
      }).length;
    expect(count(after)).toBe(count(doc) + 1);
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
    const lastBlock = memo.keptGuardSteps?.at(-1);
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
    // The guard took the last blocks from the memo too, found where they had moved.
    expect(memo.keptGuardSteps?.at(-1)?.found).toBe(lastBlock?.found);
    // And the first paragraph patched again, one character shorter.
    text = splice(text, at, '', 1);
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(true);
  });

  it('leaves the memo as a whole reading would: a whole reading after patches takes nothing stale from it', () => {
    const { memo } = primed(base);
    // A figure in a paragraph and one in a table row near the top, each of the same length: patched.
    const figure = base.indexOf('1586');
    const cell = base.indexOf('| 行政许可 | ') + '| 行政许可 | '.length;
    let text = splice(splice(base, figure, '2', 1), cell, '9', 1);
    same(read(splice(base, figure, '2', 1), memo), read(splice(base, figure, '2', 1)));
    expect(memo.reused.patched).toBe(true);
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(true);
    // Then a heading added near the end, read whole with the memo: the pieces and paragraphs near the top are taken
    // from it, and must be those of the patched text.
    text = splice(text, text.lastIndexOf('\n\n', text.length - 2000), '\n\n## 附加\n');
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(false);
    expect(memo.reused.pieces).toBeGreaterThan(0);
  });

  it('patches one paragraph after another that gained statements and dates', () => {
    const { memo, doc } = primed(base);
    const first = base.indexOf('我局持续深化政务公开');
    const second = base.indexOf('我局组织开展政务公开专题培训');
    expect(second).toBeGreaterThan(first);
    // Sentences more in the first paragraph: its statements and dates grow, and the second paragraph's move along the lists.
    let text = splice(base, first + 2, '2024年5月共印发文件9件，其中规章2件。');
    const grown = read(text, memo);
    expect(memo.reused.patched).toBe(true);
    same(grown, read(text));
    expect(grown.statements.length).toBeGreaterThan(doc.statements.length);
    expect(grown.dates.length).toBeGreaterThan(doc.dates.length);
    // A figure of the second, a paragraph with dates, changed.
    const at = text.indexOf('我局组织开展政务公开专题培训') + '我局组织开展政务公开专题培训'.length;
    text = splice(text, at, '4', 1);
    same(read(text, memo), read(text));
    expect(memo.reused.patched).toBe(true);
  });

  it('moves the end of a section whose extent ends on the edited line', () => {
    // Two rows of a table followed by a heading of the third level: the section before the heading, in a section that
    // goes on after it, ends with the table's last row.
    const m = /\n(\| [^\n]+)\n(\| [^\n]+)\n\n### /u.exec(base);
    expect(m).not.toBeNull();
    const row = (m?.index ?? 0) + 1 + (m?.[1]?.length ?? 0) + 1;
    const ends = (doc: ReportDocument) =>
      doc.sections.flatMap(function all(s): string[] {
        return [`${s.extent.end.line}:${s.extent.end.column}`, ...s.children.flatMap(all)];
      });
    const original = ends(read(base));
    for (const [at, moves] of [
      [row + 3, true],
      // Words added at the very end of the row (a cell more).
      [row + (m?.[2]?.length ?? 0), true],
      // The row before it: the extent's end does not move.
      [(m?.index ?? 0) + 4, false],
    ] as const) {
      const text = splice(base, at, '12');
      const { memo } = primed(base);
      const doc = read(text, memo);
      expect(memo.reused.patched).toBe(true);
      same(doc, read(text));
      expect(ends(doc).filter((e, i) => e !== original[i]).length > 0).toBe(moves);
      // The same after a patch near the top made the text longer by more than a row: where sections end moved with it.
      const words = '本年共印发文件九件，其中规章两件，规范性文件七件，另有内部制度若干项，均已按规定公开。'.repeat(2);
      const top = base.indexOf('我局持续深化政务公开') + 2;
      const moved = primed(base);
      const first = splice(base, top, words);
      same(read(first, moved.memo), read(first));
      expect(moved.memo.reused.patched).toBe(true);
      const then = splice(first, at + words.length, '12');
      same(read(then, moved.memo), read(then));
      expect(moved.memo.reused.patched).toBe(true);
    }
  });

  it('gives the document a whole reading gives, edit after edit', () => {
    const HARMLESS = ['7', '12', '0', '年', '，', '。', 'x', ' ', '表', '三', '（一）', '一、', '其中', '合计', '2023年5月', '%'];
    const OTHER = ['\n', '\n\n', '|', '*', '**', '# ', '- ', '1. ', '=', '---', '  ', '<!-- x -->'];
    // The report, and the same with a byte order mark (micromark's offsets count after it), and with Windows line breaks.
    const bases = [base, `\uFEFF${base}`, base.replaceAll('\n', '\r\n')];
    let patches = 0;
    const patchedIn = new Set<number>();
    fc.assert(
      fc.property(
        fc.nat({ max: bases.length - 1 }),
        fc.array(
          fc.record({
            at: fc.noBias(fc.integer({ min: 0, max: 9999 })),
            insert: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...HARMLESS) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) }),
            remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
          }),
          { minLength: 2, maxLength: 8 },
        ),
        (b, edits) => {
          const memo = new ReadingMemo();
          let text = bases[b] as string;
          read(text, memo);
          // Edits close together, as an author types: each within 200 characters of the last.
          let at = Math.floor(((edits[0]?.at ?? 0) / 10000) * text.length);
          for (const e of edits) {
            at = Math.max(0, Math.min(text.length, at + Math.floor((e.at / 10000 - 0.5) * 400)));
            text = splice(text, at, e.insert, e.remove);
            same(read(text, memo), read(text));
            if (memo.reused.patched) {
              patches++;
              patchedIn.add(b);
            }
          }
        },
      ),
      { numRuns: 40, seed: 20261127 },
    );
    // Most edits of harmless characters inside a paragraph or a table row were patched, in every kind of text.
    expect(patches).toBeGreaterThan(20);
    expect(patchedIn.size).toBe(bases.length);
  }, 120_000);
});
