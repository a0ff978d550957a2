'use strict';
// Loads the command's script (dist/crossfoot.cjs) for bin/crossfoot.cjs and for the command's worker threads
// (bin/crossfoot-thread.cjs), compiled with the code V8 made of it in an earlier run.
const { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Blocks held for as long as the process runs. The C allocator serves a large block (from 128 KiB) with memory mapped
 * for it alone, and when one is freed it raises that bound to the block's size, and what its heaps may keep unreturned
 * to twice that (glibc's dynamic mmap threshold). Freed once the script was compiled, the blocks of its text and of
 * V8's code made every later block below 2.5 MB come from those heaps and stay there: a long run peaked 10–20 MiB higher.
 */
const keptForTheRun = [];

/**
 * A file's bytes, read into `into` when they fit (else into a block of their own): a view of exactly them. Only the
 * memory of a block fresh to the process costs its pages' first touch.
 */
function readInto(path, into) {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const block = into && into.length >= size ? into : Buffer.allocUnsafeSlow(size);
    let done = 0;
    for (let n = 1; done < size && n > 0; done += n) n = readSync(fd, block, done, size - done, null);
    return block.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** How the command's script begins (build.mjs, BUNDLE_ID_PREFIX). */
const BUNDLE_ID = '// crossfoot-bundle ';

/**
 * How the rest of it begins (build.mjs, BODY_OPEN): compiled as written, the script returns a function of CommonJS's
 * five names that runs its modules. Any other script is compiled wrapped as Node wraps a module (`Module.wrap`), which
 * makes V8 copy the whole text into a string of its own first.
 */
const BODY_OPEN =
  "(function (body) { if (typeof module === 'object' && module !== null) body(exports, require, module, __filename, __dirname); return body; })(function (exports, require, module, __filename, __dirname) {";

/**
 * The exports of the script in `dist`, and `remember`, which keeps the code V8 has made of it so far for the next run
 * when this run found none it could use (and does nothing otherwise), calling its argument first if it keeps it. Node
 * 20 has no such cache of its own; it saves most of compiling 2.5 MB of script at every start. The code is kept in a
 * file beside the script, named for the script's text (V8 checks little more than its length), for this V8 and for
 * `variant`: V8 turns down code made under other flags, and a worker thread of a long run starts after the run has set
 * its own (compiler.ts), so threads keep theirs apart. Where dist/ cannot be written, every start compiles.
 */
function loadBundle(dist, variant) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const bundle = join(dist, 'crossfoot.cjs');
  // The build writes the script in ASCII and names its text on the first line (build.mjs): Latin-1 decodes it in a
  // fraction of UTF-8's time, and nothing needs hashing here. A script without that line (built otherwise) is decoded
  // as UTF-8 and hashed. Its text is one string, which Node makes outside V8's heap for text this long (a copy of the
  // bytes), and V8 compiles it as it is; made of pieces, it was copied whole once more into a string V8 could compile.
  // The block its bytes were read into then takes V8's kept code: memory a start touches for the first time costs
  // about 12 µs a page on the bench's machine, 4–5 ms for these two blocks of 2.5 and 1.6 MB.
  const bytes = readInto(bundle);
  keptForTheRun.push(bytes.buffer);
  let text = bytes.toString('latin1');
  const named = text.startsWith(BUNDLE_ID) ? /^\/\/ crossfoot-bundle ([0-9a-f]{16})\n/.exec(text) : null;
  let key = named?.[1];
  if (key === undefined) {
    text = bytes.toString('utf8');
    key = require('node:crypto').createHash('sha1').update(bytes).digest('hex').slice(0, 16);
  }
  const cacheFile = join(dist, `crossfoot.${key}.${process.arch}-v8-${process.versions.v8}${variant ? `.${variant}` : ''}.code-cache`);
  let cachedData;
  try {
    cachedData = readInto(cacheFile, bytes);
    if (cachedData.buffer !== bytes.buffer) keptForTheRun.push(cachedData.buffer);
  } catch {}
  const bare = named !== null && text.startsWith(BODY_OPEN, named[0].length);
  const script = new vm.Script(bare ? text : Module.wrap(text), { filename: bundle, cachedData });
  // A script compiled from cached code cannot run `import()` itself: the bundle imports plugins, tinypool, pdf.js and
  // mammoth through this module's (build.mjs, IMPORT_HOOK).
  globalThis[Symbol.for('crossfoot.import')] = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, dist);
  let wanted = cachedData === undefined || script.cachedDataRejected === true;
  // `before` runs only when the code is kept: what must hold while V8 writes it (the flags it was compiled under).
  const remember = (before) => {
    if (!wanted) return;
    wanted = false;
    before?.();
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
