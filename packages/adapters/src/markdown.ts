import type { AdapterProblem, Range, ReportDocument, ReportMeta, Table } from '@crossfoot/core';
import { LineIndex, LONG_DOCUMENT } from '@crossfoot/core';
import { looksLikeCaption } from './caption.ts';
import { readFrontMatter } from './front-matter.ts';
import { pastDeadline, readLimits, wouldOverrun } from './limits.ts';
import { chunkStarts, MARKDOWN_CHUNK } from './markdown-chunks.ts';
import { frontMatterEnd, guardMarkdown } from './markdown-guard.ts';
import { editInside, type LastReading, movedEnds, NOT_PATCHED, PATCHED_BEFORE_TABLE, PATCHED_PARAGRAPH, PATCHED_TABLE, replaced } from './markdown-patch.ts';
import { append, cellPipes, type Line, type PlainTable, parsePiece, trimmedSlice } from './markdown-tables.ts';
import { type Marker, type MarkerOptions, type MarkerStyle, readMarker } from './markers.ts';
import { INFERRED_META } from './narrative/meta.ts';
import { problem } from './problems.ts';
import { emptyDocument, isBlank, NarrativeReader, sortProblems } from './reading.ts';
import { detach, type MemoBlock, type MemoTable, moveLines, moveTable, type ReadingMemo } from './reading-memo.ts';
import { buildSections, SectionCursor, type SectionDraft, titleOf } from './sections.ts';
import { SuppressionCollector } from './suppressions.ts';
import { assembleTable, LineRow, type SourceCell, type SourceRow, TableCell } from './table.ts';

/** The parts of an mdast node this adapter reads. */
interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
  /** On the root of a report whose time ran out: where reading stopped (an offset as the nodes' offsets count). */
  stoppedAt?: number;
  /** When reading stopped before a block too long to read in the time left: its length. */
  block?: number;
  /** A plain table's lines (`markdown-tables.ts`), read without its rows' nodes. */
  plain?: PlainTable;
  /** Made by `memoBlock`: already what `release` keeps. */
  kept?: boolean;
}

interface Block {
  node: MdNode;
  start: number;
  end: number;
  /** Directly under the root (not in a list or quote). */
  top: boolean;
}

/** Numbered paragraphs that stand for headings: `一、`, `（一）`, `1、`, `（1）`, `①`. */
const PARAGRAPH_SECTION_STYLES = new Set<MarkerStyle>(['cjk', 'cjk-paren', 'arabic', 'arabic-paren', 'circled']);

const PARAGRAPH_MARKERS: MarkerOptions = { western: false };

/**
 * The marker a block's words start with (`readMarker`), read once per block a memo keeps (`memoBlock`): a piece taken
 * from the memo gives the same block nodes again, with the same words. A heading is read with Western markers, a
 * paragraph without.
 */
const markersRead = new WeakMap<MdNode, Marker | null>();

function markerOf(node: MdNode, words: string, options: MarkerOptions | undefined): Marker | undefined {
  if (!node.kept) return readMarker(words, options);
  let m = markersRead.get(node);
  if (m === undefined) {
    m = readMarker(words, options) ?? null;
    markersRead.set(node, m);
  }
  return m ?? undefined;
}

/**
 * Markdown (CommonMark + GFM tables + YAML front matter) → ReportDocument.
 * Headings and numbered paragraphs give the sections, GFM tables the tables, paragraphs the narrative,
 * HTML comments the suppressions, front matter the meta.
 */
export function parseMarkdown(uri: string, text: string, memo?: ReadingMemo): ReportDocument {
  const patched = memo && text.length >= LONG_DOCUMENT ? patchMarkdown(uri, text, memo) : undefined;
  if (patched) return patched;
  memo?.begin(text);
  const doc = emptyDocument(uri, text, 'markdown');
  const index = LineIndex.of(text);
  const problems: AdapterProblem[] = doc.problems;
  // micromark skips a byte order mark and counts offsets after it.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const { blocks, tables, first, whole } = readBlocks(index, problems, shift, memo);

  // Front matter.
  let frontMeta: ReportMeta = {};
  if (first?.type === 'yaml' && first.position) {
    const open = index.position((first.position.start.offset ?? 0) + shift).line;
    const close = index.position((first.position.end.offset ?? 0) + shift).line;
    frontMeta = readFrontMatter(index, index.lineStart(open + 1), index.lineStart(close), problems);
  } else if (/^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/u.test(text)) {
    problems.push(problem('front-matter-unterminated', index.range(shift, shift + 3)));
  }

  // Title: a single H1 at the top.
  const headings = blocks.filter((b) => b.node.type === 'heading');
  const leading = blocks.find((b) => b.top && b.node.type !== 'yaml' && !(b.node.type === 'html' && isComment(b.node)));
  let titleBlock: Block | undefined;
  if (leading?.node.type === 'heading' && leading.node.depth === 1 && headings.filter((h) => h.node.depth === 1).length === 1) {
    titleBlock = leading;
  }

  // Sections: headings, then numbered paragraphs where no heading uses their numbering.
  const sectionHeadings = headings.filter((h) => h !== titleBlock);
  const minDepth = sectionHeadings.reduce((min, h) => Math.min(min, h.node.depth ?? 1), Number.POSITIVE_INFINITY);
  const headingStyles = new Set<MarkerStyle>();
  const headingMarkers = new Map<Block, ReturnType<typeof readMarker>>();
  for (const h of sectionHeadings) {
    const m = markerOf(h.node, plain(h.node).trim(), undefined);
    const marker = m?.style === 'subset' ? undefined : m;
    headingMarkers.set(h, marker);
    if (marker) headingStyles.add(marker.style);
  }
  const drafts: SectionDraft[] = [];
  const draftParagraphs = new Set<Block>();
  let headingLevel = 0;
  const paragraphStack: MarkerStyle[] = [];
  for (const b of blocks) {
    if (b.node.type === 'heading' && b !== titleBlock) {
      const words = plain(b.node).trim();
      const m = headingMarkers.get(b);
      headingLevel = (b.node.depth ?? 1) - minDepth + 1;
      paragraphStack.length = 0;
      drafts.push({
        marker: m?.marker ?? '',
        number: m?.number ?? '',
        title: m ? words.slice(m.length).trim() : words,
        level: headingLevel,
        start: b.start,
        end: b.end,
      });
    } else if (b.node.type === 'paragraph' && b.top) {
      const words = plain(b.node).trimStart();
      const m = markerOf(b.node, words, PARAGRAPH_MARKERS);
      if (!m || !PARAGRAPH_SECTION_STYLES.has(m.style) || headingStyles.has(m.style)) continue;
      draftParagraphs.add(b);
      const open = paragraphStack.indexOf(m.style);
      if (open >= 0) paragraphStack.length = open;
      paragraphStack.push(m.style);
      const { title, length } = titleOf(words.slice(m.length));
      // The heading is the marker and title when written without markup, else the paragraph's first line.
      const heading = words.slice(0, m.length + length);
      const end = text.startsWith(heading, b.start) ? b.start + heading.length : Math.min(b.end, index.lineEnd(index.position(b.start).line));
      drafts.push({
        marker: m.marker,
        number: m.number,
        title,
        level: headingLevel + paragraphStack.length,
        start: b.start,
        end,
      });
    }
  }
  const outline = buildSections(index, drafts, text.length);
  doc.sections = outline.sections;

  // Tables, narrative, suppressions, in document order.
  const cursor = new SectionCursor(outline.flat);
  const narrative = new NarrativeReader(index, problems);
  const suppressions = new SuppressionCollector(index);
  const title = titleBlock ? plain(titleBlock.node).trim() : '';
  // What the next version's reading needs to patch this one (a long report read with a memo, nothing blanked or left unread).
  const record = memo && whole && text.length >= LONG_DOCUMENT ? newRecord(blocks, drafts.length ? draftParagraphs : undefined) : undefined;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    // A block's syntax tree is let go once no later block needs it (a table looks three blocks back for its caption):
    // held to the end, the trees of a 5 MB report were as large again as its document model.
    if (i >= CAPTION_REACH + 1) release(blocks[i - CAPTION_REACH - 1] as Block);
    if (record) {
      record.statements[i] = narrative.statements.length;
      record.dates[i] = narrative.dates.length;
    }
    if (b.node.type === 'paragraph' || b.node.type === 'heading') {
      // Headings are read too: a heading's date (`十三、2019年工作计划`) is a date of the report as in plain text.
      const section = cursor.at(b.start);
      narrative.read(b.start, b.end, section, memo);
      if (record) record.sections[i] = section;
    } else if (b.node.type === 'table') {
      const table = tables.get(b) as Table;
      table.section = cursor.at(b.start);
      if (record) record.tables[i] = doc.tables.length;
      doc.tables.push(table);
    } else if (b.node.type === 'html') {
      suppressions.scan(b.start, b.end);
    }
  }
  doc.statements = narrative.statements;
  doc.dates = narrative.dates;
  doc.suppressions = suppressions.finish();

  const fromTitle: ReportMeta = {};
  if (titleBlock && title !== '') fromTitle.title = { value: title, range: contentRange(index, titleBlock) };
  // What the text says of itself yields to the title and the front matter: when they state all of it, nothing is inferred.
  const stated = { ...fromTitle, ...frontMeta };
  const infer = !INFERRED_META.every((key) => stated[key] !== undefined);
  const inferred = infer ? narrative.meta(doc.sections) : {};
  doc.meta = { ...inferred, ...stated };
  sortProblems(doc.problems);
  if (record && memo) {
    record.statements[blocks.length] = doc.statements.length;
    record.dates[blocks.length] = doc.dates.length;
    const sectionEnds = Int32Array.from(outline.flat, (f) => f.end).sort();
    memo.keepReading({ ...record, text, doc, sectionEnds, headingStyles, stated, infer, shift });
  }
  return doc;
}

/**
 * The blocks' part of what a patch needs (`LastReading`): their offsets, and which of them an edit may be patched in.
 * A paragraph that stands for a section (`drafts`) or may be a table's caption (`captionBefore`) is read again whole.
 */
function newRecord(
  blocks: Block[],
  drafts: ReadonlySet<Block> | undefined,
): Pick<LastReading, 'starts' | 'ends' | 'kinds' | 'statements' | 'dates' | 'tables' | 'sections'> {
  const n = blocks.length;
  const record = {
    starts: new Int32Array(n),
    ends: new Int32Array(n),
    kinds: new Uint8Array(n),
    statements: new Int32Array(n + 1),
    dates: new Int32Array(n + 1),
    tables: new Int32Array(n).fill(-1),
    sections: new Array<string[] | undefined>(n),
  };
  for (let i = 0; i < n; i++) {
    const b = blocks[i] as Block;
    record.starts[i] = b.start;
    record.ends[i] = b.end;
    const type = b.node.type;
    if (!b.top) continue;
    if (type === 'table') {
      record.kinds[i] = PATCHED_TABLE;
      // Its caption: the blocks captionBefore reads.
      let seen = 0;
      for (let j = i - 1; j >= 0 && seen < CAPTION_REACH; j--) {
        const t = (blocks[j] as Block).node.type;
        if (t === 'html' || t === 'yaml') continue;
        if (t === 'table') break;
        if (t !== 'paragraph' && t !== 'heading') continue;
        seen++;
        if (record.kinds[j] === PATCHED_PARAGRAPH) record.kinds[j] = PATCHED_BEFORE_TABLE;
        if (t === 'heading' || captionWords(blocks[j] as Block) !== undefined) {
          record.kinds[j] = NOT_PATCHED;
          break;
        }
      }
    } else if (type === 'paragraph' && !drafts?.has(b)) record.kinds[i] = PATCHED_PARAGRAPH;
  }
  return record;
}

/**
 * `text` read by patching the document read last (`markdown-patch.ts`), when an edit changed the words of one paragraph
 * or table row of a long report and nothing else: the block is read again from a copy of its words, its statements
 * and dates, or its table, and the problems found reading it, take the place of the last ones, a section whose extent
 * ends on the edited line ends where it now does, and the meta is inferred again. Undefined when the edit is not one
 * of those, or the block read again is not what it was (another kind of block, another extent, a caption, a section):
 * the whole text is then read with the memo as before. Gives the document a reading of the whole text gives (a
 * property test edits long reports at random and compares both).
 */
function patchMarkdown(uri: string, text: string, memo: ReadingMemo): ReportDocument | undefined {
  const found = memo.patchable(text);
  if (!found) return undefined;
  const { last } = found;
  const edit = editInside(last, text, found.prefix, found.suffix);
  if (!edit) return undefined;
  const { block: k, from, to, at, delta } = edit;
  const end = to + delta;
  const index = LineIndex.of(text);
  const parsed = collect(parsePiece(` ${text.slice(from, end)}`.slice(1), false, from - last.shift), last.shift);
  const b = parsed[0];
  if (parsed.length !== 1 || !b || b.start !== from || b.end !== end) return undefined;
  const before = last.doc;
  // A paragraph that could not be read is reported once per document, the first one: read whole.
  if (before.problems.some((p) => p.code === 'internal')) return undefined;
  // The problems found in the block's lines, sorted by where they are: those its reading found, found again below.
  const first = index.position(from).line;
  const lastLine = index.position(end).line;
  let p0 = 0;
  for (; p0 < before.problems.length && (before.problems[p0] as AdapterProblem).range.start.line < first; p0++) {
    if ((before.problems[p0] as AdapterProblem).range.end.line >= first) return undefined;
  }
  let p1 = p0;
  while (p1 < before.problems.length && (before.problems[p1] as AdapterProblem).range.start.line <= lastLine) p1++;
  const problems: AdapterProblem[] = [];
  let { tables, statements, dates } = before;
  let statementsChange = 0;
  let datesChange = 0;
  if (last.kinds[k] !== PATCHED_TABLE) {
    if (b.node.type !== 'paragraph') return undefined;
    if (last.kinds[k] === PATCHED_BEFORE_TABLE && captionWords(b) !== undefined) return undefined;
    const m = markerOf(b.node, plain(b.node).trimStart(), PARAGRAPH_MARKERS);
    if (m && PARAGRAPH_SECTION_STYLES.has(m.style) && !last.headingStyles.has(m.style)) return undefined;
    const narrative = new NarrativeReader(index, problems);
    narrative.readAlone(from, end, last.sections[k] ?? []);
    if (problems.length) return undefined;
    // Copies of their words: kept for the next version, they do not keep this version's whole text.
    detach(narrative.statements);
    detach(narrative.dates);
    const s0 = last.statements[k] as number;
    const s1 = last.statements[k + 1] as number;
    const d0 = last.dates[k] as number;
    const d1 = last.dates[k + 1] as number;
    statements = replaced(statements, s0, s1, narrative.statements);
    dates = replaced(dates, d0, d1, narrative.dates);
    statementsChange = narrative.statements.length - (s1 - s0);
    datesChange = narrative.dates.length - (d1 - d0);
  } else {
    if (b.node.type !== 'table') return undefined;
    const t = last.tables[k] as number;
    const old = tables[t] as Table;
    const read = readTable(b, parsed, 0, t + 1, [], index, last.shift, problems);
    const table = named(read, old.id, old.caption);
    table.section = old.section;
    tables = tables.slice();
    tables[t] = table;
  }
  let sections = before.sections;
  if (edit.endsSection) {
    const { line, column } = index.position(at);
    sections = movedEnds(sections, line, column, delta);
  }
  let meta: ReportMeta = { ...last.stated };
  if (last.infer) {
    const failed: AdapterProblem[] = [];
    const inferred = new NarrativeReader(index, failed).meta(sections);
    if (failed.length) return undefined;
    meta = { ...inferred, ...last.stated };
  }
  sortProblems(problems);
  const doc: ReportDocument = {
    uri,
    text,
    format: 'markdown',
    meta,
    sections,
    tables,
    statements,
    dates,
    suppressions: before.suppressions.slice(),
    problems: replaced(before.problems, p0, p1, problems),
  };
  // The record moved to this text.
  const n = last.kinds.length;
  if (delta !== 0) {
    last.ends[k] = end;
    for (let i = k + 1; i < n; i++) {
      last.starts[i] = (last.starts[i] as number) + delta;
      last.ends[i] = (last.ends[i] as number) + delta;
    }
    for (let i = 0; i < last.sectionEnds.length; i++) if ((last.sectionEnds[i] as number) > at) last.sectionEnds[i] = (last.sectionEnds[i] as number) + delta;
  }
  if (statementsChange !== 0) for (let i = k + 1; i <= n; i++) last.statements[i] = (last.statements[i] as number) + statementsChange;
  if (datesChange !== 0) for (let i = k + 1; i <= n; i++) last.dates[i] = (last.dates[i] as number) + datesChange;
  memo.patched(text, { ...last, text, doc }, from, to, delta);
  return doc;
}

/**
 * The syntax tree of the whole text, parsed piece by piece (see `chunkStarts`); offsets are made to count as if the
 * text had been parsed at once (micromark skips a leading byte order mark, which `shift` adds back later). Given
 * `each`, every piece's top-level nodes go to it as they are parsed (with where the piece starts and ends, and its
 * number) and the root returned has none: the caller keeps what it needs of each piece. A piece for which `known`
 * says true is not parsed: the caller had it already. `found`: where the pieces start, when already known.
 */
export function parseTree(
  text: string,
  bodyFrom: number,
  shift: number,
  size = MARKDOWN_CHUNK,
  each?: (nodes: MdNode[], from: number, to: number, k: number) => void,
  known?: (from: number, to: number, k: number) => boolean,
  found?: number[],
  copy = false,
): MdNode {
  const starts = found ?? chunkStarts(text, bodyFrom, size);
  const children: MdNode[] = [];
  for (const [k, from] of starts.entries()) {
    const to = starts[k + 1] ?? text.length;
    // The time for this report ran out (config `limits.seconds-per-file`), or this piece (one block that cannot be
    // split: a huge table or list) could not be read in the time left even at the slowest: the rest is left unread.
    // The first piece is always begun.
    if (k > 0 && pastDeadline()) return { type: 'root', children, stoppedAt: from - shift };
    if (to - from > 4 * size && wouldOverrun(to - from)) return { type: 'root', children, stoppedAt: from - shift, block: to - from };
    if (known?.(from, to, k)) continue;
    if (starts.length === 1 && !each) return parsePiece(text, true);
    const source = starts.length === 1 ? text : text.slice(from, to);
    // A copy holds no more than the piece: what is read from it can be kept without keeping the whole text.
    const piece = parsePiece(copy ? ` ${source}`.slice(1) : source, k === 0, k === 0 ? 0 : from - shift);
    if (!each) append(children, piece, 0);
    else {
      const nodes: MdNode[] = [];
      append(nodes, piece, 0);
      each(nodes, from, to, k);
    }
  }
  return { type: 'root', children };
}

/**
 * The blocks of the text (see `collect`), its tables read as each piece is parsed (their section still to be set), and
 * the first node (front matter, if any). No piece's tree is kept whole: a table's nodes are let go once it is read, and
 * the other blocks' once the document is (`release`). Held to the end, the trees of a 5 MB report of tables were
 * larger than its document model. Given a memo, a piece read last time from the same text is not read again: its
 * blocks and tables are taken from the memo, moved to where the piece now starts.
 */
function readBlocks(
  index: LineIndex,
  problems: AdapterProblem[],
  shift: number,
  memo: ReadingMemo | undefined,
): { blocks: Block[]; tables: Map<Block, Table>; first: MdNode | undefined; whole: boolean } {
  const blocks: Block[] = [];
  const tables = new Map<Block, Table>();
  let first: MdNode | undefined;
  const guarded = guardMarkdown(index, problems, memo);
  memo?.guard(guarded);
  const read = (nodes: MdNode[], from: number, to: number, k: number) => {
    if (!first && nodes[0]) first = { type: nodes[0].type, position: nodes[0].position };
    const start = blocks.length;
    for (const b of collect({ type: 'root', children: nodes }, shift)) blocks.push(b);
    const kept = memo ? new Map<number, MemoTable>() : undefined;
    for (let i = start; i < blocks.length; i++) {
      const b = blocks[i] as Block;
      if (b.node.type !== 'table') continue;
      const found: AdapterProblem[] = kept ? [] : problems;
      const table = readTable(b, blocks, i, tables.size + 1, [], index, shift, found);
      tables.set(b, table);
      if (kept) {
        for (const p of found) problems.push(p);
        // Without its section and caption, set anew at each reading (and holding words of other pieces).
        kept.set(i - start, { table: named(table, table.id, undefined), problems: found });
      }
      release(b);
    }
    if (!memo || !kept) return;
    const own: MemoBlock[] = [];
    for (let i = start; i < blocks.length; i++) own.push(memoBlock(blocks[i] as Block, from));
    const head = nodes[0]?.position;
    memo.keepPiece(from, {
      length: to - from,
      first: k === 0,
      line: index.position(from).line,
      blocks: own,
      tables: kept,
      ...(nodes[0] ? { head: { type: nodes[0].type, position: head && moveOffsets(head, shift - from) } } : {}),
    });
  };
  const reuse = (from: number, to: number, k: number): boolean => {
    if (!memo) return false;
    const piece = memo.piece(from, to, k === 0);
    if (!piece) return false;
    const line = index.position(from).line;
    const lines = line - piece.line;
    if (!first && piece.head) first = { type: piece.head.type, position: piece.head.position && moveOffsets(piece.head.position, from - shift) };
    const start = blocks.length;
    // Its blocks where it now starts: those of the last reading when it started at the same offset.
    const placed =
      piece.placed?.from === from
        ? (piece.placed.blocks as Block[])
        : piece.blocks.map((b): Block => ({ node: b.node as MdNode, start: b.start + from, end: b.end + from, top: b.top }));
    for (const b of placed) blocks.push(b);
    const kept = lines === 0 ? piece.tables : new Map<number, MemoTable>();
    for (const [i, t] of piece.tables) {
      const moved = lines === 0 ? t : { table: moveTable(t.table, lines), problems: moveLines(t.problems, lines) };
      tables.set(blocks[start + i] as Block, named(moved.table, `t${tables.size + 1}`, captionBefore(blocks, start + i)));
      for (const p of moved.problems) problems.push(p);
      if (lines !== 0) kept.set(i, moved);
    }
    const at = piece.placed?.blocks === placed ? piece.placed : { from, blocks: placed };
    memo.keepPiece(from, lines === 0 && at === piece.placed ? piece : { ...piece, line, tables: kept, placed: at });
    return true;
  };
  const bodyFrom = index.lineStart(frontMatterEnd(index));
  const starts = memo?.chunks(guarded, bodyFrom, MARKDOWN_CHUNK);
  // Pieces read anew after an edit are kept in the memo for the next readings: read from copies of their text, they
  // do not keep this version of the whole text in memory once the next one is read.
  const tree = parseTree(guarded, bodyFrom, shift, MARKDOWN_CHUNK, read, memo && reuse, starts, memo?.warm);
  if (tree.stoppedAt !== undefined) {
    const at = Math.min(tree.stoppedAt + shift, index.text.length);
    const seconds = readLimits().seconds ?? 0;
    if (tree.block === undefined) problems.push(problem('time-limit', index.range(at, at), { seconds }));
    else problems.push(problem('time-limit-block', index.range(at, at), { seconds, characters: tree.block }));
  }
  // Read to the end, with nothing blanked by the guard.
  const whole = tree.stoppedAt === undefined && guarded === index.text;
  return { blocks, tables, first, whole };
}

/** A node's offsets moved by `delta`. */
function moveOffsets(position: NonNullable<MdNode['position']>, delta: number): NonNullable<MdNode['position']> {
  return { start: { offset: (position.start.offset ?? 0) + delta }, end: { offset: (position.end.offset ?? 0) + delta } };
}

/** A block as a memo keeps it (what `release` keeps, and a heading's depth), its offsets from where its piece starts. */
function memoBlock(b: Block, from: number): MemoBlock {
  const n = b.node;
  let node: MdNode;
  if (n.type === 'paragraph' || n.type === 'heading') {
    node = { type: n.type, children: [{ type: 'text', value: plain(n) }], kept: true };
    if (n.type === 'heading') node.depth = n.depth;
    else if (isBoldOnly(n)) node.children = [{ type: 'strong', children: node.children }];
  } else if (n.type === 'table') {
    node = { type: 'table', kept: true };
  } else {
    node = { type: n.type };
    if (n.value !== undefined) node.value = n.value;
  }
  return { node, start: b.start - from, end: b.end - from, top: b.top };
}

/** A table read before, under the id and caption it has now (its section is set later, as for any table). */
function named(read: Table, id: string, caption: string | undefined): Table {
  // The properties in the order `assembleTable` gives them.
  const table: Table = { id, section: [], columns: read.columns, rows: read.rows, range: read.range };
  if (caption !== undefined) table.caption = caption;
  if (read.labelHeader !== undefined) table.labelHeader = read.labelHeader;
  return table;
}

/** How many blocks before a table are searched for its caption (`captionBefore`). */
const CAPTION_REACH = 3;

/** Keeps of a read block's node only its kind and, for a paragraph or heading, its words (what `captionBefore` reads). */
function release(b: Block): void {
  // A plain table's rows are nodes only once asked for: they are not asked for here. A block from a memo is kept so.
  if ((b.node.type !== 'table' && !b.node.children) || b.node.kept) return;
  const node: MdNode = { type: b.node.type };
  if (b.node.type === 'paragraph' || b.node.type === 'heading') node.children = [{ type: 'text', value: plain(b.node) }];
  if (b.node.type === 'paragraph' && isBoldOnly(b.node)) node.children = [{ type: 'strong', children: node.children }];
  b.node = node;
}

/** Every node worth reading (headings, paragraphs, tables, HTML, front matter), in document order. */
function collect(tree: MdNode, shift: number): Block[] {
  const out: Block[] = [];
  const stack: { node: MdNode; top: boolean }[] = [];
  const push = (children: MdNode[] | undefined, top: boolean) => {
    if (!children) return;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as MdNode, top });
  };
  push(tree.children, true);
  while (stack.length > 0) {
    const { node, top } = stack.pop() as { node: MdNode; top: boolean };
    const t = node.type;
    if (t === 'heading' || t === 'paragraph' || t === 'table' || t === 'html' || t === 'yaml') {
      const start = (node.position?.start.offset ?? 0) + shift;
      const end = (node.position?.end.offset ?? 0) + shift;
      out.push({ node, start, end, top });
      // Inline HTML inside paragraphs and headings can hold suppression comments too.
      if (t === 'paragraph' || t === 'heading') {
        for (const html of inlineHtml(node)) {
          out.push({
            node: html,
            start: (html.position?.start.offset ?? 0) + shift,
            end: (html.position?.end.offset ?? 0) + shift,
            top: false,
          });
        }
      }
      continue;
    }
    push(node.children, false);
  }
  return out;
}

function inlineHtml(node: MdNode): MdNode[] {
  const found: MdNode[] = [];
  const stack = [...(node.children ?? [])];
  while (stack.length > 0) {
    const n = stack.pop() as MdNode;
    if (n.type === 'html') found.push(n);
    else if (n.children) for (const c of n.children) stack.push(c);
  }
  return found.reverse();
}

/** A cell's words, trimmed: most cells hold one text node, read without walking the tree. */
function cellWords(cell: MdNode): string {
  const children = cell.children;
  if (children === undefined || children.length === 0) return '';
  const only = children[0] as MdNode;
  if (children.length === 1 && only.type === 'text') return (only.value ?? '').trim();
  return plain(cell).trim();
}

/** The words of a node without its markup. */
function plain(node: MdNode): string {
  // A block a memo keeps, and most paragraphs: one text node.
  const only = node.children?.length === 1 ? node.children[0] : undefined;
  if (only?.type === 'text') return only.value ?? '';
  let out = '';
  const stack: MdNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as MdNode;
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value ?? '';
    else if (n.type === 'break') out += '\n';
    else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as MdNode);
  }
  return out;
}

function isComment(node: MdNode): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/u.test(node.value ?? '');
}

/** A heading's range without its `#` marks. */
function contentRange(index: LineIndex, b: Block): Range {
  const text = index.text;
  let s = b.start;
  let e = b.end;
  while (s < e && (text[s] === '#' || isBlank(text.charCodeAt(s)))) s++;
  while (e > s && (text[e - 1] === '#' || isBlank(text.charCodeAt(e - 1)))) e--;
  return index.range(s, e);
}

function readTable(b: Block, blocks: Block[], at: number, n: number, section: string[], index: LineIndex, shift: number, problems: AdapterProblem[]): Table {
  let header: SourceCell[] = [];
  const rows: SourceRow[] = [];
  const plain = b.node.plain;
  if (plain) {
    // A plain table read from its lines: the cells its nodes would give, without making them.
    const { lines, delta } = plain;
    for (let k = 0; k < lines.length; k++) {
      if (k === 1) continue;
      const row = plainSourceRow(lines[k] as Line, delta + shift, index);
      if (k === 0) header = row.cells;
      else rows.push(row);
    }
  } else {
    const nodes = b.node.children ?? [];
    const toRow = (row: MdNode): SourceRow => {
      const children = row.children ?? [];
      const cells: SourceCell[] = [];
      for (let c = 0; c < children.length; c++) cells.push(sourceCell(children[c] as MdNode, index, shift));
      return { cells, range: index.range((row.position?.start.offset ?? 0) + shift, (row.position?.end.offset ?? 0) + shift) };
    };
    // Indexed: a table of a huge report has tens of thousands of rows, each made into its source row without copies.
    if (nodes[0]) header = toRow(nodes[0]).cells;
    for (let r = 1; r < nodes.length; r++) rows.push(toRow(nodes[r] as MdNode));
  }
  const caption = captionBefore(blocks, at);
  return assembleTable(
    {
      id: `t${n}`,
      section,
      header,
      rows,
      range: index.range(b.start, b.end),
      ragged: 'always',
      ...(caption === undefined ? {} : { caption }),
    },
    problems,
  );
}

/**
 * A row of a plain table read from its line (`start`: where the line's offsets start in the text): the cells and
 * ranges `sourceCell` reads from the nodes GFM makes of it (tested against them).
 */
function plainSourceRow(line: Line, start: number, index: LineIndex): SourceRow {
  const text = line.text;
  const { pipes, count, closed } = cellPipes(text);
  const cells: TableCell[] = [];
  const at = start + line.start;
  // Every cell is on the row's line: its columns counted from where the row starts (`index.position`'s).
  const first = index.position(at);
  const columnOf = (o: number) => first.column + (o > 0 && index.text.charCodeAt(o) === 10 && index.text.charCodeAt(o - 1) === 13 ? o - 1 : o) - at;
  for (let c = 0; c < count; c++) {
    const from = pipes[c] as number;
    const to = pipes[c + 1] as number;
    // A cell's node spans its opening pipe to the next, and the closing pipe too for the last cell of a closed row.
    const s = contentBetween(index.text, at + from, at + (c === count - 1 && closed ? to + 1 : to));
    cells.push(new TableCell(trimmedSlice(text, from + 1, to), false, undefined, first.line, columnOf(s), columnOf(contentEnd)));
  }
  return new LineRow(cells, first.line, columnOf(at), columnOf(start + line.end));
}

/** A GFM cell: its words and the range of its content between the pipes. */
function sourceCell(cell: MdNode, index: LineIndex, shift: number): SourceCell {
  const s = contentBetween(index.text, (cell.position?.start.offset ?? 0) + shift, (cell.position?.end.offset ?? 0) + shift);
  return { text: cellWords(cell), range: index.range(s, contentEnd) };
}

/** Where the content `contentBetween` found last ends: a pair for every cell of a huge report was garbage to collect. */
let contentEnd = 0;

/**
 * Where a cell's content starts, its node spanning `from` to `to`: without the pipes and blanks around it. Where it
 * ends is left in `contentEnd`.
 */
function contentBetween(text: string, from: number, to: number): number {
  let s = from;
  let e = to;
  if (text[s] === '|') s++;
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  if (e > s && text[e - 1] === '|' && text[e - 2] !== '\\') e--;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  if (e < s) e = s;
  contentEnd = e;
  return s;
}

/** The nearest paragraph or heading before the table that reads like a caption, within three blocks. */
function captionBefore(blocks: Block[], at: number): string | undefined {
  let seen = 0;
  for (let i = at - 1; i >= 0 && seen < CAPTION_REACH; i--) {
    const b = blocks[i] as Block;
    if (b.node.type === 'html' || b.node.type === 'yaml') continue;
    if (b.node.type === 'table') return undefined;
    if (b.node.type !== 'paragraph' && b.node.type !== 'heading') continue;
    seen++;
    const caption = captionWords(b);
    if (caption !== undefined || b.node.type === 'heading') return caption;
  }
  return undefined;
}

/** A paragraph's or heading's words when they read as a table's caption. */
function captionWords(b: Block): string | undefined {
  const words = plain(b.node).trim();
  return looksLikeCaption(words) || (b.node.type === 'paragraph' && isBoldOnly(b.node) && words.length <= 80) ? words : undefined;
}

function isBoldOnly(node: MdNode): boolean {
  const children = (node.children ?? []).filter((c) => !(c.type === 'text' && (c.value ?? '').trim() === ''));
  return children.length > 0 && children.every((c) => c.type === 'strong');
}
