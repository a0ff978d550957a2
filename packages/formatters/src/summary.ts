import { type Diagnostic, type RuleMeta, SEVERITY_RANK, type Severity } from '@crossfoot/core';
import type { FormatInput, ReportStream } from './types.ts';

export interface FileCounts {
  uri: string;
  errors: number;
  warnings: number;
  infos: number;
}

export interface Summary {
  files: number;
  filesWithErrors: number;
  filesWithWarnings: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Every file, sorted by uri (files with findings but missing from `input.files` included). */
  perFile: FileCounts[];
  /** Rules that fired, most frequent first, then by id, each with the highest severity of its findings. */
  perRule: { ruleId: string; count: number; severity: Severity }[];
  /** Packs whose rules fired (the part of the rule id before `/`), most frequent first, then by id. */
  perPack: { pack: string; count: number }[];
}

export function summarize(input: FormatInput): Summary {
  const builder = new SummaryBuilder();
  for (const file of input.files) builder.file(file.uri);
  for (const d of input.diagnostics) builder.count(d.uri, d.ruleId, d.severity);
  return builder.build();
}

/**
 * A summary gathered a file and a rule at a time, so that a run can summarize findings it does not hold all at once.
 * `summarize` is this builder over the whole input.
 */
export class SummaryBuilder {
  private readonly perFile = new Map<string, FileCounts>();
  private readonly perRule = new Map<string, { count: number; severity: Severity }>();
  private readonly totals = { errors: 0, warnings: 0, infos: 0 };

  /** Lists a file, with or without findings. */
  file(uri: string): FileCounts {
    let counts = this.perFile.get(uri);
    if (!counts) {
      counts = { uri, errors: 0, warnings: 0, infos: 0 };
      this.perFile.set(uri, counts);
    }
    return counts;
  }

  /** Counts `count` findings of `ruleId` at `severity` in `uri` (which is listed if it was not). */
  count(uri: string, ruleId: string, severity: Severity, count = 1): void {
    this.countFile(uri, severity, count);
    this.countRule(ruleId, severity, count);
  }

  /** Counts `count` findings at `severity` in `uri` (listed if it was not), for a caller counting rules apart. */
  countFile(uri: string, severity: Severity, count = 1): void {
    const key = counterKey(severity);
    this.totals[key] += count;
    this.file(uri)[key] += count;
  }

  /** Counts `count` findings of `ruleId` at `severity`, for a caller counting files apart. */
  countRule(ruleId: string, severity: Severity, count = 1): void {
    const rule = this.perRule.get(ruleId);
    if (!rule) this.perRule.set(ruleId, { count, severity });
    else {
      rule.count += count;
      if (SEVERITY_RANK[severity] < SEVERITY_RANK[rule.severity]) rule.severity = severity;
    }
  }

  build(): Summary {
    const files = [...this.perFile.values()].sort((a, b) => compareStrings(a.uri, b.uri));
    const perPack = new Map<string, number>();
    for (const [ruleId, { count }] of this.perRule) {
      const pack = packOf(ruleId);
      perPack.set(pack, (perPack.get(pack) ?? 0) + count);
    }
    return {
      files: files.length,
      filesWithErrors: files.filter((f) => f.errors > 0).length,
      filesWithWarnings: files.filter((f) => f.warnings > 0).length,
      errors: this.totals.errors,
      warnings: this.totals.warnings,
      infos: this.totals.infos,
      perFile: files.map((f) => ({ ...f })),
      perRule: [...this.perRule]
        .map(([ruleId, { count, severity }]) => ({ ruleId, count, severity }))
        .sort((a, b) => b.count - a.count || compareStrings(a.ruleId, b.ruleId)),
      perPack: [...perPack].map(([pack, count]) => ({ pack, count })).sort((a, b) => b.count - a.count || compareStrings(a.pack, b.pack)),
    };
  }
}

/** The pack part of a rule id (`<pack>/<rule>`); engine problems belong to `crossfoot`. */
export function packOf(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash < 0 ? ruleId : ruleId.slice(0, slash);
}

export function counterKey(severity: Severity): 'errors' | 'warnings' | 'infos' {
  return severity === 'error' ? 'errors' : severity === 'warning' ? 'warnings' : 'infos';
}

/** Code-unit order, independent of the host's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Diagnostics grouped by uri, in uri order, each group in diagnostic order (input already sorted). */
export function groupByUri(sorted: Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of sorted) {
    const group = groups.get(d.uri);
    if (group) group.push(d);
    else groups.set(d.uri, [d]);
  }
  return groups;
}

/** One entry per rule id, sorted by id; if an id is listed twice the choice does not depend on input order. */
export function uniqueRules(rules: RuleMeta[]): RuleMeta[] {
  const keyed = rules.map((rule) => ({ rule, key: JSON.stringify(rule) }));
  keyed.sort((a, b) => compareStrings(a.rule.id, b.rule.id) || compareStrings(a.key, b.key));
  const out: RuleMeta[] = [];
  for (const { rule } of keyed) if (out.at(-1)?.id !== rule.id) out.push(rule);
  return out;
}

/**
 * The first finding, in report order, of each rule that fired but is not among `known` (an engine problem, a plugin's
 * rule): where a formatter takes such a rule's severity and docs address from. The files are read only while such a
 * rule is still unaccounted for, so a report whose rules are all known is not read for it.
 */
export function firstOfUnknownRules(report: ReportStream, known: ReadonlySet<string>): Map<string, Diagnostic> {
  const wanted = new Set<string>();
  for (const r of report.summary.perRule) if (!known.has(r.ruleId)) wanted.add(r.ruleId);
  const first = new Map<string, Diagnostic>();
  if (wanted.size === 0) return first;
  for (const f of report.files()) {
    for (const d of f.diagnostics) if (wanted.delete(d.ruleId)) first.set(d.ruleId, d);
    if (wanted.size === 0) break;
  }
  return first;
}
