import { readSync } from 'node:fs';

/** Bytes read from the file at a time; the buffer grows past it only for a single value larger than it. */
const CHUNK = 1 << 20;

/** A JSON text that is not what the reader expected, and where: `detail at byte n`. */
export class JsonShapeError extends Error {}

/**
 * A JSON object read from a file a member at a time, and the elements of the array members asked for one at a time
 * (`members`, `elements`), each parsed by `JSON.parse` on its own: a shard's JSON report of thousands of reports is
 * hundreds of MB, and parsed whole it took gigabytes of heap. Only the bytes of the value being read are held (the
 * largest element sets the buffer's size). The scan that finds where a value ends follows strings (and their escapes)
 * and brackets; `JSON.parse` of the value's bytes then checks the value itself, so a malformed one is refused with
 * `JSON.parse`'s reason and the byte it starts at. A general streaming JSON parser (stream-json) took 20 s for one
 * 208 MB report, where this takes about one.
 */
export class JsonMembers {
  private buffer: Buffer;
  /** The next byte to read, in `buffer`. */
  private at = 0;
  /** How many bytes `buffer` holds. */
  private end = 0;
  /** The offset in the file of `buffer[0]`. */
  private base = 0;
  private finished = false;
  /** Whether the member last given by `members` has had its value read. */
  private taken = true;

  /** Reads `fd` from where it is, `chunk` bytes at a time (tests read a few at a time). */
  constructor(
    private readonly fd: number,
    chunk = CHUNK,
  ) {
    this.buffer = Buffer.allocUnsafe(chunk);
  }

  /**
   * The object's member names in order, the reader left at each one's value: the caller reads it (`value`,
   * `elements`) or leaves it, and it is skipped. After the last member only white space may follow.
   */
  *members(): Generator<string> {
    this.expect(0x7b, '{');
    if (this.peek() === 0x7d) this.at++;
    else {
      for (;;) {
        if (this.peek() !== 0x22) this.fail('expected a member name');
        const name = this.parse();
        if (typeof name !== 'string') this.fail('expected a member name');
        this.expect(0x3a, ':');
        this.taken = false;
        yield name;
        if (!this.taken) this.skip();
        const next = this.peek();
        this.at++;
        if (next === 0x7d) break;
        if (next !== 0x2c) this.fail('expected , or } after a member', -1);
      }
    }
    if (this.peek() !== -1) this.fail('expected the end of the file after the object');
  }

  /** Bytes of the file read past so far: where the reader is in it. */
  get read(): number {
    return this.base + this.at;
  }

  /** The value at the reader, parsed. */
  value(): unknown {
    this.taken = true;
    return this.parse();
  }

  /** Whether the value at the reader is an array (its elements read by `elements`). */
  atArray(): boolean {
    return this.peek() === 0x5b;
  }

  /** The elements of the array at the reader, each parsed as it is reached. */
  *elements(): Generator<unknown> {
    this.taken = true;
    this.expect(0x5b, '[');
    if (this.peek() === 0x5d) {
      this.at++;
      return;
    }
    for (;;) {
      yield this.parse();
      const next = this.peek();
      this.at++;
      if (next === 0x5d) return;
      if (next !== 0x2c) this.fail('expected , or ] after an element', -1);
    }
  }

  /** The value at the reader parsed by `JSON.parse`, the reader moved past it. */
  private parse(): unknown {
    const end = this.valueEnd();
    const from = this.at;
    try {
      return JSON.parse(this.buffer.toString('utf8', from, end));
    } catch (error) {
      this.fail((error as Error).message);
    } finally {
      this.at = end;
    }
  }

  /** Moves the reader past the value at it, checked as it is parsed, not kept. */
  private skip(): void {
    this.parse();
  }

  /**
   * Where the value at the reader ends in `buffer` (the value's first byte moved to `at` if more had to be read): a
   * string at its closing quote, an object or array at the bracket that closes it, anything else (a number, `true`…)
   * before the next comma, bracket or white space.
   */
  private valueEnd(): number {
    const first = this.peek();
    if (first === -1) this.fail('the file ends where a value was expected');
    let i = this.at + 1;
    let depth = first === 0x7b || first === 0x5b ? 1 : 0;
    let inString = first === 0x22;
    let escaped = false;
    const scalar = depth === 0 && !inString;
    for (;;) {
      const buffer = this.buffer;
      const end = this.end;
      for (; i < end; i++) {
        const c = buffer[i] as number;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) {
            inString = false;
            if (depth === 0) return i + 1;
          }
        } else if (scalar) {
          if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return i;
        } else if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (--depth === 0) return i + 1;
        }
      }
      const start = this.at;
      if (!this.more()) {
        if (scalar) return this.end;
        this.fail('the file ends inside a value');
      }
      // `more` moved the value's bytes to the start of the buffer.
      i -= start - this.at;
    }
  }

  /** The next byte that is not white space, not taken; -1 at the end of the file. */
  private peek(): number {
    for (;;) {
      const buffer = this.buffer;
      while (this.at < this.end) {
        const c = buffer[this.at] as number;
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
        this.at++;
      }
      if (!this.more()) return -1;
    }
  }

  private expect(byte: number, what: string): void {
    if (this.peek() !== byte) this.fail(`expected ${what}`);
    this.at++;
  }

  /**
   * Reads more of the file after what `buffer` holds, keeping the bytes from `at` on, moved to its start (the buffer
   * doubled when they fill it); false at the end of the file. The value being read starts at `at`, so it is kept whole.
   */
  private more(): boolean {
    if (this.finished) return false;
    if (this.at > 0) {
      this.buffer.copy(this.buffer, 0, this.at, this.end);
      this.base += this.at;
      this.end -= this.at;
      this.at = 0;
    }
    if (this.end === this.buffer.length) {
      const larger = Buffer.allocUnsafe(2 * this.buffer.length);
      this.buffer.copy(larger, 0, 0, this.end);
      this.buffer = larger;
    }
    const n = readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, null);
    if (n === 0) {
      this.finished = true;
      return false;
    }
    this.end += n;
    return true;
  }

  /** Stops with `detail` and the byte of the file it is about: the reader's, or `shift` bytes from it. */
  private fail(detail: string, shift = 0): never {
    throw new JsonShapeError(`${detail} at byte ${this.base + this.at + shift}`);
  }
}
