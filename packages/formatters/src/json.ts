import { type Arithmetic, type Diagnostic, type Range, sortDiagnostics } from '@crossfoot/core';
import { excerptLines, Sources } from './source.ts';
import { compareStrings, groupByUri, summarize, uniqueRules } from './summary.ts';
import type { FileSummary, FormatInput, FormatOptions, ReportChunk, ReportStream } from './types.ts';

/**
 * Machine-readable report: `{ tool, summary, files, diagnostics, rules }`, keys in a fixed order,
 * two-space indentation and a trailing newline. Each file carries the source lines its findings
 * show, and `rules` the metadata of the rules run, so reports of shards merge into the whole
 * run's report (`crossfoot report merge`) without the sources.
 */
export function json(input: FormatInput, options: FormatOptions): string {
  return [...jsonReportChunks(reportStream(input), options)].map(asText).join('');
}

/** A piece of a report made from findings in memory (`reportStream`), which keeps no bytes: always text. */
export function asText(chunk: ReportChunk): string {
  if (typeof chunk !== 'string') throw new TypeError('a report of findings held in memory has no findings kept as bytes');
  return chunk;
}

/**
 * `json`'s text in pieces (a file or a finding at a time) for a report given a file at a time, reading each file's
 * findings twice (for its entry in `files`, then for `diagnostics`) and holding no more than one file's at a time: a
 * run with hundreds of thousands of findings is written without its whole report ever being one string.
 */
export function* jsonReportChunks(report: ReportStream, options: FormatOptions): Generator<ReportChunk> {
  // A piece given as bytes is a view of memory the producer may use again (`FileFindings.jsonBytes`): a caller writes or
  // copies each piece before asking for the next.
  const { summary } = report;
  yield `{\n  "tool": ${nested({ name: 'crossfoot', version: options.toolVersion })},\n`;
  const counts = {
    files: summary.files,
    filesWithErrors: summary.filesWithErrors,
    filesWithWarnings: summary.filesWithWarnings,
    errors: summary.errors,
    warnings: summary.warnings,
    infos: summary.infos,
    perFile: summary.perFile.map(fileCounts),
    perRule: summary.perRule.map((r) => ({ rule: r.ruleId, count: r.count })),
    perPack: summary.perPack.map((p) => ({ pack: p.pack, count: p.count })),
  };
  yield `  "summary": ${nested(counts)},\n`;
  const perFile = new Map(summary.perFile.map((f) => [f.uri, f]));
  yield* array(
    'files',
    mapIterable(report.files(), (f) =>
      nestedTwice({
        ...fileCounts(perFile.get(f.file.uri) ?? { uri: f.file.uri, errors: 0, warnings: 0, infos: 0 }),
        ...fileAbout(f.file, f.shown ?? excerptLines(f.diagnostics, f.file.uri)),
      }),
    ),
  );
  yield ',\n';
  yield* array(
    'diagnostics',
    flatMapIterable(report.files(), (f): (string | Iterable<Uint8Array>)[] => {
      const bytes = f.jsonBytes;
      if (bytes !== undefined) return bytes.length ? [separated(bytes)] : [];
      return f.json ?? f.diagnostics.map(jsonFinding);
    }),
  );
  yield ',\n';
  const rules = uniqueRules(report.rules).map((r) => ({
    id: r.id,
    pack: r.pack,
    severity: r.severity,
    description: { 'zh-CN': r.description['zh-CN'], en: r.description.en },
    url: r.url,
  }));
  yield `  "rules": ${nested(rules)}\n}\n`;
}

/** `input` as a report given a file at a time: each file of its summary with its findings, sorted. */
export function reportStream(input: FormatInput): ReportStream {
  const summary = summarize(input);
  const byUri = groupByUri(sortDiagnostics(input.diagnostics));
  const about = new Map<string, FileSummary>();
  for (const f of input.files) if (!about.has(f.uri)) about.set(f.uri, f);
  return {
    summary,
    rules: input.rules,
    *files() {
      for (const { uri } of summary.perFile) yield { file: about.get(uri) ?? { uri }, diagnostics: byUri.get(uri) ?? [] };
    },
  };
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

function* flatMapIterable<T, U>(items: Iterable<T>, map: (item: T) => U[]): Generator<U> {
  for (const item of items) yield* map(item);
}

/** A value as `JSON.stringify(…, null, 2)` writes it one level down in the report. */
function nested(value: unknown): string {
  return indentedJson(value, 1);
}

/** A value as `JSON.stringify(…, null, 2)` writes it two levels down. */
function nestedTwice(value: unknown): string {
  return indentedJson(value, 2);
}

/**
 * A value as `JSON.stringify(…, null, 2)` writes it `depth` levels down in a larger value (its lines after the first
 * indented by `2 × depth` spaces): written inside `depth` arrays, with their brackets taken off, so that no second pass
 * indents it.
 */
export function indentedJson(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each level opens with `[`, a line break and its indentation, and closes with a line break, the indentation and `]`.
  return text.slice(depth * depth + 3 * depth, text.length - (depth * depth + depth));
}

/**
 * A finding as the JSON report writes it (keys in declaration order, indented as an element of `diagnostics`): a batch
 * renders each finding once, as it is found, and keeps the text.
 */
export function jsonFinding(d: Diagnostic): string {
  return nestedTwice(canonicalDiagnostic(d));
}

/**
 * A top-level array member, one element (already written two levels down) at a time, as `JSON.stringify(…, null, 2)`
 * writes it. An element given as pieces of bytes is a run of elements already joined (`separated`).
 */
function* array(key: string, elements: Iterable<string | Iterable<Uint8Array>>): Generator<ReportChunk> {
  let first = true;
  for (const element of elements) {
    const before = `${first ? `  "${key}": [` : ','}\n    `;
    if (typeof element === 'string') yield before + element;
    else {
      yield before;
      yield* element;
    }
    first = false;
  }
  yield first ? `  "${key}": []` : '\n  ]';
}

/** Between two elements of a top-level array, in UTF-8: `,\n    `. */
const BETWEEN = Uint8Array.of(0x2c, 0x0a, 0x20, 0x20, 0x20, 0x20);

/**
 * Findings as UTF-8 separated by NUL bytes (`FileFindings.jsonBytes`) as elements of a top-level array: the runs
 * between the NULs, with the separator of elements in their place. The runs are views of the producer's memory.
 */
function* separated(bytes: Uint8Array): Generator<Uint8Array> {
  let from = 0;
  for (let i = bytes.indexOf(0); i >= 0; i = bytes.indexOf(0, from)) {
    yield bytes.subarray(from, i);
    yield BETWEEN;
    from = i + 1;
  }
  yield bytes.subarray(from);
}

function fileCounts(f: { uri: string; errors: number; warnings: number; infos: number }) {
  return { uri: f.uri, errors: f.errors, warnings: f.warnings, infos: f.infos };
}

/** Issuer and year when known, and the source lines the file's findings show. */
function fileAbout(file: FileSummary, shown: number[]) {
  const out: { issuer?: string; year?: number; lines?: Record<number, string> } = {};
  if (file.issuer !== undefined) out.issuer = file.issuer;
  if (file.year !== undefined) out.year = file.year;
  const sources = new Sources({ files: [file], diagnostics: [], rules: [] });
  const lines: Record<number, string> = {};
  let kept = 0;
  for (const n of shown) {
    const text = sources.line(file.uri, n);
    if (text === undefined) continue;
    lines[n] = text;
    kept++;
  }
  if (kept > 0) out.lines = lines;
  return out;
}

/** A copy of `d` with keys in declaration order whatever order the producer used. */
function canonicalDiagnostic(d: Diagnostic): Diagnostic {
  const related: Diagnostic['related'] = [];
  for (const r of d.related) related.push({ uri: r.uri, range: canonicalRange(r.range), label: r.label });
  const out: Diagnostic = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    messageId: d.messageId,
    data: sortedRecord(d.data),
    uri: d.uri,
    range: canonicalRange(d.range),
    related,
  } as Diagnostic;
  // Optional members go between `related` and `url`, as declared: the keys are written in the order they are set.
  if (d.expected !== undefined) out.expected = d.expected;
  if (d.actual !== undefined) out.actual = d.actual;
  if (d.arithmetic !== undefined) out.arithmetic = canonicalArithmetic(d.arithmetic);
  out.url = d.url;
  return out;
}

function canonicalRange(r: Range): Range {
  return {
    start: { line: r.start.line, column: r.start.column },
    end: { line: r.end.line, column: r.end.column },
  };
}

export function canonicalArithmetic(a: Arithmetic): Arithmetic {
  const out: Arithmetic = {
    expression: a.expression,
    expected: a.expected,
    actual: a.actual,
    difference: a.difference,
    precision: a.precision,
  };
  if (a.operands !== undefined) out.operands = a.operands.map((o) => ({ label: o.label, value: o.value }));
  return out;
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort(compareStrings)) out[key] = record[key] as string;
  return out;
}
