import type { Diagnostic, Severity } from '@crossfoot/core';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { toLspRange } from './positions.ts';

export const SOURCE = 'crossfoot';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity] ?? DiagnosticSeverity.Information;
}

/**
 * A crossfoot finding as an LSP diagnostic. `lspUri` turns the finding's document uri (relative to the
 * session folder) back into the editor's uri, for the operands listed as related information.
 */
export function toLspDiagnostic(d: Diagnostic, lspUri: (uri: string) => string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(d.range),
    severity: toLspSeverity(d.severity),
    source: SOURCE,
    code: d.ruleId,
    message: d.message,
  };
  if (d.url) out.codeDescription = { href: d.url };
  if (d.related.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: lspUri(r.uri), range: toLspRange(r.range) }, message: r.label }));
  }
  return out;
}
