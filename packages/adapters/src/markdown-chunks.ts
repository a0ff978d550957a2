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
  let fence: { char: string; length: number } | undefined;
  let html: RegExp | undefined;
  let previousBlank = false;
  const breaks = /\r\n?|\n/gu;
  const returns = text.includes('\r');
  let at = 0;
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
      if (previousBlank && atMargin && at >= from && at - (starts.at(-1) as number) >= size && !LIST_ITEM.test(line())) starts.push(at);
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
  return starts;
}
