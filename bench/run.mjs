#!/usr/bin/env node
// The benchmark suite (not tests): `pnpm bench` measures every target of the performance work on a seeded
// corpus (bench/corpus.mjs) and rewrites bench/RESULTS.md; `pnpm bench --quick` runs fewer reports and rounds
// and prints the table without writing the file; `--only e2e,formats,read,…` runs some of them; `--count N` checks N
// reports instead of 1,000, `--rounds N` sets the rounds, `--big` adds a 10,000-report run for memory.
//
// Every figure is a median with min–max over the rounds; every comparison is measured in the same run on the
// same files, its runs alternated so a machine getting busier or quieter affects both alike.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { hugeMarkdownReport, makeCorpus, markdownReport, random } from './corpus.mjs';
import { measureServer } from './lsp.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    write: { type: 'boolean' },
    count: { type: 'string' },
    big: { type: 'boolean' },
  },
});
const quick = values.quick;
const only = values.only ? new Set(values.only.split(',')) : undefined;
const wanted = (name) => !only || only.has(name);
const ROUNDS = Number(values.rounds ?? (quick ? 2 : 3));
const COUNT = Number(values.count ?? (quick ? 200 : 1000));
/** Reports read in process (reading and rules): remark-parse + remark-gfm alone takes ≈ 13 ms a report. */
const SAMPLE = quick ? 100 : 300;
/** With --big, the memory of a 10,000-report run too (long on a shared machine). */
const BIG_COUNT = values.big ? 10_000 : 0;
const write = values.write ?? (!quick && !only);

// The bundle as published (bin/crossfoot.cjs would rebuild it whenever a source file is newer, as it is in a
// working tree others edit), copied so that a rebuild meanwhile does not change what is measured.
const CLI_DIST = join(ROOT, 'packages', 'cli', 'dist');
const CLI_COPY = join(CLI_DIST, 'bench');
const CLI = join(CLI_COPY, 'bin', 'crossfoot.cjs');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const WORK = mkdtempSync(join(os.tmpdir(), 'crossfoot-bench-'));
const OUT = join(ROOT, 'node_modules', '.cache', 'crossfoot-bench');
// The bundles below live outside the CLI's package: they find the packs that ship with crossfoot here.
const ENV = { ...process.env, CROSSFOOT_BUILTIN_RULES: join(ROOT, 'rules') };
/**
 * `NODE_EXTRA_CA_CERTS` names certificates Node 20 loads, with its own, into OpenSSL before any script runs: every
 * start of Node pays for it, whether or not the script ever opens a TLS connection (crossfoot never does). Where the
 * machine sets it, the start-up row is measured both with it and without it (`CLEAN_ENV`), beside Node's empty start in
 * each, so that what Node's own start costs here is seen apart from the command's.
 */
const EXTRA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
const CLEAN_ENV = Object.fromEntries(Object.entries(ENV).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

const loads = [];
const sample = () => loads.push(os.loadavg()[0]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const spread = (xs, f) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const msf = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const x = (r) => `${r.toFixed(2)}×`;
const log = (s) => process.stderr.write(`${s}\n`);

/** Runs a command, returning its wall time (ms), peak resident memory (KiB), exit status and what it wrote to stderr. */
function run(command, args, cwd, accept = [0, 1], env = ENV) {
  const stats = join(WORK, 'time.txt');
  sample();
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', stats, command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (!accept.includes(r.status)) throw new Error(`${command} ${args.join(' ')}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
  // Peak resident KB, then user and system CPU seconds (the last line: a failing command's status comes first).
  const [kb, user, system] = readFileSync(stats, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { ms, kb, cpu: (user + system) * 1000, status: r.status, stderr: r.stderr };
}

/** The command asked where its time goes (packages/cli/src/timing.ts): one line of JSON at the end of stderr. */
const TIMED_ENV = { ...ENV, CROSSFOOT_TIMING: 'json' };
const timingOf = (r) => JSON.parse(r.stderr.trimEnd().split('\n').at(-1));

const check = (dir, args = [], format = 'json', env = ENV) =>
  run(process.execPath, [CLI, 'check', ...args, '--format', format, '-o', join(WORK, `out.${format}`)], dir, [0, 1], env);
/** Node starting an empty script: what every start costs before the command's first line. */
const emptyNode = (env = ENV) => run(process.execPath, ['-e', '0'], WORK, [0], env);

/** The formats besides JSON, each measured once on the batch: every one is written a file's findings at a time. */
const OTHER_FORMATS = ['stylish', 'sarif', 'junit', 'github', 'markdown', 'html', 'csv'];

/**
 * The machine's own ceiling for two-way parallel checking: two independent `--jobs 1` processes, each on half
 * the reports, at the same time (no threads, nothing shared). Compared with one process on all of them, it bounds
 * what any two threads could gain here. Each is given its reports' files by name, as a shell's glob gives them.
 */
function halves(dir) {
  const files = readdirSync(join(dir, 'reports'), { recursive: true })
    .map((f) => `reports/${f}`)
    .filter((f) => /\.(?:md|markdown|txt|ya?ml|html?)$/.test(f))
    .sort();
  const half = Math.ceil(files.length / 2);
  const one = (part, out) =>
    [process.execPath, CLI, 'check', '--jobs', '1', '--format', 'json', '-o', join(WORK, out), ...part].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  return run('/bin/sh', ['-c', `${one(files.slice(0, half), 'a.json')} & ${one(files.slice(half), 'b.json')} & wait`], dir, [0]);
}

/** Runs every measure in turn, `rounds` times, and returns the results of each. */
function alternate(rounds, measures) {
  const out = Object.fromEntries(Object.keys(measures).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) for (const [k, m] of Object.entries(measures)) out[k].push(m());
  return out;
}

function inproc(...args) {
  sample();
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '--expose-gc', join(OUT, 'inproc.mjs'), ...args], {
    env: ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`inproc ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------------------------------------------------

log('building the CLI bundle and the benchmark bundles');
execFileSync(process.execPath, [join(ROOT, 'packages', 'cli', 'build.mjs')], { stdio: 'inherit' });
rmSync(CLI_COPY, { recursive: true, force: true });
mkdirSync(CLI_COPY, { recursive: true });
// Laid out as the published package is (bin/, dist/), without the sources: the bin runs the bundle as users' does.
mkdirSync(join(CLI_COPY, 'bin'));
mkdirSync(join(CLI_COPY, 'dist'));
for (const name of readdirSync(join(ROOT, 'packages', 'cli', 'bin'))) copyFileSync(join(ROOT, 'packages', 'cli', 'bin', name), join(CLI_COPY, 'bin', name));
for (const name of readdirSync(CLI_DIST)) if (/^crossfoot.*\.(?:mjs|cjs|json)$/.test(name)) copyFileSync(join(CLI_DIST, name), join(CLI_COPY, 'dist', name));
mkdirSync(OUT, { recursive: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { inproc: 'bench/inproc.mjs' },
  outdir: OUT,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  external: ['pdfjs-dist', 'pdfjs-dist/*', 'mammoth', 'tinypool', 'piscina', 'tsx', 'tsx/*'],
  banner: { js: "import { createRequire as __cr } from 'node:module';\nconst require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
// The language server as the VS Code extension ships it: one bundle.
await build({
  absWorkingDir: ROOT,
  stdin: {
    contents: `import { main } from './packages/language-server/src/main.ts';\nconst status = main(process.argv.slice(2));\nif (status !== undefined) process.exitCode = status;\n`,
    resolveDir: ROOT,
    sourcefile: 'language-server.mjs',
    loader: 'ts',
  },
  outfile: join(OUT, 'language-server.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pdfjs-dist', 'pdfjs-dist/*', 'mammoth', 'tinypool', 'piscina', 'tsx', 'tsx/*'],
  banner: { js: "import { createRequire as __cr } from 'node:module';\nconst require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

log(`corpus: ${COUNT} Markdown reports of 15 KB, a mixed corpus, a 5 MB report, 0.5 and 2 MB reports (in ${WORK})`);
const md = join(WORK, 'md');
makeCorpus(md, { count: COUNT, kb: 15 });
const mixed = join(WORK, 'mixed');
makeCorpus(mixed, { count: quick ? 100 : 400, kb: 15, mix: true });
const single = join(WORK, 'single');
mkdirSync(single, { recursive: true });
const typical = markdownReport(7, 15, random(7));
writeFileSync(join(single, 'report.md'), typical);
const huge = hugeMarkdownReport(5, random(5));
writeFileSync(join(single, 'huge.md'), huge);
writeFileSync(join(single, 'half.md'), hugeMarkdownReport(0.5, random(1)));
writeFileSync(join(single, 'two.md'), hugeMarkdownReport(2, random(2)));
const mdBytes = COUNT * Buffer.byteLength(typical);
// Reports as published, which auditors check by the hundred: the test fixtures' 2021-format report printed to PDF
// and saved from Word (packages/adapters/test/fixtures/published), each copied into folders of its own.
const PUBLISHED = join(ROOT, 'packages', 'adapters', 'test', 'fixtures', 'published');
const PUBLISHED_COUNT = quick ? 20 : 100;
const published = Object.fromEntries(
  ['pdf', 'docx'].map((kind) => {
    const dir = join(WORK, `published-${kind}`);
    for (let i = 0; i < PUBLISHED_COUNT; i++) {
      const folder = join(dir, 'reports', `issuer-${String(i).padStart(3, '0')}`);
      mkdirSync(folder, { recursive: true });
      copyFileSync(join(PUBLISHED, `report-2023.${kind}`), join(folder, `report.${kind}`));
    }
    return [kind, dir];
  }),
);

const results = {};
try {
  // The command as it runs once installed and used: V8's code for its script is kept by a first check of one report,
  // and for its worker threads by a first batch (bin/bundle.cjs). Without this the first round alone compiled afresh.
  log('priming the command, unmeasured: one report, and a batch with a worker thread before batches are measured');
  check(single, ['report.md']);
  if (wanted('e2e') || wanted('workers') || wanted('memory')) {
    check(md, ['reports', '--jobs', '2']);
    log(`(1, 4, 5) crossfoot check on ${COUNT} reports: default jobs, --jobs 1, --jobs 2; markdownlint-cli2 on the same files`);
    const runs = alternate(ROUNDS, {
      crossfoot: () => check(md, ['reports']),
      markdownlint: () => run(process.execPath, [MARKDOWNLINT, 'reports/**/*.md'], md),
      // Timed (CROSSFOOT_TIMING): the rules' share of the run is read from the run itself (a few thousand clock reads).
      jobs1: () => check(md, ['reports', '--jobs', '1'], 'json', TIMED_ENV),
      jobs2: () => check(md, ['reports', '--jobs', '2']),
      halves: () => halves(md),
    });
    results.e2e = runs;
    if (BIG_COUNT && wanted('memory')) {
      log(`(5) crossfoot check on ${BIG_COUNT} reports, for memory`);
      const big = join(WORK, 'big');
      makeCorpus(big, { count: BIG_COUNT, kb: 15 });
      results.big = [check(big, ['reports'])];
      // An auditor's run split across machines and merged: the two shards' JSON reports into the whole run's report.
      log(`(5) report merge of two shards of ${BIG_COUNT} reports`);
      const shards = [1, 2].map((i) => join(WORK, `shard-${i}.json`));
      for (const [i, shard] of shards.entries())
        run(process.execPath, [CLI, 'check', 'reports', '--shard', `${i + 1}/2`, '--format', 'json', '-o', shard], big);
      const merged = join(WORK, 'merged.json');
      results.merge = { ...run(process.execPath, [CLI, 'report', 'merge', ...shards, '-o', merged], big), bytes: statSync(merged).size };
      // The same bytes as the whole run's report (`check` wrote it to out.json above).
      results.merge.same = readFileSync(merged).equals(readFileSync(join(WORK, 'out.json')));
      for (const f of [...shards, merged]) rmSync(f, { force: true });
      rmSync(big, { recursive: true, force: true });
    }
  }
  if (wanted('formats')) {
    if (only) check(md, ['reports', '--jobs', '2']);
    log(`(1, 5) crossfoot check on ${COUNT} reports, default jobs, in each other format (one run each)`);
    results.formats = Object.fromEntries(OTHER_FORMATS.map((format) => [format, check(md, ['reports'], format)]));
  }
  if (wanted('read')) {
    log('(2) Markdown reading: crossfoot vs remark-parse + remark-gfm, same files');
    results.read = inproc('read', join(md, 'reports'), String(ROUNDS), String(Math.min(SAMPLE, COUNT)));
    results.scale = inproc('scale', String(Math.max(2, Math.ceil(ROUNDS / 2))), join(single, 'half.md'), join(single, 'two.md'));
  }
  if (wanted('rules')) {
    log('(3) reading vs rules per report');
    results.rules = inproc('rules', md, String(ROUNDS), String(Math.min(SAMPLE, COUNT)));
    results.mixedRules = inproc('rules', mixed, '1');
  }
  if (wanted('huge')) {
    log('(2, 5) one 5 MB report checked cold, whole process; 0.5 and 2 MB reports');
    results.huge = alternate(Math.max(2, Math.ceil(ROUNDS / 2)), {
      huge: () => check(single, ['huge.md']),
      half: () => check(single, ['half.md']),
      two: () => check(single, ['two.md']),
    });
  }
  if (wanted('published')) {
    log(`crossfoot check on ${PUBLISHED_COUNT} published PDF and ${PUBLISHED_COUNT} Word reports, default jobs`);
    results.published = alternate(Math.max(2, Math.ceil(ROUNDS / 2)), {
      pdf: () => check(published.pdf, ['reports']),
      docx: () => check(published.docx, ['reports']),
    });
  }
  if (wanted('startup')) {
    log('(7) one small report, whole process');
    const measures = { one: () => check(single, ['report.md']), node: () => emptyNode() };
    if (EXTRA_CERTS !== undefined) {
      measures.oneClean = () => check(single, ['report.md'], 'json', CLEAN_ENV);
      measures.nodeClean = () => emptyNode(CLEAN_ENV);
    }
    results.startup = alternate(quick ? 5 : 15, measures);
  }
  if (wanted('lsp')) {
    log('(6) language server: didChange → publishDiagnostics');
    const edit = (text) => {
      const m = /共收到政府信息公开申请(\d+)件/u.exec(text);
      return [m[0], m[0].replace(m[1], String(Number(m[1]) + 1))];
    };
    sample();
    results.lsp = await measureServer({
      command: process.execPath,
      args: [join(OUT, 'language-server.mjs'), '--stdio'],
      env: ENV,
      dir: mkdtempSync(join(WORK, 'lsp-')),
      reports: [
        { name: 'typical', text: typical, runs: quick ? 10 : 30, edit: edit(typical) },
        { name: 'huge', text: huge, runs: quick ? 3 : 20, edit: edit(huge) },
      ],
    });
    sample();
  }
} finally {
  rmSync(WORK, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------

const rows = [];
/** One target: what was measured, the figure, the target, met or missed and by how much. */
function target(n, what, figure, goal, met, by, why = '') {
  rows.push({ n, what, figure, goal, met, by, why });
}
const ratioOf = (a, b) => a.map((v, i) => v / b[i]);
const MS = (xs) => xs.map((r) => r.ms);
const KB = (xs) => xs.map((r) => r.kb);
const perReport = (ms, n) => ms / n;

if (results.e2e) {
  const { crossfoot, markdownlint, jobs1, jobs2, halves: split } = results.e2e;
  const wall = median(MS(crossfoot));
  // 3 s for 1,000 reports; pro rata when fewer are checked.
  const goal = (3000 * COUNT) / 1000;
  target(
    1,
    `\`crossfoot check\` on ${COUNT} reports, default jobs (wall)`,
    spread(MS(crossfoot), sec),
    COUNT === 1000 ? '≤ 3 s' : `≤ ${sec(goal)} (3 s for 1,000)`,
    wall <= goal,
    wall <= goal ? '' : `${x(wall / goal)} over`,
  );
  target(1, 'markdownlint-cli2 on the same files (wall)', spread(MS(markdownlint), sec), '—', undefined, '');
  const vs = ratioOf(MS(markdownlint), MS(crossfoot));
  target(1, 'crossfoot faster than markdownlint-cli2 (same run)', spread(vs, x), '≥ 5×', median(vs) >= 5, median(vs) >= 5 ? '' : `${x(5 / median(vs))} short`);
  const w = ratioOf(MS(jobs1), MS(jobs2));
  target(
    4,
    `--jobs 1 ${spread(MS(jobs1), sec)} vs --jobs 2 ${spread(MS(jobs2), sec)}`,
    spread(w, x),
    '≥ 1.6×',
    median(w) >= 1.6,
    median(w) >= 1.6 ? '' : `${x(1.6 / median(w))} short`,
  );
  const ceiling = ratioOf(MS(jobs1), MS(split));
  target(
    4,
    `this machine's ceiling: two independent --jobs 1 processes on half the reports each at once, ${spread(MS(split), sec)}, vs one on all`,
    spread(ceiling, x),
    '—',
    undefined,
    '',
  );
  // What bounds two threads before the machine does: one thread already keeps more than one core busy (V8 compiles
  // and collects beside the script), and two cannot keep more busy than the machine has.
  const busy = jobs1.map((r) => r.cpu / r.ms);
  const cores = Math.min(2, os.availableParallelism());
  target(
    4,
    `cores one \`--jobs 1\` run keeps busy (its CPU time over its wall time), so at most ${cores} / ${median(busy).toFixed(2)} = ${x(cores / median(busy))} for two threads on this machine's ${os.availableParallelism()} cores`,
    spread(busy, (v) => v.toFixed(2)),
    '—',
    undefined,
    '',
  );
  const peak = median(KB(crossfoot));
  target(
    5,
    `peak memory, ${COUNT} reports`,
    spread(KB(crossfoot), mib),
    '≤ 200 MiB',
    peak <= 200 * 1024,
    peak <= 200 * 1024 ? '' : `${mib(peak - 200 * 1024)} over`,
  );
  target(5, 'peak memory, markdownlint-cli2 on the same files', spread(KB(markdownlint), mib), '—', undefined, '');
  if (results.big) {
    const b = results.big[0].kb;
    const g = b / peak - 1;
    target(
      5,
      `peak memory, ${BIG_COUNT} reports (wall ${sec(results.big[0].ms)})`,
      mib(b),
      `within 10 % of ${COUNT}`,
      g <= 0.1,
      g <= 0.1 ? `${(g * 100).toFixed(0)} %` : `${(g * 100).toFixed(0)} % more`,
    );
  }
}
if (results.merge) {
  const m = results.merge;
  target(
    5,
    `peak memory, \`report merge\` of two shards of ${BIG_COUNT} reports into the whole run's report (${(m.bytes / 1024 / 1024).toFixed(0)} MB of JSON, wall ${sec(m.ms)}, ${m.same ? 'the same bytes as the whole run' : 'NOT the bytes of the whole run'})`,
    mib(m.kb),
    '—',
    undefined,
    '',
  );
}
if (results.formats) {
  const each = Object.entries(results.formats);
  const most = Math.max(...each.map(([, r]) => r.kb));
  target(
    5,
    `peak memory, ${COUNT} reports, in each other format, one run each (${each.map(([f, r]) => `${f} ${sec(r.ms)}, ${mib(r.kb)}`).join('; ')})`,
    `at most ${mib(most)}`,
    '≤ 200 MiB',
    most <= 200 * 1024,
    most <= 200 * 1024 ? '' : `${mib(most - 200 * 1024)} over`,
  );
}
if (results.read) {
  const { files, bytes, crossfoot, plain } = results.read;
  const r = ratioOf(plain, crossfoot);
  const mbs = (ms) => `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(1)} MB/s`;
  target(
    2,
    `Markdown reading, ${files} reports: crossfoot ${spread(crossfoot, (v) => msf(perReport(v, files)))} a report (${mbs(median(crossfoot))}); remark-parse + remark-gfm ${spread(plain, (v) => msf(perReport(v, files)))} (${mbs(median(plain))})`,
    spread(r, x),
    '≥ 4× remark',
    median(r) >= 4,
    median(r) >= 4 ? '' : `${x(4 / median(r))} short`,
  );
  const [half, two] = Object.values(results.scale);
  const lin = median(two.crossfoot) / median(half.crossfoot);
  const stock = median(two.plain) / median(half.plain);
  target(
    2,
    `linear in size: Markdown reading of 2 MB ${msf(median(two.crossfoot))} vs 0.5 MB ${msf(median(half.crossfoot))} (remark-parse + remark-gfm: ${x(stock)})`,
    x(lin),
    '≤ 5×',
    lin <= 5,
    lin <= 5 ? '' : `${x(lin / 5)} over`,
  );
}
if (results.huge) {
  const h = median(MS(results.huge.huge));
  target(2, '5 MB report checked cold, whole process', spread(MS(results.huge.huge), sec), '≤ 1.5 s', h <= 1500, h <= 1500 ? '' : `${x(h / 1500)} over`);
  const lin = median(MS(results.huge.two)) / median(MS(results.huge.half));
  target(
    2,
    `linear in size, whole check: 2 MB ${sec(median(MS(results.huge.two)))} vs 0.5 MB ${sec(median(MS(results.huge.half)))}`,
    x(lin),
    '≤ 5×',
    lin <= 5,
    lin <= 5 ? '' : `${x(lin / 5)} over`,
  );
  const m = median(KB(results.huge.huge));
  target(
    5,
    'peak memory, the 5 MB report',
    spread(KB(results.huge.huge), mib),
    '≤ 300 MiB',
    m <= 300 * 1024,
    m <= 300 * 1024 ? '' : `${mib(m - 300 * 1024)} over`,
  );
}
if (results.rules) {
  const { files, read, rules } = results.rules;
  const share = ratioOf(
    rules,
    read.map((v, i) => v + rules[i]),
  );
  target(
    3,
    `rules (facts + json-rules-engine) ${spread(rules, (v) => `${(v / files).toFixed(2)} ms`)} a report vs reading ${spread(read, (v) => `${(v / files).toFixed(2)} ms`)}: rules' share of reading + rules`,
    spread(
      share.map((s) => s * 100),
      (v) => `${v.toFixed(1)} %`,
    ),
    '≤ 15 %',
    median(share) <= 0.15,
    median(share) <= 0.15 ? '' : `${((median(share) - 0.15) * 100).toFixed(1)} points over`,
  );
}
if (results.e2e) {
  // The rules' time in the run itself, every report's (the first ones', before V8 has optimised the checks, among them),
  // as the command measures it (CROSSFOOT_TIMING), against the same run's wall time.
  const runs = results.e2e.jobs1;
  const timed = runs.map(timingOf);
  const shares = runs.map((r, i) => timed[i].check / r.ms);
  const part = (f) => msf(median(timed.map(f)));
  const s = median(shares);
  target(
    3,
    `rules (facts + json-rules-engine) in \`check --jobs 1\` on ${COUNT} reports, as the run measures them (\`CROSSFOOT_TIMING\`): ${part((t) => t.check)} of ${sec(median(MS(runs)))} (the rules' own checks ${part((t) => t.rules)}, recognising packs ${part((t) => t.recognise)}, json-rules-engine and messages ${part((t) => t.check - t.rules - t.recognise)}; reading ${part((t) => t.read)})`,
    // One decimal: a share just over the target would otherwise read "15 %" and "0 points over".
    spread(
      shares.map((v) => v * 100),
      (v) => `${v.toFixed(1)} %`,
    ),
    '≤ 15 %',
    s <= 0.15,
    s <= 0.15 ? '' : `${((s - 0.15) * 100).toFixed(1)} points over`,
  );
}
if (results.published) {
  const each = (kind, name) => {
    const runs = results.published[kind];
    const ms = median(MS(runs));
    return `${PUBLISHED_COUNT} ${name} ${spread(MS(runs), sec)}, ${msf(ms / PUBLISHED_COUNT)} a report, ${mib(median(KB(runs)))}`;
  };
  target(
    1,
    `reports as published, whole process, default jobs: ${each('pdf', 'PDF reports (5 pages)')}; ${each('docx', 'Word reports')}`,
    '—',
    '—',
    undefined,
    '',
  );
}
if (results.startup) {
  const { one, node, oneClean, nodeClean } = results.startup;
  // The command's own part: the median of each round's difference from Node's empty start in the same environment.
  const timesOf = (runs, empty) => ({ s: median(MS(runs)), own: median(MS(runs).map((ms, i) => ms - empty[i].ms)) });
  const given = timesOf(one, node);
  const setting = EXTRA_CERTS === undefined ? '' : ' (the machine sets `NODE_EXTRA_CA_CERTS`)';
  target(
    7,
    `one small report, whole process${setting}; Node's empty start ${msf(median(MS(node)))}, the command's own ${msf(given.own)}`,
    spread(MS(one), msf),
    '≤ 200 ms',
    given.s <= 200,
    given.s <= 200 ? '' : `${x(given.s / 200)} over`,
  );
  if (oneClean) {
    const clean = timesOf(oneClean, nodeClean);
    target(
      7,
      `one small report, whole process, without \`NODE_EXTRA_CA_CERTS\` (certificates Node loads at every start); Node's empty start ${msf(median(MS(nodeClean)))}, the command's own ${msf(clean.own)}`,
      spread(MS(oneClean), msf),
      '≤ 200 ms',
      clean.s <= 200,
      clean.s <= 200 ? '' : `${x(clean.s / 200)} over`,
    );
  }
}
if (results.lsp) {
  for (const r of results.lsp.reports) {
    const p50 = median(r.times);
    const p95 = percentile(r.times, 95);
    const size = r.bytes > 1 << 20 ? `${(r.bytes / 1024 / 1024).toFixed(1)} MB` : `${(r.bytes / 1024).toFixed(0)} KB`;
    target(
      6,
      `language server, ${r.name} report (${size}, ${r.times.length} changes; open ${msf(r.open)}): p50`,
      `${msf(p50)} (${msf(Math.min(...r.times))}–${msf(Math.max(...r.times))})`,
      '≤ 50 ms',
      p50 <= 50,
      p50 <= 50 ? '' : `${x(p50 / 50)} over`,
    );
    target(6, `language server, ${r.name} report: p95`, msf(p95), '≤ 100 ms', p95 <= 100, p95 <= 100 ? '' : `${x(p95 / 100)} over`);
  }
}

const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
const machine = `${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const load = loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (median ${median(loads).toFixed(1)})` : '—';
const status = (r) => (r.met === undefined ? '' : r.met ? 'met' : `**missed** ${r.by}`);

const table = [
  '| # | measured | median (min–max) | target | |',
  '| --: | --- | --: | --: | --- |',
  ...rows.map((r) => `| ${r.n} | ${r.what} | ${r.figure} | ${r.goal} | ${status(r)} |`),
].join('\n');

const formats = results.mixedRules
  ? [
      '',
      `Per format, ${results.mixedRules.files} reports of a mixed corpus (one round, in process):`,
      '',
      '| format | reports | reading a report | rules a report |',
      '| --- | --: | --: | --: |',
      ...Object.entries(results.mixedRules.byFormat).map(([f, v]) => `| ${f} | ${v.files} | ${msf(v.read / v.files)} | ${msf(v.rules / v.files)} |`),
    ].join('\n')
  : '';

const header = `${quick ? 'Quick run: ' : ''}${COUNT} generated Markdown reports of ${(mdBytes / COUNT / 1024).toFixed(1)} KB (${(mdBytes / 1024 / 1024).toFixed(1)} MB), ${ROUNDS} rounds; ${machine}; load average ${load}; ${when}, commit ${commit}.`;
console.log(`\n${header}\n\n${table}\n${formats}\n`);

if (write) {
  const notes = readFileSync(join(ROOT, 'bench', 'NOTES.md'), 'utf8');
  const doc = `# Benchmarks

Written by \`pnpm bench\` (bench/run.mjs); do not edit by hand — the notes come from bench/NOTES.md.

**Machine.** ${machine}. Load average during the run ${load}: the machine is shared, so figures vary; each is a median over the rounds with min–max beside it, and every comparison (ratio) is measured in the same run on the same files, its runs alternated.

**Run.** ${when}, commit ${commit}. Corpus: ${COUNT} seeded Markdown reports (bench/corpus.mjs: front matter, Chinese narrative, the 2021 statistics tables and an 84-row statistics table each, ${(mdBytes / COUNT / 1024).toFixed(1)} KB, ${(mdBytes / 1024 / 1024).toFixed(1)} MB in all), a mixed corpus (Markdown, YAML, HTML, plain text), one 5 MB report and 0.5 and 2 MB ones. ${ROUNDS} rounds; reading and rules in process on the first ${Math.min(SAMPLE, COUNT)} reports.

${table}
${formats}

${notes}`;
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), doc);
  log('bench/RESULTS.md written');
}
