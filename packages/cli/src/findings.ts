import { transcode } from 'node:buffer';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CrossfootError, type Diagnostic, type RuleMeta, type Severity, sortDiagnostics } from '@crossfoot/core';
import { excerptLines, type FileSummary, jsonFinding, type ReportStream, SummaryBuilder } from '@crossfoot/formatters';

/** A report's findings and the lines they show, as a batch keeps them until the run's report is written. */
export interface Findings {
  diagnostics: Diagnostic[];
  lines: Record<number, string>;
}

/**
 * A report's findings in the form the store keeps them (`keptForm`), made by the thread that checked the report: the
 * main thread, which gathers every thread's reports, then only counts them and writes their bytes.
 */
export interface Kept {
  /** The lines the findings show (JSON), the report's own findings (`jsonFinding`, NUL between them) and findings located in other reports (JSON), in UTF-8, one after another. */
  bytes: Uint8Array;
  /** The byte length of each of the three. */
  lengths: [number, number, number];
  /** The report's own findings, sorted, as pairs: the first line, and the lines after it times four plus the severity (`SPAN`). */
  spans: Int32Array;
  /** Every finding's uri, severity and rule: what the store counts. */
  counted: Pick<Diagnostic, 'uri' | 'severity' | 'ruleId'>[];
}

/**
 * Numbers a finding takes in `Kept.spans`: its first line, then the count of lines after it times four plus its severity
 * (0–2, as `SEVERITIES`). A text V8 can hold has fewer than 2^29 lines, so the second fits. With three numbers each (the
 * severity on its own) the store's pool was the largest block the main thread kept on a long run: 2 MB on 10,000 reports.
 */
const SPAN = 2;

/** The severity of the finding whose span begins at `i`. */
function spanSeverity(spans: Int32Array, i: number): Severity {
  return SEVERITIES[(spans[i + 1] as number) & 3] as Severity;
}

/** How many findings of each severity a report has (`errors`, `warnings`, `infos`). */
export type Counts = [number, number, number];

/** Severities in the order of `Counts`. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Where in a `FindingStore` row the lengths of `Kept`, the `Counts` and the spans' start and length are, and the row's size. */
const LENGTHS = 0;
const COUNTS = 3;
const SPANS = 6;
const FIELDS = 8;

/**
 * Kept findings gathered before they are written (`FindingStore.write`): one write for the findings of a dozen reports,
 * where one each cost the main thread about 67 ms of 1,000 reports' 3 s. Reports' findings larger than this are written
 * as they come.
 */
export const PENDING_BYTES = 1 << 19;

/** The largest buffer `FindingStore.jsonBytesOf` keeps for its next call. */
const KEPT_SCRATCH = 1 << 20;

/**
 * A block to read `size` bytes into and keep for the next read: `kept` when it is large enough, else a larger one (at
 * least twice `kept`, at most `KEPT_SCRATCH`); undefined when `size` is beyond that, for a block of the read's own.
 */
function roomFor(kept: Buffer, size: number): Buffer | undefined {
  if (size <= kept.length) return kept;
  if (size > KEPT_SCRATCH) return undefined;
  return Buffer.allocUnsafe(Math.min(KEPT_SCRATCH, Math.max(size, 2 * kept.length)));
}

function slot(severity: Severity): 0 | 1 | 2 {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}

/**
 * `uri`'s findings in the form a `FindingStore` keeps them. Each finding is rendered here as the JSON report will write
 * it, once, and read back as text or parsed as objects; a raw NUL never occurs in JSON text (JSON.stringify escapes it),
 * so it can separate them. The three parts are encoded into one buffer of their own, which one write keeps (a write is
 * a system call, tens of µs here) and which crosses from a worker thread without the pooled memory a small `Buffer`
 * shares with others.
 */
export function keptForm(uri: string, findings: Findings): Kept {
  const counted: Kept['counted'] = [];
  const elsewhere: Diagnostic[] = [];
  const mine: Diagnostic[] = [];
  for (const d of findings.diagnostics) {
    counted.push({ uri: d.uri, severity: d.severity, ruleId: d.ruleId });
    (d.uri === uri ? mine : elsewhere).push(d);
  }
  const own = sortDiagnostics(mine);
  const spans = new Int32Array(own.length * SPAN);
  for (let i = 0; i < own.length; i++) {
    const d = own[i] as Diagnostic;
    spans[i * SPAN] = d.range.start.line;
    spans[i * SPAN + 1] = (d.range.end.line - d.range.start.line) * 4 + slot(d.severity);
  }
  // Joined and measured by hand, not by `map`: a list mapped from none has another map than one mapped from some, and
  // meeting it threw away this function's optimised code.
  let rendered = '';
  for (let i = 0; i < own.length; i++) rendered += (i ? '\u0000' : '') + jsonFinding(own[i] as Diagnostic);
  const lines = JSON.stringify(findings.lines);
  const others = JSON.stringify(elsewhere);
  // The three texts are JSON, which has no lone surrogate (JSON.stringify escapes one), so ICU converts them whole.
  const bytes = utf8(lines, rendered, others);
  const lengths: [number, number, number] = [Buffer.byteLength(lines, 'utf8'), 0, Buffer.byteLength(others, 'utf8')];
  lengths[1] = bytes.length - lengths[0] - lengths[2];
  return { bytes, lengths, spans, counted };
}

/**
 * The block `utf8` copies texts into as UTF-16, kept for the next call (a thread's reports are kept one at a time), up
 * to `KEPT_UTF16` bytes: a report with more findings than that takes a block of its own, freed with it, so that one
 * long report does not leave a thread holding its size for the rest of the run.
 */
let utf16Block = Buffer.allocUnsafeSlow(0);
const KEPT_UTF16 = 1 << 20;

/**
 * Texts in UTF-8, one after the other, in a buffer of their own (which a worker thread hands over whole, thread.ts
 * `movable`). Node 20 measures and encodes a string holding other than Latin-1 (the Chinese of a report's findings)
 * with V8's character-by-character encoder, twice over for a length and the bytes; its UTF-16 copied out and
 * converted by ICU's `transcode` takes about half the instructions (callgrind, a batch of 100 reports). The UTF-16 is
 * copied into one block used again for every report, which is memory the process has touched already (a block of its
 * own each time was new memory, about 12 µs a page on the bench's machine), and the texts are converted together, so
 * their bytes are not copied once more into one buffer. ICU turns down a lone surrogate: the texts must have none.
 */
function utf8(...texts: string[]): Buffer {
  let units = 0;
  for (const text of texts) units += text.length;
  if (2 * units > KEPT_UTF16) return converted(Buffer.allocUnsafeSlow(2 * units), texts);
  if (utf16Block.length < 2 * units) utf16Block = Buffer.allocUnsafeSlow(Math.min(KEPT_UTF16, Math.max(2 * units, 2 * utf16Block.length, 65_536)));
  return converted(utf16Block, texts);
}

/** `texts` copied into `block` as UTF-16, one after the other, and converted to UTF-8 in a buffer of their own. */
function converted(block: Buffer, texts: string[]): Buffer {
  let at = 0;
  for (const text of texts) at += block.write(text, at, 'utf16le');
  return transcode(block.subarray(0, at), 'utf16le', 'utf8');
}

/**
 * The findings of a batch's reports, by uri, until the run's report is rendered from them. Each report's findings go to
 * one file as they come (gathered into blocks of `PENDING_BYTES`), written as the JSON report writes them, and are read
 * back a report at a time (as that text, or parsed). In memory the store keeps only counts (each report's by severity,
 * the run's by rule and severity) and where each report's findings start and end. Held in memory, a run's findings
 * were most of its live heap, and V8 lets the heap grow to about four times what is live before it collects: 10,000
 * reports peaked at 1.23 GiB. A report checked again (against last year's report) replaces what it had.
 */
export class FindingStore {
  /**
   * Each report's slot: its row in `offsets` and `fields`. A report's bookkeeping is a few numbers in shared typed
   * arrays, not an entry in each of three maps holding an object, two arrays and a typed array (with its buffer) of its
   * own: the main thread keeps it for every report of the run, and V8 sizes a heap by what is live in it.
   */
  private readonly slots = new Map<string, number>();
  /** By slot: where the report's kept bytes start in the file, or -1 while none are (a write that failed). */
  private offsets = new Float64Array(64);
  /** By slot, `FIELDS` numbers: the three lengths of `Kept`, the three `Counts`, where its spans start in `spanPool` and how many numbers they are. */
  private fields = new Int32Array(64 * FIELDS);
  /** Each report's own findings as `Kept.spans` gives them, one report after another: the lines they show, without reading them. */
  private spanPool = new Int32Array(1024);
  private spanEnd = 0;
  /** Findings by rule and severity over the run, keyed `<severity index><rule id>`. */
  private readonly perRule = new Map<string, number>();
  /** Reports with findings located in another report (a plugin's, say), by the uri those findings name. */
  private readonly elsewhere = new Map<string, Set<string>>();
  private fd: number | undefined;
  /** Where the next kept bytes go in the file: what is written, and after it what is `pending`. */
  private end = 0;
  /** Kept bytes not written yet, the last `pendingLength` before `end` (`PENDING_BYTES`). */
  private pending: Buffer | undefined;
  private pendingLength = 0;

  /** `file` is created on first need; the caller removes it (with its folder) after `close`. */
  constructor(private readonly file: string) {}

  /** Keeps `findings` as `uri`'s, in place of any it had; given as they were found, or already in their kept form. */
  put(uri: string, findings: Findings | Kept): void {
    const kept = 'bytes' in findings ? findings : keptForm(uri, findings);
    const before = this.get(uri);
    if (before) this.tally(uri, before.diagnostics, -1);
    const at = this.slotOf(uri);
    const row = at * FIELDS;
    this.offsets[at] = -1;
    this.fields.fill(0, row + COUNTS, row + COUNTS + 3);
    this.tally(uri, kept.counted, 1);
    this.keepSpans(row, kept.spans);
    const offset = this.end;
    try {
      this.fd ??= openSync(this.file, 'w+');
      this.write(kept.bytes);
      this.offsets[at] = offset;
      this.fields.set(kept.lengths, row + LENGTHS);
    } catch (error) {
      throw new CrossfootError('output', `cannot keep the findings of ${uri} in the temporary folder ${dirname(this.file)}: ${(error as Error).message}`);
    }
  }

  /** `uri`'s slot, made on its first put. */
  private slotOf(uri: string): number {
    let at = this.slots.get(uri);
    if (at !== undefined) return at;
    at = this.slots.size;
    this.slots.set(uri, at);
    if (at === this.offsets.length) {
      const offsets = new Float64Array(2 * at);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const fields = new Int32Array(2 * at * FIELDS);
      fields.set(this.fields);
      this.fields = fields;
    }
    return at;
  }

  /** Keeps `spans` for the report of `row`: where its last ones were when they fit there (a report checked again), else after every other's. */
  private keepSpans(row: number, spans: Int32Array): void {
    let start = this.fields[row + SPANS] as number;
    if (spans.length > (this.fields[row + SPANS + 1] as number)) {
      start = this.spanEnd;
      if (start + spans.length > this.spanPool.length) {
        // Grown by half: a long run's pool is most of what the store keeps in memory, and a doubled one is half empty.
        const pool = new Int32Array(Math.max(Math.ceil(1.5 * this.spanPool.length), start + spans.length));
        pool.set(this.spanPool.subarray(0, start));
        this.spanPool = pool;
      }
      this.spanEnd += spans.length;
    }
    this.spanPool.set(spans, start);
    this.fields[row + SPANS] = start;
    this.fields[row + SPANS + 1] = spans.length;
  }

  /** `uri`'s spans (a view, good until the next put), or undefined for a report never put. */
  private spansFor(uri: string): Int32Array | undefined {
    const at = this.slots.get(uri);
    if (at === undefined) return undefined;
    const start = this.fields[at * FIELDS + SPANS] as number;
    return this.spanPool.subarray(start, start + (this.fields[at * FIELDS + SPANS + 1] as number));
  }

  /** Where `put` wrote `uri`'s kept bytes: their offset and the row of their lengths; undefined when it did not. */
  private writtenAt(uri: string): { offset: number; row: number } | undefined {
    const at = this.slots.get(uri);
    if (at === undefined || (this.offsets[at] as number) < 0 || this.fd === undefined) return undefined;
    return { offset: this.offsets[at] as number, row: at * FIELDS };
  }

  /** Keeps `bytes` at `end`: gathered with those of the next reports, or written at once when they are many. */
  private write(bytes: Uint8Array): void {
    if (this.pendingLength + bytes.length > PENDING_BYTES) this.flush();
    if (bytes.length > PENDING_BYTES) {
      this.writeAt(bytes, bytes.length, this.end);
    } else {
      this.pending ??= Buffer.allocUnsafeSlow(PENDING_BYTES);
      this.pending.set(bytes, this.pendingLength);
      this.pendingLength += bytes.length;
    }
    this.end += bytes.length;
  }

  /** Writes what is pending: before anything is read back, and when more would not fit. */
  private flush(): void {
    if (this.pendingLength === 0) return;
    this.writeAt(this.pending as Buffer, this.pendingLength, this.end - this.pendingLength);
    this.pendingLength = 0;
  }

  private writeAt(bytes: Uint8Array, length: number, position: number): void {
    let done = 0;
    while (done < length) done += writeSync(this.fd as number, bytes, done, length - done, position + done);
  }

  private read(offset: number, length: number): string {
    return this.readBytes(offset, length).toString('utf8');
  }

  private readBytes(offset: number, length: number, into?: Buffer): Buffer {
    try {
      this.flush();
    } catch (error) {
      throw new CrossfootError('output', `cannot keep the run's findings in the temporary folder ${dirname(this.file)}: ${(error as Error).message}`);
    }
    const bytes = into ? into.subarray(0, length) : Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd as number, bytes, done, length - done, offset + done);
      if (n === 0) throw new Error('the findings kept for the run were cut short');
      done += n;
    }
    return bytes;
  }

  /** Part `part` of what `put` wrote for `uri` (0: lines, 1: the report's own findings, 2: the others). */
  private part(uri: string, part: 0 | 1 | 2): string | undefined {
    const at = this.writtenAt(uri);
    if (!at) return undefined;
    let offset = at.offset;
    for (let k = 0; k < part; k++) offset += this.fields[at.row + LENGTHS + k] as number;
    return this.read(offset, this.fields[at.row + LENGTHS + part] as number);
  }

  private tally(uri: string, diagnostics: readonly Pick<Diagnostic, 'uri' | 'severity' | 'ruleId'>[], sign: 1 | -1): void {
    const row = (this.slots.get(uri) as number) * FIELDS + COUNTS;
    for (const d of diagnostics) {
      const at = slot(d.severity);
      if (d.uri === uri) this.fields[row + at] = (this.fields[row + at] as number) + sign;
      else {
        const owners = this.elsewhere.get(d.uri) ?? new Set<string>();
        owners.add(uri);
        this.elsewhere.set(d.uri, owners);
      }
      const key = `${at}${d.ruleId}`;
      const count = (this.perRule.get(key) ?? 0) + sign;
      if (count) this.perRule.set(key, count);
      else this.perRule.delete(key);
    }
  }

  /** `uri`'s findings, read back from disk (its three parts at once); undefined for a report never put. */
  get(uri: string): Findings | undefined {
    const at = this.writtenAt(uri);
    if (!at) return undefined;
    const ends = [0, 0, 0];
    let end = 0;
    for (let k = 0; k < 3; k++) ends[k] = end += this.fields[at.row + LENGTHS + k] as number;
    const into = roomFor(this.record, end);
    if (into) this.record = into;
    const bytes = this.readBytes(at.offset, end, into);
    const [lines = 0, own = 0] = ends;
    const diagnostics = own > lines ? (JSON.parse(`[${bytes.toString('utf8', lines, own).replaceAll('\u0000', ',')}]`) as Diagnostic[]) : [];
    diagnostics.push(...(JSON.parse(bytes.toString('utf8', own, end)) as Diagnostic[]));
    return { lines: JSON.parse(bytes.toString('utf8', 0, lines)) as Findings['lines'], diagnostics };
  }

  /** Where `get` reads, used again by its next call; kept up to `KEPT_SCRATCH`. */
  private record: Buffer = Buffer.alloc(0);

  /** The lines `uri`'s findings show, without its findings. */
  linesOf(uri: string): Findings['lines'] | undefined {
    const lines = this.part(uri, 0);
    return lines === undefined ? undefined : (JSON.parse(lines) as Findings['lines']);
  }

  /**
   * `uri`'s own findings of the severities `keep` keeps, sorted, as the JSON report writes them (`jsonFinding`);
   * undefined for a report never put.
   */
  jsonOf(uri: string, keep: (severity: Severity) => boolean): string[] | undefined {
    const own = this.part(uri, 1);
    if (own === undefined) return undefined;
    if (!own) return [];
    const spans = this.spansFor(uri) as Int32Array;
    return own.split('\u0000').filter((_, i) => keep(spanSeverity(spans, i * SPAN)));
  }

  /**
   * `uri`'s own findings as `jsonOf` gives them, as the UTF-8 kept (NUL bytes between them), when `keep` keeps every
   * one of them; undefined otherwise, or for a report never put. The JSON report copies them without decoding them.
   * The bytes are good until the next call, which reads into the same buffer: the caller copies what it keeps.
   */
  jsonBytesOf(uri: string, keep: (severity: Severity) => boolean): Uint8Array | undefined {
    const spans = this.spansFor(uri);
    if (spans === undefined) return undefined;
    for (let i = 0; i < spans.length; i += SPAN) if (!keep(spanSeverity(spans, i))) return undefined;
    const at = this.writtenAt(uri);
    if (!at) return undefined;
    const length = this.fields[at.row + LENGTHS + 1] as number;
    const into = roomFor(this.scratch, length);
    if (into) this.scratch = into;
    return this.readBytes(at.offset + (this.fields[at.row + LENGTHS] as number), length, into);
  }

  /**
   * Where `jsonBytesOf` reads, used again by its next call: a new buffer for every report is memory outside the heap,
   * freed only when the collector comes to it (with a new buffer at each step from here to the output file, a run of
   * 1,000 reports peaked 34 MiB higher). Kept up to `KEPT_SCRATCH`.
   */
  private scratch: Buffer = Buffer.alloc(0);

  /** Where `uri`'s own findings of the severities `keep` keeps start and end: what `excerptLines` needs of them. */
  spansOf(uri: string, keep: (severity: Severity) => boolean): Pick<Diagnostic, 'uri' | 'range'>[] {
    const spans = this.spansFor(uri) ?? new Int32Array(0);
    const out: Pick<Diagnostic, 'uri' | 'range'>[] = [];
    for (let i = 0; i < spans.length; i += SPAN) {
      if (!keep(spanSeverity(spans, i))) continue;
      const line = spans[i] as number;
      out.push({ uri, range: { start: { line, column: 0 }, end: { line: line + ((spans[i + 1] as number) >> 2), column: 0 } } });
    }
    return out;
  }

  /** `uri`'s findings located in it, by severity. */
  countsOf(uri: string): Counts {
    const at = this.slots.get(uri);
    if (at === undefined) return [0, 0, 0];
    const row = at * FIELDS + COUNTS;
    return [this.fields[row] as number, this.fields[row + 1] as number, this.fields[row + 2] as number];
  }

  /** The run's findings by rule and severity. */
  *rules(): Generator<{ ruleId: string; severity: Severity; count: number }> {
    for (const [key, count] of this.perRule) yield { ruleId: key.slice(1), severity: SEVERITIES[Number(key[0])] as Severity, count };
  }

  /** Reports holding findings located in `uri` other than `uri`'s own. */
  ownersOf(uri: string): Iterable<string> {
    return this.elsewhere.get(uri) ?? [];
  }

  /** Uris that findings of other reports are located in. */
  elsewhereUris(): Iterable<string> {
    return this.elsewhere.keys();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.pending = undefined;
    this.pendingLength = 0;
  }
}

/**
 * A run's report read from a `FindingStore` a file at a time, as the formatters take it (`ReportStream`): a checked
 * batch's, and that of shards merged (`report merge`). Only each report's counts are at hand; its findings and lines
 * are read when their turn comes.
 */
export class StoredReport {
  constructor(
    /** The rules the report lists. */
    readonly rules: RuleMeta[],
    /** The reports of the run, each listed whether or not it has findings. */
    private readonly mine: readonly { uri: string }[],
    /** Each report's issuer and year, where known. */
    private readonly metas: ReadonlyMap<string, { issuer?: string; year?: number }>,
    private readonly store: FindingStore,
    /** Removes what the run wrote to disk; the report cannot be read after. */
    readonly close: () => void,
  ) {}

  stream(keep: (d: { severity: Severity }) => boolean = () => true): ReportStream {
    const { mine, metas, store } = this;
    const builder = new SummaryBuilder();
    const keepSeverity = (severity: Severity) => keep({ severity });
    for (const f of mine) {
      builder.file(f.uri);
      store.countsOf(f.uri).forEach((count, at) => {
        const severity = SEVERITIES[at] as Severity;
        if (count && keepSeverity(severity)) builder.countFile(f.uri, severity, count);
      });
    }
    for (const r of store.rules()) if (keep(r)) builder.countRule(r.ruleId, r.severity, r.count);
    // A finding located in another report than the one checked (a plugin's, say) is counted and listed under that report.
    const elsewhere = (uri: string) => {
      const found: Diagnostic[] = [];
      for (const owner of store.ownersOf(uri)) for (const d of store.get(owner)?.diagnostics ?? []) if (d.uri === uri && keep(d)) found.push(d);
      return found;
    };
    for (const uri of store.elsewhereUris()) for (const d of elsewhere(uri)) builder.countFile(uri, d.severity);
    const summary = builder.build();
    const inRun = new Set(mine.map((f) => f.uri));
    return {
      summary,
      rules: this.rules,
      *files() {
        for (const { uri } of summary.perFile) {
          const ours = inRun.has(uri);
          let lines: Record<number, string> | undefined;
          // The lines too are read when asked for: the findings, listed second, do not need them.
          const file: FileSummary = ours
            ? {
                uri,
                get lines() {
                  lines ??= store.linesOf(uri) ?? {};
                  return lines;
                },
              }
            : { uri };
          const meta = ours ? metas.get(uri) : undefined;
          if (meta?.issuer !== undefined) file.issuer = meta.issuer;
          if (meta?.year !== undefined) file.year = meta.year;
          const plain = !hasAny(store.ownersOf(uri));
          let found: Diagnostic[] | undefined;
          yield {
            file,
            // Read when asked for: the JSON report lists every file (its counts and lines) before any finding.
            get diagnostics() {
              if (found) return found;
              found = [];
              const kept = ours ? store.get(uri) : undefined;
              // Read with them: a formatter showing the findings' lines need not read them again.
              if (kept) lines ??= kept.lines;
              for (const d of kept?.diagnostics ?? []) if (d.uri === uri && keep(d)) found.push(d);
              found.push(...elsewhere(uri));
              found = sortDiagnostics(found);
              return found;
            },
            shown: plain ? excerptLines(store.spansOf(uri, keepSeverity), uri) : undefined,
            // Pieces of text the JSON report copies; read when asked for, after every file is listed.
            get json() {
              return plain && ours ? store.jsonOf(uri, keepSeverity) : undefined;
            },
            // The same, as the bytes kept, when every one is kept: copied into the report without decoding.
            get jsonBytes() {
              return plain && ours ? store.jsonBytesOf(uri, keepSeverity) : undefined;
            },
          };
        }
      },
    };
  }
}

function hasAny(items: Iterable<unknown>): boolean {
  for (const _ of items) return true;
  return false;
}
