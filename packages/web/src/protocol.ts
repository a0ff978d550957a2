import type { Diagnostic, Locale, Localized, Severity } from '@crossfoot/core';

/** A report handed to the checker: the bytes of a file, or pasted text. */
export interface ReportInput {
  name: string;
  bytes?: ArrayBuffer;
  text?: string;
}

export interface PackInfo {
  id: string;
  title?: Localized;
  abstract: boolean;
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  description?: Localized;
  /** The rule's doc page (Markdown), when it has one. */
  doc?: string;
}

export interface FileResult {
  uri: string;
  text: string;
  format: string;
  /** Packs the document declares or that recognise it (what "automatic" applies). */
  recognised: string[];
  /** Packs actually applied. */
  applied: string[];
  diagnostics: Diagnostic[];
  /** The report of the year before found among the files, for previous-report rules. */
  previous?: string;
}

export type Request =
  | { type: 'check'; id: number; locale: Locale; pack?: string; files?: ReportInput[] }
  | { type: 'export'; id: number; format: ExportFormat; locale: Locale };

/** Milliseconds spent reading (decoding, parsing) and checking, in the worker. */
export interface Timing {
  read: number;
  check: number;
}

export type ExportFormat = 'json' | 'sarif' | 'markdown';

export type Response =
  | { type: 'ready'; packs: PackInfo[] }
  /** The checker has been warmed up (see `WebChecker.warmUp`), in this many milliseconds. */
  | { type: 'warm'; ms: number }
  | { type: 'result'; id: number; files: FileResult[]; rules: Record<string, RuleInfo>; timing: Timing }
  | { type: 'exported'; id: number; text: string; fileName: string; mime: string }
  | { type: 'error'; id: number; message: string };
