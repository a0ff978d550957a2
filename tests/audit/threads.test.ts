import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { keptForm } from '../../packages/cli/src/findings.ts';
import { CLOSE_WAIT_MS, THREAD_PROTOCOL, threadsPool } from '../../packages/cli/src/pool.ts';
import { CLOSED, CLOSING, movable } from '../../packages/cli/src/thread.ts';
import type { Reply, Task } from '../../packages/cli/src/worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'crossfoot-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const finding = {
  ruleId: 'demo/sum',
  severity: 'error' as const,
  message: '1 + 2 ≠ 4',
  messageId: 'total-mismatch',
  data: {},
  uri: 'file:///r.md',
  range: { start: { line: 3, column: 1 }, end: { line: 3, column: 2 } },
  related: [],
  url: 'https://example.org/demo/sum',
};

describe('a worker thread’s reply', () => {
  it('hands over the memory of a checked report’s kept findings instead of having it copied', () => {
    const kept = keptForm('file:///r.md', { diagnostics: [finding], lines: { 3: '| 合计 | 4 |' } });
    const reply: Reply = { outcome: { kind: 'check', uri: 'file:///r.md', kept } };
    expect(movable(reply)).toEqual([kept.bytes.buffer]);
    // Handed over, the memory is the receiver's: a structured clone with it in the transfer list detaches it here.
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(reply, movable(reply));
    expect(kept.bytes.byteLength).toBe(0);
    port1.close();
    port2.close();
  });

  it('hands over nothing that shares its memory with other buffers, and nothing for other replies', () => {
    // A small Buffer lives in Node's pool: handing its memory over would take the pool's other buffers with it.
    const pooled = Buffer.from('[]');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const kept = { bytes: pooled, lengths: [0, 0, 2] as [number, number, number], spans: new Int32Array(0), counted: [] };
    expect(movable({ outcome: { kind: 'check', uri: 'file:///r.md', kept } })).toEqual([]);
    expect(movable({ outcome: { kind: 'meta', uri: 'file:///r.md' } })).toEqual([]);
    expect(movable({ error: { message: 'cannot read' } })).toEqual([]);
  });
});

describe('worker threads', () => {
  it('are started with a young generation of 24 MiB (8 MiB semi-spaces), whatever the main thread’s', async () => {
    // A stand-in for the worker module, speaking the thread protocol: it answers each task with its thread's limits.
    const worker = join(dir, 'limits.cjs');
    writeFileSync(
      worker,
      `const { parentPort, resourceLimits, workerData } = require('node:worker_threads');
if (workerData.protocol !== ${JSON.stringify(THREAD_PROTOCOL)}) throw new Error('not the thread protocol');
parentPort.on('message', (message) => {
  if (message === ${JSON.stringify(CLOSING)}) parentPort.postMessage(${JSON.stringify(CLOSED)});
  else parentPort.postMessage({ id: message.id, reply: resourceLimits });
});
`,
    );
    const pool = threadsPool({ threads: 2, worker: pathToFileURL(worker) });
    try {
      const replies = await Promise.all([0, 1].map(() => pool.run({ kind: 'environment' } as Task)));
      for (const limits of replies) expect(limits).toMatchObject({ maxYoungGenerationSizeMb: 24 });
    } finally {
      await pool.close();
    }
  });
  /** A stand-in thread that answers each task after `ms` and writes what it was told, in order, to `log`. */
  const standIn = (name: string, answersClosing: boolean, ms = 0) => {
    const worker = join(dir, `${name}.cjs`);
    const log = join(dir, `${name}.log`);
    writeFileSync(
      worker,
      `const { appendFileSync } = require('node:fs');
const { parentPort } = require('node:worker_threads');
let queue = Promise.resolve();
parentPort.on('message', (message) => {
  queue = queue.then(async () => {
    if (message === ${JSON.stringify(CLOSING)}) {
      appendFileSync(${JSON.stringify(log)}, 'closing\\n');
      if (${answersClosing}) parentPort.postMessage(${JSON.stringify(CLOSED)});
      return;
    }
    await new Promise((r) => setTimeout(r, ${ms}));
    appendFileSync(${JSON.stringify(log)}, 'task\\n');
    parentPort.postMessage({ id: message.id, reply: { outcome: { kind: 'meta', uri: 'file:///r.md' } } });
  });
});
`,
    );
    return { worker: pathToFileURL(worker), log: () => (existsSync(log) ? readFileSync(log, 'utf8') : '') };
  };

  it('are told the pool is closing once their tasks are done, and stopped when they answer', async () => {
    const thread = standIn('answers', true, 20);
    const pool = threadsPool({ threads: 1, worker: thread.worker }, 2);
    // Closed while both tasks are still under way: they are answered before the thread is told, and it is stopped after.
    const replies = Promise.all([pool.run({ kind: 'environment' } as Task), pool.run({ kind: 'environment' } as Task)]);
    const started = Date.now();
    const closing = pool.close();
    // Closed once, however often asked; and given no task after.
    expect(pool.close()).toBe(closing);
    await expect(pool.run({ kind: 'environment' } as Task)).rejects.toThrow(/closed/);
    await closing;
    expect(await replies).toEqual([{ outcome: { kind: 'meta', uri: 'file:///r.md' } }, { outcome: { kind: 'meta', uri: 'file:///r.md' } }]);
    expect(thread.log()).toBe('task\ntask\nclosing\n');
    // Stopped on the answer, not after waiting out CLOSE_WAIT_MS.
    expect(Date.now() - started).toBeLessThan(CLOSE_WAIT_MS);
  });

  it(`are stopped after ${CLOSE_WAIT_MS} ms when one does not answer, and at once when one has stopped by itself`, async () => {
    const silent = standIn('silent', false);
    const pool = threadsPool({ threads: 1, worker: silent.worker });
    await pool.run({ kind: 'environment' } as Task);
    const started = Date.now();
    await pool.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(CLOSE_WAIT_MS - 50);
    expect(silent.log()).toBe('task\nclosing\n');

    const quitter = join(dir, 'quitter.cjs');
    writeFileSync(quitter, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const failed = threadsPool({ threads: 1, worker: pathToFileURL(quitter) });
    await expect(failed.run({ kind: 'environment' } as Task)).rejects.toThrow(/exit code 3/);
    const closing = Date.now();
    await failed.close();
    expect(Date.now() - closing).toBeLessThan(CLOSE_WAIT_MS);
  }, 20_000);
});
