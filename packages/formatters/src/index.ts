import { csv, csvReportChunks } from './csv.ts';
import { github, githubReportChunks } from './github.ts';
import { html, htmlReportChunks } from './html.ts';
import { asText, json, jsonFinding, jsonReportChunks, reportStream } from './json.ts';
import { junit, junitReportChunks } from './junit.ts';
import { markdown, markdownReportChunks } from './markdown.ts';
import { type FormatterName, formatterNames } from './names.ts';
import { sarif, sarifReportChunks } from './sarif.ts';
import { stylish, stylishReportChunks } from './stylish.ts';
import type { FormatInput, FormatOptions, ReportChunk, ReportStream } from './types.ts';

export { type FormatterName, formatterNames } from './names.ts';
export type { Annotation, SarifRegion } from './positions.ts';
export { toAnnotation, toSarifRegion } from './positions.ts';
export { excerptLines } from './source.ts';
export type { Summary } from './summary.ts';
export { SummaryBuilder, summarize } from './summary.ts';
export type { FileFindings, FileSummary, FormatInput, FormatOptions, ReportChunk, ReportStream } from './types.ts';
export { csv, github, html, json, jsonFinding, junit, markdown, reportStream, sarif, stylish };

/** Each formatter for a report given a file at a time: every one holds one file's findings at a time. */
const streamed: Record<FormatterName, (report: ReportStream, options: FormatOptions) => Iterable<ReportChunk>> = {
  stylish: stylishReportChunks,
  json: jsonReportChunks,
  sarif: sarifReportChunks,
  junit: junitReportChunks,
  github: githubReportChunks,
  markdown: markdownReportChunks,
  html: htmlReportChunks,
  csv: csvReportChunks,
};

/** Renders `input` with the named formatter. Pure: same input, byte-identical output. */
export function format(name: FormatterName, input: FormatInput, options: FormatOptions): string {
  return [...formatChunks(name, input, options)].map(asText).join('');
}

/** Renders `input` in pieces whose concatenation is `format`'s text, a file at a time (`formatReport`). */
export function formatChunks(name: FormatterName, input: FormatInput, options: FormatOptions): Iterable<ReportChunk> {
  return formatReport(name, reportStream(input), options);
}

/**
 * Renders a report given a file at a time (`ReportStream`), in pieces, holding one file's findings at a time. The text
 * is `format`'s for the same findings.
 */
export function formatReport(name: FormatterName, report: ReportStream, options: FormatOptions): Iterable<ReportChunk> {
  const formatter = streamed[name];
  if (!formatter) throw new Error(`Unknown formatter "${String(name)}"; expected one of ${formatterNames.join(', ')}`);
  return formatter(report, options);
}

/** Every file and finding of a report given a file at a time, as one input. */
export function gather(report: ReportStream): FormatInput {
  const diagnostics = [];
  const files = [];
  for (const { file, diagnostics: found } of report.files()) {
    files.push(file);
    for (const d of found) diagnostics.push(d);
  }
  return { diagnostics, rules: report.rules, files };
}
