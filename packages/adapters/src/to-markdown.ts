import { LineIndex, type ReportDocument, type Table } from '@crossfoot/core';
import { stringify } from 'yaml';

/**
 * Writes a report as Markdown with YAML front matter and GFM tables, keeping its narrative as written,
 * so that reading the result back gives the same facts (`crossfoot import`).
 */
export function toMarkdown(doc: ReportDocument): string {
  if (doc.format === 'markdown') return doc.text;
  const index = new LineIndex(doc.text);
  const front = frontMatter(doc);
  const out: string[] = [`---\n${front}---`, ''];
  const tableAt = new Map<number, Table>();
  for (const t of doc.tables) tableAt.set(t.range.start.line, t);
  const headingLines = new Set(doc.sections.map((s) => s.range.start.line));
  const title = doc.meta.title;
  let line = 1;
  if (title) {
    out.push(`# ${title.value}`, '');
    line = title.range.end.line + 1;
  }
  while (line <= index.lineCount) {
    const table = tableAt.get(line);
    if (table) {
      out.push(gfmTable(table), '');
      line = table.range.end.line + (table.range.end.column > 1 ? 1 : 0);
      continue;
    }
    const text = (doc.format === 'docx' ? shownText(index.lineText(line)) : index.lineText(line)).trim();
    if (text) out.push(headingLines.has(line) ? `## ${text}` : escapeLine(text), '');
    line++;
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function frontMatter(doc: ReportDocument): string {
  const m = doc.meta;
  const data: Record<string, unknown> = {};
  if (m.title) data.title = m.title.value;
  if (m.issuer) data.issuer = m.issuer.value;
  if (m.year) data.year = m.year.value;
  if (m.period) data.period = { start: m.period.value.start, end: m.period.value.end };
  if (m.published) data.published = m.published.value;
  if (m.packs) data.packs = m.packs.value;
  return Object.keys(data).length ? stringify(data) : '';
}

function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

function gfmTable(table: Table): string {
  const header = [table.labelHeader ?? '', ...table.columns.map((c) => c.label)];
  const rows = table.rows.map((r) => [r.label, ...table.columns.map((_, i) => r.cells[i]?.text ?? '')]);
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A line of a Word document's text — its HTML, a paragraph a line — as the words it shows. */
function shownText(line: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return line.replace(/<[^>]*>/gu, '').replace(/&(amp|lt|gt|quot|#39);/gu, (_, name: string) => entities[name] ?? '');
}

/** Keeps a narrative line from being read as Markdown syntax (a heading, list, quote or rule). */
function escapeLine(text: string): string {
  return text.replace(/^([#>+\-*]|\d+[.)]\s)/u, '\\$1');
}
