import type { AdapterProblem, Located, Range, ReportDocument, ReportMeta } from '@crossfoot/core';
import { foldWidth, LineIndex } from '@crossfoot/core';
import type { Element, Nodes, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { CAPTION_SKIP, looksLikeCaption } from './caption.ts';
import { isChrome, isChromeLine, isDataTable, isHidden } from './html-chrome.ts';
import { htmlTooDeep, MAX_HTML_DEPTH } from './html-depth.ts';
import { type HtmlCell, type HtmlRow, readHtmlTable } from './html-table.ts';
import { remapDates, remapMeta, remapSections, remapStatements, TextMap } from './html-text-map.ts';
import { LineBuilder, type VisibleLine } from './html-visible.ts';
import { type MarkerStyle, readMarker } from './markers.ts';
import { inferMeta } from './narrative/index.ts';
import { describeError, problem, startOfDocument } from './problems.ts';
import { emptyDocument, NarrativeReader, sortProblems } from './reading.ts';
import { buildSections, outlineEndAfter, SectionCursor, type SectionDraft, titleOf } from './sections.ts';
import { SuppressionCollector } from './suppressions.ts';

const processor = unified().use(rehypeParse);

const TOO_DEEP = { what: 'HTML 元素', whatEn: 'HTML elements', limit: MAX_HTML_DEPTH, rest: '该报告', restEn: 'the report is' };

/** One line of visible text (a paragraph, a heading, a line after `<br>`) or a table, in the mapped text. */
interface Unit {
  kind: 'heading' | 'para' | 'table';
  /** Heading depth, 1–6. */
  depth: number;
  /** Offsets in the mapped text. */
  start: number;
  end: number;
  /** All of its words in `<strong>`/`<b>`, or centred: reads as a caption. */
  emphasised: boolean;
  table?: { rows: HtmlRow[]; start: number; end: number; caption?: string };
}

const HEADING = /^h([1-6])$/u;
const BLOCK = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'form',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const EMPHASIS = new Set(['strong', 'b']);

const LEVEL_CJK: Partial<Record<MarkerStyle, number>> = { cjk: 1, 'cjk-paren': 2, arabic: 3, 'arabic-paren': 4, circled: 5 };
const TITLE_KEY = /年度报告|工作报告|年报|annual report/iu;

/**
 * HTML (a report as a government website publishes it) → ReportDocument.
 * Site chrome (scripts, navigation, headers and footers, hidden elements) is skipped; headings and numbered
 * paragraphs give the sections, tables the tables (spans expanded), other paragraphs the narrative, and every
 * range points into the HTML source. Never throws for what it finds in the document.
 */
export function parseHtml(uri: string, text: string): ReportDocument {
  const doc = emptyDocument(uri, text, 'html');
  const index = LineIndex.of(text);
  // parse5 reads a byte order mark as text; parse without it and shift the offsets back.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const deep = htmlTooDeep(text);
  if (deep !== undefined) {
    doc.problems.push(problem('too-deep', index.range(deep, deep + 1), TOO_DEEP));
    return doc;
  }
  let tree: Root;
  try {
    tree = processor.parse(shift === 1 ? text.slice(1) : text) as Root;
  } catch (error) {
    // The depth estimate can understate what the parser builds from mis-nested tags: still a located limit.
    const overflow = error instanceof RangeError && /call stack/iu.test(error.message);
    doc.problems.push(overflow ? problem('too-deep', startOfDocument, TOO_DEEP) : problem('internal', startOfDocument, { detail: describeError(error) }));
    return doc;
  }

  const walker = new Walker(text, shift);
  walker.walk(tree);
  const { map, units } = walker;
  const mapped = map.text;
  const synthetic = map.index;
  const toSource = (r: Range): Range => map.toSource(r, index);
  const words = (u: Unit) => mapped.slice(u.start, u.end);

  // Title: a single h1 before any other heading.
  const headingUnits = units.filter((u) => u.kind === 'heading');
  const h1s = headingUnits.filter((u) => u.depth === 1);
  const titleUnit = h1s.length === 1 && headingUnits[0] === h1s[0] ? h1s[0] : undefined;

  // Sections: headings by depth; numbered paragraphs by their marker, as in plain text, where no heading uses it.
  const sectionHeadings = headingUnits.filter((u) => u !== titleUnit);
  const minDepth = sectionHeadings.reduce((min, u) => Math.min(min, u.depth), Number.POSITIVE_INFINITY);
  const headingMarkers = new Map<Unit, ReturnType<typeof readMarker>>();
  const headingStyles = new Set<MarkerStyle>();
  for (const u of sectionHeadings) {
    const m = readMarker(words(u));
    const marker = m?.style === 'subset' ? undefined : m;
    headingMarkers.set(u, marker);
    if (marker) headingStyles.add(marker.style);
  }
  const paragraphMarker = (u: Unit) => readMarker(mapped.slice(u.start, Math.min(u.end, u.start + 40)), { western: false });
  const paragraphs = units.filter((u) => u.kind === 'para');
  const cjk = paragraphs.some((u) => {
    const style = paragraphMarker(u)?.style;
    return style === 'cjk' || style === 'cjk-paren';
  });
  const styleLevel = (style: MarkerStyle): number | undefined =>
    cjk ? LEVEL_CJK[style] : style === 'arabic' ? 1 : style.startsWith('dotted-') ? Number(style.slice(7)) : undefined;

  const drafts: (SectionDraft & { unit: Unit })[] = [];
  let headingLevel = 0;
  let headingStyle: number | undefined;
  for (const u of units) {
    if (u.kind === 'heading' && u !== titleUnit) {
      const m = headingMarkers.get(u);
      headingLevel = u.depth - minDepth + 1;
      headingStyle = m ? LEVEL_CJK[m.style] : undefined;
      const w = words(u);
      drafts.push({
        marker: m?.marker ?? '',
        number: m?.number ?? '',
        title: m ? w.slice(m.length).trim() : w,
        level: headingLevel,
        start: u.start,
        end: u.end,
        unit: u,
      });
    } else if (u.kind === 'para') {
      const m = paragraphMarker(u);
      if (!m || headingStyles.has(m.style)) continue;
      const own = styleLevel(m.style);
      if (own === undefined) continue;
      const level = headingLevel === 0 ? own : Math.max(headingLevel + 1, headingLevel + own - (headingStyle ?? 0));
      const { title, length } = titleOf(mapped.slice(u.start + m.length, u.end));
      drafts.push({
        marker: m.marker,
        number: m.number,
        title,
        level,
        start: u.start,
        end: Math.max(u.start + m.marker.length, u.start + m.length + length),
        unit: u,
      });
    }
  }
  const outlineEnd = endOfOutline(paragraphs, drafts, mapped);
  const outline = buildSections(
    synthetic,
    drafts.filter((d) => d.start < outlineEnd),
    outlineEnd,
  );

  // Narrative and tables in document order.
  const problems: AdapterProblem[] = doc.problems;
  const cursor = new SectionCursor(outline.flat);
  const narrativeProblems: AdapterProblem[] = [];
  const narrative = new NarrativeReader(synthetic, narrativeProblems);
  const draftUnits = new Set(drafts.map((d) => d.unit));
  for (const [i, u] of units.entries()) {
    if (u.kind === 'para') {
      narrative.read(u.start, u.end, cursor.at(u.start));
    } else if (u.kind === 'table' && u.table) {
      const caption = u.table.caption ?? captionBefore(units, i, mapped, draftUnits);
      doc.tables.push(
        readHtmlTable(
          {
            id: `t${doc.tables.length + 1}`,
            section: cursor.at(u.start),
            rows: u.table.rows,
            start: u.table.start,
            end: u.table.end,
            ...(caption === undefined ? {} : { caption }),
          },
          index,
          problems,
        ),
      );
    }
  }
  doc.sections = remapSections(outline.sections, toSource);
  doc.statements = remapStatements(narrative.statements, toSource);
  doc.dates = remapDates(narrative.dates, toSource);
  for (const p of narrativeProblems) problems.push({ ...p, range: toSource(p.range) });

  // Meta: inferred from the visible text; the title from the h1, else from <title>.
  let inferred: ReportMeta = {};
  try {
    inferred = remapMeta(inferMeta(new LineIndex(mapped.replaceAll('\uFFFC', ' ')), outline.sections), toSource);
  } catch (error) {
    problems.push(problem('internal', startOfDocument, { detail: describeError(error) }));
  }
  const fromTitle = walker.title ? metaFromTitle(walker.title, index) : {};
  const meta: ReportMeta = { ...fromTitle, ...inferred };
  if (titleUnit) {
    meta.title = { value: words(titleUnit), range: toSource(synthetic.range(titleUnit.start, titleUnit.end)) };
  } else if (fromTitle.title) {
    meta.title = fromTitle.title;
  }
  doc.meta = meta;

  const suppressions = new SuppressionCollector(index);
  for (const c of [...walker.comments].sort((a, b) => a.start - b.start)) suppressions.scan(c.start, c.end);
  doc.suppressions = suppressions.finish();
  sortProblems(problems);
  return doc;
}

/** Walks the tree once, gathering the visible text line by line, the tables and the comments. */
class Walker {
  readonly map = new TextMap();
  readonly units: Unit[] = [];
  readonly comments: { start: number; end: number }[] = [];
  title: VisibleLine | undefined;
  private readonly source: string;
  private readonly shift: number;
  private line = new LineBuilder();
  private heading = 0;
  private pre = 0;
  private emphasis = 0;
  private sectioning = 0;
  private plainWords = false;
  private emphasisedWords = false;
  private centred = 0;

  constructor(source: string, shift: number) {
    this.source = source;
    this.shift = shift;
  }

  walk(tree: Root): void {
    const stack: { node: Nodes; exit: boolean }[] = [];
    const main = findMain(tree);
    this.collectHead(tree);
    stack.push({ node: main ?? tree, exit: false });
    while (stack.length > 0) {
      const { node, exit } = stack.pop() as { node: Nodes; exit: boolean };
      if (exit) {
        this.leave(node as Element);
        continue;
      }
      if (node.type === 'text') {
        this.text(node.value, node);
        continue;
      }
      if (node.type === 'comment') {
        const span = this.span(node);
        if (span) this.comments.push(span);
        continue;
      }
      if (node.type !== 'element' && node.type !== 'root') continue;
      if (node.type === 'element' && !this.enter(node)) continue;
      if (node.type === 'element') stack.push({ node, exit: true });
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Nodes, exit: false });
    }
    this.flush('para', 0);
  }

  /** Returns whether to descend into the element. */
  private enter(el: Element): boolean {
    const tag = el.tagName;
    if (tag === 'head') return false;
    if (isHidden(el) || isChrome(el, this.sectioning > 0)) {
      this.collectComments(el);
      return false;
    }
    if (tag === 'br') {
      const span = this.span(el);
      if (this.heading > 0) {
        if (span) this.line.space(span.start, span.end, true);
      } else {
        this.flush('para', 0);
      }
      return false;
    }
    if (tag === 'table' && isDataTable(el)) {
      this.flush('para', 0);
      this.table(el);
      return false;
    }
    const h = HEADING.exec(tag);
    if (h && this.heading === 0) {
      this.flush('para', 0);
      this.heading = Number(h[1]);
    } else if (BLOCK.has(tag)) {
      this.boundary(el);
    }
    if (tag === 'pre') this.pre++;
    if (EMPHASIS.has(tag)) this.emphasis++;
    if (tag === 'article' || tag === 'main') this.sectioning++;
    if (isCentred(el)) this.centred++;
    return true;
  }

  private leave(el: Element): void {
    const tag = el.tagName;
    const h = HEADING.exec(tag);
    if (h && this.heading === Number(h[1])) {
      this.flush('heading', this.heading);
      this.heading = 0;
    } else if (BLOCK.has(tag)) {
      this.boundary(el);
    }
    if (tag === 'pre') this.pre--;
    if (EMPHASIS.has(tag)) this.emphasis--;
    if (tag === 'article' || tag === 'main') this.sectioning--;
    if (isCentred(el)) this.centred--;
  }

  /** A block boundary ends the line, or inside a heading reads as a line break between words. */
  private boundary(el: Element): void {
    if (this.heading > 0) {
      const span = this.span(el);
      if (span) this.line.space(span.start, span.start, true);
    } else {
      this.flush('para', 0);
    }
  }

  private text(value: string, node: Nodes): void {
    const span = this.span(node);
    if (!span) return;
    this.line.text(value, this.source.slice(span.start, span.end), span.start, this.pre > 0);
    if (/\S/u.test(value)) {
      if (this.emphasis > 0 || this.centred > 0) this.emphasisedWords = true;
      else this.plainWords = true;
    }
  }

  private flush(kind: 'heading' | 'para', depth: number): void {
    const line = this.line.take();
    const emphasised = this.emphasisedWords && !this.plainWords;
    this.plainWords = false;
    this.emphasisedWords = false;
    if (!line || (kind === 'para' && isChromeLine(line.text))) return;
    if (this.map.length > 0) this.map.breakLine();
    const start = this.map.length;
    for (let i = 0; i < line.text.length; i++) this.map.push(line.text[i] as string, line.starts[i] as number, line.ends[i] as number);
    this.units.push({ kind, depth, start, end: this.map.length, emphasised });
  }

  private table(el: Element): void {
    const span = this.span(el);
    if (!span) return;
    this.collectComments(el);
    const rows: HtmlRow[] = [];
    let caption: string | undefined;
    const visit = (node: Element, head: boolean) => {
      for (const child of node.children) {
        if (child.type !== 'element' || isHidden(child)) continue;
        if (child.tagName === 'caption') {
          caption ??= this.inlineText(child)?.text;
        } else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
          visit(child, child.tagName === 'thead');
        } else if (child.tagName === 'tr') {
          const tr = this.span(child);
          if (!tr) continue;
          const cells: HtmlCell[] = [];
          for (const cell of child.children) {
            if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
            const at = this.span(cell);
            if (!at) continue;
            cells.push({
              text: this.inlineText(cell)?.text ?? '',
              start: at.start,
              end: at.end,
              rowspan: cell.properties.rowSpan,
              colspan: cell.properties.colSpan,
              th: cell.tagName === 'th',
            });
          }
          rows.push({ cells, start: tr.start, end: tr.end, head });
        }
      }
    };
    visit(el, false);
    if (rows.length === 0) return;
    if (this.map.length > 0) this.map.breakLine();
    const start = this.map.length;
    this.map.push('\uFFFC', span.start, span.end);
    const table: Unit['table'] = { rows, start: span.start, end: span.end };
    if (caption !== undefined && caption !== '') table.caption = caption;
    this.units.push({ kind: 'table', depth: 0, start, end: this.map.length, emphasised: false, table });
  }

  /** The visible text of an element read as one line (a cell, a caption, the title). */
  inlineText(el: Element): VisibleLine | undefined {
    const builder = new LineBuilder();
    const stack: Nodes[] = [...el.children].reverse();
    let pre = 0;
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      if (node.type === 'text') {
        const span = this.span(node);
        if (span) builder.text(node.value, this.source.slice(span.start, span.end), span.start, pre > 0);
      } else if (node.type === 'element') {
        if (isHidden(node) || isChrome(node, true)) continue;
        const span = this.span(node);
        if ((node.tagName === 'br' || BLOCK.has(node.tagName)) && span) builder.space(span.start, span.start, true);
        if (node.tagName === 'pre') pre++;
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
      }
    }
    return builder.take();
  }

  private collectHead(tree: Root): void {
    const stack: Nodes[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      if (node.type === 'element' && node.tagName === 'title') {
        this.title ??= this.inlineText(node);
        continue;
      }
      if (node.type === 'element' && node.tagName === 'body') continue;
      if (node.type === 'comment') {
        const span = this.span(node);
        if (span) this.comments.push(span);
      }
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }

  private collectComments(el: Element): void {
    const stack: Nodes[] = [el];
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      if (node.type === 'comment') {
        const span = this.span(node);
        if (span) this.comments.push(span);
      } else if ('children' in node) {
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
      }
    }
  }

  private span(node: Nodes): { start: number; end: number } | undefined {
    const p = node.position;
    if (p?.start.offset === undefined || p.end.offset === undefined) return undefined;
    return { start: p.start.offset + this.shift, end: p.end.offset + this.shift };
  }
}

/** The report's own part of the page: the first `<main>` (or role=main) when there is one. */
function findMain(tree: Root): Element | undefined {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'element') {
      if (isHidden(node)) continue;
      if (node.tagName === 'main' || node.properties.role === 'main') return node;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return undefined;
}

function isCentred(el: Element): boolean {
  if (el.tagName === 'center') return true;
  const align = el.properties.align;
  const style = el.properties.style;
  return align === 'center' || (typeof style === 'string' && /text-align\s*:\s*center/iu.test(style));
}

/**
 * Where the outline ends: at an appendix line (`附件：…`) or the signature block (issuer and date) after the last
 * top-level section, as in plain text. What follows belongs to no section.
 */
function endOfOutline(paragraphs: Unit[], drafts: (SectionDraft & { unit: Unit })[], mapped: string): number {
  const lastTop = drafts.filter((d) => d.level === 1).at(-1);
  if (!lastTop) return Number.MAX_SAFE_INTEGER;
  return outlineEndAfter(paragraphs.filter((u) => u.start > lastTop.start).map((u) => ({ start: u.start, folded: foldWidth(mapped.slice(u.start, u.end)) })));
}

/**
 * The nearest line above a table that names it: a short line naming a 表 (past `（2018年度）`, `填报单位…` and
 * `单位：…` lines), or a bold or centred line right above it that is not a section heading.
 */
function captionBefore(units: Unit[], at: number, mapped: string, headings: ReadonlySet<Unit>): string | undefined {
  let looked = 0;
  for (let i = at - 1; i >= 0 && looked < 6; i--) {
    const u = units[i] as Unit;
    if (u.kind === 'table') return undefined;
    looked++;
    const words = mapped.slice(u.start, u.end);
    const folded = foldWidth(words);
    if (CAPTION_SKIP.some((re) => re.test(folded))) continue;
    if (looksLikeCaption(words)) return words;
    if (u.emphasised && !headings.has(u) && words.length <= 80 && !/[：:。]$/u.test(words)) return words;
    return undefined;
  }
  return undefined;
}

/** Title, issuer and year from `<title>`, without the site's name (`…年度报告_某某市人民政府`). */
function metaFromTitle(line: VisibleLine, index: LineIndex): ReportMeta {
  const parts: { from: number; to: number }[] = [];
  const separator = /\s*(?:[|｜_—–]|\s-\s|-{2,})\s*/gu;
  let from = 0;
  for (const m of line.text.matchAll(separator)) {
    parts.push({ from, to: m.index });
    from = m.index + m[0].length;
  }
  parts.push({ from, to: line.text.length });
  const named = parts.find((p) => TITLE_KEY.test(line.text.slice(p.from, p.to))) ?? parts[0];
  if (!named || named.to <= named.from) return {};
  const value = line.text.slice(named.from, named.to);
  const range = (a: number, b: number): Range =>
    index.range(line.starts[named.from + a] as number, b > a ? (line.ends[named.from + b - 1] as number) : (line.starts[named.from + a] as number));
  const meta: ReportMeta = { title: { value, range: range(0, value.length) } };
  try {
    const local = new LineIndex(value);
    const inferred = inferMeta(local, []);
    const move = <T>(l: Located<T> | undefined): Located<T> | undefined =>
      l && { value: l.value, range: range(local.offset(l.range.start), local.offset(l.range.end)) };
    const issuer = move(inferred.issuer);
    const year = move(inferred.year);
    if (issuer) meta.issuer = issuer;
    if (year) meta.year = year;
  } catch {
    // The title still stands without what could be inferred from it.
  }
  return meta;
}
