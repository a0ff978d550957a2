#!/usr/bin/env node
// Bundles the command line so it starts fast: `node packages/cli/build.mjs` writes dist/crossfoot.cjs (the
// command), dist/crossfoot-worker.mjs (its worker threads), dist/crossfoot-api.mjs (the API) and the chunks
// those two share, and the scripts of three libraries the command loads only when it needs them (`APART`). The
// root `prepare` script runs it on `pnpm install`; bin/crossfoot.cjs uses the bundle only
// while it is at least as new as every source file, so editing the sources never runs stale code.
//
// The command is one CommonJS file. Node 20 loads one script much faster than an ES module graph of dozens of
// chunks (a small report checked in 0.39 s against 0.52 s), and V8 can keep the compiled code of a script
// between runs (bin/crossfoot.cjs), which Node 20 offers for no ES module. esbuild keeps each module the command
// imports dynamically (the checker, the formatters, the batch) uninitialised until it is first imported.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE, REQUIRE_BANNER } from '../../scripts/node-bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const out = join(here, 'dist');
const PACKAGES = ['core', 'adapters', 'formatters', 'cli'];

/** Every file the bundle is built from, for the build hash that keys the cache. */
function sources() {
  const files = [join(root, 'pnpm-lock.yaml'), fileURLToPath(import.meta.url), join(root, 'scripts', 'node-bundle.mjs')];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  for (const name of PACKAGES) {
    walk(join(root, 'packages', name, 'src'));
    walk(join(root, 'packages', name, 'schemas'));
  }
  return files.sort();
}

const hash = createHash('sha1');
for (const file of sources()) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
const buildId = `bundle:${hash.digest('hex')}`;

/** The workspace packages have no side effects on import (STYLE: pure modules); saying so lets esbuild leave out what a chunk does not use. */
const pureWorkspace = {
  name: 'pure-workspace',
  setup(b) {
    b.onResolve({ filter: /^(@crossfoot\/|\.)/ }, async (args) => {
      if (args.pluginData?.pure) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { pure: true } });
      if (resolved.errors.length || !/[\\/]packages[\\/](core|adapters|formatters|cli)[\\/]src[\\/]/.test(resolved.path)) return resolved;
      return { ...resolved, sideEffects: /[\\/]cli[\\/]src[\\/]worker-thread\.ts$/.test(resolved.path) };
    });
  },
};

/**
 * esbuild splits code by file, and a barrel module joins whatever it re-exports: every entry importing
 * `CrossfootError` from '@crossfoot/core' would share one chunk with the engine, yaml and ajv. Imports of
 * core's values are pointed at the files that define them instead (names read from core's index.ts).
 */
function coreExports() {
  const dir = join(root, 'packages', 'core', 'src');
  const index = readFileSync(join(dir, 'index.ts'), 'utf8');
  const exports = new Map();
  for (const m of index.matchAll(/export\s+\{([^}]*)\}\s+from\s+'(\.\/[^']+)'/g)) {
    for (const spec of m[1].split(',')) {
      const s = spec.trim();
      if (!s || s.startsWith('type ')) continue;
      const [name, alias] = s.split(/\s+as\s+/).map((x) => x.trim());
      exports.set(alias ?? name, { file: join(dir, m[2]), name });
    }
  }
  for (const m of index.matchAll(/export\s+\*\s+from\s+'(\.\/[^']+)'/g)) {
    const file = join(dir, m[1]);
    for (const d of readFileSync(file, 'utf8').matchAll(/export\s+(?:async\s+)?(?:function\*?|const|let|class|enum)\s+([A-Za-z_$][\w$]*)/g))
      exports.set(d[1], { file, name: d[1] });
  }
  return exports;
}

/**
 * fdir (tinyglobby's directory walker) looks for picomatch in node_modules when it loads, for its own `glob()`, which
 * tinyglobby never calls (it matches with the picomatch bundled here): a module resolution and load at every start
 * (about 6 ms), and nothing at all where picomatch is not installed beside the package. The command's bundle leaves
 * it out; the build stops if fdir's code no longer reads as expected.
 */
const noFdirPicomatch = {
  name: 'no-fdir-picomatch',
  setup(b) {
    b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const lookup = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
      if (!lookup.test(code)) throw new Error(`${args.path}: fdir's picomatch lookup not found`);
      return { contents: code.replace(lookup, ''), loader: 'js' };
    });
  },
};

/**
 * Libraries in scripts of their own beside the command's, which the command requires when it first needs them (through
 * `LAZY_MODULES`): iconv-lite (dist/crossfoot-iconv.cjs) when it first decodes a report that is not UTF-8, rehype-parse
 * with parse5 and the rest of the HTML parser (dist/crossfoot-html.cjs) when it first reads a report as HTML, ajv
 * (dist/crossfoot-ajv.cjs) when it first validates against a schema not compiled ahead of time. They are 0.5, 0.3 and
 * 0.2 MB of script that a run of UTF-8 Markdown reports never runs, and every start reads the command's script
 * whole and copies it into a string: memory touched for the first time, about 9 ms a megabyte on the bench's machine.
 * None holds state a module of the command shares, so each runs the same from a script of its own (ajv's runtime helpers,
 * which the validators compiled ahead of time import by their own paths, stay in the command's).
 */
const APART = [
  { module: 'iconv-lite', script: 'crossfoot-iconv.cjs', from: 'adapters' },
  { module: 'rehype-parse', script: 'crossfoot-html.cjs', from: 'adapters' },
  { module: 'ajv', script: 'crossfoot-ajv.cjs', from: 'core' },
];
const scriptsApart = {
  name: 'scripts-apart',
  setup(b) {
    for (const { module, script } of APART) {
      b.onResolve({ filter: new RegExp(`^${module}$`) }, () => ({ path: `./${script}`, external: true }));
    }
  },
};

/**
 * Modules that do work as they load which a run seldom needs, loaded when first called instead: in the command's
 * bundle the importing file reaches them through `require`, which esbuild makes a module that starts on first call.
 * - The HTML reader (rehype-parse, parse5 and the tables they build as they load: about 13 ms), needed when a report
 *   is first read as HTML (or Word, read through HTML).
 * - picocolors asks whether stdout is a terminal, which makes Node's stream of stdout (its stream modules, and for a
 *   pipe its network ones: about 6 ms) in a run that may never write to stdout; it is needed for the stylish report.
 * - iconv-lite loads Node's stream modules (about 4 ms) for its streaming API; it is needed for text not in plain UTF-8.
 * - ajv builds its vocabularies and code generator as it loads (about 2.4 ms); the shipped schemas are compiled ahead
 *   of time (core's validate.ts), and it is needed only for a schema that is not.
 * The build stops if an import it rewrites is no longer there, or another import of the module is left (a type's may
 * stay). rehype-parse, iconv-lite and ajv are besides in scripts of their own (`APART`).
 */
const LAZY_MODULES = [
  {
    file: /[\\/]packages[\\/]adapters[\\/]src[\\/](?:index|docx)\.ts$/,
    module: "'./html.ts'",
    imported: "import { parseHtml } from './html.ts';",
    lazy: "const parseHtml: typeof import('./html.ts').parseHtml = (...args) => (require('./html.ts') as typeof import('./html.ts')).parseHtml(...args);",
    also: ["export { parseHtml } from './html.ts';", 'export { parseHtml };'],
  },
  {
    file: /[\\/]packages[\\/]formatters[\\/]src[\\/]stylish\.ts$/,
    module: "'picocolors'",
    imported: "import pc from 'picocolors';",
    lazy: "const pc: { createColors: typeof import('picocolors').createColors } = { createColors: (enabled) => (require('picocolors') as typeof import('picocolors')).createColors(enabled) };",
  },
  {
    file: /[\\/]packages[\\/]adapters[\\/]src[\\/]decode\.ts$/,
    module: "'iconv-lite'",
    imported: "import iconv from 'iconv-lite';",
    lazy: "const iconv = { decode: (...args: Parameters<typeof import('iconv-lite').decode>) => (require('iconv-lite') as typeof import('iconv-lite')).decode(...args) };",
  },
  {
    file: /[\\/]packages[\\/]core[\\/]src[\\/]validate\.ts$/,
    module: "'ajv'",
    imported: "import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';",
    lazy: "import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';\ntype Ajv = AjvClass;\nconst Ajv = function (options: object) { return new (require('ajv') as typeof import('ajv')).Ajv(options); } as unknown as typeof import('ajv').Ajv;",
  },
];

/** The entries of `LAZY_MODULES` applied by a build (each must be: `lazyModulesApplied`). */
const applied = new Set();

function lazyModules(path, code) {
  for (const entry of LAZY_MODULES) {
    const { file, module, imported, lazy, also } = entry;
    if (!file.test(path)) continue;
    applied.add(entry);
    if (!code.includes(imported)) throw new Error(`${path}: ${imported} not found`);
    code = code.replace(imported, lazy);
    if (also) code = code.replace(also[0], also[1]);
    if (new RegExp(`^import (?!type )[^;]*from ${module}`, 'm').test(code)) throw new Error(`${path}: another import of ${module}`);
  }
  return code;
}

/** Stops the build when an entry of `LAZY_MODULES` met no file it names: the module it makes lazy would load at every start. */
function lazyModulesApplied() {
  for (const entry of LAZY_MODULES) if (!applied.has(entry)) throw new Error(`LAZY_MODULES: no file ${entry.file} was bundled to make ${entry.module} lazy in`);
}

/**
 * The command's script in ASCII, so that the bin reads it as Latin-1 into a one-byte string: 2 MB of UTF-8 that is
 * not all ASCII takes Node about 12 ms to decode, into a string of twice the size. esbuild's `charset: 'ascii'`
 * escapes strings, templates and names but leaves regular expression literals (and comments) as written; there a
 * `\uXXXX` escape of each UTF-16 code unit means the same, with or without the `u` flag (a pair of escaped
 * surrogates is one code point under `u`). A character after a backslash (an identity escape) would not: the build stops.
 */
function asciiOnly(script) {
  return script.replace(/[^\x00-\x7f]/g, (c, at) => {
    if (script[at - 1] === '\\') throw new Error(`dist/crossfoot.cjs: an escaped non-ASCII character at ${at}`);
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** The first line of the command's script: this, then 16 hex digits of the SHA-1 of the rest (bin/crossfoot.cjs reads it). */
const BUNDLE_ID_PREFIX = '// crossfoot-bundle ';

/**
 * The command's script after its first line: its modules inside a function of CommonJS's five names, which a script
 * compiled as it is written returns (bin/bundle.cjs, `BODY_OPEN` there) and which runs at once when Node loads the file
 * as a module (tests and benches import it), where `module` is defined. The bin compiled the file wrapped by
 * `Module.wrap` before: a string made of three, which V8 copies whole into a string of its own before compiling it,
 * 2.5 MB of memory a start touched for nothing.
 */
const BODY_OPEN =
  "(function (body) { if (typeof module === 'object' && module !== null) body(exports, require, module, __filename, __dirname); return body; })(function (exports, require, module, __filename, __dirname) {";
const BODY_CLOSE = '});';

/**
 * What the command's script calls in place of `import()` for a module it does not bundle (a plugin, tinypool, pdf.js,
 * mammoth): compiled from V8's cached code, a script has lost what Node needs to run its own `import()`
 * ("A dynamic import callback was not specified"), so bin/crossfoot.cjs lends its own. Required by Node, the script
 * imports as any CommonJS module does.
 */
const IMPORT_HOOK = `const __crossfootImport = globalThis[Symbol.for('crossfoot.import')] ?? ((specifier) => import(specifier));`;

/** `import.meta` in the command's script: its own URL, and `resolve` as an ES module of dist/ would resolve. */
const IMPORT_META = `const __crossfootMeta = { url: require('node:url').pathToFileURL(__filename).href, resolve: (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href };`;

/** `import(…)` of anything but a module of the bundle (relative or a workspace package), outside type positions. */
const EXTERNAL_IMPORT = /(?<!typeof\s+|:\s*)\bimport\((?!\s*['"](?:\.|@crossfoot\/))/g;

/**
 * Imports of core's values pointed at their files; with `hook` (the command's script), external dynamic imports made
 * through IMPORT_HOOK, and the modules of `LAZY_MODULES` loaded on first use.
 */
const directCoreImports = (hook = false) => ({
  name: 'direct-core-imports',
  setup(b) {
    const exports = coreExports();
    b.onLoad({ filter: /[\\/]packages[\\/](cli|formatters|adapters)[\\/]src[\\/].*\.ts$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      if (hook) text = text.replace(EXTERNAL_IMPORT, '__crossfootImport(');
      if (hook) text = lazyModules(args.path, text);
      text = text.replace(/import\s+\{([^}]*)\}\s+from\s+'@crossfoot\/core';/g, (whole, specs) => {
        const byFile = new Map();
        for (const spec of specs.split(',')) {
          const s = spec.trim();
          if (!s || s.startsWith('type ')) continue;
          const [name, alias] = s.split(/\s+as\s+/).map((x) => x.trim());
          const target = exports.get(name);
          if (!target) return whole;
          const local = alias ?? name;
          if (!byFile.has(target.file)) byFile.set(target.file, []);
          byFile.get(target.file).push(target.name === local ? local : `${target.name} as ${local}`);
        }
        return [...byFile].map(([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)};`).join(' ');
      });
      return { contents: text, loader: 'ts' };
    });
    // Core's modules are bundled from their files as they are, but for the modules they load lazily.
    if (hook) {
      b.onLoad({ filter: /[\\/]packages[\\/]core[\\/]src[\\/].*\.ts$/ }, (args) =>
        LAZY_MODULES.some((m) => m.file.test(args.path)) ? { contents: lazyModules(args.path, readFileSync(args.path, 'utf8')), loader: 'ts' } : undefined,
      );
    }
  },
});

/**
 * The shipped packs' YAML files read ahead of time (core's `snapshotSource`), keyed by their text: a run reads a
 * pack file from here instead of parsing it, about a tenth of a start. A file edited since is parsed as usual.
 */
async function packSources() {
  const tool = join(staging, '.pack-sources.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['packages/core/src/source.ts'],
    outfile: tool,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);" },
  });
  const { snapshotSource } = await import(pathToFileURL(tool).href);
  rmSync(tool);
  const entries = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'test') walk(path);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        const json = snapshotSource(text);
        if (json !== undefined) entries.push([text, json]);
      }
    }
  };
  walk(join(root, 'rules'));
  return JSON.stringify(entries);
}

/**
 * tinypool finds its own worker file next to itself; tsx only runs the sources. pdf.js reads its CMaps and standard
 * fonts from its own package folder and loads its optional canvas package from there, and both PDF and Word readers
 * are loaded only when such a file is read: they stay packages, installed beside the CLI.
 */
const EXTERNAL = ['tinypool', 'tsx', 'tsx/*', 'pdfjs-dist', 'pdfjs-dist/*', 'mammoth'];

const staging = join(out, `.build-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
/** What every bundle of the command is built with. */
const bundled = {
  ...NODE_BUNDLE,
  absWorkingDir: root,
  outdir: staging,
  entryNames: '[name]',
  define: { CROSSFOOT_BUILD: JSON.stringify(buildId) },
  plugins: [pureWorkspace, directCoreImports()],
};
try {
  await build({
    ...bundled,
    entryPoints: { 'crossfoot-api': 'packages/cli/src/index.ts', 'crossfoot-worker': 'packages/cli/src/worker-thread.ts' },
    chunkNames: 'crossfoot-chunk-[hash]',
    splitting: true,
    external: EXTERNAL,
    // CommonJS dependencies call require() for Node's own modules.
    banner: REQUIRE_BANNER,
  });
  // The command, one CommonJS script (see the top of this file). Its modules find files beside themselves (the
  // worker, the packs read ahead) and in installed packages (pdf.js's CMaps) through `import.meta`: IMPORT_META.
  await build({
    ...bundled,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    entryPoints: { crossfoot: 'packages/cli/src/main.ts' },
    // CROSSFOOT_COMMAND: its worker threads start from bin/crossfoot-thread.cjs (pool.ts, workerModule).
    define: { ...bundled.define, 'import.meta': '__crossfootMeta', CROSSFOOT_COMMAND: 'true' },
    banner: { js: `${IMPORT_META}\n${IMPORT_HOOK}` },
    plugins: [pureWorkspace, directCoreImports(true), noFdirPicomatch, scriptsApart],
    external: EXTERNAL,
    charset: 'ascii',
  });
  lazyModulesApplied();
  // Each from the package that depends on it, as the command's own modules find it.
  for (const { module, script, from } of APART) {
    await build({
      ...NODE_BUNDLE,
      absWorkingDir: root,
      stdin: { contents: `module.exports = require('${module}');`, resolveDir: join(root, 'packages', from), loader: 'js' },
      outfile: join(staging, script),
      format: 'cjs',
    });
  }
  // Any other `import(` would fail once the script runs from cached code: the build stops instead.
  const modules = asciiOnly(readFileSync(join(staging, 'crossfoot.cjs'), 'utf8'));
  if (modules.split('import(').length !== 2) throw new Error('dist/crossfoot.cjs: an import() not made through __crossfootImport');
  const command = `${BODY_OPEN}\n${modules}\n${BODY_CLOSE}\n`;
  // Its first line names its text (the bin keys V8's code for it by this, without hashing 2 MB at every start).
  const digest = createHash('sha1').update(command).digest('hex').slice(0, 16);
  writeFileSync(join(staging, 'crossfoot.cjs'), `${BUNDLE_ID_PREFIX}${digest}\n${command}`);
  // A re-run answered from the record of an unchanged cached run loads this one module and Node's own (replay.ts).
  // CommonJS: the bin is CommonJS too, so a re-run answered here starts without Node's ES module loader.
  await build({
    ...bundled,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    entryPoints: { 'crossfoot-replay': 'packages/cli/src/replay-entry.ts' },
    // `buildId` reads `import.meta.url` only when it runs from the sources; in a bundle it returns CROSSFOOT_BUILD.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  writeFileSync(join(staging, 'crossfoot-pack-sources.json'), await packSources());
  // Chunks first, entries last, each by rename: a command starting meanwhile finds either bundle whole.
  const built = readdirSync(staging);
  const entries = ['crossfoot-worker.mjs', 'crossfoot-api.mjs', 'crossfoot-replay.cjs', 'crossfoot.cjs'];
  for (const name of built.filter((n) => !entries.includes(n))) renameSync(join(staging, name), join(out, name));
  for (const name of entries) renameSync(join(staging, name), join(out, name));
  // The command was an ES module before; V8's code for an earlier bundle is of no use to this one.
  for (const name of readdirSync(out)) if (name === 'crossfoot.mjs' || name.endsWith('.code-cache')) rmSync(join(out, name), { force: true });
  // Chunks of earlier builds stay a day: a command still running from one imports its chunks as it needs them
  // (a batch run loads the checker only when something is to be checked), and their names never collide.
  // A package (`prepack`) ships only this build's.
  const expired = process.env.npm_lifecycle_event === 'prepack' ? Number.POSITIVE_INFINITY : Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(out)) {
    if (!/^crossfoot-chunk-.*\.mjs$/.test(name) || built.includes(name)) continue;
    const path = join(out, name);
    if ((statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) < expired) rmSync(path, { force: true });
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}
