#!/usr/bin/env node
// Entry point. In a checkout, the bundle that `pnpm install` builds (dist/crossfoot.cjs, see build.mjs)
// starts fast. It is used only while it is at least as new as every source file it was built from: after
// an edit it is rebuilt first (about a second, once), and if that cannot be done the TypeScript sources run
// through tsx. Either way editing the sources never runs stale code. A published package ships only dist/.
//
// CommonJS, as the bundle is: a cached `check` whose inputs are all unchanged is answered by the much smaller
// dist/crossfoot-replay.cjs (src/replay.ts) without loading the command at all, and nothing starts Node's ES
// module loader, which alone costs about as much as that answer.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'crossfoot.cjs');
const source = join(__dirname, '..', 'src', 'main.ts');
const packages = join(__dirname, '..', '..');
/** The esbuild options the build shares with the language server's (in a checkout only). */
const bundleOptions = join(packages, '..', 'scripts', 'node-bundle.mjs');

/** Whether any source of core, adapters, formatters or cli (or the build script or its options) is newer than `time`. */
function newerThan(time) {
  const check = (path) => statSync(path).mtimeMs > time;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() ? walk(path) : check(path)) return true;
    }
    return false;
  };
  return (
    check(join(__dirname, '..', 'build.mjs')) ||
    (existsSync(bundleOptions) && check(bundleOptions)) ||
    ['core', 'adapters', 'formatters', 'cli'].some((name) => walk(join(packages, name, 'src')) || walk(join(packages, name, 'schemas')))
  );
}

const fresh = () => existsSync(bundle) && !newerThan(statSync(bundle).mtimeMs);
// Node's child_process module is loaded only when a rebuild is needed: most starts do not pay for it.
const rebuilt = () => {
  const { spawnSync } = require('node:child_process');
  const build = spawnSync(process.execPath, [join(__dirname, '..', 'build.mjs')], { stdio: 'ignore', timeout: 120_000 });
  return build.status === 0 && fresh();
};

let interrupted;
// Ctrl-C (SIGINT): stop at once with 130, removing any output file half written (outputs are written whole, then renamed).
process.once('SIGINT', () => process.exit(interrupted?.() ?? 130));
const argv = process.argv.slice(2);

/** The exit status of a cached `check` answered from the record of an unchanged run, else undefined. */
function replayed() {
  if (argv[0] !== 'check' || !argv.some((arg) => arg === '--cache' || arg.startsWith('--cache='))) return undefined;
  const replay = join(dist, 'crossfoot-replay.cjs');
  return existsSync(replay) ? require(replay).replayCommand(argv) : undefined;
}

/**
 * The flags every start compiles the script under, and under which the code V8 made of it is kept. The young
 * generation of V8's heap stays at the size it starts with (semi-spaces of 1 MB), unless the run turns out long enough
 * to let it grow again (compiler.ts, GROWING_FLAGS). V8 doubles it whenever a collection finds much of it alive, as the
 * first ones of a start do (the modules' objects, the packs), and each doubling is memory the process touches for the
 * first time: on a virtual machine such as the one the bench runs on, about 12 µs a page, more than a short run's
 * collections in a small young generation cost. The optimising compiler is named on, as it is by default, since a
 * `check` turns it off once the script is compiled (`optimiseLater`).
 *
 * A regular expression is compiled to machine code when it is first run, rather than first to bytecode that V8
 * interprets and compiles again once the expression turns out hot: the packs' and readers' patterns run thousands of
 * times in any check, so V8's tiering only delayed that second compilation. Whole process, alternated: one small report
 * 212 → 206 ms (25 runs), 10 reports 316 → 311 ms, a 0.5 MB report 397 → 394 ms, the 5 MB report 1.21 → 1.18 s,
 * 1,000 reports 2.70 → 2.64 s; interpreting every expression instead took one small report to 322 ms.
 *
 * Set before the script is compiled: V8 keeps code for one set of flags.
 */
function startFlags() {
  require('node:v8').setFlagsFromString('--semi-space-growth-factor=1 --turbofan --no-regexp-tier-up');
}

/**
 * A `check` starts with V8's optimising compiler off, until the run turns out long enough to repay it (compiler.ts,
 * `OPTIMISE`: 48 reports or 1 MiB of them, a report that is not text, or a report of 48 reports' findings). On a short
 * run it compiles, on a thread beside the checking one, code that the run ends before it repays: one small report took
 * 246 → 235 ms whole process without it, 10 reports 401 → 333 ms, 47 reports 772 → 611 ms, a 0.5 MB report 483 → 426
 * ms (medians of 9–15 alternated runs), while 100 reports took 949 → 1,154 ms. Set once the script is compiled from
 * the code kept under `startFlags`, which V8 checks only then.
 */
function optimiseLater() {
  require('node:v8').setFlagsFromString('--no-turbofan');
}

/**
 * The bundle's exports, compiled with the code V8 made of it in an earlier run (bundle.cjs). That code is written after
 * a `check` that had none, so it holds what checking runs; not after a run that set its compiler flags (compiler.ts),
 * since V8 would turn it down at the next start, under its defaults (each long run wrote it again).
 */
function loadBundle() {
  startFlags();
  const { exports, remember } = require('./bundle.cjs').loadBundle(dist, '');
  if (argv[0] === 'check') optimiseLater();
  const keep = () => {
    // A bundle built before `isTuned` (a checkout whose bin was updated alone) keeps its code as it always did. The
    // code is kept under the flags every run starts with: a run may have let its young generation grow since.
    if (exports.isTuned?.()) return;
    remember(startFlags);
  };
  return { ...exports, remember: argv[0] === 'check' ? keep : () => {} };
}

async function run() {
  let main;
  let remember = () => {};
  if (!existsSync(source)) {
    const answered = existsSync(bundle) ? replayed() : undefined;
    if (answered !== undefined) return answered;
    if (existsSync(bundle)) ({ main, interrupted, remember } = loadBundle());
    else ({ main, interrupted } = await import(pathToFileURL(join(dist, 'main.js')).href));
  } else if (fresh() || rebuilt()) {
    const answered = replayed();
    if (answered !== undefined) return answered;
    ({ main, interrupted, remember } = loadBundle());
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main, interrupted } = await import(pathToFileURL(source).href));
  }
  const code = await main(argv);
  remember();
  return code;
}

run().then((code) => {
  process.exitCode = code;
  // With nothing left open (no handle, request or timer: an output still being written is one), the process leaves
  // now. Left to end on its own, Node first takes down its heaps and threads, about 10 ms of a small report's start.
  if (process.getActiveResourcesInfo().length === 0) process.exit(code);
});
