import type { Timings } from '@crossfoot/core';

/**
 * What `CROSSFOOT_TIMING` asks of a check: nothing (unset, empty or `0`), a table of the ten slowest rules, every rule
 * (`all`), or one JSON object (`json`) for tools. As ESLint's `TIMING`: pack authors see which rules cost the most on
 * their reports, and a benchmark reads the share of a run the rules take from the run itself.
 */
export type TimingMode = 'table' | 'all' | 'json';

export function timingMode(value: string | undefined): TimingMode | undefined {
  if (value === undefined || value === '' || value === '0') return undefined;
  return value === 'all' || value === 'json' ? value : 'table';
}

/** Rules listed by the plain table. */
const LISTED_RULES = 10;

export interface TimingSummary {
  /**
   * Reports checked in this run, counted at each check: a report checked again against last year's report (batch.ts)
   * counts twice; those answered from the cache not at all.
   */
  reports: number;
  read: number;
  check: number;
  recognise: number;
  /** The rules' own checks, together. */
  rules: number;
  /** Each rule's own check, slowest first (ties by id). */
  byRule: [string, number][];
}

export function timingSummary(timings: Timings): TimingSummary {
  const byRule: [string, number][] = [];
  for (const [part, ms] of timings.entries()) if (part.startsWith('rule:')) byRule.push([part.slice(5), ms]);
  byRule.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    reports: timings.documents,
    read: timings.get('read'),
    check: timings.get('check'),
    recognise: timings.get('recognise'),
    rules: byRule.reduce((sum, [, ms]) => sum + ms, 0),
    byRule,
  };
}

const ms = (v: number) => v.toFixed(1);

/** The summary as stderr shows it (`table`, `all`), or as one line of JSON (`json`), milliseconds to a tenth. */
export function timingText(summary: TimingSummary, mode: TimingMode): string {
  if (mode === 'json') {
    const round = (v: number) => Math.round(v * 10) / 10;
    return `${JSON.stringify({
      reports: summary.reports,
      read: round(summary.read),
      check: round(summary.check),
      recognise: round(summary.recognise),
      rules: round(summary.rules),
      byRule: Object.fromEntries(summary.byRule.map(([id, v]) => [id, round(v)])),
    })}\n`;
  }
  const rest = Math.max(0, summary.check - summary.recognise - summary.rules);
  const parts: [string, number][] = [
    ['reading', summary.read],
    ['checking', summary.check],
    ['  recognising packs', summary.recognise],
    ["  rules' own checks", summary.rules],
    ['  json-rules-engine, conditions, messages', rest],
  ];
  const listed = mode === 'all' ? summary.byRule : summary.byRule.slice(0, LISTED_RULES);
  const idWidth = Math.max(4, ...listed.map(([id]) => id.length));
  const lines = [
    `Timing: ${summary.reports} check${summary.reports === 1 ? '' : 's'} of a report (ms, summed over the threads that made them)`,
    ...parts.map(([label, v]) => `${label.padEnd(44)}${ms(v).padStart(10)}`),
    '',
    `${'Rule'.padEnd(idWidth)}  ${'ms'.padStart(10)}  ${'share of rules'.padStart(14)}`,
    ...listed.map(
      ([id, v]) => `${id.padEnd(idWidth)}  ${ms(v).padStart(10)}  ${`${summary.rules > 0 ? ((v / summary.rules) * 100).toFixed(1) : '0.0'} %`.padStart(14)}`,
    ),
  ];
  if (listed.length < summary.byRule.length) lines.push(`(${listed.length} of ${summary.byRule.length} rules; CROSSFOOT_TIMING=all lists every one)`);
  return `${lines.join('\n')}\n`;
}
