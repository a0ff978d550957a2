import { readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locale } from '@crossfoot/core';
import { buildId } from './build-id.ts';
import type { OutputTotals } from './cache.ts';
import { SETTLED_MS } from './cache-folder.ts';
import { fingerprint } from './fingerprint.ts';
import type { Io } from './io.ts';
import { cacheLine, writtenLine } from './lines.ts';
import { copyAtomic, writeAtomic } from './output.ts';
import { type Listing, type Look, listingOf, lookOf, type Observations, type Probe, sameLook, startProbe, stopProbe } from './probe.ts';
import { VERSION } from './version.ts';

/**
 * A `check --cache` run answered without running it. When nothing a cached run looked at has changed since (the
 * reports, the config and where it would be found, the packs and where they are found, the folders the file list
 * came from), the same command line gives the same report: the run is recorded, and the next one only looks at
 * those paths again and writes the report the cache keeps. This needs none of the file list, config, pack or
 * checking code, so a re-run of an unchanged batch costs little more than starting Node.
 *
 * It answers only what the cache already does (`Batch.fingerprint`): a path the run looked at that changed, was
 * added or went away, a folder gaining or losing a report, or a file changed within `SETTLED_MS` of the run, and
 * the command runs in full.
 */

const FORMAT = 'crossfoot-replay/1';

/** How a recorded run ended: the report the cache keeps for its inputs, and what its summary lines say. */
export interface Outcome {
  report: string;
  totals: OutputTotals;
  locale: Locale;
  /** Reports in the run (this shard's). */
  size: number;
  quiet: boolean;
}

/** A recorded run: how it ended and what it looked at. */
interface RunRecord extends Observations, Outcome {
  format: string;
  key: string;
}

/** One `check --cache` command line in one place: what decides its record and where that is kept. */
export interface Invocation {
  key: string;
  file: string;
}

/**
 * A `check` run from `io.cwd` with its cache in `cacheDir`, given the settings of its command line that decide what
 * its report says (not where it is written, nor how many threads check).
 */
export function invocationOf(settings: object, cacheDir: string, io: Io): Invocation {
  const cwd = resolve(io.cwd);
  const key = JSON.stringify([FORMAT, VERSION, buildId(), cwd, settings, io.isTTY, io.stderrIsTTY ?? io.isTTY, process.env.CROSSFOOT_BUILTIN_RULES ?? null]);
  return { key, file: join(resolve(cwd, cacheDir), `replay-${fingerprint(key)}.json`) };
}

/** Answers the run as recorded, writing the report to `output` (else stdout); its exit status, or undefined when it must be run. */
export function replay(invocation: Invocation, output: string | undefined, io: Io): number | undefined {
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(invocation.file, 'utf8'));
  } catch {
    return undefined;
  }
  if (record?.format !== FORMAT || record.key !== invocation.key || !unchanged(record)) return undefined;
  let text: string | undefined;
  try {
    if (output) copyAtomic(record.report, output);
    else text = readFileSync(record.report, 'utf8');
  } catch {
    // The kept report went away (the cache was cleared meanwhile), or cannot be written there: run the command.
    return undefined;
  }
  if (!record.quiet) io.stderr(cacheLine(record.locale, 0, record.size));
  if (text !== undefined) io.stdout(text);
  else if (output) io.stderr(writtenLine(record.totals, record.locale, output, io.cwd));
  return record.totals.exit;
}

function unchanged(record: RunRecord): boolean {
  if (!statSync(record.report, { throwIfNoEntry: false })?.isFile()) return false;
  for (const [path, look] of Object.entries(record.paths)) if (!sameLook(lookOf(path), look)) return false;
  for (const [folder, [mode, hash]] of Object.entries(record.folders)) if ((listingOf(folder, mode as Listing) ?? '') !== hash) return false;
  return true;
}

/** Starts noting what the run looks at; the cache's own folder is not part of any file list. */
export function watchRun(cacheDir: string, cwd: string): Probe {
  return startProbe([resolve(cwd, cacheDir)]);
}

export { stopProbe as stopWatching };

/**
 * Records a run that ended as `outcome`, for `replay`. Nothing is recorded when something it looked at changed
 * within `SETTLED_MS` before it started (a file system that keeps times to the second could give a later edit the
 * same times), or when it could not be answered that way; an earlier record of the same command line is removed.
 */
export function recordRun(invocation: Invocation, probe: Probe, started: number, outcome: Outcome): void {
  const settled = (look: Look) => look === null || look === 'dir' || Math.max(look[1], look[2]) + SETTLED_MS < started;
  if (probe.refused || !Object.values(probe.paths).every(settled)) {
    rmSync(invocation.file, { force: true });
    return;
  }
  const record: RunRecord = { format: FORMAT, key: invocation.key, paths: probe.paths, folders: probe.folders, ...outcome };
  try {
    writeAtomic(invocation.file, JSON.stringify(record));
  } catch {
    // A record that cannot be written only makes the next run slower.
  }
}
