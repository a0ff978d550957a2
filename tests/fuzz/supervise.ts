import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Job, Message } from './runner.ts';

/** tsx, as the command line uses it, so the child runs the TypeScript sources. */
const tsx = pathToFileURL(createRequire(new URL('../../packages/cli/package.json', import.meta.url)).resolve('tsx')).href;
const runner = new URL('./runner.ts', import.meta.url).pathname;

export interface Options {
  targets: string[];
  seed: number;
  perTarget: number;
  /** Run exactly these `[target, index]` cases instead (e.g. the hangs of an earlier run's log). */
  only?: [string, number][];
  budget: 'short' | 'long';
  /** Child processes run side by side. */
  processes: number;
  /** A case that runs longer than this (wall clock) is a hang: its process is killed and the run goes on. */
  hangMs: number;
  /** A case that uses more CPU than this is reported as too slow. */
  slowCpuMs: number;
  /** Heap limit of each child, MB: a case that needs more crashes its process, which is a failure. */
  heapMb: number;
  saveTo: string;
  progress?: (done: number, total: number) => void;
  /** Each case as it ends (hangs and crashes with `lost`), for a log that outlives an interrupted run. */
  onCase?: (c: {
    target: string;
    index: number;
    describe: string;
    cpuMs?: number;
    wallMs?: number;
    size?: number;
    violations?: string[];
    lost?: string;
  }) => void;
}

export interface Failure {
  target: string;
  index: number;
  seed: number;
  describe: string;
  kind: 'violation' | 'hang' | 'crash' | 'slow';
  detail: string[];
  saved?: string;
}

export interface TargetFigures {
  cases: number;
  failures: number;
  maxCpuMs: number;
  maxWallMs: number;
  totalCpuMs: number;
  maxSize: number;
  slowest: string;
}

export interface Summary {
  seed: number;
  cases: number;
  failures: Failure[];
  hangs: number;
  crashes: number;
  wallMs: number;
  targets: Record<string, TargetFigures>;
}

/** Runs every case in child processes under a watchdog; never throws for what a case does. */
export async function supervise(options: Options): Promise<Summary> {
  const all: [string, number][] = options.only ? [...options.only] : [];
  if (!options.only) for (let i = 0; i < options.perTarget; i++) for (const t of options.targets) all.push([t, i]);
  const summary: Summary = { seed: options.seed, cases: 0, failures: [], hangs: 0, crashes: 0, wallMs: 0, targets: {} };
  for (const t of options.targets) summary.targets[t] = { cases: 0, failures: 0, maxCpuMs: 0, maxWallMs: 0, totalCpuMs: 0, maxSize: 0, slowest: '' };
  const started = performance.now();
  let done = 0;
  const slices = Array.from({ length: options.processes }, (_, k) => all.filter((_, i) => i % options.processes === k));
  await Promise.all(
    slices.map(async (cases) => {
      let rest = cases;
      while (rest.length > 0) {
        const result = await runChild(rest, options, (figures) => {
          options.onCase?.(figures);
          done++;
          options.progress?.(done, all.length);
          const t = summary.targets[figures.target] as TargetFigures;
          summary.cases++;
          t.cases++;
          t.totalCpuMs += figures.cpuMs;
          t.maxSize = Math.max(t.maxSize, figures.size);
          if (figures.cpuMs > t.maxCpuMs) {
            t.maxCpuMs = figures.cpuMs;
            t.slowest = `#${figures.index} ${figures.describe} (${figures.size} bytes)`;
          }
          t.maxWallMs = Math.max(t.maxWallMs, figures.wallMs);
          const base = { target: figures.target, index: figures.index, seed: options.seed, describe: figures.describe, saved: figures.saved };
          if (figures.violations.length) summary.failures.push({ ...base, kind: 'violation', detail: figures.violations });
          if (figures.cpuMs > options.slowCpuMs) summary.failures.push({ ...base, kind: 'slow', detail: [`${Math.round(figures.cpuMs)} ms CPU`] });
          if (figures.violations.length || figures.cpuMs > options.slowCpuMs) t.failures++;
        });
        rest = rest.slice(result.completed);
        if (result.lost) {
          // The case in progress hung or took its process down: count it, and go on with the next one.
          const [target, index] = rest[0] as [string, number];
          const t = summary.targets[target] as TargetFigures;
          summary.cases++;
          t.cases++;
          t.failures++;
          done++;
          options.onCase?.({ target, index, describe: result.lost.describe, lost: `${result.lost.kind}: ${result.lost.detail}` });
          if (result.lost.kind === 'hang') summary.hangs++;
          else summary.crashes++;
          summary.failures.push({ target, index, seed: options.seed, describe: result.lost.describe, kind: result.lost.kind, detail: [result.lost.detail] });
          rest = rest.slice(1);
        }
      }
    }),
  );
  summary.wallMs = performance.now() - started;
  return summary;
}

interface Figures {
  target: string;
  index: number;
  describe: string;
  size: number;
  cpuMs: number;
  wallMs: number;
  violations: string[];
  saved?: string;
}

function runChild(
  cases: [string, number][],
  options: Options,
  record: (f: Figures) => void,
): Promise<{ completed: number; lost?: { kind: 'hang' | 'crash'; describe: string; detail: string } }> {
  return new Promise((resolve) => {
    const child = fork(runner, [], {
      execArgv: ['--import', tsx, `--max-old-space-size=${options.heapMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    let completed = 0;
    let current: { target: string; index: number; describe: string; size: number; since: number } | undefined;
    let hung = false;
    let finished = false;
    const watchdog = setInterval(() => {
      if (current && performance.now() - current.since > options.hangMs) {
        hung = true;
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('message', (m: Message) => {
      if (m.type === 'start') current = { target: m.target, index: m.index, describe: m.describe, size: m.size, since: performance.now() };
      else if (m.type === 'done' && current) {
        record({ ...current, cpuMs: m.cpuMs, wallMs: m.wallMs, violations: m.violations, saved: m.saved });
        completed++;
        current = undefined;
      } else if (m.type === 'finished') finished = true;
    });
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      if (finished || (!current && completed === cases.length)) return resolve({ completed });
      const describe = current?.describe ?? `${cases[completed]?.[0]}#${cases[completed]?.[1]}`;
      const detail = hung
        ? `no result after ${options.hangMs} ms (process killed)`
        : `process exited (${signal ?? code}) ${stderr.split('\n').filter(Boolean).slice(-6).join(' | ')}`;
      resolve({ completed, lost: { kind: hung ? 'hang' : 'crash', describe, detail } });
    });
    const job: Job = { seed: options.seed, cases, budget: options.budget, saveTo: options.saveTo };
    child.send(job);
  });
}

/** The figures of a run as a Markdown table (RESULTS.md). */
export function figures(summary: Summary): string {
  const rows = Object.entries(summary.targets).map(
    ([name, t]) =>
      `| ${name} | ${t.cases} | ${t.failures} | ${Math.round(t.maxCpuMs)} | ${Math.round(t.maxWallMs)} | ${t.cases ? Math.round(t.totalCpuMs / t.cases) : 0} | ${t.maxSize} |`,
  );
  return [
    '| target | cases | failures | max CPU ms / case | max wall ms / case | mean CPU ms | largest input (bytes) |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
