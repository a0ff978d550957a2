import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';

/**
 * Makes text safe to print on one terminal line: tabs become spaces and other control
 * characters (which could move the cursor or inject escape sequences) become U+FFFD.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/**
 * Text whose width is the sum of its characters' East Asian widths, as string-width measures it: printable ASCII and
 * Latin-1 (no soft hyphen, and no `©` or `®`, which are emoji), general punctuation, CJK symbols and punctuation (no
 * combining tone marks), kana, CJK ideographs, and full- and half-width forms (no half-width filler, nor the
 * half-width sound marks, which join the character before them). No two of these join into one grapheme, none is
 * zero-width or an emoji on its own, and string-width counts the ambiguous ones (`“`, `…`, `—`) narrow. Most of what
 * a report says is such text, measured here without grapheme segmentation, which costs about 16 ms to set up.
 */
const PLAIN_WIDTH =
  /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u00ff\u2010-\u2027\u3000-\u3029\u3031-\u303c\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff9d\uffa1-\uffbe\uffe0-\uffe6]*$/;

/** Display width in terminal columns (East-Asian wide characters count 2). */
export function displayWidth(text: string): number {
  if (!PLAIN_WIDTH.test(text)) return stringWidth(text);
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    width += c < 0x7f ? 1 : eastAsianWidth(c);
  }
  return width;
}

export function padEndDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartDisplay(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** The longest suffix of `text` at most `width` columns wide (whole code points). */
export function takeEndByWidth(text: string, width: number): string {
  const points = Array.from(text);
  let used = 0;
  let i = points.length;
  while (i > 0) {
    const w = displayWidth(points[i - 1] as string);
    if (used + w > width) break;
    used += w;
    i--;
  }
  return points.slice(i).join('');
}

/** The longest prefix of `text` at most `width` columns wide (whole code points). */
export function takeStartByWidth(text: string, width: number): string {
  const points = Array.from(text);
  let used = 0;
  let i = 0;
  while (i < points.length) {
    const w = displayWidth(points[i] as string);
    if (used + w > width) break;
    used += w;
    i++;
  }
  return points.slice(0, i).join('');
}
