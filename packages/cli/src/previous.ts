import { labelKey, type ReportDocument, reportYear } from '@crossfoot/core';

/** The same issuer's report for the year before, among the documents of one run. */
export function findPrevious(doc: ReportDocument, docs: ReportDocument[]): ReportDocument | undefined {
  const issuer = doc.meta.issuer?.value;
  const year = reportYear(doc);
  if (!issuer || year === undefined) return undefined;
  const key = labelKey(issuer);
  return docs.find((d) => d !== doc && d.meta.issuer && labelKey(d.meta.issuer.value) === key && reportYear(d) === year - 1);
}
