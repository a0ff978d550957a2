import { type ReportDocument, reportYear } from '@crossfoot/core';

/** A report's issuer and year as the adapters read them: what pairs it with last year's report and what overviews show. */
export function issuerAndYear(doc: ReportDocument): { issuer?: string; year?: number } {
  const out: { issuer?: string; year?: number } = {};
  const issuer = doc.meta.issuer?.value;
  const year = reportYear(doc);
  if (issuer) out.issuer = issuer;
  if (year !== undefined && Number.isFinite(year)) out.year = year;
  return out;
}
