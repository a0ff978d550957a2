import type { Diagnostic, Locale, RuleMeta } from '@crossfoot/core';
import type { Summary } from './summary.ts';

/** A file that was checked, with its source text when available (used for excerpts and fingerprints). */
export interface FileSummary {
  uri: string;
  text?: string;
  /**
   * Only some lines of the file, by 1-based line number, when the whole text is not kept (batch runs,
   * merged reports): the lines `excerptLines` names for the file's findings are enough for every formatter.
   */
  lines?: Record<number, string>;
  /** The report's issuer and year as the adapters read them, for overviews. */
  issuer?: string;
  year?: number;
}

export interface FormatInput {
  diagnostics: Diagnostic[];
  rules: RuleMeta[];
  files: FileSummary[];
}

export interface FormatOptions {
  locale: Locale;
  color: boolean;
  toolVersion: string;
}

/** One file of a report and its findings, sorted as `sortDiagnostics` sorts them. */
export interface FileFindings {
  file: FileSummary;
  diagnostics: Diagnostic[];
  /**
   * The lines these findings show (`excerptLines`), when the producer knows them without the findings: a formatter
   * listing files before findings then need not read the findings twice.
   */
  shown?: number[];
  /** Each of `diagnostics` as the JSON report writes it (`jsonFinding`), when the producer keeps them so. */
  json?: string[];
  /**
   * The same as `json`, encoded as UTF-8 and separated by NUL bytes (which JSON text never holds), when the producer
   * keeps them so: the JSON report passes them on as they are, without decoding and encoding them again. Read when
   * the formatter comes to the file: a producer may read the next file's into the same memory, so the pieces of bytes
   * a report is rendered in are written or copied as they come (`ReportChunk`).
   */
  jsonBytes?: Uint8Array;
}

/**
 * A piece of a rendered report: text, or text already encoded as UTF-8. Bytes may be a view of memory used again for
 * the next piece: they are written or copied before the next piece is asked for.
 */
export type ReportChunk = string | Uint8Array;

/**
 * A report given a file at a time, for runs too large to hold every finding at once: the summary and rules
 * up front, then each file's findings read when the formatter comes to it.
 */
export interface ReportStream {
  summary: Summary;
  rules: RuleMeta[];
  /** Every file of `summary.perFile`, in that order, each with its findings. May be called more than once. */
  files(): Iterable<FileFindings>;
}
