import type { Severity } from '@crossfoot/core';
import { stripMarkers } from './markers.ts';

/** One diagnostic an invalid case must produce. */
export interface ExpectedError {
  messageId: string;
  line: number;
  /** 1-based, UTF-16 code units. Left out, only the line is asserted (as `<!-- expect: … -->` markers do). */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Asserted key by key: every key given must equal the diagnostic's; other keys are not compared. */
  data?: Record<string, string>;
  severity?: Severity;
  /** Full id `<pack>/<rule>` or short name; when given, the diagnostic must come from that rule. */
  ruleId?: string;
}

export interface ValidCase {
  name?: string;
  /** The report text. */
  code: string;
  format?: 'markdown' | 'text' | 'yaml' | 'html';
  /** The report's file name; decides the format when `format` is not given (default `report.md`). */
  filename?: string;
  /** Last year's report text, for previous-report rules; read in the same format. */
  previous?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export interface RuleCases {
  valid: (ValidCase | string)[];
  invalid: InvalidCase[];
}

/** A case as the tester runs it: normalised, labelled, and with any problem found before running. */
export interface PlannedCase {
  kind: 'valid' | 'invalid';
  /** `valid 1 "…"`: how problems name the case. */
  label: string;
  /** The test title. */
  title: string;
  case: ValidCase & { errors?: ExpectedError[] };
  /** Refusals found without running the rule (duplicate, no expected error, malformed expectation). */
  refusals: string[];
}

const TITLE_LENGTH = 60;

/** Normalises the table, names every case and refuses duplicates and malformed ones. */
export function planCases(cases: RuleCases, messageIds: readonly string[]): PlannedCase[] {
  if (!cases || !Array.isArray(cases.valid) || !Array.isArray(cases.invalid)) {
    throw new TypeError('rule cases must be an object with `valid` and `invalid` arrays');
  }
  const planned: PlannedCase[] = [];
  const seen = new Map<string, string>();
  const add = (kind: 'valid' | 'invalid', index: number, raw: ValidCase | InvalidCase | string) => {
    const c = typeof raw === 'string' ? { code: raw } : raw;
    const refusals: string[] = [];
    const title = titleOf(c, index);
    const label = `${kind} ${index + 1} ${JSON.stringify(title)}`;
    if (!c || typeof c.code !== 'string') {
      refusals.push('a case needs `code`, the report text, as a string');
    } else {
      // Markers are not part of the report: two fixtures differing only in markers test the same thing.
      const key = JSON.stringify([stripMarkers(c.code), c.previous === undefined ? null : stripMarkers(c.previous), c.format ?? null, c.filename ?? null]);
      const twin = seen.get(key);
      if (twin) refusals.push(`duplicate of ${twin}: the same code is tested twice`);
      else seen.set(key, label);
    }
    if (kind === 'invalid') refusals.push(...refuseExpectations((c as InvalidCase).errors, messageIds));
    planned.push({ kind, label, title: `${kind}: ${title}`, case: c, refusals });
  };
  for (const [i, c] of cases.valid.entries()) add('valid', i, c);
  for (const [i, c] of cases.invalid.entries()) add('invalid', i, c);
  return planned;
}

function titleOf(c: ValidCase | undefined, index: number): string {
  if (c?.name) return c.name;
  const first = typeof c?.code === 'string' ? c.code.split(/\r\n|\r|\n/u).find((l) => l.trim() !== '' && l.trim() !== '---') : undefined;
  if (!first) return `case ${index + 1}`;
  const line = first.trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

function refuseExpectations(errors: unknown, messageIds: readonly string[]): string[] {
  if (!Array.isArray(errors) || errors.length === 0) return ['an invalid case must expect at least one error'];
  const out: string[] = [];
  errors.forEach((e: Partial<ExpectedError> | undefined, i) => {
    const which = `expected error ${i + 1}`;
    if (!e || typeof e !== 'object') {
      out.push(`${which} must be an object with messageId, line and column`);
      return;
    }
    if (typeof e.messageId !== 'string' || e.messageId === '') out.push(`${which} lacks a messageId`);
    else if (!messageIds.includes(e.messageId)) out.push(`${which}: "${e.messageId}" is not a messageId of this rule (it has: ${messageIds.join(', ')})`);
    if (!isPositiveInteger(e.line)) out.push(`${which} lacks a line (a positive integer)`);
    for (const key of ['column', 'endLine', 'endColumn'] as const) {
      if (e[key] !== undefined && !isPositiveInteger(e[key])) out.push(`${which}: ${key} must be a positive integer`);
    }
  });
  return out;
}

function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}
