import { isBlank } from './reading.ts';

/**
 * Visible text of HTML as a browser renders it, each character with the source span it came from.
 * Text node values are decoded (`&nbsp;` is one character, `\r\n` one line feed); `alignText` finds, for every
 * character of a value, the raw source it was decoded from, so ranges can point into the document as written.
 */

const ENTITY = /^&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{0,40});?/u;

/** Offsets in `raw` where each UTF-16 unit of `value` starts and ends (`raw` is the node's source text). */
export function alignText(value: string, raw: string): { starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(value.length);
  const ends = new Int32Array(value.length);
  const agrees = (sp: number, vp: number): boolean => {
    for (let i = 0; i < 4; i++) {
      const r = raw[sp + i];
      const v = value[vp + i];
      if (r === undefined) return v === undefined;
      if (r === '&' || r === '\r') return true;
      if (r !== v) return false;
    }
    return true;
  };
  let sp = 0;
  let vp = 0;
  while (vp < value.length) {
    if (sp >= raw.length) {
      starts[vp] = raw.length;
      ends[vp] = raw.length;
      vp++;
      continue;
    }
    const r = raw.charCodeAt(sp);
    const v = value.charCodeAt(vp);
    if (r === 38) {
      const entity = entityAt(raw, sp, value, vp, agrees);
      if (entity) {
        for (let k = 0; k < entity.decoded; k++) {
          starts[vp + k] = sp;
          ends[vp + k] = sp + entity.length;
        }
        vp += entity.decoded;
        sp += entity.length;
        continue;
      }
    }
    if (r === v) {
      starts[vp] = sp;
      ends[vp] = sp + 1;
      vp++;
      sp++;
    } else if (r === 13 && v === 10) {
      const length = raw.charCodeAt(sp + 1) === 10 ? 2 : 1;
      starts[vp] = sp;
      ends[vp] = sp + length;
      vp++;
      sp += length;
    } else if (v === 0xfffd && r === 0) {
      starts[vp] = sp;
      ends[vp] = sp + 1;
      vp++;
      sp++;
    } else {
      // Source the parser dropped (a NUL, the newline after `<pre>`): skip it.
      sp++;
    }
  }
  return { starts, ends };
}

function entityAt(
  raw: string,
  sp: number,
  value: string,
  vp: number,
  agrees: (sp: number, vp: number) => boolean,
): { length: number; decoded: number } | undefined {
  const m = ENTITY.exec(raw.slice(sp, sp + 48));
  if (!m) return undefined;
  // Legacy named references decode without `;` and take the longest known prefix: try the longest first.
  const high = value.charCodeAt(vp) >= 0xd800 && value.charCodeAt(vp) <= 0xdbff;
  for (let length = m[0].length; length >= 2; length--) {
    for (const decoded of high ? [2] : [1, 2]) {
      if (vp + decoded <= value.length && agrees(sp + length, vp + decoded)) return { length, decoded };
    }
    if (m[0][1] === '#') break;
  }
  return undefined;
}

/** Is this code point written without spaces between words (Han, kana, CJK punctuation, full-width forms)? */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

function collapsible(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

export interface VisibleLine {
  text: string;
  starts: number[];
  ends: number[];
}

/**
 * Gathers the visible text of one line (a paragraph, a heading, a cell): runs of white space collapse to one space,
 * a line break between two wide characters disappears (CSS Text segment-break rule: Chinese text wrapped in the
 * source reads as one word), blanks at either end are dropped.
 *
 * The line is kept as UTF-16 code units and made a string once, when it is taken: a string of each character, most
 * of them Chinese (which V8 keeps no table of one-character strings for), was an allocation per character.
 */
export class LineBuilder {
  private units: number[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private pending: { start: number; end: number; newline: boolean } | undefined;
  private last = 0;

  get empty(): boolean {
    return this.units.length === 0;
  }

  /**
   * Feeds a text node's value; `base` is where its raw source starts. A value that is its source as written (no
   * reference, which is the only markup `alignText` would find between them) is aligned with it unit by unit.
   */
  text(value: string, raw: string, base: number, preserve: boolean): void {
    const aligned = value === raw && !raw.includes('&') ? undefined : alignText(value, raw);
    for (let i = 0; i < value.length; ) {
      const unit = value.charCodeAt(i);
      const width = unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length && isLowSurrogate(value.charCodeAt(i + 1)) ? 2 : 1;
      const start = base + (aligned ? (aligned.starts[i] as number) : i);
      const end = base + (aligned ? (aligned.ends[i + width - 1] as number) : i + width);
      if (!preserve && collapsible(unit)) this.space(start, end, unit === 10 || unit === 13);
      else if (width === 2) this.put(unit, value.charCodeAt(i + 1), value.codePointAt(i) as number, start, end);
      else this.put(unit, -1, unit, start, end);
      i += width;
    }
  }

  /** White space standing for markup: a segment break (`<br>` in a heading, a paragraph inside a cell) or a space. */
  space(start: number, end: number, newline: boolean): void {
    if (this.pending) {
      this.pending.end = Math.max(this.pending.end, end);
      this.pending.newline ||= newline;
    } else {
      this.pending = { start, end, newline };
    }
  }

  /** Ends the line: its trimmed text, or undefined when nothing visible was fed. */
  take(): VisibleLine | undefined {
    let n = this.units.length;
    while (n > 0 && isBlank(this.units[n - 1] as number)) n--;
    const line = n === 0 ? undefined : { text: fromUnits(this.units, n), starts: this.starts.slice(0, n), ends: this.ends.slice(0, n) };
    this.units = [];
    this.starts = [];
    this.ends = [];
    this.pending = undefined;
    this.last = 0;
    return line;
  }

  /** A character: `unit`, and `low` after it when it is a surrogate pair (else -1), whose code point is `cp`. */
  private put(unit: number, low: number, cp: number, start: number, end: number): void {
    if (this.units.length === 0) {
      this.pending = undefined;
      if (isBlank(cp)) return;
    }
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      if (!(pending.newline && isWide(this.last) && isWide(cp))) this.add(32, pending.start, pending.end);
    }
    this.add(unit, start, end);
    if (low >= 0) this.add(low, start, end);
    this.last = cp;
  }

  private add(unit: number, start: number, end: number): void {
    this.units.push(unit);
    this.starts.push(start);
    this.ends.push(end);
  }
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Code units per call of `String.fromCharCode`: well within the arguments a call may be given. */
const UNITS_PER_CALL = 8192;

/** The first `n` of `units` as a string. */
function fromUnits(units: number[], n: number): string {
  if (n <= UNITS_PER_CALL) return String.fromCharCode.apply(null, n === units.length ? units : units.slice(0, n));
  let out = '';
  for (let i = 0; i < n; i += UNITS_PER_CALL) out += String.fromCharCode.apply(null, units.slice(i, Math.min(n, i + UNITS_PER_CALL)));
  return out;
}
