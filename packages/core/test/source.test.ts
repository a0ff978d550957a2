import { describe, expect, it } from 'vitest';
import { CrossfootError, LineIndex, parseConfig, parseSource, yamlTooDeep } from '../src/index.ts';

function thrown(fn: () => unknown): CrossfootError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CrossfootError) return error;
    throw error;
  }
  throw new Error('nothing thrown');
}

// YAML ends lines only at LF; every range crossfoot gives counts a lone CR as a line end too (LineIndex).
describe('parseSource positions count lines as every other range does', () => {
  it('a key that spans a lone CR ends on the line after it', () => {
    const text = 'include: ["*.md"]\nwhat\rever: 1\n';
    const error = thrown(() => parseConfig('crossfoot.config.yaml', text));
    expect(error.code).toBe('unknown-key');
    expect(error.range).toEqual({ start: { line: 2, column: 1 }, end: { line: 3, column: 5 } });
    const index = new LineIndex(text);
    expect(index.lineText(3).length + 1).toBeGreaterThanOrEqual(5);
  });

  it('a syntax error after CR line ends is placed within the text', () => {
    const text = 'a: 1\rb: [1, 2\rc: 3\r';
    const error = thrown(() => parseSource('x.yaml', text));
    expect(error.code).toBe('yaml-syntax');
    const { line, column } = error.range?.start ?? { line: 0, column: 0 };
    const index = new LineIndex(text);
    expect(line).toBeLessThanOrEqual(index.lineCount);
    expect(column).toBeLessThanOrEqual(index.lineText(line).length + 1);
  });

  it('values after CRLF lines keep their lines', () => {
    const source = parseSource('x.yaml', 'a: 1\r\nb: 2\r\nc: three\n');
    expect(source.rangeOf(['c'])).toEqual({ start: { line: 3, column: 4 }, end: { line: 3, column: 9 } });
  });
});

describe('parseSource on a file of syntax errors', () => {
  it('fails at once with the first error, located, however many follow (found by fuzzing: 190 KB took minutes)', { timeout: 20_000 }, () => {
    const text = `# config\n${'*a **a '.repeat(12_000)}b\n`;
    const error = thrown(() => parseConfig('crossfoot.config.yaml', text));
    expect(error.code).toBe('yaml-syntax');
    expect(error.range?.start.line).toBe(2);
  });
});

describe('yamlTooDeep', () => {
  it('calls a document too deep for the YAML parser’s own stack too deep, rather than overflowing (found by fuzzing)', () => {
    for (const text of [`# config\n${'- '.repeat(40_000)}x\n`, `include:\n  - ${'- '.repeat(60_000)}x\n`]) {
      expect(yamlTooDeep(text)).toBeTypeOf('number');
      expect(thrown(() => parseConfig('crossfoot.config.yaml', text)).code).toBe('yaml-too-deep');
    }
  });
});
