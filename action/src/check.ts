import type { CheckResult, FileEntry, Session } from 'crossfoot';
import { readReportFile } from 'crossfoot';

/**
 * Checks `selected`, a subset of `all`. Every file of `all` is read, so rules that compare a report with
 * the issuer's previous one still find it when only this year's report changed.
 */
export async function checkFiles(session: Session, all: FileEntry[], selected: FileEntry[]): Promise<CheckResult> {
  if (selected.length === all.length) return session.run(all);
  const docs = [];
  for (const f of all) docs.push(await readReportFile(f.path, f.uri));
  const wanted = new Set(selected.map((f) => f.uri));
  const checked = docs.filter((d) => wanted.has(d.uri));
  const diagnostics = [];
  for (const doc of checked) diagnostics.push(...(await session.checkDocument(doc, docs)));
  return { diagnostics, rules: session.rulesFor(diagnostics), files: checked.map((d) => ({ uri: d.uri, text: d.text })), docs: checked };
}
