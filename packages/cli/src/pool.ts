import type { Worker as Thread } from 'node:worker_threads';
import { isTuned, THREAD_YOUNG_GENERATION_MB, threadCodeVariant } from './compiler.ts';
import { CLOSED, CLOSING } from './thread.ts';
import type { Reply, Task } from './worker.ts';

/** How long a closing pool waits for a thread to finish what it is doing (thread.ts, `CLOSING`) before stopping it. */
export const CLOSE_WAIT_MS = 5000;

/** Set in `workerData` by the plain worker_threads pool, so the same worker module also serves tinypool. */
export const THREAD_PROTOCOL = 'crossfoot-thread/1';

/** Runs tasks on some threads; replies come back in any order, each to its own promise. */
export interface Pool {
  readonly threads: number;
  run(task: Task): Promise<Reply>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Worker threads to start. */
  threads: number;
  /** The worker module: its default export runs one task; with the thread protocol in `workerData` it also listens on its port. */
  worker: URL;
}

export type PoolFactory = (options: PoolOptions) => Pool | Promise<Pool>;

/** `threads`: plain worker_threads with a queue (the default: no slower than tinypool or piscina as measured in bench/RESULTS.md, and no dependency); `tinypool`: the tinypool library. */
export type PoolKind = 'threads' | 'tinypool';

/** True in the command's script (dist/crossfoot.cjs, build.mjs); not defined in the API's bundle nor in the sources. */
declare const CROSSFOOT_COMMAND: boolean | undefined;

/**
 * The worker module. In the command's script, bin/crossfoot-thread.cjs for plain worker_threads: the same script,
 * compiled with the code V8 made of it in an earlier run's threads. Else the bundle's `crossfoot-worker.mjs` next
 * to the bundled API, or, running from the TypeScript sources, a small loader that registers tsx first.
 */
export function workerModule(kind: PoolKind = 'threads'): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./worker-source.mjs', import.meta.url);
  if (kind === 'threads' && typeof CROSSFOOT_COMMAND === 'boolean' && CROSSFOOT_COMMAND) return new URL('../bin/crossfoot-thread.cjs', import.meta.url);
  return new URL('./crossfoot-worker.mjs', import.meta.url);
}

/** `threads` worker threads; `depth`: tasks a plain worker_threads thread is given at a time (tinypool keeps its own queue). */
export async function createPool(kind: PoolKind | PoolFactory, threads: number, depth = 1): Promise<Pool> {
  const options = { threads, worker: workerModule(typeof kind === 'function' ? 'threads' : kind) };
  if (typeof kind === 'function') return kind(options);
  return kind === 'tinypool' ? tinypoolPool(options) : threadsPool(options, depth);
}

/** Tasks in the main thread, one after the other: `--jobs 1` and runs too small to repay starting threads. */
export function inProcessPool(): Pool {
  let run: ((task: Task) => Promise<Reply>) | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  return {
    threads: 0,
    run(task) {
      const next = chain.then(async () => {
        run ??= (await import('./worker.ts')).default;
        return run(task);
      });
      chain = next.catch(() => undefined);
      return next;
    },
    async close() {
      await chain;
    },
  };
}

/** Plain worker_threads: each thread has `depth` tasks at a time, the rest wait in a queue here. */
export function threadsPool({ threads, worker }: PoolOptions, depth = 1): Pool {
  // Node's worker_threads, loaded by the runs that start threads.
  const { Worker } = process.getBuiltinModule('node:worker_threads') as typeof import('node:worker_threads');
  const waiting: { task: Task; resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  const idle: Thread[] = [];
  let next = 0;
  let failure: Error | undefined;
  let closing = false;
  /** Called when a closing thread has answered, or has stopped. */
  const closed = new Map<Thread, () => void>();
  const exited = new Set<Thread>();

  const dispatch = () => {
    while (idle.length && waiting.length) {
      const thread = idle.pop() as Thread;
      const job = waiting.shift() as (typeof waiting)[number];
      const id = next++;
      pending.set(id, job);
      thread.postMessage({ id, task: job.task });
    }
  };
  const fail = (error: Error) => {
    failure ??= error;
    for (const job of [...pending.values(), ...waiting]) job.reject(failure);
    pending.clear();
    waiting.length = 0;
  };
  const workers = Array.from({ length: threads }, () => {
    // `tuned`: whether the run set its compiler flags; `variant`: under which name the thread's compiled code is kept,
    // for those flags (bin/bundle.cjs). A thread of an older bin reads `tuned` alone.
    const thread = new Worker(worker, {
      workerData: { protocol: THREAD_PROTOCOL, tuned: isTuned(), variant: threadCodeVariant() },
      resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    });
    thread.on('message', (message: { id: number; reply: Reply } | typeof CLOSED) => {
      if (message === CLOSED) {
        closed.get(thread)?.();
        return;
      }
      const job = pending.get(message.id);
      pending.delete(message.id);
      idle.push(thread);
      job?.resolve(message.reply);
      dispatch();
    });
    thread.on('error', fail);
    thread.on('exit', (code) => {
      exited.add(thread);
      closed.get(thread)?.();
      if (!closing) fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
    for (let i = 0; i < depth; i++) idle.push(thread);
    return thread;
  });
  /**
   * Each thread finishes its tasks first (and keeps its compiled code if it has not yet, thread.ts), then is stopped;
   * at once if it has stopped or the pool has failed, after CLOSE_WAIT_MS if it does not answer.
   */
  const stop = async () => {
    await Promise.all(
      workers.map((thread) => {
        if (failure || exited.has(thread)) return undefined;
        return new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, CLOSE_WAIT_MS);
          closed.set(thread, () => {
            clearTimeout(timer);
            resolve();
          });
          thread.postMessage(CLOSING);
        });
      }),
    );
    await Promise.all(workers.map((w) => w.terminate()));
  };
  let stopped: Promise<void> | undefined;
  return {
    threads,
    run(task) {
      if (failure) return Promise.reject(failure);
      if (closing) return Promise.reject(new Error('the pool of worker threads is closed'));
      return new Promise<Reply>((resolve, reject) => {
        waiting.push({ task, resolve, reject });
        dispatch();
      });
    },
    close() {
      closing = true;
      stopped ??= stop();
      return stopped;
    },
  };
}

/**
 * The main thread beside worker threads, all checking reports (`--jobs` 2 and more): a task goes to the workers while
 * they have room for it — `slots`, two a thread, so that a thread is not left waiting while the main thread is busy
 * with a report of its own — and otherwise to the main thread. The main thread's tasks run through promises alone;
 * it waits for the event loop before each, which lets the workers' replies, and so their next tasks, through.
 */
export function sharedPool(workers: Pool, slots: number): Pool {
  const main = inProcessPool();
  const waiting: { task: Task; resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  let free = slots;
  let mainFree = true;
  const dispatch = () => {
    while (waiting.length && (free > 0 || mainFree)) {
      const job = waiting.shift() as (typeof waiting)[number];
      const toWorker = free > 0;
      if (toWorker) free--;
      else mainFree = false;
      const reply = toWorker ? workers.run(job.task) : new Promise<void>((r) => setImmediate(r)).then(() => main.run(job.task));
      const settle = () => {
        if (toWorker) free++;
        else mainFree = true;
      };
      reply.then(
        (r) => {
          settle();
          job.resolve(r);
          dispatch();
        },
        (error: Error) => {
          settle();
          job.reject(error);
          dispatch();
        },
      );
    }
  };
  return {
    threads: workers.threads,
    run(task) {
      return new Promise<Reply>((resolve, reject) => {
        waiting.push({ task, resolve, reject });
        dispatch();
      });
    },
    async close() {
      await Promise.all([main.close(), workers.close()]);
    },
  };
}

/** The tinypool library, kept for comparison (`bench/batch.mjs`). */
export async function tinypoolPool({ threads, worker }: PoolOptions): Promise<Pool> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: worker.href, minThreads: threads, maxThreads: threads, isolateWorkers: false });
  return {
    threads,
    run: (task) => pool.run(task) as Promise<Reply>,
    close: () => pool.destroy(),
  };
}
