import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CrossfootError, type Diagnostic, type RuleMeta } from '@crossfoot/core';
import type { FileSummary, FormatInput } from '@crossfoot/formatters';

/** A `--format json` report as read back: what a formatter needs to render it again. */
export interface ReadReport {
  name: string;
  version: string;
  input: FormatInput;
}

interface JsonReport {
  tool?: { name?: string; version?: string };
  files?: { uri?: unknown; issuer?: unknown; year?: unknown; lines?: unknown }[];
  diagnostics?: unknown[];
  rules?: RuleMeta[];
}

/** Reads `crossfoot check --format json` reports; anything else stops with a usage error naming the file. */
export function readReports(cwd: string, names: string[]): ReadReport[] {
  return names.map((name) => {
    let data: JsonReport;
    try {
      data = JSON.parse(readFileSync(resolve(cwd, name), 'utf8')) as JsonReport;
    } catch (error) {
      throw new CrossfootError('usage', `cannot read ${name} as a JSON report: ${(error as Error).message}`);
    }
    if (data?.tool?.name !== 'crossfoot' || !Array.isArray(data.files) || !Array.isArray(data.diagnostics)) {
      throw new CrossfootError('usage', `${name} is not a crossfoot JSON report (crossfoot check --format json)`);
    }
    const files: FileSummary[] = data.files.map((f) => {
      const file: FileSummary = { uri: String(f.uri) };
      if (typeof f.issuer === 'string') file.issuer = f.issuer;
      if (typeof f.year === 'number') file.year = f.year;
      if (f.lines && typeof f.lines === 'object') {
        const lines: Record<number, string> = {};
        for (const [n, text] of Object.entries(f.lines as Record<string, unknown>)) if (typeof text === 'string') lines[Number(n)] = text;
        file.lines = lines;
      }
      return file;
    });
    return {
      name,
      version: String(data.tool.version ?? ''),
      input: { files, diagnostics: data.diagnostics as Diagnostic[], rules: Array.isArray(data.rules) ? data.rules : [] },
    };
  });
}

/**
 * The reports of the shards of one run as that run's report: files, findings and rules together. The
 * formatters sort everything, so the result renders byte for byte as the whole run's report would. A file
 * in two reports means they are not shards of one run, and so do reports of different crossfoot versions.
 */
export function mergeReports(reports: ReadReport[]): FormatInput {
  const seen = new Map<string, string>();
  const out: FormatInput = { files: [], diagnostics: [], rules: [] };
  const version = reports[0]?.version;
  for (const r of reports) {
    if (r.version !== version)
      throw new CrossfootError(
        'usage',
        `${r.name} was written by crossfoot ${r.version}, ${reports[0]?.name} by ${version}: check every shard with one version`,
      );
    for (const f of r.input.files) {
      const other = seen.get(f.uri);
      if (other !== undefined) throw new CrossfootError('usage', `${f.uri} is in both ${other} and ${r.name}: merge the reports of distinct shards of one run`);
      seen.set(f.uri, r.name);
      out.files.push(f);
    }
    out.diagnostics.push(...r.input.diagnostics);
    out.rules.push(...r.input.rules);
  }
  return out;
}
