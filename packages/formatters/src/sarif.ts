import type { Diagnostic, RuleMeta, Severity } from '@crossfoot/core';
import type * as Sarif from 'sarif';
import { lineFingerprints } from './fingerprint.ts';
import { canonicalArithmetic, indentedJson, reportStream } from './json.ts';
import { toSarifRegion } from './positions.ts';
import { Sources } from './source.ts';
import { compareStrings, firstOfUnknownRules, uniqueRules } from './summary.ts';
import type { FormatInput, FormatOptions, ReportStream } from './types.ts';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/crossfoot/crossfoot';
/** Key under `partialFingerprints`; bump the version if the recipe changes. */
export const FINGERPRINT_KEY = 'crossfootLineHash/v1';

/** SARIF 2.1.0 log with one run (DESIGN §5), columns in UTF-16 code units like crossfoot's ranges. */
export function sarif(input: FormatInput, options: FormatOptions): string {
  return [...sarifReportChunks(reportStream(input), options)].join('');
}

/** Where the run's results go in the log `sarifReportChunks` writes around them: the last member of the run. */
const RESULTS = '"results": []';
/** A result's depth in the log: the log, `runs`, the run, `results`. */
const RESULT_DEPTH = 4;
const BEFORE_RESULT = `\n${' '.repeat(2 * RESULT_DEPTH)}`;

/**
 * `sarif`'s log for a report given a file at a time: the log around the results written by `JSON.stringify`, then each
 * file's results, holding one file's at a time. A rule that fired but is not among the report's rules is looked for in
 * the findings before the log starts (`firstOfUnknownRules`), which reads them only when there is one.
 */
export function* sarifReportChunks(report: ReportStream, options: FormatOptions): Generator<string> {
  const known = uniqueRules(report.rules);
  const unknown = firstOfUnknownRules(report, new Set(known.map((r) => r.id)));
  const rules = driverRules(known, [...unknown.values()], options);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uris = report.summary.perFile.map((f) => f.uri);
  const artifactIndex = new Map(uris.map((uri, i) => [uri, i]));

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crossfoot',
            version: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        language: options.locale,
        columnKind: 'utf16CodeUnits',
        artifacts: uris.map((uri) => ({ location: { uri: toUriReference(uri) } })),
        results: [],
      },
    ],
  };
  const around = `${JSON.stringify(log, null, 2)}\n`;
  const at = around.lastIndexOf(RESULTS);
  const closing = `\n${' '.repeat(2 * (RESULT_DEPTH - 1))}]${around.slice(at + RESULTS.length)}`;
  let first = true;

  const location = (uri: string, range: Diagnostic['range']): Sarif.PhysicalLocation => ({
    artifactLocation: { uri: toUriReference(uri), index: artifactIndex.get(uri) as number },
    region: toSarifRegion(range),
  });

  for (const { file, diagnostics } of report.files()) {
    if (diagnostics.length === 0) continue;
    const sources = new Sources({ files: [file], diagnostics: [], rules: [] });
    // Fingerprints tell apart findings of one file (their key holds its uri), so a file's are made alone.
    const fingerprints = lineFingerprints(
      diagnostics,
      diagnostics.map((d) => sources.line(d.uri, d.range.start.line) ?? ''),
    );
    const results = diagnostics.map((d, i) => {
      const result: Sarif.Result = {
        ruleId: d.ruleId,
        ruleIndex: ruleIndex.get(d.ruleId) as number,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: location(d.uri, d.range) }],
      };
      if (d.related.length > 0) {
        result.relatedLocations = d.related.map((r, id) => ({
          id,
          physicalLocation: location(r.uri, r.range),
          message: { text: r.label },
        }));
      }
      result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprints[i] as string };
      const properties = resultProperties(d);
      if (properties) result.properties = properties;
      return BEFORE_RESULT + indentedJson(result, RESULT_DEPTH);
    });
    yield `${first ? around.slice(0, at + RESULTS.length - 1) : ','}${results.join(',')}`;
    first = false;
  }
  yield first ? around : closing;
}

/** Every rule in `rules` plus any rule id seen only in diagnostics, sorted by id. */
function driverRules(rules: RuleMeta[], diagnostics: Diagnostic[], options: FormatOptions): Sarif.ReportingDescriptor[] {
  const byId = new Map<string, Sarif.ReportingDescriptor>();
  for (const rule of uniqueRules(rules)) {
    byId.set(rule.id, {
      id: rule.id,
      shortDescription: { text: rule.description[options.locale] },
      helpUri: rule.url,
      defaultConfiguration: { level: sarifLevel(rule.severity) },
    });
  }
  for (const d of diagnostics) {
    if (byId.has(d.ruleId)) continue;
    byId.set(d.ruleId, {
      id: d.ruleId,
      shortDescription: { text: d.ruleId },
      helpUri: d.url,
      defaultConfiguration: { level: sarifLevel(d.severity) },
    });
  }
  return [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
}

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

function resultProperties(d: Diagnostic): Sarif.PropertyBag | undefined {
  const properties: Sarif.PropertyBag = {};
  if (d.expected !== undefined) properties.expected = d.expected;
  if (d.actual !== undefined) properties.actual = d.actual;
  if (d.arithmetic !== undefined) properties.arithmetic = canonicalArithmetic(d.arithmetic);
  return Object.keys(properties).length > 0 ? properties : undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A relative path as a URI reference: forward slashes, no leading `./`, each segment
 * percent-encoded (so spaces, `#` and Chinese file names stay valid URIs).
 */
export function toUriReference(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment.replace(LONE_SURROGATE, '\ufffd')))
    .join('/');
}
