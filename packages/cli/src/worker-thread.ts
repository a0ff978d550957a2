import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { THREAD_PROTOCOL } from './pool.ts';
import run, { type Task } from './worker.ts';

/**
 * The module a worker thread runs (the bundle's crossfoot-worker.mjs): tinypool calls its default export for each
 * task; started by the plain worker_threads pool (`THREAD_PROTOCOL` in `workerData`), it also listens on its port.
 * Kept apart from worker.ts, which the main thread loads too, so that a run checking its reports in the main thread
 * does not load Node's worker_threads.
 */
export default run;

if (!isMainThread && parentPort && (workerData as { protocol?: string } | undefined)?.protocol === THREAD_PROTOCOL) {
  const port = parentPort;
  // A thread may be handed its next task before it has finished this one (pool.ts): tasks run one after the other,
  // so that each report's time limit counts only its own reading and checking.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (message: { id: number; task: Task }) => {
    queue = queue.then(() => run(message.task).then((reply) => port.postMessage({ id: message.id, reply })));
  });
}
