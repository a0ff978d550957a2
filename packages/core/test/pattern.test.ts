import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { foldWidth } from '../src/normalize.ts';
import { compilePattern, plainRegExp } from '../src/pattern.ts';

/** What RE2 itself answers for a pattern: the reference the literal search must agree with. */
function re2Matches(source: string, text: string): [number, number][] {
  const m = RE2JS.compile(foldWidth(source)).matcher(foldWidth(text));
  const out: [number, number][] = [];
  while (m.find()) {
    out.push([m.start(), m.end()]);
    if (m.end() === m.start() && m.end() >= text.length) break;
  }
  return out;
}

describe('compilePattern', () => {
  it('finds literal alternatives where RE2 finds them, leftmost first and the first listed on a tie', () => {
    const p = compilePattern('ab|abc|统计表');
    expect(p.matches('xabcx 统计表 ab')).toEqual([
      [1, 3],
      [6, 9],
      [10, 12],
    ]);
    expect(re2Matches('ab|abc|统计表', 'xabcx 统计表 ab')).toEqual(p.matches('xabcx 统计表 ab'));
    expect(p.test('a b c')).toBe(false);
    expect(p.test('统计表')).toBe(true);
  });

  it('folds width in literal patterns and subjects alike', () => {
    expect(compilePattern('（一）').test('(一)收到申请')).toBe(true);
    expect(compilePattern('(一)').test('（一）收到申请')).toBe(true);
  });

  it('is compiled once per source, and a pattern RE2 refuses is refused every time', () => {
    const title = compilePattern('政府信息公开.*年度报告|年度报告.*政府信息公开');
    expect(compilePattern('政府信息公开.*年度报告|年度报告.*政府信息公开')).toBe(title);
    expect(title.test('某局2024年政府信息公开工作年度报告')).toBe(true);
    expect(compilePattern('政府信息公开.*年度报告|年度报告.*政府信息公开').test('某局2024年工作总结')).toBe(false);
    expect(title.test('某局2024年政府信息公开工作年度报告')).toBe(true);
    expect(() => compilePattern('(unclosed')).toThrow();
    expect(() => compilePattern('(unclosed')).toThrow();
  });

  it('treats any pattern with syntax as a regular expression', () => {
    expect(compilePattern('a.c').test('abc')).toBe(true);
    expect(compilePattern('(?i)total assets').test('TOTAL ASSETS')).toBe(true);
    expect(compilePattern('^规章$').test('规章')).toBe(true);
    expect(compilePattern('^规章$').test('政府规章')).toBe(false);
    // An empty alternative matches everywhere: left to RE2.
    expect(compilePattern('a|').matches('ba')).toEqual(re2Matches('a|', 'ba'));
  });

  it('agrees with RE2 on literal texts anchored at the end, and leaves any other use of $ to RE2 (property)', () => {
    expect(compilePattern('规章$|规范性文件$').matches('发布规范性文件')).toEqual([[2, 7]]);
    expect(compilePattern('文件$|规范性文件$').matches('发布规范性文件')).toEqual(re2Matches('文件$|规范性文件$', '发布规范性文件'));
    expect(compilePattern('行政复议$').test('行政复议决定')).toBe(false);
    const alphabet = fc.constantFrom('a', 'b', '统', '计', '（', '(', ' ', '\uD83D\uDE00', '$', '\n');
    const alternative = fc.array(alphabet, { maxLength: 3 }).map((cs) => `${cs.join('')}$`);
    fc.assert(
      fc.property(fc.array(alternative, { minLength: 1, maxLength: 3 }), fc.array(alphabet, { maxLength: 12 }), (alternatives, chars) => {
        const source = alternatives.join('|');
        const text = chars.join('');
        let p: ReturnType<typeof compilePattern>;
        try {
          p = compilePattern(source);
        } catch {
          return; // Not a pattern at all: a pack with it is refused.
        }
        expect(p.matches(text)).toEqual(re2Matches(source, text));
        expect(p.test(text)).toBe(re2Matches(source, text).length > 0);
      }),
      { numRuns: 3000, seed: 20261127 },
    );
  });

  it('agrees with RE2 on every literal pattern and text (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '统', '计', '（', '(', ' ', '\uD83D\uDE00', '|');
    const word = fc.array(alphabet, { maxLength: 4 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(word, fc.array(alphabet, { maxLength: 30 }), (source, chars) => {
        const text = chars.join('');
        let p: ReturnType<typeof compilePattern>;
        try {
          p = compilePattern(source);
        } catch {
          return; // Not a pattern at all (an unclosed parenthesis): a pack with it is refused.
        }
        expect(p.matches(text)).toEqual(re2Matches(source, text));
        expect(p.test(text)).toBe(re2Matches(source, text).length > 0);
      }),
      { numRuns: 3000, seed: 20261126 },
    );
  });

  it("tests short subjects with V8's engine only for patterns of the plain kind", () => {
    // The packs' own: titles, statements' words, rows' labels.
    for (const source of [
      '政府信息公开.*年度报告|年度报告.*政府信息公开',
      '结转.*(下年|次年|继续办理)|转入下一?年度?',
      '主动公开.*信息$|主动公开政府信息$',
      '(?i)^total assets$',
      '召开.*会议',
    ])
      expect(plainRegExp(source), source).toBeInstanceOf(RegExp);
    expect(plainRegExp('a.c')?.source).toBe('a[^\\n]c');
    // Left to RE2: escapes and classes (RE2's \s and \d are not V8's), counted and nested repeats, a second unbounded
    // repeat, a second group or a third `?` in one alternative (backtracking would grow as the cube of
    // the subject, or exponentially), a quantified group or a repeat inside one, flags other than a leading (?i), and
    // anchors inside an alternative.
    for (const source of [
      '\\s+',
      '[0-9]+',
      'a{2}',
      '(a|b)*',
      '(ab*)',
      '(?:ab)',
      'a(?i)b',
      'a.*b.*c',
      'a.*b+',
      '(a|b)(c|d)',
      'a?b?c?',
      '(a(b))',
      'a^b',
      'a$b',
      'a**',
      'a*?',
      '(a',
      'a)',
    ])
      expect(plainRegExp(source), source).toBeUndefined();
    // The counts are per alternative: one repeat, one group and two `?` in each of two alternatives are still plain.
    expect(plainRegExp('a.*(b|c)d?e?|f+(g|h)?i?')).toBeInstanceOf(RegExp);
    // A subject that made V8's engine backtrack exponentially in a pattern of many optional characters is left to RE2.
    const many = `${'a?'.repeat(30)}${'a'.repeat(30)}`;
    expect(plainRegExp(many)).toBeUndefined();
    expect(compilePattern(many).test('a'.repeat(29))).toBe(false);
    // A line feed ends `.`'s reach in both engines; a carriage return does not, in RE2 as here.
    expect(compilePattern('公开.*报告').test('公开\r报告')).toBe(true);
    expect(compilePattern('公开.*报告').test('公开\n报告')).toBe(false);
    expect(re2Matches('公开.*报告', '公开\r报告')).toEqual([[0, 5]]);
  });

  it('takes as plain only patterns RE2 compiles too, whose RE2 matcher is made when first needed (property)', () => {
    // A plain pattern is compiled on RE2 only when asked of a long text: one RE2 would refuse must never be plain, or
    // the pack's mistake would surface in the middle of a check rather than where the pack is loaded.
    const token = fc.constantFrom('a', '统', '.', '*', '+', '?', '(', ')', '|', '^', '$', '\\', '[', ']', '{', '}', '(?i)', '(?', ':', '-', '1');
    let plain = 0;
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const source = tokens.join('');
        if (plainRegExp(source) === undefined) return;
        plain++;
        expect(() => RE2JS.compile(source), source).not.toThrow();
      }),
      { numRuns: 20000, seed: 20261128 },
    );
    // The property saw plain patterns, not only refused ones.
    expect(plain).toBeGreaterThan(1000);
    // A plain pattern's long subjects go to RE2 as before: an answer for a subject past the short ones' length.
    const p = compilePattern('年度.*报告');
    expect(p.test(`${'x'.repeat(300)}年度工作报告`)).toBe(true);
    expect(p.matches(`${'x'.repeat(300)}年度工作报告`)).toEqual([[300, 306]]);
  });

  it('agrees with RE2 on patterns of the plain kind, on short subjects and long (property)', () => {
    const letters = ['a', 'b', 'A', 'k', 'K', '\u212A', 's', '\u017F', '统', '计', '\uD83D\uDE00', ' ', '\n', '\r', '\u2028'];
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...letters) },
      { weight: 2, arbitrary: fc.constantFrom('.', '.*', '.+', 'a?', '统?', 'a*', 'b+') },
      { weight: 1, arbitrary: fc.constantFrom('(a|统计)', '(b|)?', '(ab|k)') },
    );
    const alternative = fc
      .tuple(fc.boolean(), fc.array(piece, { maxLength: 5 }), fc.boolean())
      .map(([start, pieces, end]) => `${start ? '^' : ''}${pieces.join('')}${end ? '$' : ''}`);
    const pattern = fc
      .tuple(fc.boolean(), fc.array(alternative, { minLength: 1, maxLength: 3 }))
      .map(([fold, alternatives]) => `${fold ? '(?i)' : ''}${alternatives.join('|')}`);
    fc.assert(
      fc.property(pattern, fc.array(fc.constantFrom(...letters), { maxLength: 40 }), fc.nat(300), (source, chars, pad) => {
        const short = chars.join('');
        // The same words past the length that V8's engine is used for: RE2 answers, and must agree.
        const long = `${'x'.repeat(pad)}${short}`;
        const p = compilePattern(source);
        expect(p.test(short), `${source} / ${JSON.stringify(short)}`).toBe(re2Matches(source, short).length > 0);
        expect(p.test(long)).toBe(re2Matches(source, long).length > 0);
      }),
      { numRuns: 4000, seed: 20261128 },
    );
  });
});
