import stringWidth from 'string-width';

/**
 * Makes text safe to print on one terminal line: tabs become spaces and other control
 * characters (which could move the cursor or inject escape sequences) become U+FFFD.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Display width in terminal columns (East-Asian wide characters count 2). */
export function displayWidth(text: string): number {
  return stringWidth(text);
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
