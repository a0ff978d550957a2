import {
  Composer,
  type Document,
  type DocumentOptions,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type ParseOptions,
  Parser,
  type SchemaOptions,
  YAMLParseError,
} from 'yaml';
import { CrossfootError } from './errors.ts';
import { LineIndex } from './lines.ts';
import type { Range } from './model.ts';

export type SourcePath = readonly (string | number)[];

/** A YAML or JSON file parsed with source positions, so every later error can point into it. */
export interface ParsedSource {
  file: string;
  data: unknown;
  /** Range of the value at `path`, or of its key when `key` is set; falls back to the nearest ancestor. */
  rangeOf(path: SourcePath, key?: boolean): Range;
}

const MAX_ALIASES = 100;

/**
 * Deepest nesting of collections read in a YAML or JSON file (packs, configs, front matter, YAML reports).
 * Deeper documents would exhaust the stack of the recursive YAML composer; none written by hand come near.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Offset of the first collection or value nested deeper than `limit` levels, or undefined. Reads the syntax
 * tree iteratively; a document so deep that the YAML parser itself runs out of stack is too deep, at its start.
 */
export function yamlTooDeep(text: string, limit = MAX_YAML_DEPTH): number | undefined {
  const read = yamlTokens(text, limit);
  return 'tooDeep' in read ? read.tooDeep : undefined;
}

type Token = ReturnType<Parser['parse']> extends Generator<infer T> ? T : never;

/** The syntax tokens of a YAML text, or where it is nested deeper than `limit`. */
function yamlTokens(text: string, limit: number): { tokens: Token[] } | { tooDeep: number } {
  type Nested = { offset?: number; value?: unknown; items?: { key?: unknown; value?: unknown }[] };
  const stack: [Nested, number][] = [];
  const tokens: Token[] = [];
  try {
    for (const token of new Parser().parse(text)) {
      tokens.push(token);
      stack.push([token as Nested, 0]);
      while (stack.length > 0) {
        const [t, depth] = stack.pop() as [Nested, number];
        if (depth > limit) return { tooDeep: t.offset ?? 0 };
        if (t.value && typeof t.value === 'object') stack.push([t.value as Nested, depth + 1]);
        for (const item of t.items ?? []) {
          if (item.key && typeof item.key === 'object') stack.push([item.key as Nested, depth + 1]);
          if (item.value && typeof item.value === 'object') stack.push([item.value as Nested, depth + 1]);
        }
      }
    }
  } catch (error) {
    // The parser's own recursion ran out of stack (thousands of `- - - …` on a line, found by fuzzing): too deep.
    if (error instanceof RangeError) return { tooDeep: 0 };
    throw error;
  }
  return { tokens };
}

/**
 * One YAML document, as `parseDocument` reads it (a second document is an error), but from tokens read once: the
 * nesting is measured on the same tokens the document is composed from. `tooDeep` where nesting passes `limit`.
 */
export function parseYamlDocument(
  text: string,
  limit: number,
  options: DocumentOptions & SchemaOptions & ParseOptions,
): { doc: Document.Parsed } | { tooDeep: number } {
  const read = yamlTokens(text, limit);
  if ('tooDeep' in read) return read;
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(read.tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(
          next.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  return { doc: doc as Document.Parsed };
}

/** Parses YAML (or JSON, which YAML 1.2 reads) keeping positions. Throws a located CrossfootError on bad syntax. */
export function parseSource(file: string, text: string): ParsedSource {
  const stored = snapshots.get(text);
  if (stored !== undefined) return fromSnapshot(file, text, JSON.parse(stored) as Snapshot);
  const { doc, lines } = readSource(file, text);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new CrossfootError('yaml-syntax', `cannot read: ${(error as Error).message}`, file, pointRange(1, 1));
  }
  const toRange = (start: number, end: number): Range => lines.range(Math.min(start, text.length), Math.min(end, text.length));
  return {
    file,
    data,
    rangeOf(path, key = false) {
      let node: unknown = doc.contents;
      let best: Range = node && (node as Node).range ? toRange((node as Node).range![0], (node as Node).range![1]) : pointRange(1, 1);
      for (let i = 0; i < path.length; i++) {
        const segment = path[i];
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
          if (!pair) return best;
          if (last && key && isScalar(pair.key) && pair.key.range) return toRange(pair.key.range[0], pair.key.range[1]);
          node = pair.value;
          if (!node && isScalar(pair.key) && pair.key.range) return toRange(pair.key.range[0], pair.key.range[1]);
        } else if (isSeq(node)) {
          node = node.items[Number(segment)];
        } else {
          return best;
        }
        const r = (node as Node | undefined)?.range;
        if (r) best = toRange(r[0], r[1]);
      }
      return best;
    },
  };
}

/** The YAML document of a pack, rule or config file, or the located error that stops it being read. */
function readSource(file: string, text: string): { doc: Document.Parsed; lines: LineIndex } {
  let doc: Document.Parsed;
  try {
    // Without prettyErrors: prettifying each of thousands of syntax errors takes time quadratic in their number.
    const read = parseYamlDocument(text, MAX_YAML_DEPTH, { prettyErrors: false, uniqueKeys: true, strict: true });
    if ('tooDeep' in read) {
      const at = new LineIndex(text).position(read.tooDeep);
      throw new CrossfootError('yaml-too-deep', `nested more than ${MAX_YAML_DEPTH} levels deep`, file, pointRange(at.line, at.column));
    }
    doc = read.doc;
  } catch (error) {
    if (error instanceof CrossfootError) throw error;
    throw new CrossfootError('yaml-syntax', `cannot parse: ${(error as Error).message}`, file, pointRange(1, 1));
  }
  // Lines as every other range counts them: a lone CR ends a line here too, not for the YAML line counter.
  const lines = new LineIndex(text);
  const problem = doc.errors[0];
  if (problem) {
    const offset = /flow|collection/i.test(problem.message) ? unclosedBracket(text, problem.pos[0]) : undefined;
    const pos = lines.position(Math.min(offset ?? problem.pos[0] ?? 0, text.length));
    const firstLine = problem.message.split('\n')[0] ?? problem.message;
    throw new CrossfootError(
      'yaml-syntax',
      `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`,
      file,
      pointRange(pos.line, pos.column),
    );
  }
  return { doc, lines };
}

/**
 * YAML reports an unclosed `[` or `{` where it gave up (often the end of the file);
 * the person needs the bracket that was never closed.
 */
function unclosedBracket(text: string, until: number): number | undefined {
  const open: number[] = [];
  let quote = '';
  for (let i = 0; i < Math.min(until, text.length); i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:-]/.test(text[i - 1] as string))) quote = c;
    else if (c === '[' || c === '{') open.push(i);
    else if ((c === ']' || c === '}') && open.length) open.pop();
  }
  return open.length ? open[open.length - 1] : undefined;
}

function pointRange(line: number, column: number): Range {
  return { start: { line, column }, end: { line, column } };
}

/**
 * A node of a parsed source as `rangeOf` walks it: its offsets, and for a mapping its pairs with scalar keys (key
 * as text, the key's offsets, the value), for a sequence its items.
 */
interface SnapshotNode {
  r?: [number, number];
  m?: [string, [number, number] | null, SnapshotNode | null][];
  s?: (SnapshotNode | null)[];
}

interface Snapshot {
  data: unknown;
  root: SnapshotNode | null;
}

/** Sources read once and stored (`rememberSnapshots`), by their exact text: a run does not parse them again. */
const snapshots = new Map<string, string>();

/**
 * A pack, rule or config file read ahead of time: its data and the offsets of its nodes, as JSON that
 * `rememberSnapshots` takes. Undefined when the file cannot be read, or holds data JSON cannot carry (`.inf`,
 * `.nan`): such a file is parsed at run time, as without a snapshot.
 */
export function snapshotSource(text: string): string | undefined {
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = readSource('snapshot', text).doc;
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return undefined;
  }
  return jsonSafe(data) ? JSON.stringify({ data, root: snapshotNode(doc.contents) } satisfies Snapshot) : undefined;
}

/** Whether JSON carries `value` unchanged: finite numbers other than -0, strings, booleans, null, arrays, plain objects. */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(jsonSafe);
}

/** Makes `parseSource` read each of these texts from its snapshot (`[text, snapshotSource(text)]`) instead of parsing it. */
export function rememberSnapshots(entries: Iterable<readonly [string, string]>): void {
  for (const [text, json] of entries) snapshots.set(text, json);
}

function snapshotNode(node: unknown): SnapshotNode | null {
  if (!node) return null;
  const out: SnapshotNode = {};
  const range = (node as Node).range;
  if (range) out.r = [range[0], range[1]];
  if (isMap(node)) {
    out.m = [];
    for (const p of node.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      out.m.push([String(p.key.value), p.key.range ? [p.key.range[0], p.key.range[1]] : null, snapshotNode(p.value)]);
    }
  } else if (isSeq(node)) {
    out.s = node.items.map(snapshotNode);
  }
  return out;
}

/** `parseSource`'s answer for a stored source: the same data, and the same ranges for every path. */
function fromSnapshot(file: string, text: string, snapshot: Snapshot): ParsedSource {
  const lines = new LineIndex(text);
  const toRange = (r: [number, number]): Range => lines.range(Math.min(r[0], text.length), Math.min(r[1], text.length));
  return {
    file,
    data: snapshot.data,
    rangeOf(path, key = false) {
      let node = snapshot.root;
      let best: Range = node?.r ? toRange(node.r) : pointRange(1, 1);
      for (let i = 0; i < path.length; i++) {
        const segment = String(path[i]);
        const last = i === path.length - 1;
        if (node?.m) {
          const pair = node.m.find((p) => p[0] === segment);
          if (!pair) return best;
          if (last && key && pair[1]) return toRange(pair[1]);
          node = pair[2];
          if (!node && pair[1]) return toRange(pair[1]);
        } else if (node?.s) {
          node = node.s[Number(segment)] ?? null;
        } else {
          return best;
        }
        if (node?.r) best = toRange(node.r);
      }
      return best;
    },
  };
}
