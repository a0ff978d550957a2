import type { Scalar } from 'yaml';

/**
 * Where each character of a YAML string scalar's value was written. A value is not its source: quotes and escapes
 * (`\u00e9`, `''`) are decoded, block scalars (`|`, `>`) lose their header and indentation, folded and plain
 * scalars turn line breaks into spaces. Offsets are absolute offsets in the document.
 */
export interface ScalarChars {
  value: string;
  starts: number[];
  ends: number[];
}

export function scalarChars(source: string, node: Scalar): ScalarChars | undefined {
  const value = node.value;
  const range = node.range;
  if (typeof value !== 'string' || !range) return undefined;
  const [from, to] = range;
  const raw = source.slice(from, to);
  let start = 0;
  let indent = 0;
  let block = false;
  let escapes: 'double' | 'single' | undefined;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    block = true;
    const header = /^[^\r\n]*(?:\r\n|\r|\n)?/u.exec(raw)?.[0] ?? '';
    start = header.length;
    indent = blockIndent(raw.slice(start), value);
  } else if (node.type === 'QUOTE_DOUBLE') {
    start = 1;
    escapes = 'double';
  } else if (node.type === 'QUOTE_SINGLE') {
    start = 1;
    escapes = 'single';
  }
  const { starts, ends } = align(value, raw, start, block, indent, escapes);
  return { value, starts: starts.map((o) => from + o), ends: ends.map((o) => from + o) };
}

/** Indentation removed from a block scalar's lines: the source's first content line minus what the value keeps of it. */
function blockIndent(content: string, value: string): number {
  const sourceLine = content.split(/\r\n|\r|\n/u).find((l) => /\S/u.test(l));
  const valueLine = value.split('\n').find((l) => /\S/u.test(l));
  if (sourceLine === undefined || valueLine === undefined) return 0;
  const spaces = (s: string) => /^ */u.exec(s)?.[0].length ?? 0;
  return Math.max(0, spaces(sourceLine) - spaces(valueLine));
}

function align(
  value: string,
  raw: string,
  from: number,
  block: boolean,
  indent: number,
  escapes: 'double' | 'single' | undefined,
): { starts: number[]; ends: number[] } {
  const starts: number[] = new Array(value.length);
  const ends: number[] = new Array(value.length);
  let sp = from;
  let lineStart = block;
  const map = (vp: number, count: number, a: number, b: number) => {
    for (let k = 0; k < count; k++) {
      starts[vp + k] = a;
      ends[vp + k] = b;
    }
  };
  const breakLength = (at: number) => (raw[at] === '\r' && raw[at + 1] === '\n' ? 2 : 1);
  let vp = 0;
  while (vp < value.length) {
    if (sp >= raw.length) {
      map(vp, value.length - vp, raw.length, raw.length);
      break;
    }
    if (lineStart) {
      lineStart = false;
      let k = 0;
      while (k < indent && raw[sp] === ' ') {
        sp++;
        k++;
      }
      continue;
    }
    const r = raw[sp] as string;
    const v = value[vp] as string;
    if (escapes === 'double' && r === '\\') {
      const next = raw[sp + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break joins the lines; the next line's indentation goes with it.
        sp += 1 + breakLength(sp + 1);
        while (raw[sp] === ' ' || raw[sp] === '\t') sp++;
        continue;
      }
      const length = next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
      const count = next === 'U' && v >= '\ud800' && v <= '\udbff' ? 2 : 1;
      map(vp, Math.min(count, value.length - vp), sp, Math.min(sp + length, raw.length));
      vp += count;
      sp += length;
      continue;
    }
    if (escapes === 'single' && r === "'" && raw[sp + 1] === "'" && v === "'") {
      map(vp, 1, sp, sp + 2);
      vp++;
      sp += 2;
      continue;
    }
    if (r === v) {
      map(vp, 1, sp, sp + 1);
      if (r === '\n') lineStart = block;
      vp++;
      sp++;
      continue;
    }
    if ((r === '\r' || r === '\n') && (v === '\n' || v === ' ')) {
      // A line break as written (`\r\n`), or folded into a space.
      const length = breakLength(sp);
      map(vp, 1, sp, sp + length);
      lineStart = block;
      vp++;
      sp += length;
      continue;
    }
    if (r === '\n' || r === '\r') lineStart = block;
    sp++;
  }
  return { starts, ends };
}
