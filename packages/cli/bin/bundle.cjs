'use strict';
// Loads the command's script (dist/crossfoot.cjs) for bin/crossfoot.cjs and for the command's worker threads
// (bin/crossfoot-thread.cjs), compiled with the code V8 made of it in an earlier run.
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** How the command's script begins (build.mjs, BUNDLE_ID_PREFIX). */
const BUNDLE_ID = '// crossfoot-bundle ';

/**
 * The exports of the script in `dist`, and `remember`, which keeps the code V8 has made of it so far for the next run
 * when this run found none it could use (and does nothing otherwise). Node 20 has no such cache of its own; it saves
 * most of compiling 2.5 MB of script at every start. The code is kept in a file beside the script, named for the
 * script's text (V8 checks little more than its length), for this V8 and for `variant`: V8 turns down code made
 * under other flags, and a worker thread of a long run starts after the run has set its own (compiler.ts), so
 * threads keep theirs apart. Where dist/ cannot be written, every start compiles.
 */
function loadBundle(dist, variant) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const bundle = join(dist, 'crossfoot.cjs');
  const bytes = readFileSync(bundle);
  // The build writes the script in ASCII and names its text on the first line (build.mjs): Latin-1 decodes it in a
  // fraction of UTF-8's time, and nothing needs hashing here. A script without that line (built otherwise) is hashed.
  const text = bytes.toString(bytes.subarray(0, BUNDLE_ID.length).toString('latin1') === BUNDLE_ID ? 'latin1' : 'utf8');
  const named = /^\/\/ crossfoot-bundle ([0-9a-f]{16})\n/.exec(text);
  const key = named ? named[1] : require('node:crypto').createHash('sha1').update(bytes).digest('hex').slice(0, 16);
  const cacheFile = join(dist, `crossfoot.${key}.${process.arch}-v8-${process.versions.v8}${variant ? `.${variant}` : ''}.code-cache`);
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
  let wanted = cachedData === undefined || script.cachedDataRejected === true;
  const remember = () => {
    if (!wanted) return;
    wanted = false;
    const temporary = `${cacheFile}.${process.pid}.${require('node:worker_threads').threadId}`;
    try {
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {}
    }
  };
  return { exports: module.exports, remember };
}

module.exports = { loadBundle };
