#!/usr/bin/env node
// Entry point. In a checkout, the bundle that `pnpm install` builds (dist/crossfoot.mjs, see build.mjs)
// starts fast. It is used only while it is at least as new as every source file it was built from: after
// an edit it is rebuilt first (about a second, once), and if that cannot be done the TypeScript sources run
// through tsx. Either way editing the sources never runs stale code. A published package ships only dist/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/crossfoot.mjs', import.meta.url));
const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** The esbuild options the build shares with the language server's (in a checkout only). */
const bundleOptions = fileURLToPath(new URL('../../../scripts/node-bundle.mjs', import.meta.url));
const packages = fileURLToPath(new URL('../../', import.meta.url));

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
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() ? walk(path) : check(path)) return true;
    }
    return false;
  };
  return (
    check(fileURLToPath(new URL('../build.mjs', import.meta.url))) ||
    (existsSync(bundleOptions) && check(bundleOptions)) ||
    ['core', 'adapters', 'formatters', 'cli'].some((name) => walk(`${packages}${name}/src`) || walk(`${packages}${name}/schemas`))
  );
}

const fresh = () => existsSync(bundle) && !newerThan(statSync(bundle).mtimeMs);
// Node's child_process module is loaded only when a rebuild is needed: most starts do not pay for it.
const rebuilt = async () => {
  const { spawnSync } = await import('node:child_process');
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('../build.mjs', import.meta.url))], { stdio: 'ignore', timeout: 120_000 });
  return build.status === 0 && fresh();
};

let main;
let interrupted;
// Ctrl-C (SIGINT): stop at once with 130, removing any output file half written (outputs are written whole, then renamed).
process.once('SIGINT', () => process.exit(interrupted?.() ?? 130));
const argv = process.argv.slice(2);
/** A cached `check` whose inputs are all unchanged is answered by one small module of the bundle (src/replay.ts). */
const replayed = async () => {
  if (argv[0] !== 'check' || !argv.some((arg) => arg === '--cache' || arg.startsWith('--cache='))) return undefined;
  const { replayCommand } = await import(new URL('../dist/crossfoot-replay.mjs', import.meta.url).href);
  return replayCommand(argv);
};
let answered;
if (!existsSync(source)) {
  if (existsSync(bundle)) answered = await replayed();
  if (answered === undefined)
    ({ main, interrupted } = await import(new URL(existsSync(bundle) ? '../dist/crossfoot.mjs' : '../dist/main.js', import.meta.url).href));
} else if (fresh() || (await rebuilt())) {
  answered = await replayed();
  if (answered === undefined) ({ main, interrupted } = await import(new URL('../dist/crossfoot.mjs', import.meta.url).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main, interrupted } = await import(new URL('../src/main.ts', import.meta.url).href));
}
process.exitCode = answered ?? (await main(argv));
