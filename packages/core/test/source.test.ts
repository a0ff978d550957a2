import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CrossfootError, LineIndex, parseConfig, parseSource, rememberSnapshots, snapshotSource, yamlTooDeep } from '../src/index.ts';

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

describe('sources read from a snapshot', () => {
  const packFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      return e.isDirectory() ? packFiles(path) : /\.ya?ml$/.test(e.name) ? [path] : [];
    });
  const rules = fileURLToPath(new URL('../../../rules', import.meta.url));
  const tricky = [
    'id: a\nempty:\nlist:\n  - 1\n  -\n  - { x: [1, 2], y: ~ }\n"quoted key": v # comment\n? complex\n: value\n',
    'anchors:\n  base: &b { a: 1 }\n  copy: *b\nflow: [a, {b: c}]\nfolded: >\n  two\n  lines\n',
    '- just\n- a list\n',
    'flow: { a, b: 1 }\n? lonely key\nrules: [x]\n',
  ];

  /** Every path to a value in `data`, plus paths that lead nowhere, as `rangeOf` is asked them. */
  function paths(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    const out: (string | number)[][] = [prefix, [...prefix, 'missing'], [...prefix, 7]];
    if (Array.isArray(data)) for (const [i, v] of data.entries()) out.push(...paths(v, [...prefix, i]));
    else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) out.push(...paths(v, [...prefix, k]));
    return out;
  }

  it('give the data and every range a parse gives, for each shipped pack file and tricky YAML', () => {
    const texts = [...packFiles(rules).map((f) => readFileSync(f, 'utf8')), ...tricky];
    expect(texts.length).toBeGreaterThan(20);
    const parsed = texts.map((t) => parseSource('x.yaml', t));
    const stored = texts.map((t) => [t, snapshotSource(t)] as const);
    for (const [, json] of stored) expect(json).toBeDefined();
    rememberSnapshots(stored as [string, string][]);
    texts.forEach((text, i) => {
      const direct = parsed[i] as ReturnType<typeof parseSource>;
      const fromSnapshot = parseSource('x.yaml', text);
      expect(fromSnapshot.data).toEqual(direct.data);
      for (const path of paths(direct.data)) {
        expect(fromSnapshot.rangeOf(path)).toEqual(direct.rangeOf(path));
        expect(fromSnapshot.rangeOf(path, true)).toEqual(direct.rangeOf(path, true));
      }
    });
  });

  it('are not made of files JSON cannot carry or YAML cannot read, which are parsed as before', () => {
    expect(snapshotSource('limit: .inf\n')).toBeUndefined();
    expect(snapshotSource('a: [1, 2\n')).toBeUndefined();
    expect(() => parseSource('bad.yaml', 'a: [1, 2\n')).toThrow(CrossfootError);
  });
});
