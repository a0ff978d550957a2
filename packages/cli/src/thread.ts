import type { Reply, Task } from './worker.ts';

/** Tasks a thread started from the command's script runs before the code V8 has made of it is kept (`serveThread`). */
export const WARM_TASKS = 16;

/**
 * Serves the tasks of the plain worker_threads pool (pool.ts) in a worker thread: each message's task is run and its
 * reply posted back. `warm`, if given, is called once after `WARM_TASKS` tasks, when the code of a report's reading
 * and checking has been compiled (the command's thread keeps it for the next run's threads, bin/bundle.cjs).
 */
export function serveThread(warm?: () => void): void {
  // Node's worker_threads, loaded only where a thread runs: the command's script exports this for its threads.
  const { parentPort } = process.getBuiltinModule('node:worker_threads') as typeof import('node:worker_threads');
  if (!parentPort) throw new Error('serveThread runs in a worker thread');
  const port = parentPort;
  // A thread may be handed its next task before it has finished this one (pool.ts): tasks run one after the other,
  // so that each report's time limit counts only its own reading and checking.
  let queue: Promise<unknown> = Promise.resolve();
  let served = 0;
  let run: ((task: Task) => Promise<Reply>) | undefined;
  port.on('message', (message: { id: number; task: Task }) => {
    queue = queue.then(async () => {
      run ??= (await import('./worker.ts')).default;
      port.postMessage({ id: message.id, reply: await run(message.task) });
      if (++served === WARM_TASKS) warm?.();
    });
  });
}
