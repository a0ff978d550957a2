import type { DateMention, LineIndex, ReportMeta, Section, Statement } from '@crossfoot/core';

/**
 * Narrative reading shared by every adapter: numeric claims and dates in running text,
 * and report metadata inferred from the text when no front matter states it.
 * Ranges are computed on `index.text`, the document as written.
 */

export interface NarrativeFindings {
  statements: Statement[];
  dates: DateMention[];
}

/** Reads statements and dates from `index.text.slice(from, to)`, a paragraph or list item. */
export function extractNarrative(
  index: LineIndex,
  from: number,
  to: number,
  section: string[],
): NarrativeFindings {
  void index;
  void from;
  void to;
  void section;
  return { statements: [], dates: [] };
}

/** Infers title, issuer, year, stated period and publication date from a document's text. */
export function inferMeta(index: LineIndex, sections: Section[]): ReportMeta {
  void index;
  void sections;
  return {};
}
