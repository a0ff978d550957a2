import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { THREAD_PROTOCOL } from './pool.ts';
import { serveThread } from './thread.ts';
import run from './worker.ts';

/**
 * The module a worker thread runs (the bundle's crossfoot-worker.mjs): tinypool calls its default export for each
 * task; started by the plain worker_threads pool (`THREAD_PROTOCOL` in `workerData`), it also listens on its port.
 * Kept apart from worker.ts, which the main thread loads too, so that a run checking its reports in the main thread
 * does not load Node's worker_threads. The command's script starts its threads through bin/crossfoot-thread.cjs.
 */
export default run;

if (!isMainThread && parentPort && (workerData as { protocol?: string } | undefined)?.protocol === THREAD_PROTOCOL) serveThread();
