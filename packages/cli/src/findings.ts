import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic, Severity } from '@crossfoot/core';

/** A report's findings and the lines they show, as a batch keeps them until the run's report is written. */
export interface Findings {
  diagnostics: Diagnostic[];
  lines: Record<number, string>;
}

/** How many findings of each severity a report has (`errors`, `warnings`, `infos`). */
export type Counts = [number, number, number];

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function slot(severity: Severity): 0 | 1 | 2 {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}

/**
 * The findings of a batch's reports, by uri, until the run's report is rendered from them. Each report's findings go to
 * one file (v8-serialized) as they come and are read back a report at a time; in memory the store keeps only counts:
 * each report's by severity, and the run's by rule and severity. Held in memory, a run's findings were most of its
 * live heap, and V8 lets the heap grow to about four times what is live before it collects: 10,000 reports peaked at
 * 1.23 GiB. A report checked again (against last year's report) replaces what it had.
 */
export class FindingStore {
  /** Findings a caller holds anyway (a cache's), kept by reference: writing them out would free nothing. */
  private readonly held = new Map<string, Findings>();
  private readonly written = new Map<string, { offset: number; length: number }>();
  private readonly counts = new Map<string, Counts>();
  /** Findings by rule and severity over the run, keyed `<severity index><rule id>`. */
  private readonly perRule = new Map<string, number>();
  /** Reports with findings located in another report (a plugin's, say), by the uri those findings name. */
  private readonly elsewhere = new Map<string, Set<string>>();
  private fd: number | undefined;
  private end = 0;

  /** `file` is created on first need; the caller removes it (with its folder) after `close`. */
  constructor(private readonly file: string) {}

  /** Keeps `findings` as `uri`'s, in place of any it had; `held` findings stay in memory, by reference. */
  put(uri: string, findings: Findings, held = false): void {
    const before = this.get(uri);
    if (before) this.tally(uri, before.diagnostics, -1);
    this.held.delete(uri);
    this.written.delete(uri);
    this.counts.set(uri, [0, 0, 0]);
    this.tally(uri, findings.diagnostics, 1);
    if (held) {
      this.held.set(uri, findings);
      return;
    }
    const bytes = serialize(findings);
    this.fd ??= openSync(this.file, 'w+');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.end + done);
    this.written.set(uri, { offset: this.end, length: bytes.length });
    this.end += bytes.length;
  }

  private tally(uri: string, diagnostics: Diagnostic[], sign: 1 | -1): void {
    const own = this.counts.get(uri) as Counts;
    for (const d of diagnostics) {
      const at = slot(d.severity);
      if (d.uri === uri) own[at] += sign;
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

  /** `uri`'s findings, read back from disk unless held; undefined for a report never put. */
  get(uri: string): Findings | undefined {
    const held = this.held.get(uri);
    if (held) return held;
    const at = this.written.get(uri);
    if (!at || this.fd === undefined) return undefined;
    const bytes = Buffer.allocUnsafe(at.length);
    let read = 0;
    while (read < at.length) {
      const n = readSync(this.fd, bytes, read, at.length - read, at.offset + read);
      if (n === 0) throw new Error(`the findings kept for ${uri} were cut short`);
      read += n;
    }
    return deserialize(bytes) as Findings;
  }

  /** `uri`'s findings located in it, by severity. */
  countsOf(uri: string): Counts {
    return this.counts.get(uri) ?? [0, 0, 0];
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
  }
}
