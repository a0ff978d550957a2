import { readFileSync, writeFileSync } from 'node:fs';
import { decode, plainDocument } from '@crossfoot/adapters';
import {
  CrossfootError,
  CrossfootErrors,
  type Limits,
  LineIndex,
  type Locale,
  type ReportDocument,
  type RuleMeta,
  Timings,
  type TimingsTaken,
} from '@crossfoot/core';
import { excerptLines } from '@crossfoot/formatters';
import { type Kept, keptForm } from './findings.ts';
import { issuerAndYear } from './meta.ts';
import { isBinaryReport, readingLimits, readReportBytes, reportFromBytes } from './read.ts';
import { Session, type SessionOptions } from './session.ts';
import { textKey } from './text-key.ts';

/** What every task carries to build (once per thread) the same session as the main thread. */
export interface WorkerInit {
  cwd: string;
  packs?: string[];
  config?: string;
  locale?: Locale;
  /** Measure where each check's time goes (`CROSSFOOT_TIMING`): each outcome carries its times (`CheckOutcome.timings`). */
  timing?: boolean;
}

export interface FileRef {
  path: string;
  uri: string;
  /** Give the content hash of the bytes read: the run keeps a cache, the one thing a hash is for. */
  hash?: boolean;
  /**
   * Where this run keeps the report already read into the document model (v8-serialized): reading it back
   * costs a fraction of parsing the report again. Missing or unreadable, the report is parsed from disk.
   */
  saved?: string;
  /** Where to keep the report once read, for a later task that needs it again. */
  save?: string;
}

/** Check a report, against last year's report when `previous` is given. */
export interface CheckTask extends FileRef {
  kind: 'check';
  init: WorkerInit;
  previous?: FileRef;
}

/**
 * Read a report's issuer and year, to pair it with the reports of another shard. With `keys`, a plain-text
 * report whose text contains none of these issuer keys is not parsed: it cannot be the previous report of
 * any of them (a plain-text report's issuer is always a stretch of its text).
 */
export interface MetaTask extends FileRef {
  kind: 'meta';
  init: WorkerInit;
  keys?: string[];
}

/** The rules the session runs, for the run's report: asked of a thread, so the main thread need not load the packs too. */
export interface EnvironmentTask {
  kind: 'environment';
  init: WorkerInit;
}

export type Task = CheckTask | MetaTask | EnvironmentTask;

export interface Meta {
  /** Content hash of the bytes read; undefined when the file could not be read. */
  hash?: string;
  issuer?: string;
  year?: number;
}

export interface CheckOutcome extends Meta {
  kind: 'check';
  uri: string;
  /** The hash of the previous report the findings were computed against. */
  previousHash?: string;
  /** The findings and the lines they show, as the batch keeps them: made here, by the thread that checked the report. */
  kept: Kept;
  /** Milliseconds by part of the work (`Timings`), when the run measures them. */
  timings?: TimingsTaken;
}

export interface MetaOutcome extends Meta {
  kind: 'meta';
  uri: string;
  /** Not parsed: its text holds none of the keys asked about. */
  skipped?: boolean;
}

export interface EnvironmentOutcome {
  kind: 'environment';
  rules: RuleMeta[];
  forcedRuleIds: string[];
}

export type Outcome = CheckOutcome | MetaOutcome | EnvironmentOutcome;

/** An error as it crosses a thread boundary: CrossfootErrors keep their code and location. */
export interface SerializedError {
  message: string;
  errors?: { code: string; message: string; file?: string; range?: CrossfootError['range'] }[];
}

const sessions = new Map<string, Promise<Session>>();

function sessionKey(init: WorkerInit): string {
  return JSON.stringify([init.cwd, init.packs ?? [], init.config ?? '', init.locale ?? '', !!init.timing]);
}

/** The options of a task's session: measuring its times in a `Timings` of its own when the run asks for them. */
export function sessionOptions(init: WorkerInit): SessionOptions {
  const { timing, ...options } = init;
  return timing ? { ...options, timings: new Timings() } : options;
}

/** Lets tasks run in the main thread reuse the session it already built. */
export function primeSession(init: WorkerInit, session: Session): void {
  sessions.set(sessionKey(init), Promise.resolve(session));
}

function sessionFor(init: WorkerInit): Promise<Session> {
  const key = sessionKey(init);
  let session = sessions.get(key);
  if (!session) {
    session = Session.create(sessionOptions(init));
    sessions.set(key, session);
  }
  return session;
}

/** Node's v8 module (its serializer keeps reports a batch will read again), loaded by the runs that keep some. */
const v8 = () => process.getBuiltinModule('node:v8') as typeof import('node:v8');

/** Node's crypto module, loaded by the runs that keep a cache (about 6 ms at every start otherwise). */
const crypto = () => process.getBuiltinModule('node:crypto') as typeof import('node:crypto');

export function contentHash(bytes: Uint8Array): string {
  return crypto().createHash('sha1').update(bytes).digest('hex');
}

/** The content hash `file` asks for (`FileRef.hash`). */
const hashFor = (file: FileRef, bytes: Uint8Array): string | undefined => (file.hash ? contentHash(bytes) : undefined);

interface Loaded extends Meta {
  doc: ReportDocument;
}

async function load(file: FileRef, limits?: Limits): Promise<Loaded> {
  if (file.saved) {
    try {
      const saved = v8().deserialize(readFileSync(file.saved)) as { hash: string; doc: ReportDocument };
      return { doc: saved.doc, hash: saved.hash, ...issuerAndYear(saved.doc) };
    } catch {
      // Parse the report again.
    }
  }
  // Its bytes are decoded (and hashed) before another report is read in this thread: `parsed` reads a text report
  // before its first await.
  const read = readReportBytes(file.path, file.uri, limits, true);
  if ('doc' in read) return { doc: read.doc };
  return parsed(file, read.bytes, hashFor(file, read.bytes), limits);
}

async function parsed(file: FileRef, bytes: Uint8Array, hash: string | undefined, limits?: Limits): Promise<Loaded> {
  const doc = await reportFromBytes(bytes, file.uri, limits && readingLimits(limits));
  const about = issuerAndYear(doc);
  // Only a report with an issuer and a year can be paired with last year's report and be needed again.
  if (file.save && about.issuer && about.year !== undefined) {
    try {
      // A table's rows and cells keep their ranges by getters, which a serialized copy would lose.
      writeFileSync(file.save, v8().serialize({ hash, doc: plainDocument(doc) }));
    } catch {
      // Then a later task parses the report again.
    }
  }
  return { doc, hash, ...about };
}

/** What a task gives back across a thread boundary: its outcome, or the error that stopped it. */
export type Reply = { outcome: Outcome } | { error: SerializedError };

/**
 * Runs one task and never throws: a broken pack or config comes back as a serialized error. The same code
 * runs in worker threads (as the pool's task function) and, for small or `--jobs 1` runs, in the main thread.
 */
export default async function run(task: Task): Promise<Reply> {
  try {
    return { outcome: await handle(task) };
  } catch (error) {
    return { error: serializeError(error) };
  }
}

async function handle(task: Task): Promise<Outcome> {
  if (task.kind === 'meta') return meta(task);
  const session = await sessionFor(task.init);
  if (task.kind === 'environment') return { kind: 'environment', rules: session.checker.rules(), forcedRuleIds: session.forcedRuleIds() };
  const deadline = Date.now() + session.limits.secondsPerFile * 1000;
  const { timings } = session.checker.options;
  const started = timings ? timings.now() : 0;
  const { doc, ...about } = await load(task, session.limits);
  let others: ReportDocument[] = [];
  let previousHash: string | undefined;
  if (task.previous) {
    const previous = await load(task.previous, session.limits);
    others = [previous.doc];
    previousHash = previous.hash;
  }
  if (timings) timings.add('read', timings.now() - started);
  const diagnostics = await session.checkDocument(doc, others, deadline);
  const index = LineIndex.of(doc.text);
  const lines: Record<number, string> = {};
  for (const n of excerptLines(diagnostics, doc.uri)) if (n <= index.lineCount) lines[n] = index.lineText(n);
  const outcome: CheckOutcome = { kind: 'check', uri: task.uri, ...about, kept: keptForm(task.uri, { diagnostics, lines }) };
  if (previousHash) outcome.previousHash = previousHash;
  if (timings) outcome.timings = timings.take();
  return outcome;
}

async function meta(task: MetaTask): Promise<MetaOutcome> {
  const read = readReportBytes(task.path, task.uri, undefined, true);
  if ('doc' in read) return { kind: 'meta', uri: task.uri };
  const hash = hashFor(task, read.bytes);
  if (task.keys && /\.txt$/i.test(task.uri) && !isBinaryReport(read.bytes, task.uri)) {
    const decoded = decode(read.bytes);
    if (!('problem' in decoded)) {
      const text = textKey(decoded.text);
      if (!task.keys.some((k) => text.includes(k))) return { kind: 'meta', uri: task.uri, hash, skipped: true };
    }
  }
  const { doc: _, ...about } = await parsed(task, read.bytes, hash);
  return { kind: 'meta', uri: task.uri, ...about };
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof CrossfootError)) return { message: (error as Error)?.message ?? String(error) };
  const all = error instanceof CrossfootErrors ? error.errors : [error];
  return { message: error.message, errors: all.map((e) => ({ code: e.code, message: e.message, file: e.file, range: e.range })) };
}

/** The error a reply carried, rebuilt on this side of the thread boundary. */
export function deserializeError(error: SerializedError): Error {
  const all = (error.errors ?? []).map((e) => new CrossfootError(e.code, e.message, e.file, e.range));
  if (all.length > 1) return new CrossfootErrors(all);
  return all[0] ?? new Error(error.message);
}
