/** GitHub refuses a job summary larger than 1 MiB per step. */
export const SUMMARY_LIMIT = 1024 * 1024;
/** A check run's `output.summary` holds at most 65 535 characters (fewer bytes never exceed it). */
export const CHECK_RUN_SUMMARY_LIMIT = 65_535;

export interface FittedSummary {
  text: string;
  /** Findings listed. */
  shown: number;
  /** Findings cut to stay within the budget (each counted in the closing line). */
  omitted: number;
}

/** One `### file` section of the markdown formatter: heading and table head, one row per finding, what follows. */
interface Section {
  head: string[];
  rows: string[];
  tail: string[];
}

const bytes = (lines: string[]): number => lines.reduce((n, line) => n + Buffer.byteLength(line, 'utf8') + 1, 0);

/**
 * Fits the markdown formatter's report into `budget` bytes. The totals and the per-rule table always stay;
 * per-file tables follow row by row (one row is one finding) until the budget is reached, then one line
 * from `more(omitted)` says how many findings were cut and where they are. Rows are never split.
 */
export function fitSummary(markdown: string, budget: number, more: (omitted: number) => string): FittedSummary {
  const { head, sections } = parse(markdown);
  const total = sections.reduce((n, s) => n + s.rows.length, 0);
  if (Buffer.byteLength(markdown, 'utf8') <= budget) return { text: markdown, shown: total, omitted: 0 };

  // The closing line for the worst case (every finding cut) bounds the room it needs.
  const reserve = bytes(['', more(total)]);
  const out = [...head];
  let used = bytes(head);
  let shown = 0;
  for (const section of sections) {
    const first = section.rows[0];
    if (first !== undefined && used + bytes([...section.head, first]) + reserve > budget) break;
    out.push(...section.head);
    used += bytes(section.head);
    let listed = 0;
    for (const row of section.rows) {
      const size = bytes([row]);
      if (used + size + reserve > budget) break;
      out.push(row);
      used += size;
      listed++;
    }
    shown += listed;
    if (listed < section.rows.length) break;
    const tail = used + bytes(section.tail) + reserve <= budget ? section.tail : [''];
    out.push(...tail);
    used += bytes(tail);
  }
  const omitted = total - shown;
  while (out.length > 0 && out.at(-1) === '') out.pop();
  if (omitted > 0) out.push('', more(omitted));
  return { text: `${out.join('\n')}\n`, shown, omitted };
}

/**
 * Splits the markdown formatter's output: everything before the first `### ` heading (title, totals, rules),
 * then per file the heading and table head, the finding rows, and the lines after the table.
 */
function parse(markdown: string): { head: string[]; sections: Section[] } {
  const lines = markdown.replace(/\n$/, '').split('\n');
  const head: string[] = [];
  const sections: Section[] = [];
  let section: Section | undefined;
  let tableLines = 0;
  for (const line of lines) {
    if (line.startsWith('### ')) {
      section = { head: [line], rows: [], tail: [] };
      sections.push(section);
      tableLines = 0;
    } else if (!section) {
      head.push(line);
    } else if (line.startsWith('|') && section.tail.length === 0) {
      // The first two table lines are its header and alignment row; every later one is a finding.
      if (tableLines++ < 2) section.head.push(line);
      else section.rows.push(line);
    } else if (tableLines === 0) {
      section.head.push(line);
    } else {
      section.tail.push(line);
    }
  }
  return { head, sections };
}
