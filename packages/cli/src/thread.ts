import type { Reply, Task } from './worker.ts';

/** Tasks a thread started from the command's script runs before the code V8 has made of it is kept (`serveThread`). */
export const WARM_TASKS = 16;

/** The message the pool posts a thread before it stops it (pool.ts), and the thread's answer once its tasks are done. */
export const CLOSING = 'crossfoot-closing';
export const CLOSED = 'crossfoot-closed';

/**
 * Serves the tasks of the plain worker_threads pool (pool.ts) in a worker thread: each message's task is run and its
 * reply posted back. `warm`, if given, is called once after `WARM_TASKS` tasks, when the code of a report's reading
 * and checking has been compiled (the command's thread keeps it for the next run's threads, bin/bundle.cjs), or when
 * the pool closes, if the thread ran any task by then: how many tasks a thread gets beside the main thread depends on
 * the machine's load, and a run that gave it fewer would otherwise leave the next run's threads compiling everything.
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
  port.on('message', (message: { id: number; task: Task } | typeof CLOSING) => {
    if (message === CLOSING) {
      queue = queue.then(() => {
        if (served > 0) warm?.();
        port.postMessage(CLOSED);
      });
      return;
    }
    queue = queue.then(async () => {
      run ??= (await import('./worker.ts')).default;
      const reply = await run(message.task);
      port.postMessage({ id: message.id, reply }, movable(reply));
      if (++served === WARM_TASKS) warm?.();
    });
  });
}

/**
 * The memory a reply can hand over rather than have copied: a checked report's kept findings (`keptForm`), a buffer of
 * their own. Copied, each reply's bytes were allocated again by the main thread and freed there soon after, tens of
 * KB a report, and the C allocator kept the main thread's heap growing with them (a long run's peak varied by 20 MiB
 * with how they fell). A buffer sharing its memory with others (Node's pool) is never handed over.
 */
export function movable(reply: Reply): ArrayBuffer[] {
  if (!('outcome' in reply) || reply.outcome.kind !== 'check') return [];
  const bytes = reply.outcome.kept.bytes;
  const memory = bytes.buffer;
  return memory instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === memory.byteLength ? [memory] : [];
}
