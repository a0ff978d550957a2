import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decode, readReport } from '@crossfoot/adapters';
import { labelKey, type ReportDocument } from '@crossfoot/core';
import { hasReportExtension, isToolFile } from './project.ts';

/** Files larger than this are never read as someone's previous report. */
const MAX_BYTES = 50 * 1024 * 1024;

interface Read {
  stamp: string;
  /** The text folded the way issuers are matched (`labelKey`), to skip files without a look at their model. */
  key: string;
  text: string;
  uri?: string;
  doc?: ReportDocument;
}

/** What a previous report must mention: the issuer and the year before, both folded by `labelKey`. */
export interface Wanted {
  issuer: string;
  year: string;
}

/** Whether a text may be the report `wanted` describes: it names the issuer and the year (both folded). */
export function mayBe(key: string, wanted: Wanted): boolean {
  return key.includes(wanted.issuer) && key.includes(wanted.year);
}

/**
 * Reports read from disk, kept until the file changes (by size and modification time): the reports beside
 * an open one, among which a previous-report rule looks for last year's. Only a file that names the same
 * issuer and the year before is read into the document model.
 */
export class DiskReports {
  private readonly cache = new Map<string, Read>();

  /** The report files in `dir` (not its subfolders) that may be `wanted`, except those `skip` says the editor holds. */
  beside(dir: string, wanted: Wanted, uriOf: (path: string) => string, skip: (path: string) => boolean): { path: string; doc: ReportDocument }[] {
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && hasReportExtension(e.name))
        .map((e) => e.name)
        .sort();
    } catch {
      return [];
    }
    const out: { path: string; doc: ReportDocument }[] = [];
    for (const name of names) {
      const path = resolve(join(dir, name));
      if (skip(path) || isToolFile(path)) continue;
      const read = this.read(path);
      if (!read || !mayBe(read.key, wanted)) continue;
      const uri = uriOf(path);
      if (!read.doc || read.uri !== uri) {
        read.doc = readReport({ uri, text: read.text });
        read.uri = uri;
      }
      out.push({ path, doc: read.doc });
    }
    return out;
  }

  forget(path: string): void {
    this.cache.delete(resolve(path));
  }

  private read(path: string): Read | undefined {
    let stamp: string;
    try {
      const s = statSync(path);
      if (s.size > MAX_BYTES) return undefined;
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      this.cache.delete(path);
      return undefined;
    }
    const hit = this.cache.get(path);
    if (hit && hit.stamp === stamp) return hit;
    let text: string;
    try {
      const decoded = decode(readFileSync(path));
      if ('problem' in decoded) return undefined;
      text = decoded.text;
    } catch {
      return undefined;
    }
    const read: Read = { stamp, key: labelKey(text), text };
    this.cache.set(path, read);
    return read;
  }
}
