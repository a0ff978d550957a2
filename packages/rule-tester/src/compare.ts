import type { Diagnostic } from '@crossfoot/core';
import type { ExpectedError } from './cases.ts';

/** Whether a rule id written in a test (full or short) names the rule `fullId`. */
export function sameRule(written: string, fullId: string): boolean {
  if (written === fullId) return true;
  const short = (id: string) => id.slice(id.indexOf('/') + 1);
  return !written.includes('/') && written === short(fullId);
}

export function byPosition(a: ExpectedError, b: ExpectedError): number {
  return a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Compares what a rule reported with what the case expects, one to one in order.
 * Returns the differences as readable text; empty when they agree.
 */
export function compareErrors(expected: ExpectedError[], actual: Diagnostic[]): string[] {
  const want = [...expected].sort(byPosition);
  if (actual.length === 0) {
    return [`the rule reported nothing; expected ${count(want.length)}:\n${want.map((e) => `  ${showExpected(e)}`).join('\n')}`];
  }
  if (want.length !== actual.length) {
    return [
      `expected ${count(want.length)} but the rule reported ${actual.length}:\n` +
        `  expected:\n${want.map((e) => `    ${showExpected(e)}`).join('\n')}\n` +
        `  actual:\n${actual.map((d) => `    ${showActual(d)}`).join('\n')}`,
    ];
  }
  const out: string[] = [];
  want.forEach((e, i) => {
    const d = actual[i] as Diagnostic;
    const fields = differences(e, d);
    if (fields.length === 0) return;
    out.push(`error ${i + 1} of ${want.length} differs in ${fields.join(', ')}:\n  expected  ${showExpected(e)}\n  actual    ${showActual(d)}`);
  });
  return out;
}

function differences(e: ExpectedError, d: Diagnostic): string[] {
  const out: string[] = [];
  if (e.ruleId !== undefined && !sameRule(e.ruleId, d.ruleId)) out.push('ruleId');
  if (e.messageId !== d.messageId) out.push('messageId');
  if (e.line !== d.range.start.line) out.push('line');
  if (e.column !== undefined && e.column !== d.range.start.column) out.push('column');
  if (e.endLine !== undefined && e.endLine !== d.range.end.line) out.push('endLine');
  if (e.endColumn !== undefined && e.endColumn !== d.range.end.column) out.push('endColumn');
  for (const [key, value] of Object.entries(e.data ?? {})) {
    if (d.data[key] !== value) out.push(`data.${key}`);
  }
  if (e.severity !== undefined && e.severity !== d.severity) out.push('severity');
  return out;
}

/** `demo/x parts-exceed at 4:9–4:12 (error) {total: "320"}`, showing only what the expectation asserts. */
export function showExpected(e: ExpectedError): string {
  const at = e.column === undefined ? `at line ${e.line}` : `at ${e.line}:${e.column}`;
  const end = e.endLine !== undefined || e.endColumn !== undefined ? `–${e.endLine ?? '?'}:${e.endColumn ?? '?'}` : '';
  const severity = e.severity ? ` (${e.severity})` : '';
  const data = e.data && Object.keys(e.data).length ? ` ${showData(e.data)}` : '';
  return `${e.ruleId ? `${e.ruleId} ` : ''}${e.messageId} ${at}${end}${severity}${data}`;
}

/** `demo/x parts-exceed at 4:9–4:12 (error) {…} "rendered message"`. */
export function showActual(d: Diagnostic): string {
  const { start, end } = d.range;
  const data = Object.keys(d.data).length ? ` ${showData(d.data)}` : '';
  return `${d.ruleId} ${d.messageId} at ${start.line}:${start.column}–${end.line}:${end.column} (${d.severity})${data} ${JSON.stringify(d.message)}`;
}

function showData(data: Record<string, string>): string {
  return `{ ${Object.entries(data)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')} }`;
}

function count(n: number): string {
  return n === 1 ? '1 error' : `${n} errors`;
}
