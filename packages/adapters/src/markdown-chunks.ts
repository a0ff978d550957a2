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
  let at = 0;
  while (at < text.length) {
    breaks.lastIndex = at;
    const br = breaks.exec(text);
    const lineEnd = br ? br.index : text.length;
    const next = br ? br.index + br[0].length : text.length;
    const line = text.slice(at, Math.min(lineEnd, at + 200));
    const blank = /^[ \t]*$/u.test(line) && (lineEnd - at <= 200 || /^[ \t]*$/u.test(text.slice(at, lineEnd)));
    if (fence) {
      const m = FENCE.exec(line);
      if (m && (m[1] as string)[0] === fence.char && (m[1] as string).length >= fence.length && /^[ \t]*$/u.test(line.slice(m[0].length))) fence = undefined;
    } else if (html) {
      if (html.test(text.slice(at, lineEnd))) html = undefined;
    } else {
      const c = line.charCodeAt(0);
      const atMargin = line.length > 0 && c !== 32 && c !== 9;
      if (previousBlank && atMargin && !LIST_ITEM.test(line) && at >= from && at - (starts.at(-1) as number) >= size) starts.push(at);
      const f = FENCE.exec(line);
      if (f) fence = { char: (f[1] as string)[0] as string, length: (f[1] as string).length };
      else {
        const block = HTML_BLOCKS.find(([open]) => open.test(line));
        if (block && !block[1].test(text.slice(at + 4, lineEnd))) html = block[1];
      }
    }
    previousBlank = blank && !fence && !html;
    at = next;
  }
  return starts;
}
