import { csv } from './csv.ts';
import { github } from './github.ts';
import { html } from './html.ts';
import { json, jsonChunks } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { type FormatterName, formatterNames } from './names.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';
import type { FormatInput, FormatOptions, Formatter } from './types.ts';

export { type FormatterName, formatterNames } from './names.ts';
export type { Annotation, SarifRegion } from './positions.ts';
export { toAnnotation, toSarifRegion } from './positions.ts';
export { excerptLines } from './source.ts';
export type { Summary } from './summary.ts';
export { summarize } from './summary.ts';
export type { FileSummary, FormatInput, FormatOptions } from './types.ts';
export { csv, github, html, json, junit, markdown, sarif, stylish };

const formatters: Record<FormatterName, Formatter> = { stylish, json, sarif, junit, github, markdown, html, csv };

/** Renders `input` with the named formatter. Pure: same input, byte-identical output. */
export function format(name: FormatterName, input: FormatInput, options: FormatOptions): string {
  const formatter = formatters[name];
  if (!formatter) throw new Error(`Unknown formatter "${String(name)}"; expected one of ${formatterNames.join(', ')}`);
  return formatter(input, options);
}

/**
 * Renders `input` in pieces whose concatenation is `format`'s text: the JSON report a file or a finding at a
 * time (the one that grows largest with a batch), the others whole.
 */
export function formatChunks(name: FormatterName, input: FormatInput, options: FormatOptions): Iterable<string> {
  return name === 'json' ? jsonChunks(input, options) : [format(name, input, options)];
}
