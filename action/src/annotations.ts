import * as core from '@actions/core';
import { compareDiagnostics, type Diagnostic, type Locale, SEVERITY_RANK, type Severity } from '@crossfoot/core';
import { github, toAnnotation } from '@crossfoot/formatters';

/** GitHub shows at most this many annotations of each level per step … */
export const STEP_LIMITS: Readonly<Record<Severity, number>> = Object.freeze({ error: 10, warning: 10, info: 10 });
/** … and this many per job. */
export const JOB_LIMIT = 50;

/** Errors first, then warnings, then infos; within a level in report order (uri, line, column, rule). */
export function bySeverityThenPosition(a: Diagnostic, b: Diagnostic): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareDiagnostics(a, b);
}

export interface AnnotationPlan {
  /** What becomes an annotation, in the order emitted. */
  shown: Diagnostic[];
  /** How many were left out, per level. */
  hidden: Record<Severity, number>;
}

/** The findings GitHub will actually show: the first of each level, by severity then position, within the step and job limits. */
export function planAnnotations(diagnostics: Diagnostic[], limits: Readonly<Record<Severity, number>> = STEP_LIMITS, jobLimit = JOB_LIMIT): AnnotationPlan {
  const shown: Diagnostic[] = [];
  const taken: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const hidden: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of [...diagnostics].sort(bySeverityThenPosition)) {
    if (taken[d.severity] < limits[d.severity] && shown.length < jobLimit) {
      shown.push(d);
      taken[d.severity]++;
    } else {
      hidden[d.severity]++;
    }
  }
  return { shown, hidden };
}

/** `@actions/core` annotation properties; columns only on single-line spans (the positions module decides). */
export function annotationProperties(d: Diagnostic): core.AnnotationProperties {
  const a = toAnnotation(d.range);
  const properties: core.AnnotationProperties = { title: d.ruleId, file: d.uri, startLine: a.line, endLine: a.endLine };
  if (a.col !== undefined && a.endColumn !== undefined) {
    properties.startColumn = a.col;
    properties.endColumn = a.endColumn;
  }
  return properties;
}

/**
 * The text of a finding's annotation: its message and, where arithmetic is involved, the arithmetic line.
 * The `github` formatter composes it; it is read back from that formatter's workflow command so the
 * Action, the check run and `crossfoot check --format github` always say the same thing.
 */
export function annotationText(d: Diagnostic, locale: Locale): string {
  const command = github({ diagnostics: [d], rules: [], files: [] }, { locale, color: false, toolVersion: '' }).replace(/\n$/, '');
  const start = command.indexOf('::', 2);
  return unescapeData(start < 0 ? d.message : command.slice(start + 2));
}

/** The inverse of the workflow-command escaping of a message (`%25`, `%0D`, `%0A`). */
function unescapeData(text: string): string {
  return text.replace(/%(25|0D|0A)/g, (_, code: string) => (code === '25' ? '%' : code === '0D' ? '\r' : '\n'));
}

/** Emits the planned annotations through `@actions/core`. */
export function emitAnnotations(plan: AnnotationPlan, locale: Locale): void {
  for (const d of plan.shown) {
    const emit = d.severity === 'error' ? core.error : d.severity === 'warning' ? core.warning : core.notice;
    emit(annotationText(d, locale), annotationProperties(d));
  }
}

export function hiddenCount(plan: AnnotationPlan): number {
  return plan.hidden.error + plan.hidden.warning + plan.hidden.info;
}
