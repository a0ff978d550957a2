#!/usr/bin/env node
// Batch-run benchmark (not a test): `node packages/cli/bench/batch.mjs [reports] [rounds]` (from any folder),
// default 1000 reports, 3 rounds (best of each).
//
// Generates a province's worth of reports (transport bureaus' 2023 and 2024 reports, so previous-report
// rules pair them, and plain-text reports as published), then measures, each in a fresh process:
//   - the worker pools for the same run (plain worker_threads, tinypool, piscina), through the API;
//   - the command as users run it (`crossfoot check …` from the bundle), start-up included:
//     --jobs 1, --jobs 2 (default pool), and --cache cold then warm.
// Prints a Markdown table; packages/cli/bench/RESULTS.md keeps the figures of a run with the machine it ran on.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('..', import.meta.url));
const root = join(cli, '..', '..');
const dist = join(cli, 'dist');

if (process.argv[2] === '--pool') {
  // One measurement in this process: runBatch on the given pool, worker start-up included.
  const [, , , pool, jobs, dir, bundle] = process.argv;
  const { runBatch } = await import(pathToFileURL(join(bundle, 'crossfoot-api.mjs')).href);
  let factory = pool;
  if (pool === 'piscina') {
    const { Piscina } = await import('piscina');
    factory = ({ threads, worker }) => {
      const p = new Piscina({ filename: worker.href, minThreads: threads, maxThreads: threads });
      return { threads, run: (task) => p.run(task), close: () => p.destroy() };
    };
  }
  const start = performance.now();
  const result = await runBatch({ cwd: dir, patterns: ['reports'], jobs: Number(jobs), pool: factory });
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage();
  const cpu = (user + system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpu, files: result.stats.files, threads: result.stats.threads, findings: result.diagnostics.length }));
  process.exit(0);
}

const count = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 3);

// The bundle the command and the API run from, copied aside: a rebuild meanwhile (sources edited while the
// benchmark runs) would otherwise land in the figures, and a new build's cache starts cold. The copy is laid
// out as a published package (package.json, dist/, a bin) inside packages/cli, so it finds its packs and the
// packages the bundle leaves outside (tinypool, the PDF and Word readers) as the command does.
execFileSync(process.execPath, [join(cli, 'build.mjs')], { stdio: 'inherit' });
const pinned = mkdtempSync(join(dist, '.bench-'));
const bundle = join(pinned, 'dist');
mkdirSync(bundle);
for (const name of readdirSync(dist)) if (/^crossfoot.*\.mjs$/.test(name)) copyFileSync(join(dist, name), join(bundle, name));
copyFileSync(join(cli, 'package.json'), join(pinned, 'package.json'));
// What bin/crossfoot.cjs runs in a published package, where only the bundle is shipped.
const bin = join(pinned, 'bin.mjs');
writeFileSync(bin, "import { main } from './dist/crossfoot.mjs';\nprocess.exitCode = await main(process.argv.slice(2));\n");

function makeCorpus(dir, reports) {
  const y2023 = readFileSync(join(root, 'examples', 'jiangzhou-transport', '2023.md'), 'utf8');
  const y2024 = readFileSync(join(root, 'examples', 'jiangzhou-transport', '2024.md'), 'utf8');
  const seed = join(root, 'examples', 'huaning-2018.txt');
  let made = 0;
  for (let i = 0; made < reports; i++) {
    const folder = join(dir, 'reports', `bureau-${String(i).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    const city = `第${i + 1}市`;
    if (i % 5 === 4) {
      copyFileSync(seed, join(folder, '2018.txt'));
      made++;
      continue;
    }
    writeFileSync(join(folder, '2024.md'), y2024.replaceAll('江州市', city));
    made++;
    if (made < reports && i % 3 !== 2) {
      writeFileSync(join(folder, '2023.md'), y2023.replaceAll('江州市', city));
      made++;
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'crossfoot-bench-'));
makeCorpus(dir, count);

/** The best of the rounds: the run least disturbed by whatever else the machine was doing. */
const best = (xs) => Math.min(...xs);
const loads = [];
const cache = join(dir, '.cache');

/** One measurement in a fresh process of runBatch on a pool, worker start-up included. */
function pool(name, jobs) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--pool', name, String(jobs), dir, bundle], { encoding: 'utf8' });
  const { ms, cpu, files, findings } = JSON.parse(out);
  return { ms, cpu, files, findings };
}

/** One run of the command as users run it, process start-up included. */
function command(args) {
  const start = performance.now();
  const run = spawnSync(process.execPath, [bin, 'check', 'reports', '--format', 'json', '-o', join(dir, 'out.json'), ...args], { cwd: dir, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  const findings = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).diagnostics.length;
  return { ms, cpu: undefined, files: count, findings };
}

// Rounds go through every configuration in turn, so a machine getting busier or quieter affects them alike.
const runs = [
  ['API, plain worker_threads pool, 2 threads', () => pool('threads', 2)],
  ['API, tinypool, 2 threads', () => pool('tinypool', 2)],
  ['API, piscina, 2 threads', () => pool('piscina', 2)],
  ['API, main thread only (--jobs 1)', () => pool('threads', 1)],
  ['command, --jobs 1', () => command(['--jobs', '1'])],
  ['command, --jobs 2', () => command(['--jobs', '2'])],
  [
    'command, --cache, cold',
    () => {
      rmSync(cache, { recursive: true, force: true });
      return command([`--cache=${cache}`]);
    },
  ],
  ['command, --cache, warm', () => command([`--cache=${cache}`])],
];
const times = new Map(runs.map(([label]) => [label, []]));
const cpus = new Map(runs.map(([label]) => [label, []]));
const last = new Map();

try {
  for (let r = 0; r < rounds; r++) {
    for (const [label, measure] of runs) {
      loads.push(loadavg()[0]);
      const m = measure();
      process.stderr.write(`round ${r + 1}/${rounds}, ${label}: ${(m.ms / 1000).toFixed(2)} s\n`);
      times.get(label).push(m.ms);
      if (m.cpu !== undefined) cpus.get(label).push(m.cpu);
      last.set(label, m);
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\n${count} reports, ${rounds} rounds (best of each), ${availableParallelism()} cores (${cpu}), Node ${process.version}, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`,
  );
  console.log('| run | time (s) | reports/s | CPU (s, all threads) | findings |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [label] of runs) {
    const ms = best(times.get(label));
    const m = last.get(label);
    const cpu = cpus.get(label).length ? `${(Math.min(...cpus.get(label)) / 1000).toFixed(1)}` : '';
    console.log(`| ${label} | ${(ms / 1000).toFixed(2)} | ${((m.files / ms) * 1000).toFixed(0)} | ${cpu} | ${m.findings} |`);
  }
  const cold = best(times.get('command, --cache, cold'));
  const warm = best(times.get('command, --cache, warm'));
  console.log(`\nwarm cache: ${(cold / warm).toFixed(1)}× faster than cold (start-up included)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pinned, { recursive: true, force: true });
}
