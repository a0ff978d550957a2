// In-process measurements, bundled by bench/run.mjs (esbuild, as the CLI is) and run in a fresh process each:
//   read DIR ROUNDS [N]       crossfoot's Markdown reading vs plain remark-parse + remark-gfm, same files, alternated
//   scale ROUNDS FILE...      the same on single large files (linearity)
//   rules DIR ROUNDS [N]      per report: reading (adapter) vs rules (fact resolution + json-rules-engine)
// N: only the first N reports.
// Prints one JSON object on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown, readReport } from '../packages/adapters/src/index.ts';
import { Session } from '../packages/cli/src/index.ts';

const [command, ...args] = process.argv.slice(2);

function reportFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

const remark = unified().use(remarkParse).use(remarkGfm);

/** Milliseconds `fn` takes over every text. */
function timeAll(texts, fn) {
  const start = performance.now();
  for (const [uri, text] of texts) fn(uri, text);
  return performance.now() - start;
}

/** A full collection, when the process was started with `--expose-gc` (run.mjs does); else nothing. */
const collect = typeof globalThis.gc === 'function' ? () => globalThis.gc() : () => {};

function compareReading(texts, rounds) {
  const crossfoot = [];
  const plain = [];
  // One untimed pass each, so both are compiled before the first timed round.
  timeAll(texts.slice(0, 20), parseMarkdown);
  timeAll(texts.slice(0, 20), (_u, t) => remark.parse(t));
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs on the warmer (or busier) machine. Each starts from a heap
    // collected whole (run.mjs gives `--expose-gc`), so that neither pays for collecting what the other left: a
    // 2 MB report's remark tree is hundreds of MB of garbage, and crossfoot's reading after it was timed with some of
    // that garbage collected in it.
    const a = () => {
      collect();
      crossfoot.push(timeAll(texts, parseMarkdown));
    };
    const b = () => {
      collect();
      plain.push(timeAll(texts, (_u, t) => remark.parse(t)));
    };
    if (r % 2) {
      b();
      a();
    } else {
      a();
      b();
    }
  }
  return { crossfoot, plain };
}

if (command === 'read') {
  const [dir, rounds, limit] = args;
  const texts = reportFiles(dir)
    .filter((f) => f.endsWith('.md'))
    .slice(0, limit ? Number(limit) : undefined)
    .map((f) => [`file://${f}`, readFileSync(f, 'utf8')]);
  const bytes = texts.reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
  process.stdout.write(JSON.stringify({ files: texts.length, bytes, ...compareReading(texts, Number(rounds)) }));
} else if (command === 'scale') {
  const [rounds, ...files] = args;
  const out = {};
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    out[f] = { bytes: Buffer.byteLength(text), ...compareReading([[`file://${f}`, text]], Number(rounds)) };
  }
  process.stdout.write(JSON.stringify(out));
} else if (command === 'rules') {
  const [dir, rounds, limit] = args;
  const session = await Session.create({ cwd: dir });
  const files = reportFiles(join(dir, 'reports'))
    .slice(0, limit ? Number(limit) : undefined)
    .map((f) => ({ path: f, uri: `file://${f}`, text: readFileSync(f, 'utf8') }));
  const byFormat = {};
  const read = [];
  const rules = [];
  let findings = 0;
  for (let r = 0; r < Number(rounds); r++) {
    let readMs = 0;
    let rulesMs = 0;
    findings = 0;
    for (const f of files) {
      const t0 = performance.now();
      const doc = readReport({ uri: f.uri, text: f.text });
      const t1 = performance.now();
      const diagnostics = await session.checkDocument(doc);
      const t2 = performance.now();
      readMs += t1 - t0;
      rulesMs += t2 - t1;
      findings += diagnostics.length;
      if (r === Number(rounds) - 1) {
        byFormat[doc.format] ??= { files: 0, read: 0, rules: 0 };
        const k = byFormat[doc.format];
        k.files++;
        k.read += t1 - t0;
        k.rules += t2 - t1;
      }
    }
    read.push(readMs);
    rules.push(rulesMs);
  }
  process.stdout.write(JSON.stringify({ files: files.length, findings, read, rules, byFormat }));
} else {
  throw new Error(`unknown command ${command}`);
}
