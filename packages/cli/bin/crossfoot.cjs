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
const { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'crossfoot.cjs');
const source = join(__dirname, '..', 'src', 'main.ts');
const packages = join(__dirname, '..', '..');
/** The esbuild options the build shares with the language server's (in a checkout only). */
const bundleOptions = join(packages, '..', 'scripts', 'node-bundle.mjs');
/** How the command's script begins (build.mjs, BUNDLE_ID_PREFIX). */
const BUNDLE_ID = '// crossfoot-bundle ';

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
 * The bundle's exports. It is compiled with the code V8 made of it in an earlier run when there is such code, which
 * saves most of compiling 2 MB of script at every start; Node 20 has no such cache of its own. The code is kept in a
 * file beside the bundle, named for the bundle's text (V8 checks little more than its length) and for this V8, and
 * written after a `check` that had none, so it holds what checking runs. Where dist/ cannot be written, every start
 * compiles.
 */
function loadBundle() {
  const vm = require('node:vm');
  const Module = require('node:module');
  const bytes = readFileSync(bundle);
  // The build writes the script in ASCII and names its text on the first line (build.mjs): Latin-1 decodes it in a
  // fraction of UTF-8's time, and nothing needs hashing here. A script without that line (built otherwise) is hashed.
  const text = bytes.toString(bytes.subarray(0, BUNDLE_ID.length).toString('latin1') === BUNDLE_ID ? 'latin1' : 'utf8');
  const named = /^\/\/ crossfoot-bundle ([0-9a-f]{16})\n/.exec(text);
  const key = named ? named[1] : require('node:crypto').createHash('sha1').update(bytes).digest('hex').slice(0, 16);
  const cacheFile = join(dist, `crossfoot.${key}.${process.arch}-v8-${process.versions.v8}.code-cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const script = new vm.Script(Module.wrap(text), { filename: bundle, cachedData });
  // A script compiled from cached code cannot run `import()` itself: the bundle imports plugins, tinypool, pdf.js and
  // mammoth through this module's (build.mjs, IMPORT_HOOK).
  globalThis[Symbol.for('crossfoot.import')] = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, dist);
  const remember =
    argv[0] === 'check' && (cachedData === undefined || script.cachedDataRejected)
      ? () => {
          const temporary = `${cacheFile}.${process.pid}`;
          try {
            writeFileSync(temporary, script.createCachedData());
            renameSync(temporary, cacheFile);
          } catch {
            try {
              rmSync(temporary, { force: true });
            } catch {}
          }
        }
      : () => {};
  return { ...module.exports, remember };
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
});
