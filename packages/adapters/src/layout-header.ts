import type { LineIndex } from '@crossfoot/core';
import type { Chunk } from './layout-lines.ts';
import type { SourceCell } from './table.ts';

/** A column of a layout table: the display columns its figures occupy across the rows. */
export interface Band {
  col: number;
  colEnd: number;
}

const center = (x: { col: number; colEnd: number }): number => (x.col + x.colEnd) / 2;

interface Part {
  text: string;
  chunk: Chunk;
}

/**
 * The header cells of a layout table, label column first, from its header lines (top to bottom).
 *
 * Pieces entirely left of the first column make the label column's header, joined as one wrapped text. Every other piece
 * belongs to the column nearest its centre. Read from the bottom line up, a piece over a column that has nothing
 * below it is that column's own header (it may stand on any line: a header spanning two rows is printed between
 * them); a piece over a column that already has a header is a group over the run of columns centred under it —
 * joined with `/` (`法人或其他组织/商业企业`) — or, over a single column, the first line of a wrapped header. A group
 * over every column is the table's title and names no column.
 */
export function headerCells(lines: Chunk[][], bands: Band[], labelEnd: number, index: LineIndex): SourceCell[] {
  const levels: Part[][] = bands.map(() => []);
  const top: number[] = bands.map(() => Number.POSITIVE_INFINITY);
  // The lines a column's header spans, groups included: their middle says in which header row it stands.
  const bottom: number[] = bands.map(() => Number.POSITIVE_INFINITY);
  const middle = (b: number) => ((top[b] as number) + (bottom[b] as number)) / 2;
  const labelParts: Chunk[][] = [];
  const spacing = medianSpacing(bands);
  const tolerance = Math.max(2, 0.6 * spacing);

  for (let li = lines.length - 1; li >= 0; li--) {
    const line = lines[li] as Chunk[];
    labelParts.unshift(line.filter((c) => c.colEnd <= labelEnd));
    const anchored = anchor(
      line.filter((c) => c.colEnd > labelEnd),
      bands,
    );
    const leaf = anchored.map((a) => top[a.band] === Number.POSITIVE_INFINITY);
    for (const [k, a] of anchored.entries()) {
      if (!leaf[k]) continue;
      levels[a.band]?.unshift({ text: a.text, chunk: a.chunk });
      top[a.band] = li;
      bottom[a.band] = li;
    }
    const claimed = new Set(anchored.filter((_, k) => leaf[k]).map((a) => a.band));
    for (const [k, a] of anchored.entries()) {
      if (leaf[k]) continue;
      const floor = top[a.band] as number;
      // A group reaches over columns whose headers start no higher than its own column's, and stand in the same
      // header row as most of them: a header spanning two rows, printed between them, is beside the group, not under.
      const extend = (lo: number, hi: number, ok: (b: number) => boolean): [number, number] => {
        let from = a.band;
        let to = a.band;
        while (from - 1 >= lo && ok(from - 1)) from--;
        while (to + 1 <= hi && ok(to + 1)) to++;
        return [from, to];
      };
      const reach = ([lo, hi]: [number, number]): [number, number] => {
        const under = (b: number) => !claimed.has(b) && (top[b] as number) >= floor;
        const [from, to] = extend(lo, hi, under);
        // Over a group already, the columns beside that group stand in its header row: all of them are under this one.
        // Headers on the group's own line (cells aligned at the top) are kept out by the floor alone.
        if ((levels[a.band]?.length ?? 0) > 1 || leaf.some(Boolean)) return [from, to];
        // The header row of the columns right under the piece (or of its own column) is the one it heads.
        const middles: number[] = [];
        for (let b = from; b <= to; b++) {
          const c = center(bands[b] as Band);
          if (c >= a.chunk.col && c <= a.chunk.colEnd) middles.push(middle(b));
        }
        if (middles.length === 0) middles.push(middle(a.band));
        middles.sort((p, q) => p - q);
        const row = middles[Math.floor(middles.length / 2)] as number;
        return extend(from, to, (b) => Math.abs(middle(b) - row) < 1);
      };
      // Centred closely (text laid out from a PDF's positions), a group may reach up to a neighbouring group's
      // column; else (`pdftotext` rounding) it is centred within a tolerance, halfway to a neighbouring group.
      let [x, y] = centredRun(bands, ...reach(bounds(anchored, leaf, k, bands.length, true)), a.band, center(a.chunk), Math.max(1, tolerance / 2.4));
      if (x === y) [x, y] = centredRun(bands, ...reach(bounds(anchored, leaf, k, bands.length, false)), a.band, center(a.chunk), tolerance);
      // A piece narrower than a column, nearer the centre of its own column than of the run, is the first line of
      // that column's wrapped header (`法律` over `服务` over `机构`), not a group.
      if (y > x && a.chunk.colEnd - a.chunk.col < spacing) {
        const mid = center(a.chunk);
        const run = (center(bands[x] as Band) + center(bands[y] as Band)) / 2;
        if (Math.abs(mid - center(bands[a.band] as Band)) < Math.abs(mid - run)) [x, y] = [a.band, a.band];
      }
      for (let b = x; b <= y; b++) claimed.add(b);
      if (x === y) {
        const own = levels[x]?.[0];
        if (own) own.text = joinWrapped(a.text, own.text);
        else levels[x]?.unshift({ text: a.text, chunk: a.chunk });
      } else if (x > 0 || y < bands.length - 1) {
        for (let b = x; b <= y; b++) levels[b]?.unshift({ text: a.text, chunk: a.chunk });
      }
      for (let b = x; b <= y; b++) top[b] = li;
    }
  }

  const label = labelParts.flat();
  const first = label[0];
  const last = label.at(-1);
  const cells: SourceCell[] = [
    first && last ? { text: label.map((c) => c.text.trim()).join(''), range: index.range(first.start, last.end) } : { text: '', range: index.range(0, 0) },
  ];
  for (const parts of levels) {
    const own = parts.at(-1);
    cells.push({
      text: parts.map((p) => p.text).join('/'),
      range: own ? index.range(own.chunk.start, own.chunk.end) : index.range(0, 0),
    });
  }
  return cells;
}

/** Two lines of one wrapped text: Chinese runs on, other words keep a space between them. */
export function joinWrapped(a: string, b: string): string {
  const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
  return cjk.test(a.at(-1) ?? '') || cjk.test(b[0] ?? '') ? a + b : `${a} ${b}`;
}

interface Anchored {
  band: number;
  text: string;
  chunk: Chunk;
}

/** Each piece with the column nearest its centre; pieces over the same column are one header, read left to right. */
function anchor(chunks: Chunk[], bands: Band[]): Anchored[] {
  const out: Anchored[] = [];
  for (const chunk of chunks) {
    let best = 0;
    for (let b = 1; b < bands.length; b++) {
      if (Math.abs(center(bands[b] as Band) - center(chunk)) < Math.abs(center(bands[best] as Band) - center(chunk))) best = b;
    }
    const prev = out.at(-1);
    if (prev && prev.band === best) {
      prev.text = joinWrapped(prev.text, chunk.text);
      prev.chunk = { ...prev.chunk, colEnd: chunk.colEnd, end: chunk.end };
    } else {
      out.push({ band: best, text: chunk.text, chunk });
    }
  }
  return out;
}

/** How far a group may reach: up to a neighbouring column header, and halfway (or, `far`, all the way) to a neighbouring group's column. */
function bounds(anchored: Anchored[], leaf: boolean[], k: number, count: number, far: boolean): [number, number] {
  const here = (anchored[k] as Anchored).band;
  const left = anchored[k - 1];
  const right = anchored[k + 1];
  const lo = left === undefined ? 0 : leaf[k - 1] || far ? left.band + 1 : Math.floor((left.band + here) / 2) + 1;
  const hi = right === undefined ? count - 1 : leaf[k + 1] || far ? right.band - 1 : Math.ceil((right.band + here) / 2) - 1;
  return [Math.min(lo, here), Math.max(hi, here)];
}

/** The widest run of columns within `from..to`, holding `at`, whose centre lies under the piece's centre. */
function centredRun(bands: Band[], from: number, to: number, at: number, mid: number, tolerance: number): [number, number] {
  let best: [number, number] = [at, at];
  for (let x = from; x <= at; x++) {
    for (let y = to; y >= at; y--) {
      if (y - x <= best[1] - best[0]) break;
      const runCentre = (center(bands[x] as Band) + center(bands[y] as Band)) / 2;
      if (Math.abs(runCentre - mid) <= tolerance) best = [x, y];
    }
  }
  return best;
}

function medianSpacing(bands: Band[]): number {
  const gaps = bands.slice(1).map((b, i) => center(b) - center(bands[i] as Band));
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] as number;
}
