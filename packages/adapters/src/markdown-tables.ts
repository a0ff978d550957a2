import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { FENCE, HTML_BLOCKS } from './markdown-chunks.ts';

/**
 * GFM's table syntax is most of the cost of reading a report with micromark (its table tokenizer does several
 * passes over every cell, ≈ 7 times the rest of CommonMark on a report of statistics tables), and the other GFM
 * constructs (autolinks above all) most of the rest. Reports write their tables plainly, so:
 * - a table that opens a block at the margin, every line starting with a pipe, its cells holding no inline
 *   markup, escapes or entities, and as many cells in every row as in its header, is read here line by line into
 *   the same nodes (the text of each cell, positions spanning the pipes around it);
 * - the text between such tables is read by CommonMark alone, unless it holds anything GFM reads differently
 *   (a pipe, `~`, `[`, a URL or an address), which then goes through all of GFM, as does any other table.
 * The facts read are those of plain remark-parse + remark-gfm (tested on the same files).
 */

/** The parts of an mdast node the Markdown adapter reads. */
export interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
  /** On a plain table's node: its lines, which the Markdown adapter reads without asking for its rows' nodes. */
  plain?: PlainTable;
}

/** A plain table as read here: its lines (the delimiter row second) and how far their offsets are to be moved. */
export interface PlainTable {
  lines: readonly Line[];
  delta: number;
}

const gfm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
/** For the pieces after the first: front matter only opens a document. */
const gfmBody = unified().use(remarkParse).use(remarkGfm);
const commonmark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const commonmarkBody = unified().use(remarkParse);

/** What GFM reads differently from CommonMark outside plain tables: tables, strikethrough, footnotes, task items, autolinks. */
const NEEDS_GFM = /[|~[@]|:\/\/|www\./iu;
/** Cell text that inline markup, an escape or an entity could change. */
const MARKUP = /[\\`*_[\]!<>&~$]/u;
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/u;
/** Front matter as remark-frontmatter reads it: from an opening `---` line to the first closing one, which may follow at once. */
const FRONT_MATTER = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)??---[ \t]*(?:\r?\n|$)/u;

/**
 * Reads one piece of a report (`first`: it opens the document, so it may hold front matter), its nodes' offsets
 * moved by `delta` (where the piece starts in the document): the nodes read here are made there, and only micromark's
 * are walked to be moved.
 */
export function parsePiece(text: string, first: boolean, delta = 0): MdNode {
  if (text.charCodeAt(0) === 0xfeff) return moved(parseWith(text, first, true), delta);
  const tables = plainTables(text, first ? (FRONT_MATTER.exec(text)?.[0].length ?? 0) : 0, delta);
  if (tables.length === 0) return readBlocks(text, first, true, delta);
  const children: MdNode[] = [];
  let at = 0;
  for (const table of tables) {
    if (table.start > at) append(children, readBlocks(text.slice(at, table.start), first && at === 0, false, delta + at), 0);
    children.push(table.node);
    at = table.end;
  }
  if (at < text.length) append(children, readBlocks(text.slice(at), false, false, delta + at), 0);
  return { type: 'root', children };
}

function moved(tree: MdNode, delta: number): MdNode {
  if (!delta) return tree;
  const children: MdNode[] = [];
  append(children, tree, delta);
  return { ...tree, children };
}

/**
 * Whether a line is plain prose: no indentation or trailing blanks, nothing at its start that opens a block or a list
 * (`#`, `>`, `-`, `+`, `*`, `=`, `_`, a fence, `<`, `|`, `[`, `1.`), and no character inline markup, an escape, an
 * entity or a GFM extension reads (`PROSE_MARKUP`, `://`, `www.`). CommonMark makes such lines the text of a paragraph
 * as they are. Tested by character codes: the regular expression it was read with scanned each line once for every
 * character it looks for.
 */
function isPlainLine(line: string): boolean {
  const n = line.length;
  if (n === 0) return true;
  const first = line.charCodeAt(0);
  if (first < 128 && OPENS[first] === 1) return false;
  // `1.` or `1)`: an ordered list's item (up to nine digits).
  let digits = 0;
  while (digits < 10 && digits < n && isDigit(line.charCodeAt(digits))) digits++;
  if (digits >= 1 && digits <= 9 && (line.charCodeAt(digits) === 46 || line.charCodeAt(digits) === 41)) return false;
  const last = line.charCodeAt(n - 1);
  if (last === 32 || last === 9) return false;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c >= 128) continue;
    if (PROSE_MARKUP[c] === 1) return false;
    // `://` and `www.` (any case): GFM's autolinks.
    if (c === 58 && line.charCodeAt(i + 1) === 47 && line.charCodeAt(i + 2) === 47) return false;
    if ((c | 32) === 119 && (line.charCodeAt(i + 1) | 32) === 119 && (line.charCodeAt(i + 2) | 32) === 119 && line.charCodeAt(i + 3) === 46) return false;
  }
  return true;
}

/** ASCII characters that open a block at the start of a line (`isPlainLine`). */
const OPENS = asciiSet(' \t#>-+*=_`~<|[');
/** ASCII characters inline markup, an escape, an entity or a GFM extension reads anywhere in a line (`isPlainLine`). */
const PROSE_MARKUP = asciiSet('\\`*_[]!<>&~$|@\0');

function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let k = 0; k < chars.length; k++) set[chars.charCodeAt(k)] = 1;
  return set;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** An ATX heading whose text is plain: no closing `#`s, nothing but a plain line after the marker. */
const PLAIN_HEADING = /^(#{1,6})[ \t]+([^ \t#][^#]*)$/u;

/**
 * The nodes of a block of prose lines (no blank line among them) when every line is a plain line or a plain ATX
 * heading, else undefined: paragraphs of consecutive plain lines (a heading interrupts one), headings.
 */
function plainBlock(lines: Line[], delta: number): MdNode[] | undefined {
  const out: MdNode[] = [];
  let paragraph: Line[] = [];
  const close = () => {
    if (!paragraph.length) return;
    const first = paragraph[0] as Line;
    const last = paragraph.at(-1) as Line;
    let value = first.text;
    for (let k = 1; k < paragraph.length; k++) value += `\n${(paragraph[k] as Line).text}`;
    out.push({
      type: 'paragraph',
      children: [{ type: 'text', value }],
      position: { start: { offset: delta + first.start }, end: { offset: delta + last.end } },
    });
    paragraph = [];
  };
  for (const line of lines) {
    if (line.text.charCodeAt(0) === 35 /* # */) {
      const m = PLAIN_HEADING.exec(line.text);
      if (!m || !isPlainLine(m[2] as string)) return undefined;
      close();
      out.push({
        type: 'heading',
        depth: (m[1] as string).length,
        children: [{ type: 'text', value: m[2] as string }],
        position: { start: { offset: delta + line.start }, end: { offset: delta + line.end } },
      });
    } else if (isPlainLine(line.text)) paragraph.push(line);
    else return undefined;
  }
  close();
  return out;
}

/**
 * Reads a stretch of a piece holding no plain table: each block of plain prose (`plainBlock`) into its nodes here,
 * every other stretch (lists, quotes, code, HTML, markup, front matter) with micromark (`parseWith`). A stretch is
 * cut only before a block at the margin after a blank line, outside a fence or an HTML block: nothing before it
 * can continue into it, nor it into what follows, since its lines open nothing.
 */
function readBlocks(text: string, first: boolean, gfmAnyway: boolean, delta: number): MdNode {
  if (text.includes('\r')) return moved(parseWith(text, first, gfmAnyway), delta);
  const lines = linesOf(text);
  const children: MdNode[] = [];
  const matter = first ? FRONT_MATTER.exec(text)?.[0] : undefined;
  const frontMatter = matter?.length ?? 0;
  if (matter) {
    // The node remark-frontmatter makes: from the opening fence to the end of the closing one (no `\r` here), the
    // lines between as its value. Unclosed, it is no front matter, and micromark reads the lines.
    const open = matter.indexOf('\n') + 1;
    const end = matter.endsWith('\n') ? matter.length - 1 : matter.length;
    const close = matter.lastIndexOf('\n', end - 1) + 1;
    const value = close > open ? text.slice(open, close - 1) : '';
    children.push({ type: 'yaml', value, position: { start: { offset: delta }, end: { offset: delta + end } } });
  }
  /** Where the stretch left to micromark starts, if one is open. */
  let other = -1;
  const flush = (end: number) => {
    if (other < 0) return;
    append(children, parseWith(text.slice(other, end), first && other === 0, gfmAnyway), delta + other);
    other = -1;
  };
  const open: Open = {};
  let i = 0;
  while (i < lines.length && (lines[i] as Line).start < frontMatter) i++;
  while (i < lines.length) {
    const line = (lines[i] as Line).text;
    if (inside(open, line)) {
      i++;
      continue;
    }
    if (isBlank(line)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !isBlank((lines[j] as Line).text)) j++;
    const nodes = plainBlock(lines.slice(i, j), delta);
    if (nodes) {
      flush((lines[i] as Line).start);
      children.push(...nodes);
      i = j;
      continue;
    }
    if (other < 0) other = (lines[i] as Line).start;
    // Left to micromark: a fence or an HTML block it opens runs on past blank lines, so its lines are followed.
    for (; i < j; i++) {
      const l = (lines[i] as Line).text;
      if (!inside(open, l)) opening(open, l);
    }
  }
  flush(text.length);
  return { type: 'root', children };
}

/** All of GFM where the text needs it (or `gfmAnyway`), else CommonMark alone. */
function parseWith(text: string, first: boolean, gfmAnyway: boolean): MdNode {
  let body = text;
  if (first) {
    const m = FRONT_MATTER.exec(text);
    if (m) body = text.slice(m[0].length);
  }
  const full = gfmAnyway || NEEDS_GFM.test(body);
  const processor = first ? (full ? gfm : commonmark) : full ? gfmBody : commonmarkBody;
  return processor.parse(text) as unknown as MdNode;
}

/** Adds a sub-piece's nodes, their offsets moved by `delta`. */
export function append(children: MdNode[], piece: MdNode, delta: number): void {
  for (const child of piece.children ?? []) children.push(child);
  if (!delta) return;
  const stack = [...(piece.children ?? [])];
  while (stack.length > 0) {
    const n = stack.pop() as MdNode;
    if (n.position) {
      if (n.position.start.offset !== undefined) n.position.start.offset += delta;
      if (n.position.end.offset !== undefined) n.position.end.offset += delta;
    }
    for (const c of n.children ?? []) stack.push(c);
  }
}

export interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  // Without a carriage return every line ends at a line feed, found by a native search.
  if (!text.includes('\r')) {
    for (let at = 0; ; ) {
      const br = text.indexOf('\n', at);
      const end = br < 0 ? text.length : br;
      out.push({ start: at, end, text: text.slice(at, end) });
      if (br < 0) return out;
      at = br + 1;
    }
  }
  const breaks = /\r\n?|\n/gu;
  let at = 0;
  for (;;) {
    breaks.lastIndex = at;
    const br = breaks.exec(text);
    const end = br ? br.index : text.length;
    out.push({ start: at, end, text: text.slice(at, end) });
    if (!br) return out;
    at = br.index + br[0].length;
  }
}

const isBlank = (line: string) => /^[ \t]*$/u.test(line);

/** A fenced code block or an HTML block (CommonMark types 1–5) open at a line: both run on past blank lines. */
interface Open {
  fence?: { char: string; length: number };
  html?: RegExp;
}

/** Whether `line` lies inside a block open before it (which it may close). */
function inside(open: Open, line: string): boolean {
  if (open.fence) {
    const m = FENCE.exec(line);
    if (m && (m[1] as string)[0] === open.fence.char && (m[1] as string).length >= open.fence.length && isBlank(line.slice(m[0].length)))
      open.fence = undefined;
    return true;
  }
  if (open.html) {
    if (open.html.test(line)) open.html = undefined;
    return true;
  }
  return false;
}

/** Notes a fence or an HTML block that `line` (outside any) opens. */
function opening(open: Open, line: string): void {
  const f = FENCE.exec(line);
  if (f) open.fence = { char: (f[1] as string)[0] as string, length: (f[1] as string).length };
  else {
    const block = HTML_BLOCKS.find(([first]) => first.test(line));
    if (block && !block[1].test(line.slice(4))) open.html = block[1];
  }
}

/** The plain tables of a piece from `from` on (past its front matter), in order: where each starts and ends, and its node. */
function plainTables(text: string, from: number, delta: number): { start: number; end: number; node: MdNode }[] {
  if (!text.includes('|')) return [];
  const lines = linesOf(text);
  const out: { start: number; end: number; node: MdNode }[] = [];
  const open: Open = {};
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as Line).text;
    if (inside(open, line)) {
      previousBlank = false;
      continue;
    }
    if (previousBlank && line.startsWith('|') && (lines[i] as Line).start >= from) {
      let last = i;
      while (last + 1 < lines.length && !isBlank((lines[last + 1] as Line).text)) last++;
      const node = plainTable(lines.slice(i, last + 1), delta);
      if (node) out.push({ start: (lines[i] as Line).start, end: (lines[last] as Line).end, node });
      i = last;
      previousBlank = false;
      continue;
    }
    opening(open, line);
    previousBlank = isBlank(line);
  }
  return out;
}

/**
 * A table node for lines that make a plain table, else undefined (GFM reads them); its offsets moved by `delta`. It
 * holds its lines (`plain`), not its rows' nodes (`tableRows` makes them): the Markdown adapter reads the lines
 * themselves, and a table of a huge report has hundreds of thousands of cells, six objects each as nodes.
 */
function plainTable(lines: Line[], delta: number): MdNode | undefined {
  if (lines.length < 2) return undefined;
  let width = -1;
  for (let k = 0; k < lines.length; k++) {
    const text = (lines[k] as Line).text;
    const lastCode = text.charCodeAt(text.length - 1);
    if (!text.startsWith('|') || lastCode === 32 || lastCode === 9 || MARKUP.test(text)) return undefined;
    const { pipes, count } = cellPipes(text);
    if (k === 0) width = count;
    if (count !== width || count === 0) return undefined;
    if (k === 1) {
      for (let c = 0; c < count; c++) {
        if (!DELIMITER_CELL.test(text.slice((pipes[c] as number) + 1, pipes[c + 1] as number))) return undefined;
      }
    }
  }
  const first = lines[0] as Line;
  const last = lines.at(-1) as Line;
  // No getter for the rows: an object with an accessor of its own closure gets a map of its own, and a batch of
  // reports peaked 28 MiB higher with one.
  return {
    type: 'table',
    position: { start: { offset: delta + first.start }, end: { offset: delta + last.end } },
    plain: { lines, delta },
  };
}

/** Pipes scratch, used again by every line (`cellPipes`): written by index and never shortened, so that no line makes it grow again. */
const PIPES: number[] = [];
/** What `cellPipes` gives, used again by every call: a new object for each of a huge report's lines was garbage to collect. */
const PIPE_SCAN: { pipes: readonly number[]; count: number; closed: boolean } = { pipes: PIPES, count: 0, closed: false };

/**
 * The pipes of a plain table's line (the opening one, those between cells, the closing one if written) and its number of
 * cells: cell `c` lies between `pipes[c]` and `pipes[c + 1]`, which for the last cell of a line without a closing pipe is
 * the line's length. The result and its pipes are good until the next call.
 */
export function cellPipes(text: string): { pipes: readonly number[]; count: number; closed: boolean } {
  let n = 0;
  for (let p = text.indexOf('|'); p >= 0; p = text.indexOf('|', p + 1)) PIPES[n++] = p;
  PIPES[n] = text.length;
  const closed = text.length > 1 && text.charCodeAt(text.length - 1) === 124; /* | */
  PIPE_SCAN.count = closed ? n - 1 : n;
  PIPE_SCAN.closed = closed;
  return PIPE_SCAN;
}

/**
 * `text.slice(from, to).trim()`, cutting the spaces and tabs around the words before slicing: one string rather than
 * two for a cell written `| 12 |`. What else `trim` removes is left to it.
 */
export function trimmedSlice(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  const words = text.slice(a, b);
  return a < b && (mayTrim(text.charCodeAt(a)) || mayTrim(text.charCodeAt(b - 1))) ? words.trim() : words;
}

/** Whether `trim` may remove a character of this code: every white space and line terminator is one of these. */
function mayTrim(code: number): boolean {
  return (
    code <= 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** A table node's rows: a plain table's made from its lines, as GFM makes them. */
export function tableRows(table: MdNode): MdNode[] {
  return table.plain ? plainRows(table.plain.lines, table.plain.delta) : (table.children ?? []);
}

/** The rows' nodes of a plain table, as GFM makes them: each cell's text, its position spanning the pipes around it. */
function plainRows(lines: readonly Line[], delta: number): MdNode[] {
  const rows: MdNode[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (k === 1) continue;
    const line = lines[k] as Line;
    const text = line.text;
    const { pipes, count, closed } = cellPipes(text);
    const cells: MdNode[] = [];
    for (let c = 0; c < count; c++) {
      const from = pipes[c] as number;
      const to = pipes[c + 1] as number;
      // The cell's words without the spaces and tabs around them, cut out once.
      let a = from + 1;
      let b = to;
      while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
      while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
      cells.push({
        type: 'tableCell',
        children: a === b ? [] : [{ type: 'text', value: text.slice(a, b) }],
        position: { start: { offset: delta + line.start + from }, end: { offset: delta + line.start + (c === count - 1 && closed ? to + 1 : to) } },
      });
    }
    rows.push({ type: 'tableRow', children: cells, position: { start: { offset: delta + line.start }, end: { offset: delta + line.end } } });
  }
  return rows;
}
