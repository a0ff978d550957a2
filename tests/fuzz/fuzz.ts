// The long fuzz run: `pnpm fuzz [--cases 10000] [--seed n] [--targets read,check] [--processes n] [--short] [--json]`.
// Prints the figures (cases, crashes, hangs, the slowest case of each target) and exits 1 when any case failed.
import { appendFileSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { figures, supervise } from './supervise.ts';
import { TARGETS } from './targets.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    targets: { type: 'string' },
    processes: { type: 'string' },
    short: { type: 'boolean', default: false },
    'hang-ms': { type: 'string', default: '60000' },
    'slow-ms': { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
    log: { type: 'string' },
    only: { type: 'string' },
  },
});

const targets = values.targets ? values.targets.split(',') : Object.keys(TARGETS);
for (const t of targets) if (!TARGETS[t]) throw new Error(`no fuzz target "${t}"; the targets are ${Object.keys(TARGETS).join(', ')}`);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 0x7fff_ffff);
const cases = Number(values.cases);
const saveTo = join(tmpdir(), 'crossfoot-fuzz-failures');
const progress = process.stderr.isTTY
  ? (done: number, total: number) => {
      if (done % 10 === 0 || done === total) process.stderr.write(`\r${done}/${total}`);
    }
  : (done: number, total: number) => {
      if (done % 500 === 0) process.stderr.write(`${done}/${total}\n`);
    };

// `--only FILE`: a line per case, `target index` (or a log written by `--log`), run exactly those.
const only = values.only === undefined ? undefined : readOnly(values.only);
function readOnly(file: string): [string, number][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): [string, number] => {
      if (line.startsWith('{')) {
        const c = JSON.parse(line) as { target: string; index: number };
        return [c.target, c.index];
      }
      const [target, index] = line.trim().split(/\s+/u);
      if (!target || !TARGETS[target] || !/^\d+$/u.test(index ?? '')) throw new Error(`${file}: "${line}" is not "target index"`);
      return [target, Number(index)];
    });
}

const summary = await supervise({
  only,
  targets: only ? [...new Set(only.map(([t]) => t))] : targets,
  seed,
  perTarget: Math.ceil(cases / targets.length),
  budget: values.short ? 'short' : 'long',
  processes: Number(values.processes ?? Math.max(1, availableParallelism())),
  hangMs: Number(values['hang-ms']),
  slowCpuMs: Number(values['slow-ms']),
  heapMb: 4096,
  saveTo,
  progress,
  onCase: values.log ? (c) => appendFileSync(values.log as string, `${JSON.stringify(c)}\n`) : undefined,
});
if (process.stderr.isTTY) process.stderr.write('\n');

if (values.json) {
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  const slowest = Object.entries(summary.targets).sort((a, b) => b[1].maxCpuMs - a[1].maxCpuMs)[0];
  const out = [
    `seed ${summary.seed}: ${summary.cases} cases in ${Math.round(summary.wallMs / 1000)} s`,
    `failures ${summary.failures.length}, crashes ${summary.crashes}, hangs ${summary.hangs}`,
    slowest ? `slowest case: ${slowest[0]} ${slowest[1].slowest}, ${Math.round(slowest[1].maxCpuMs)} ms CPU` : '',
    '',
    figures(summary),
    '',
  ];
  for (const f of summary.failures) {
    out.push(`${f.kind}: ${f.target} #${f.index} (seed ${f.seed}) ${f.describe}`);
    for (const d of f.detail) out.push(`    ${d}`);
    out.push(
      `    replay: node --import tsx tests/fuzz/replay.ts ${f.target} ${f.seed} ${f.index}${values.short ? ' short' : ' long'}${f.saved ? ` (input: ${f.saved})` : ''}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
process.exitCode = summary.failures.length ? 1 : 0;
