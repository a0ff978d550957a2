import { lastAtOrBefore } from '@crossfoot/core';

/**
 * The CommonMark parser rewrites its whole event list at every setext heading, list and block quote, so its time
 * grows with the square of a document's length once those are many (4,000 short lists: half a minute). Split
 * where nothing can carry across — a blank line, then a line at the margin that continues no list, code fence or
 * HTML block — the blocks come out the same, and each piece is parsed on its own.
 */
export const MARKDOWN_CHUNK = 8 * 1024;

export const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/u;
/** HTML blocks that run past blank lines (CommonMark types 1–5), by how they open, with what closes them. */
export const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/iu, /<\/(?:script|pre|style|textarea)>/iu],
  [/^ {0,3}<!--/u, /-->/u],
  [/^ {0,3}<\?/u, /\?>/u],
  [/^ {0,3}<![A-Za-z]/u, />/u],
  [/^ {0,3}<!\[CDATA\[/u, /\]\]>/u],
];

/** Offsets where the pieces start: `[0]` for a document shorter than a piece; `from` is the end of front matter. */
export function chunkStarts(text: string, from: number, size = MARKDOWN_CHUNK): number[] {
  const starts = [0];
  if (text.length <= size) return starts;
  scan(text, from, size, starts, 0, undefined);
  return starts;
}

/**
 * The offsets where the pieces of `text` start, from those of an earlier text (`before`, the same `from` and `size`)
 * that shares `prefix` characters with it at its beginning and `suffix` at its end (its length changed by `delta`).
 * The starts whose line lies in the shared beginning stand; the text is scanned again from the last of them until it
 * starts a piece inside the shared end where the earlier text started one too: from there on both scans make the
 * same steps, and the earlier starts are taken, moved by `delta`.
 */
export function chunkStartsAfter(
  before: readonly number[],
  text: string,
  from: number,
  shared: { prefix: number; suffix: number; delta: number },
  size = MARKDOWN_CHUNK,
  returns = text.includes('\r'),
): number[] {
  const starts = [0];
  if (text.length <= size) return starts;
  const { prefix, suffix, delta } = shared;
  for (let k = 1; k < before.length; k++) {
    const at = before[k] as number;
    if (lineEndAt(text, at, returns) >= prefix) break;
    starts.push(at);
  }
  const syncFrom = text.length - suffix;
  let stop = -1;
  scan(text, from, size, starts, starts.at(-1) as number, (at) => {
    if (at < syncFrom || before[lastAtOrBefore(before, at - delta)] !== at - delta) return false;
    stop = at - delta;
    return true;
  });
  if (stop >= 0) for (const at of before) if (at > stop) starts.push(at + delta);
  return starts;
}

/** Where the line starting at `at` ends (its line break, or the end of the text). */
function lineEndAt(text: string, at: number, returns: boolean): number {
  if (!returns) {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end;
  }
  let end = at;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return end;
}

/**
 * Scans `text` from offset `start` (0, or where a piece starts: nothing open there) and adds where pieces start to
 * `starts`; stops after a start for which `stop` says true.
 */
function scan(text: string, from: number, size: number, starts: number[], start: number, stop: ((at: number) => boolean) | undefined): void {
  let fence: { char: string; length: number } | undefined;
  let html: RegExp | undefined;
  // At a piece's start the line before was blank (the start itself is not added again: it is too near the last).
  let previousBlank = start > 0;
  const breaks = /\r\n?|\n/gu;
  const returns = text.includes('\r');
  let at = start;
  while (at < text.length) {
    let lineEnd: number;
    let next: number;
    if (returns) {
      breaks.lastIndex = at;
      const br = breaks.exec(text);
      lineEnd = br ? br.index : text.length;
      next = br ? br.index + br[0].length : text.length;
    } else {
      const br = text.indexOf('\n', at);
      lineEnd = br < 0 ? text.length : br;
      next = br < 0 ? text.length : br + 1;
    }
    // The first character that is not a blank: only a line whose first one is a backtick or tilde can be a fence,
    // only one whose first one is `<` can open an HTML block, so the patterns are tried on those alone.
    let first = at;
    while (first < lineEnd && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const blank = first === lineEnd;
    const lead = blank ? -1 : text.charCodeAt(first);
    const line = (): string => text.slice(at, Math.min(lineEnd, at + 200));
    if (fence) {
      const m = lead === 96 || lead === 126 ? FENCE.exec(line()) : null;
      if (m && (m[1] as string)[0] === fence.char && (m[1] as string).length >= fence.length && /^[ \t]*$/u.test(line().slice(m[0].length))) fence = undefined;
    } else if (html) {
      if (html.test(text.slice(at, lineEnd))) html = undefined;
    } else {
      const atMargin = !blank && first === at;
      if (previousBlank && atMargin && at >= from && at - (starts.at(-1) as number) >= size && !LIST_ITEM.test(line())) {
        starts.push(at);
        if (stop?.(at)) return;
      }
      const f = lead === 96 || lead === 126 ? FENCE.exec(line()) : null;
      if (f) fence = { char: (f[1] as string)[0] as string, length: (f[1] as string).length };
      else if (lead === 60) {
        const opening = line();
        const block = HTML_BLOCKS.find(([open]) => open.test(opening));
        if (block && !block[1].test(text.slice(at + 4, lineEnd))) html = block[1];
      }
    }
    previousBlank = blank && !fence && !html;
    at = next;
  }
}
