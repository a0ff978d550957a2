/**
 * Front matter in the plainest YAML, read without the YAML library: `key: value` lines, and keys whose value is a
 * block of `key: value` lines or of `- value` items indented under them, every value a plain scalar that YAML's
 * core schema reads as a string or a decimal integer. Almost every report's front matter is written so, and the
 * library takes most of the time of reading a small report's front matter (0.4 ms of about 4 ms a report).
 *
 * Anything else gives undefined, and is read by the library: comments, quotes, flow collections, anchors, tags,
 * block scalars, continuation lines, lines holding only blanks, tabs, carriage returns, duplicate keys, values
 * YAML reads as null, a boolean, a float or a non-decimal integer, and a key with no value under it. What this
 * reads, it reads as the library does: the same data, and the same offsets of each top-level value (a test
 * compares the two on generated front matter).
 */

/** What `plainFrontMatter` read: the data, and where each top-level value is ([start, end) offsets of the source). */
export interface PlainFrontMatter {
  data: Record<string, unknown>;
  ranges: Map<string, readonly [number, number]>;
}

/** A key YAML reads as the same string, whatever the schema. */
const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
/**
 * A plain scalar that cannot mean anything else: no indicator first, no `: ` or ` #` inside, no flow bracket, no
 * character YAML does not print or takes as a line break, nothing blank at either end, no `:` last.
 */
const SCALAR = /^(?![-?:,[\]{}#&*!|>'"%@`])(?!.*(?:: | #|[[\]{}\t\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]))(?!.*[ :]$).+$/su;
/** What YAML 1.2's core schema reads as null, a boolean or a number other than a decimal integer. */
const NOT_A_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+)$/u;
/** A decimal integer a double holds exactly, read by YAML's core schema as a number. */
const INTEGER = /^[0-9]{1,15}$/u;

/** The value of a plain scalar, or undefined when it is not one this reads. */
function scalar(text: string): string | number | undefined {
  if (!SCALAR.test(text)) return undefined;
  if (INTEGER.test(text)) return Number(text);
  return NOT_A_STRING.test(text) ? undefined : text;
}

/** A line and where it starts. */
interface Line {
  text: string;
  start: number;
}

/** `source` read as front matter in the plainest YAML, or undefined when it is anything else. */
export function plainFrontMatter(source: string): PlainFrontMatter | undefined {
  const lines: Line[] = [];
  for (let start = 0; start < source.length; ) {
    const end = source.indexOf('\n', start);
    const stop = end < 0 ? source.length : end;
    lines.push({ text: source.slice(start, stop), start });
    start = stop + 1;
  }
  const data: Record<string, unknown> = {};
  const ranges = new Map<string, readonly [number, number]>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    i++;
    if (line.text === '') continue;
    const colon = line.text.indexOf(':');
    if (colon < 0) return undefined;
    const key = line.text.slice(0, colon);
    if (!KEY.test(key) || Object.hasOwn(data, key)) return undefined;
    const rest = line.text.slice(colon + 1);
    if (rest !== '') {
      const at = indentOf(rest);
      if (at === 0) return undefined;
      const value = scalar(rest.slice(at));
      if (value === undefined) return undefined;
      data[key] = value;
      const start = line.start + colon + 1 + at;
      ranges.set(key, [start, line.start + line.text.length]);
      continue;
    }
    // A block under the key: every line indented alike, all `key: value` or all `- value`.
    const block: Line[] = [];
    while (i < lines.length) {
      const next = lines[i] as Line;
      if (next.text !== '' && next.text[0] !== ' ' && next.text[0] !== '-') break;
      block.push(next);
      i++;
    }
    const value = readBlock(block);
    if (value === undefined) return undefined;
    data[key] = value;
    const first = block[0] as Line;
    const last = block.at(-1) as Line;
    ranges.set(key, [first.start + indentOf(first.text), last.start + last.text.length]);
  }
  if (ranges.size === 0) return undefined;
  return { data, ranges };
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function startsItem(text: string, indent: number): boolean {
  return text.startsWith('- ', indent);
}

/** A block of `key: value` or of `- value` lines, all indented alike (blank lines between them aside). */
function readBlock(block: Line[]): Record<string, unknown> | unknown[] | undefined {
  const first = block[0];
  if (first === undefined || first.text === '') return undefined;
  const indent = indentOf(first.text);
  const items = startsItem(first.text, indent);
  const map: Record<string, unknown> = {};
  const list: unknown[] = [];
  for (const line of block) {
    if (line.text === '') continue;
    if (indentOf(line.text) !== indent) return undefined;
    if (items) {
      if (!startsItem(line.text, indent)) return undefined;
      const rest = line.text.slice(indent + 1);
      const value = scalar(rest.trimStart());
      if (value === undefined) return undefined;
      list.push(value);
      continue;
    }
    const text = line.text.slice(indent);
    const colon = text.indexOf(':');
    if (colon < 0) return undefined;
    const key = text.slice(0, colon);
    const rest = text.slice(colon + 1);
    if (!KEY.test(key) || Object.hasOwn(map, key) || !rest.startsWith(' ')) return undefined;
    const value = scalar(rest.trimStart());
    if (value === undefined) return undefined;
    map[key] = value;
  }
  return items ? list : map;
}
