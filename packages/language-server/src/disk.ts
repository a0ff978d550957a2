import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportDocument } from '@crossfoot/core';
import { readReportFile } from 'crossfoot';
import { hasReportExtension, isToolFile } from './project.ts';

interface Read {
  stamp: string;
  uri: string;
  doc: ReportDocument;
}

/**
 * Reports read from disk, kept until the file changes (by size and modification time): the reports beside
 * an open one, among which a previous-report rule looks for last year's.
 */
export class DiskReports {
  private readonly cache = new Map<string, Read>();

  /** The report files in `dir` (not its subfolders), except those `skip` says the editor holds. */
  beside(dir: string, uriOf: (path: string) => string, skip: (path: string) => boolean): { path: string; doc: ReportDocument }[] {
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
      const doc = this.read(path, uriOf(path));
      if (doc) out.push({ path, doc });
    }
    return out;
  }

  forget(path: string): void {
    this.cache.delete(resolve(path));
  }

  clear(): void {
    this.cache.clear();
  }

  private read(path: string, uri: string): ReportDocument | undefined {
    let stamp: string;
    try {
      const s = statSync(path);
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      this.cache.delete(path);
      return undefined;
    }
    const hit = this.cache.get(path);
    if (hit && hit.stamp === stamp && hit.uri === uri) return hit.doc;
    const doc = readReportFile(path, uri);
    this.cache.set(path, { stamp, uri, doc });
    return doc;
  }
}
