import type { AdapterProblem, LineIndex as Index, Range, ReportDocument, ReportMeta, Section, Table } from '@crossfoot/core';
import { LineIndex, parseYamlDocument } from '@crossfoot/core';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type Document, isAlias, isCollection, isMap, isScalar, isSeq, type Pair, type Scalar, visit, type Node as YamlNode } from 'yaml';
import { readFrontMatter } from './front-matter.ts';
import { remapDates, remapMeta, remapStatements, TextMap } from './html-text-map.ts';
import { readLimits } from './limits.ts';
import { readMarker } from './markers.ts';
import { inferMeta } from './narrative/index.ts';
import { describeError, problem, startOfDocument } from './problems.ts';
import { emptyDocument, isBlank, NarrativeReader, sortProblems } from './reading.ts';
import * as precompiled from './schema-validators.generated.ts';
import { assembleTable, type SourceCell, type SourceRow } from './table.ts';
import { yamlReportProblem } from './yaml-report-problems.ts';
import { type ScalarChars, scalarChars } from './yaml-report-scalar.ts';
import { REPORT_KEYS, SECTION_KEYS, TABLE_KEYS } from './yaml-report-schema.ts';

export { reportSchema } from './yaml-report-schema.ts';

/** Distinct syntax errors reported for one document; the rest follow from the first ones. */
const MAX_SYNTAX_ERRORS = 10;

function validate(value: unknown): ErrorObject[] {
  const validator = precompiled.report as ValidateFunction;
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/**
 * A report written as YAML data (`schemas/report.schema.json`) → ReportDocument.
 * Sections, tables and meta are read from the structure, narrative from the `text` blocks; every range points at
 * the YAML source. Syntax errors and schema violations are located problems, never exceptions.
 */
export function parseYamlReport(uri: string, text: string): ReportDocument {
  const doc = emptyDocument(uri, text, 'yaml');
  const index = LineIndex.of(text);
  const problems = doc.problems;
  const { nestingDepth, yamlAliases } = readLimits();
  let ydoc: Document;
  try {
    const read = parseYamlDocument(text, nestingDepth, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
    if ('tooDeep' in read) {
      const deep = read.tooDeep;
      problems.push(yamlReportProblem('yaml-too-deep', index.range(deep, Math.max(deep, index.lineEnd(index.position(deep).line))), { limit: nestingDepth }));
      return doc;
    }
    ydoc = read.doc;
  } catch (error) {
    problems.push(problem('internal', startOfDocument, { detail: describeError(error) }));
    return doc;
  }
  const at = (r: readonly number[] | null | undefined): Range => trimmedRange(index, r);

  if (ydoc.errors.length > 0) {
    const details = new Set<string>();
    for (const e of ydoc.errors) {
      const detail = firstLine(e.message);
      if (details.has(detail)) continue;
      details.add(detail);
      problems.push(yamlReportProblem('yaml-syntax', errorRange(index, e.pos), { detail }));
      if (details.size >= MAX_SYNTAX_ERRORS) break;
    }
    return doc;
  }
  const root = ydoc.contents;
  if (root === null) return doc;

  let data: unknown;
  try {
    data = ydoc.toJS({ maxAliasCount: yamlAliases });
  } catch (error) {
    if (error instanceof ReferenceError || /alias/iu.test(describeError(error))) {
      problems.push(yamlReportProblem('yaml-aliases', firstAlias(ydoc, index) ?? at(root.range)));
    } else {
      problems.push(problem('internal', at(root.range), { detail: describeError(error) }));
    }
    return doc;
  }
  if (!isMap(root)) {
    problems.push(yamlReportProblem('report-not-mapping', at(root.range)));
    return doc;
  }
  reportSchemaErrors(ydoc, validate(data), index, problems);

  const reader = new Reader(ydoc, index, problems);
  let frontMeta: ReportMeta = {};
  const meta = root.get('meta', true);
  if (isMap(meta) && meta.range) frontMeta = readFrontMatter(index, blockStart(text, meta.range[0]), meta.range[2], problems);
  const title = frontMeta.title ? root.getIn(['meta', 'title'], true) : undefined;
  if (isScalar(title)) reader.line(title);
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === 'text') reader.text(pair.value, []);
    else if (key === 'sections') reader.sections(pair.value, [], 1);
    else if (key === 'tables') reader.tables(pair.value, []);
  }

  const { map } = reader;
  const toSource = (r: Range): Range => map.toSource(r, index);
  const narrativeProblems: AdapterProblem[] = [];
  const narrative = new NarrativeReader(map.index, narrativeProblems);
  for (const p of reader.paragraphs) narrative.read(p.start, p.end, p.section);
  doc.sections = reader.outline;
  doc.tables = reader.found;
  doc.statements = remapStatements(narrative.statements, toSource);
  doc.dates = remapDates(narrative.dates, toSource);
  for (const p of narrativeProblems) problems.push({ ...p, range: toSource(p.range) });
  let inferred: ReportMeta = {};
  try {
    inferred = remapMeta(inferMeta(map.index, reader.headings), toSource);
  } catch (error) {
    problems.push(problem('internal', startOfDocument, { detail: describeError(error) }));
  }
  doc.meta = { ...inferred, ...frontMeta };
  sortProblems(problems);
  return doc;
}

/** Walks the report's structure in document order, building sections, tables and the text the narrative is read from. */
class Reader {
  readonly map = new TextMap();
  readonly paragraphs: { start: number; end: number; section: string[] }[] = [];
  readonly outline: Section[] = [];
  readonly found: Table[] = [];
  /** Section titles as lines of the mapped text, for inferring meta. */
  readonly headings: Section[] = [];
  private readonly ydoc: Document;
  private readonly index: Index;
  private readonly problems: AdapterProblem[];
  private budget = 1_000_000;

  constructor(ydoc: Document, index: Index, problems: AdapterProblem[]) {
    this.ydoc = ydoc;
    this.index = index;
    this.problems = problems;
  }

  /** Adds a scalar as one line of the mapped text; returns its span there. */
  line(node: Scalar): { start: number; end: number } | undefined {
    const chars = scalarChars(this.index.text, node);
    if (!chars) return undefined;
    return this.push(chars, 0, chars.value.length);
  }

  /** Narrative: each non-blank line of the value is a paragraph, as in plain text. */
  text(value: unknown, section: string[]): void {
    const node = this.resolve(value);
    if (!isScalar(node)) return;
    const chars = scalarChars(this.index.text, node);
    if (!chars) return;
    let from = 0;
    while (from <= chars.value.length) {
      let to = chars.value.indexOf('\n', from);
      if (to < 0) to = chars.value.length;
      const span = this.push(chars, from, to);
      if (span) this.paragraphs.push({ ...span, section });
      from = to + 1;
    }
  }

  sections(value: unknown, path: string[], level: number, parent?: Section): void {
    const list = this.resolve(value);
    if (!isSeq(list)) return;
    for (const item of list.items) {
      const node = this.resolve(item);
      if (!isMap(node) || !this.spend()) continue;
      const titleNode = this.resolve(node.get('title', true));
      if (!isScalar(titleNode) || typeof titleNode.value !== 'string' || titleNode.value.trim() === '') continue;
      const words = titleNode.value.trim();
      const m = readMarker(words);
      const marker = m?.style === 'subset' ? undefined : m;
      const title = marker ? words.slice(marker.length).trim() : words;
      const section: Section = {
        marker: marker?.marker ?? '',
        number: marker?.number ?? '',
        title,
        level,
        range: this.contentRange(titleNode),
        extent: trimmedRange(this.index, node.range),
        children: [],
      };
      (parent ? parent.children : this.outline).push(section);
      const span = this.line(titleNode);
      if (span)
        this.headings.push({ ...section, range: this.map.index.range(span.start, span.end), extent: this.map.index.range(span.start, span.end), children: [] });
      const inner = [...path, title];
      for (const pair of node.items) {
        const key = keyOf(pair);
        if (key === 'text') this.text(pair.value, inner);
        else if (key === 'sections') this.sections(pair.value, inner, level + 1, section);
        else if (key === 'tables') this.tables(pair.value, inner);
      }
    }
  }

  tables(value: unknown, section: string[]): void {
    const list = this.resolve(value);
    if (!isSeq(list)) return;
    for (const item of list.items) {
      const node = this.resolve(item);
      if (!isMap(node) || !this.spend()) continue;
      const columns = this.resolve(node.get('columns', true));
      const rows = this.resolve(node.get('rows', true));
      if (!isSeq(columns) || !isSeq(rows)) continue;
      const labelHeader = this.resolve(node.get('labelHeader', true));
      const header: SourceCell[] = [
        isScalar(labelHeader) ? this.cell(labelHeader) : { text: '', range: this.index.range(columns.range?.[0] ?? 0, columns.range?.[0] ?? 0) },
        ...columns.items.map((c) => this.resolve(c)).map((c) => (isScalar(c) ? this.cell(c) : { text: '', range: trimmedRange(this.index, c?.range) })),
      ];
      const sourceRows: SourceRow[] = [];
      for (const r of rows.items) {
        const row = this.resolve(r);
        if (!this.spend()) break;
        let label: unknown;
        let cells: unknown[] = [];
        if (isSeq(row)) {
          [label, ...cells] = row.items;
        } else if (isMap(row)) {
          label = row.get('label', true);
          const list = this.resolve(row.get('cells', true));
          cells = isSeq(list) ? list.items : [];
        } else {
          continue;
        }
        const labelNode = this.resolve(label);
        if (!isScalar(labelNode)) continue;
        sourceRows.push({
          cells: [
            this.cell(labelNode),
            ...cells.map((c) => this.resolve(c)).map((c) => (isScalar(c) ? this.cell(c) : { text: '', range: trimmedRange(this.index, c?.range) })),
          ],
          range: trimmedRange(this.index, row.range),
        });
      }
      const caption = this.resolve(node.get('caption', true));
      this.found.push(
        assembleTable(
          {
            id: `t${this.found.length + 1}`,
            section,
            header,
            rows: sourceRows,
            range: trimmedRange(this.index, node.range),
            ragged: 'unless-heading',
            ...(isScalar(caption) && typeof caption.value === 'string' ? { caption: caption.value.trim() } : {}),
          },
          this.problems,
        ),
      );
    }
  }

  /** A cell as written: a number keeps its written scale (`12.50`), null is blank, a string is its value. */
  private cell(node: Scalar): SourceCell {
    const range = this.contentRange(node);
    const v = node.value;
    let text: string;
    if (v === null || v === undefined) text = '';
    else if (typeof v === 'number') {
      const written = this.index.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0).trim();
      text = /^[-+]?\d+(?:\.\d+)?$/u.test(written) || !Number.isFinite(v) || Math.abs(v) >= 1e21 ? written : String(v);
    } else text = String(v).trim();
    return { text, range };
  }

  /** The range of a scalar's value: quotes excluded, a block scalar's lines without its header. */
  private contentRange(node: Scalar): Range {
    const chars = scalarChars(this.index.text, node);
    if (!chars || chars.value.length === 0) return trimmedRange(this.index, node.range);
    let a = 0;
    let b = chars.value.length;
    while (a < b && isBlank(chars.value.charCodeAt(a))) a++;
    while (b > a && isBlank(chars.value.charCodeAt(b - 1))) b--;
    if (a === b) return trimmedRange(this.index, node.range);
    return this.index.range(chars.starts[a] as number, chars.ends[b - 1] as number);
  }

  private push(chars: ScalarChars, from: number, to: number): { start: number; end: number } | undefined {
    let a = from;
    let b = to;
    while (a < b && isBlank(chars.value.charCodeAt(a))) a++;
    while (b > a && isBlank(chars.value.charCodeAt(b - 1))) b--;
    if (a === b) return undefined;
    if (this.map.length > 0) this.map.breakLine();
    const start = this.map.length;
    for (let i = a; i < b; i++) this.map.push(chars.value[i] as string, chars.starts[i] as number, chars.ends[i] as number);
    return { start, end: this.map.length };
  }

  private resolve(node: unknown): YamlNode | undefined {
    let n = node;
    for (let hops = 0; isAlias(n) && hops < 16; hops++) n = n.resolve(this.ydoc);
    return isScalar(n) || isCollection(n) ? n : undefined;
  }

  /** Aliases can make a small document a large structure: stop reading at a generous node budget. */
  private spend(): boolean {
    return this.budget-- > 0;
  }
}

/** Turns ajv's errors into located problems, one per place; `meta` is checked by the front matter reader. */
function reportSchemaErrors(ydoc: Document, errors: ErrorObject[], index: Index, problems: AdapterProblem[]): void {
  const at = (r: readonly number[] | null | undefined): Range => trimmedRange(index, r);
  const done = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.instancePath.startsWith('/meta/')) continue;
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
    const keys: (string | number)[] = path.map((s) => (/^\d+$/u.test(s) ? Number(s) : s));
    const where = keys.length === 0 ? 'report' : keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
    const node = nodeAt(ydoc, keys);
    const id = `${e.instancePath}|${e.keyword}|${String(e.params.missingProperty ?? e.params.additionalProperty ?? '')}`;
    if (done.has(id) || done.has(`${e.instancePath}|type`)) continue;
    done.add(id);
    const whereZh = keys.length === 0 ? '报告' : `\`${where}\` `;
    const whereEn = keys.length === 0 ? 'The report' : `\`${where}\``;
    if (e.keyword === 'required') {
      problems.push(
        yamlReportProblem('report-required', firstLineOf(index, at(node?.range)), { where: whereZh, whereEn, key: String(e.params.missingProperty) }),
      );
    } else if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      const pair = isMap(node) ? node.items.find((p) => keyOf(p) === key) : undefined;
      const keyNode = pair && isScalar(pair.key) ? pair.key : undefined;
      problems.push(
        yamlReportProblem('report-unknown-key', at(keyNode?.range ?? node?.range), {
          where: keys.length === 0 ? '报告' : `\`${where}\` `,
          whereEn: keys.length === 0 ? 'the report' : `\`${where}\``,
          key,
          known: knownKeys(keys).join(', '),
        }),
      );
    } else {
      const expected =
        e.keyword === 'type' && kindAt(keys) === 'row'
          ? { zh: '列表（标签在前，其后为各列单元格）或含 label、cells 的映射', en: 'a list (the label, then one cell per column) or a mapping {label, cells}' }
          : expectation(e);
      if (e.keyword === 'type') done.add(`${e.instancePath}|type`);
      problems.push(yamlReportProblem('report-type', at(node?.range), { where: whereZh, whereEn, expected: expected.zh, expectedEn: expected.en }));
    }
  }
}

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '字符串', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'an integer' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '映射', en: 'a mapping' },
  null: { zh: '留空', en: 'empty' },
  boolean: { zh: '布尔值', en: 'a boolean' },
};

function expectation(e: ErrorObject): { zh: string; en: string } {
  if (e.keyword === 'type') {
    const types = (Array.isArray(e.params.type) ? e.params.type : String(e.params.type).split(',')).map(String);
    const names = types.map((t) => TYPE_NAMES[t] ?? { zh: t, en: t });
    const join = (parts: string[], comma: string, or: string) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(comma)}${or}${parts.at(-1)}`);
    return {
      zh: join(
        names.map((n) => n.zh),
        '、',
        '或',
      ),
      en: join(
        names.map((n) => n.en),
        ', ',
        ' or ',
      ),
    };
  }
  if (e.keyword === 'minLength') return { zh: '非空字符串', en: 'a non-empty string' };
  if (e.keyword === 'minItems') return { zh: `至少含 ${String(e.params.limit)} 项的列表`, en: `a list of at least ${String(e.params.limit)} items` };
  return { zh: e.message ?? '合法的值', en: e.message ?? 'a valid value' };
}

/** What kind of thing sits at a path: the report, a section, a table or a row. */
function kindAt(keys: (string | number)[]): 'report' | 'section' | 'table' | 'row' | undefined {
  if (keys.length === 0) return 'report';
  const container = keys.at(-2);
  if (typeof keys.at(-1) !== 'number') return undefined;
  return container === 'sections' ? 'section' : container === 'tables' ? 'table' : container === 'rows' ? 'row' : undefined;
}

function knownKeys(keys: (string | number)[]): string[] {
  const kind = kindAt(keys);
  return kind === 'section' ? SECTION_KEYS : kind === 'table' ? TABLE_KEYS : kind === 'row' ? ['label', 'cells'] : REPORT_KEYS;
}

/** The node at a path, or its nearest ancestor in the document. */
function nodeAt(ydoc: Document, keys: (string | number)[]): YamlNode | undefined {
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? ydoc.contents : (ydoc.getIn(keys.slice(0, n), true) as unknown);
    if (isScalar(node) || isCollection(node)) return node;
  }
  return undefined;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function trimmedRange(index: Index, r: readonly number[] | null | undefined): Range {
  if (!r) return startOfDocument;
  const text = index.text;
  let start = Math.min(r[0] ?? 0, text.length);
  let end = Math.min(r[1] ?? start, text.length);
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  return index.range(start, end);
}

/** A mapping's first line: where a missing key is reported without covering the whole mapping. */
function firstLineOf(index: Index, range: Range): Range {
  if (range.end.line === range.start.line) return range;
  return { start: range.start, end: index.position(index.lineEnd(range.start.line)) };
}

/** A block mapping starts at its line, so the front matter reader sees it indented as written. */
function blockStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  return s === 0 || text[s - 1] === '\n' || text[s - 1] === '\r' ? s : offset;
}

function errorRange(index: Index, pos: [number, number]): Range {
  const text = index.text;
  let end = text.length;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  const [a, b] = pos;
  if (a < end) return index.range(a, Math.max(a, Math.min(b, end)));
  // An error found only at the end (an unclosed quote or bracket): the last line written.
  const line = index.position(end).line;
  let start = index.lineStart(line);
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  return index.range(start, end);
}

function firstAlias(ydoc: Document, index: Index): Range | undefined {
  let found: Range | undefined;
  visit(ydoc, {
    Alias(_key, node) {
      if (node.range) found = index.range(node.range[0], node.range[1]);
      return visit.BREAK;
    },
  });
  return found;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/u, '').trim();
}
