import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { stylish } from '../src/index.ts';
import { en, REPORT_URI, rangeOf, rules, sampleInput, sumFinding, zh } from './fixtures.ts';

/** The displayed source line containing `needle` and the caret line below it. */
function excerptAt(output: string, needle: string): { source: string; caret: string } {
  const lines = output.split('\n');
  const i = lines.findIndex((l) => l.includes(' | ') && l.includes(needle));
  expect(i, `no excerpt line with ${needle}`).toBeGreaterThanOrEqual(0);
  return { source: lines[i] as string, caret: lines[i + 1] as string };
}

/** Asserts the caret run starts under `needle` in display columns and is as wide as `needle`. */
function expectCaretUnder(output: string, needle: string, lineNeedle = needle): void {
  const { source, caret } = excerptAt(output, lineNeedle);
  const column = stringWidth(source.slice(0, source.indexOf(needle)));
  expect(caret.indexOf('^')).toBe(column);
  expect(caret.match(/\^+/)?.[0].length).toBe(stringWidth(needle));
}

describe('stylish', () => {
  it('groups by file and prints position, severity, message and rule id', () => {
    const out = stylish(sampleInput(), en);
    const lines = out.split('\n');
    expect(lines[0]).toBe(REPORT_URI);
    expect(out).toContain('5:19  error    合计 320 与分项之和 322 不一致（53 + 48 + 207 + 14）  cn-gov-disclosure-2008/statement-sums');
    expect(out).toContain('9:27  warning  答复日期 2018年2月1日 早于申请日期 2018年3月5日  cn-gov-disclosure-2008/reply-after-request');
    expect(out).toContain(' 1:1  info     ');
    expect(out.indexOf('1:1')).toBeLessThan(out.indexOf('5:19'));
    expect(out.indexOf('5:19')).toBeLessThan(out.indexOf('9:27'));
    expect(out.indexOf('9:27')).toBeLessThan(out.indexOf('13:31'));
  });

  it('puts the caret under the figure in CJK text (display width, not code units)', () => {
    const out = stylish(sampleInput(), zh);
    expectCaretUnder(out, '320');
    const { source } = excerptAt(out, '320');
    const prefix = source.slice(0, source.indexOf('320'));
    expect(stringWidth(prefix)).not.toBe(prefix.length); // a code-unit count would be misaligned
  });

  it('puts the caret under a span that follows an astral character', () => {
    const out = stylish(sampleInput(), zh);
    expectCaretUnder(out, '2018年2月1日');
    const { source } = excerptAt(out, '2018年2月1日');
    expect(source).toContain('王𠮷于');
  });

  it('lines carets up in a table row', () => {
    expectCaretUnder(stylish(sampleInput(), zh), '16', '| 12 | 3 | 16 |');
  });

  it('keeps carets aligned when a tab precedes the span', () => {
    const text = '\t合计：共\t320条';
    const d = { ...sumFinding, related: [], range: rangeOf(text, '320') };
    const out = stylish({ diagnostics: [d], rules, files: [{ uri: REPORT_URI, text }] }, zh);
    expect(out).not.toContain('\t');
    expectCaretUnder(out, '320');
  });

  it('cuts a long line around the span and keeps the caret under it', () => {
    const filler = '其中行政许可类信息较上年有所增加，'.repeat(8);
    const text = `${filler}全年共受理申请1234件。${filler}`;
    const d = { ...sumFinding, related: [], range: rangeOf(text, '1234') };
    const out = stylish({ diagnostics: [d], rules, files: [{ uri: REPORT_URI, text }] }, zh);
    const { source } = excerptAt(out, '1234');
    expect(source.startsWith('    1 | …')).toBe(true);
    expect(source.endsWith('…')).toBe(true);
    expect(stringWidth(source)).toBeLessThan(stringWidth(text));
    expectCaretUnder(out, '1234');
  });

  it('prints the arithmetic with localised labels', () => {
    const en1 = stylish(sampleInput(), en);
    expect(en1).toContain('expression: 53 + 48 + 207 + 14 = 322');
    expect(en1).toContain('expected: 322; actual: 320; difference: -2; precision: exact');
    const zh1 = stylish(sampleInput(), zh);
    expect(zh1).toContain('算式：53 + 48 + 207 + 14 = 322');
    expect(zh1).toContain('应为：322；实为：320；差额：-2；精度：exact');
  });

  it('lists the related operands with their positions', () => {
    const out = stylish(sampleInput(), zh);
    expect(out).toContain('→ 5:31  机构职能类 = 53');
    expect(out).toContain('→ 5:59  人事信息类 = 14');
  });

  it('ends with a totals line', () => {
    expect(stylish(sampleInput(), en).trimEnd().split('\n').at(-1)).toBe('2 errors, 1 warning, 1 info in 2 files checked');
    expect(stylish(sampleInput(), zh).trimEnd().split('\n').at(-1)).toBe('共检查 2 个文件：2 个错误，1 个警告，1 条提示');
  });

  it('says there are no problems for empty input', () => {
    const files = sampleInput().files;
    expect(stylish({ diagnostics: [], rules, files }, en)).toBe('No problems found in 2 files checked.\n');
    expect(stylish({ diagnostics: [], rules, files: files.slice(0, 1) }, en)).toBe('No problems found in 1 file checked.\n');
    expect(stylish({ diagnostics: [], rules, files }, zh)).toBe('共检查 2 个文件，未发现问题。\n');
  });

  it('colours only when asked', () => {
    const ESC = '\u001b[';
    expect(stylish(sampleInput(), en)).not.toContain(ESC);
    const coloured = stylish(sampleInput(), { ...en, color: true });
    expect(coloured).toContain(`${ESC}31m`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(stylish(sampleInput(), en));
  });

  it('neutralises control characters from the source', () => {
    const text = '合计\u001b[2J共320条';
    const d = { ...sumFinding, related: [], range: rangeOf(text, '320') };
    const out = stylish({ diagnostics: [d], rules, files: [{ uri: REPORT_URI, text }] }, en);
    expect(out).not.toContain('\u001b');
    expectCaretUnder(out, '320');
  });

  it('skips the excerpt when the source text is unknown', () => {
    const out = stylish({ diagnostics: [sumFinding], rules, files: [{ uri: REPORT_URI }] }, en);
    expect(out).toContain('5:19  error');
    expect(out).not.toContain(' | ');
  });
});
