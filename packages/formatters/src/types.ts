import type { Diagnostic, Locale, RuleMeta } from '@crossfoot/core';

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

export type Formatter = (input: FormatInput, options: FormatOptions) => string;
