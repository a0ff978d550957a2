import type { Diagnostic, Locale, RuleMeta } from '@crossfoot/core';

/** A file that was checked, with its source text when available (used for excerpts and fingerprints). */
export interface FileSummary {
  uri: string;
  text?: string;
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
