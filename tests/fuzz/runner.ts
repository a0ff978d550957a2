// Runs fuzz cases in a child process and reports each one to the supervisor, which can kill it on a hang.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LONG, SHORT } from './mutate.ts';
import { Rng } from './rng.ts';
import { TARGETS } from './targets.ts';

export interface Job {
  seed: number;
  /** `target#index` pairs, run in order. */
  cases: [string, number][];
  budget: 'short' | 'long';
  /** Where failing inputs are written. */
  saveTo: string;
}

export type Message =
  | { type: 'start'; at: number; target: string; index: number; describe: string; size: number }
  | { type: 'done'; at: number; cpuMs: number; wallMs: number; violations: string[]; saved?: string }
  | { type: 'finished' };

const send = (m: Message) => new Promise<void>((resolve) => process.send?.(m, () => resolve()));

async function main(job: Job): Promise<void> {
  const budget = job.budget === 'long' ? LONG : SHORT;
  for (const [at, [target, index]] of job.cases.entries()) {
    const make = TARGETS[target];
    if (!make) throw new Error(`no fuzz target ${target}`);
    const c = make(Rng.forCase(job.seed, target, index), budget);
    await send({ type: 'start', at, target, index, describe: c.describe, size: c.size });
    const cpu = process.cpuUsage();
    const wall = performance.now();
    let violations: string[];
    try {
      violations = await c.run();
    } catch (error) {
      violations = [`threw ${(error as Error)?.stack?.split('\n').slice(0, 6).join(' | ') ?? String(error)}`];
    }
    const used = process.cpuUsage(cpu);
    let saved: string | undefined;
    if (violations.length) {
      mkdirSync(job.saveTo, { recursive: true });
      saved = join(job.saveTo, `${target}-${job.seed}-${index}.${typeof c.input === 'string' ? 'txt' : 'bin'}`);
      writeFileSync(saved, c.input);
    }
    await send({ type: 'done', at, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, violations, saved });
  }
  await send({ type: 'finished' });
}

process.once('message', (job: Job) => {
  main(job).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(3);
    },
  );
});
