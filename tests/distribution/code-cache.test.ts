import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The command as a package runs it (bin/ and dist/, no sources): bin/crossfoot.cjs compiles the bundle with the code
 * V8 made of it in an earlier `check`, kept in dist/. What runs from that code must be what runs without it.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'packages', 'cli');

/** Children run as a user's shell would: no package manager's or crossfoot's variables from this run. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|npm_config_|CROSSFOOT_)/i.test(k) && k !== 'NODE_OPTIONS' && !k.startsWith('VITEST')),
);

/** A report of the examples: the 2021 format, with findings of several rules. */
const REPORT = join(root, 'examples', 'jiangzhou-transport', '2024.md');

let work: string;
let pkg: string;
let bin: string;

beforeAll(() => {
  execFileSync(process.execPath, [join(cli, 'build.mjs')], { stdio: 'ignore' });
  work = mkdtempSync(join(tmpdir(), 'crossfoot-code-cache-'));
  pkg = join(work, 'pkg');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  mkdirSync(join(pkg, 'dist'));
  bin = join(pkg, 'bin', 'crossfoot.cjs');
  for (const name of readdirSync(join(cli, 'bin'))) copyFileSync(join(cli, 'bin', name), join(pkg, 'bin', name));
  for (const name of readdirSync(join(cli, 'dist'))) {
    if (/^crossfoot.*\.(?:mjs|cjs|json)$/.test(name)) copyFileSync(join(cli, 'dist', name), join(pkg, 'dist', name));
  }
  // The command's manifest and dependencies (tinypool, the packs) as an installed package finds them.
  copyFileSync(join(cli, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(cli, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  copyFileSync(REPORT, join(work, '2024.md'));
  // A plugin's operator, used by a pack of this folder's own (tests/scenarios/plugin-operator.yaml).
  const plugin = join(work, 'plugin');
  mkdirSync(join(plugin, 'p'), { recursive: true });
  writeFileSync(join(plugin, 'crossfoot.config.yaml'), 'plugins: [./ops.mjs]\npacks: [./p]\n');
  writeFileSync(join(plugin, 'ops.mjs'), "export const operators = { multipleOf: (value, divisor) => typeof value === 'number' && value % divisor === 0 };\n");
  writeFileSync(join(plugin, 'report.md'), '# 报告\n\n统计表\n\n| 项目 | 数量 |\n|---|---|\n| 工作人员数 | 3 |\n');
  writeFileSync(
    join(plugin, 'p', 'pack.yaml'),
    [
      'id: p',
      'version: 1.0.0',
      'tables:',
      '  S: { caption: 统计表 }',
      'facts:',
      '  staff: { table: S, row: 工作人员数 }',
      'rules:',
      '  - id: staff-even',
      '    check:',
      '      conditions:',
      '        all:',
      '          - { fact: staff, operator: multipleOf, value: 2 }',
      '',
    ].join('\n'),
  );
  // Building the bundle takes seconds, more on a loaded machine than a hook's default limit allows.
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const caches = () => readdirSync(join(pkg, 'dist')).filter((n) => n.endsWith('.code-cache'));
const command = (args: string[], cwd = work) => spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });

describe('the compiled code kept between runs', () => {
  it('is written by the first check, then used as it is, and what runs from it gives the same report', () => {
    for (const name of caches()) rmSync(join(pkg, 'dist', name));
    const version = command(['--version']);
    expect(version.status).toBe(0);
    // Only a check writes it: it should hold the code checking runs.
    expect(caches()).toEqual([]);

    const cold = command(['check', '2024.md', '--format', 'json']);
    expect(cold.status, cold.stderr).toBe(1);
    expect(cold.stdout).toContain('"ruleId": "cn-gov-disclosure-common/statement-sums"');
    const written = caches();
    expect(written).toHaveLength(1);
    const file = join(pkg, 'dist', written[0] as string);
    const bytes = readFileSync(file);
    const time = statSync(file).mtimeMs;

    const warm = command(['check', '2024.md', '--format', 'json']);
    expect(warm.stderr).toBe(cold.stderr);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.status).toBe(1);
    expect(caches()).toEqual(written);
    expect(statSync(file).mtimeMs).toBe(time);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('is named for the bundle it was made from, so a rebuilt bundle never runs an older one', () => {
    command(['check', '2024.md', '--format', 'json']);
    const [name] = caches();
    const bytes = readFileSync(join(pkg, 'dist', 'crossfoot.cjs'));
    // The build writes the script in ASCII (the bin reads it as Latin-1) and names the rest of it on its first line.
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const newline = bytes.indexOf(0x0a);
    const key = createKey(bytes.subarray(newline + 1));
    expect(bytes.subarray(0, newline).toString()).toBe(`// crossfoot-bundle ${key}`);
    // The rest begins as the bin expects (bundle.cjs, BODY_OPEN), so that it compiles the text as it is rather than
    // wrapped as Node wraps a module (which works too, from a copy of the whole text).
    const open = /const BODY_OPEN =\s*"([^"]+)";/.exec(readFileSync(join(pkg, 'bin', 'bundle.cjs'), 'utf8'))?.[1];
    expect(open).toMatch(/^\(function \(body\)/);
    expect(bytes.subarray(newline + 1, newline + 1 + (open as string).length).toString()).toBe(open);
    expect(name).toBe(`crossfoot.${key}.${process.arch}-v8-${process.versions.v8}.code-cache`);
  });

  it('is named for the bundle by hashing it when the bundle does not name itself, and gives the same report', () => {
    const expected = command(['check', '2024.md', '--format', 'json']);
    const script = join(pkg, 'dist', 'crossfoot.cjs');
    const named = readFileSync(script);
    const unnamed = named.subarray(named.indexOf(0x0a) + 1);
    try {
      writeFileSync(script, unnamed);
      for (const name of caches()) rmSync(join(pkg, 'dist', name));
      for (let run = 0; run < 2; run++) {
        const r = command(['check', '2024.md', '--format', 'json']);
        expect(r.stdout).toBe(expected.stdout);
        expect(r.status).toBe(1);
      }
      expect(caches()).toEqual([`crossfoot.${createKey(unnamed)}.${process.arch}-v8-${process.versions.v8}.code-cache`]);
    } finally {
      writeFileSync(script, named);
      for (const name of caches()) rmSync(join(pkg, 'dist', name));
    }
  });

  it('still imports plugins, which are ES modules, when the script runs from it', () => {
    for (let run = 0; run < 2; run++) {
      const r = command(['check', 'report.md', '--format', 'json'], join(work, 'plugin'));
      expect(r.stderr).not.toMatch(/Warning|plugin-failed|dynamic import/);
      expect(r.stdout).toContain('"ruleId": "p/staff-even"');
      expect(r.stdout).toContain('"message": "条件不成立：staff = 3"');
      expect(r.status).toBe(1);
      expect(caches()).toHaveLength(1);
    }
  });

  it('leaves out the libraries a run seldom needs, which load from scripts of their own beside it', () => {
    // build.mjs, APART: the command requires these when it first needs them, relative to its own script.
    const script = readFileSync(join(pkg, 'dist', 'crossfoot.cjs'), 'latin1');
    const apart = ['crossfoot-iconv.cjs', 'crossfoot-html.cjs', 'crossfoot-ajv.cjs'];
    for (const name of apart) expect(script.split(`require("./${name}")`).length, name).toBe(2);
    const use = [
      `const iconv = require('./crossfoot-iconv.cjs'); if (iconv.decode(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), 'gbk') !== '你好') process.exit(3);`,
      `const parse = require('./crossfoot-html.cjs').default; if (typeof parse !== 'function') process.exit(4);`,
      `const { Ajv } = require('./crossfoot-ajv.cjs'); const v = new Ajv().compile({ type: 'integer' }); if (!v(3) || v('3')) process.exit(5);`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', use], { cwd: join(pkg, 'dist'), env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('is made again when V8 turns it down, and a run with a damaged one gives the same report', () => {
    const expected = command(['check', '2024.md', '--format', 'json']);
    const [name] = caches();
    const file = join(pkg, 'dist', name as string);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const damaged = command(['check', '2024.md', '--format', 'json']);
    expect(damaged.stdout).toBe(expected.stdout);
    expect(damaged.stderr).toBe(expected.stderr);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(caches()).toEqual([name]);
  });
});

describe("V8's optimising compiler as the command sets it", () => {
  /** The flags the command set, in order, through Node's v8 module (a module run first records them). */
  const flagsSet = (args: string[], cwd = work) => {
    const log = join(work, 'flags.json');
    const preload = join(work, 'flags.cjs');
    writeFileSync(
      preload,
      `const v8 = require('node:v8'); const set = v8.setFlagsFromString; const calls = [];
v8.setFlagsFromString = (flags) => { calls.push(flags); set(flags); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(calls)));`,
    );
    rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['--require', preload, bin, ...args], { cwd, env, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, calls: JSON.parse(readFileSync(log, 'utf8')) as string[] };
  };
  const START = '--semi-space-growth-factor=1 --turbofan --no-regexp-tier-up';

  it('is off for a short check once the script is compiled, on for a long one, and left on for other commands', () => {
    // Kept code first, so that no run below writes it (which sets the start's flags again, at its end).
    command(['check', '2024.md', '--format', 'json']);
    const short = flagsSet(['check', '2024.md', '--format', 'json']);
    expect(short.calls).toEqual([START, '--no-turbofan']);
    expect(short.status).toBe(1);
    expect(short.stdout).toBe(command(['check', '2024.md', '--format', 'json']).stdout);

    const dir = join(work, 'long', 'reports');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 48; i++) copyFileSync(REPORT, join(dir, `r${String(i).padStart(2, '0')}.md`));
    const long = flagsSet(['check', '.', '--jobs', '1', '--format', 'json', '-o', join(work, 'long.json')], dir);
    expect(long.calls.slice(0, 2)).toEqual([START, '--no-turbofan']);
    expect(long.calls.slice(2).some((flags) => flags.split(' ').includes('--turbofan'))).toBe(true);

    // A re-run answered from its cache but for one changed report checks that report alone, and reports on all 48.
    const cached = ['check', '.', '--jobs', '1', '--cache', '--format', 'json', '-o', join(work, 'cached.json')];
    flagsSet(cached, dir);
    appendFileSync(join(dir, 'r00.md'), '\n');
    const rerun = flagsSet(cached, dir);
    expect(rerun.calls).toEqual([START, '--no-turbofan', '--turbofan']);
    expect(JSON.parse(readFileSync(join(work, 'cached.json'), 'utf8')).summary.files).toBe(48);

    expect(flagsSet(['packs']).calls).toEqual([START]);
  });
});

describe("the compiled code a batch's worker threads keep between runs", () => {
  const version = `${process.arch}-v8-${process.versions.v8}`;
  /** A check of `dir` (its JSON report written to a file: too large for a pipe's buffer here) and that report. */
  const checkAll = (dir: string, jobs: number) => {
    const out = join(dir, '..', `${jobs}.json`);
    const r = command(['check', '.', '--jobs', String(jobs), '--format', 'json', '-o', out], dir);
    return { status: r.status, stderr: r.stderr, report: readFileSync(out, 'utf8') };
  };
  /** `count` copies of the report in a folder of their own. */
  const batch = (count: number) => {
    const dir = join(work, `batch-${count}`, 'reports');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < count; i++) copyFileSync(REPORT, join(dir, `r${String(i).padStart(3, '0')}.md`));
    return dir;
  };

  it('is written by a thread once it has checked some reports, then used as it is, and the report is the same', () => {
    // 120 reports: a long run (compiler.ts, TUNED_RUN), so its threads run under the batch's compiler flags, and the
    // worker thread of `--jobs 2` checks a third of them or more (serveThread keeps its code after 16).
    const dir = batch(120);
    for (const name of caches()) rmSync(join(pkg, 'dist', name));
    const inMain = checkAll(dir, 1);
    expect(inMain.status, inMain.stderr).toBe(1);
    // A run that set its compiler flags keeps no code for the main thread: the next start, under V8's defaults, would turn it down.
    expect(caches()).toEqual([]);

    const cold = checkAll(dir, 2);
    expect(cold.status).toBe(1);
    expect(cold.report).toBe(inMain.report);
    expect(cold.report).toContain('"files": 120,');
    const written = caches();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(new RegExp(`^crossfoot\\.[0-9a-f]{16}\\.${version.replaceAll('.', '\\.')}\\.thread-tuned\\.code-cache$`));
    const file = join(pkg, 'dist', written[0] as string);
    const bytes = readFileSync(file);

    const warm = checkAll(dir, 2);
    expect(warm.report).toBe(cold.report);
    expect(warm.status).toBe(1);
    expect(caches()).toEqual(written);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('is written when the run ends by a thread that checked only a few reports, and then used as it is', () => {
    // 4 reports: a short run, whose thread checks the two it is given first and maybe one more — never the 16 after
    // which a thread keeps its code at once (serveThread), so it is kept as the pool closes.
    const dir = batch(4);
    for (const name of caches()) rmSync(join(pkg, 'dist', name));
    const cold = checkAll(dir, 2);
    expect(cold.status, cold.stderr).toBe(1);
    expect(cold.report).toContain('"files": 4,');
    const threads = caches().filter((n) => n.includes('.thread'));
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatch(new RegExp(`\\.${version.replaceAll('.', '\\.')}\\.thread\\.code-cache$`));
    const file = join(pkg, 'dist', threads[0] as string);
    const bytes = readFileSync(file);
    const warm = checkAll(dir, 2);
    expect(warm.report).toBe(cold.report);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('is kept by a run that let its young generation grow under the flags every start has, and used as it is', () => {
    // 24 reports, one thread: not a long run (compiler.ts, TUNED_RUN), but one whose young generation grows
    // (GROWING_RUN), where every start keeps it small (bin/crossfoot.cjs). Kept under the flags of its end, the code
    // would be turned down by the next start, and written again by every run.
    const dir = batch(24);
    for (const name of caches()) rmSync(join(pkg, 'dist', name));
    const some = checkAll(dir, 1);
    expect(some.status, some.stderr).toBe(1);
    const main = caches();
    expect(main).toEqual([expect.stringMatching(new RegExp(`\\.${version.replaceAll('.', '\\.')}\\.code-cache$`))]);
    const file = join(pkg, 'dist', main[0] as string);
    const bytes = readFileSync(file);
    const time = statSync(file).mtimeMs;
    const single = command(['check', '2024.md', '--format', 'json']);
    expect(single.status).toBe(1);
    expect(checkAll(dir, 1).report).toBe(some.report);
    expect(caches()).toEqual(main);
    expect(statSync(file).mtimeMs).toBe(time);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("is kept apart from the main thread's, which a short run writes and a long run then uses as it is", () => {
    const dir = batch(120);
    const single = command(['check', '2024.md', '--format', 'json']);
    expect(single.status).toBe(1);
    const main = caches().filter((n) => !n.includes('.thread'));
    expect(main).toHaveLength(1);
    const file = join(pkg, 'dist', main[0] as string);
    const bytes = readFileSync(file);
    const long = checkAll(dir, 2);
    expect(long.status).toBe(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(caches().filter((n) => !n.includes('.thread'))).toEqual(main);
  });

  it("is kept apart for a short run of large reports, whose flags differ from a long run's, and each used as it is", () => {
    // Two reports of about 600 KB: a run tuned for its bytes (compiler.ts, TUNED_BYTES), under a faster-growing heap
    // than a run of many reports. V8 turns down code kept under other flags, so each kind of run keeps its own.
    const dir = join(work, 'large', 'reports');
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(REPORT, 'utf8');
    const paragraph = '\n本机关持续推进政务公开标准化规范化建设，及时回应社会关切，全年未发生因公开不当引发的舆情事件。\n';
    const padded = `${text}${paragraph.repeat(Math.ceil((600 * 1024 - Buffer.byteLength(text)) / Buffer.byteLength(paragraph)))}`;
    for (const name of ['a.md', 'b.md']) writeFileSync(join(dir, name), padded);
    const many = batch(120);
    for (const name of caches()) rmSync(join(pkg, 'dist', name));
    const large = checkAll(dir, 2);
    expect(large.status, large.stderr).toBe(1);
    expect(large.report).toContain('"files": 2,');
    const kept = caches().filter((n) => n.includes('.thread'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(new RegExp(`\\.${version.replaceAll('.', '\\.')}\\.thread-tuned-large\\.code-cache$`));
    const file = join(pkg, 'dist', kept[0] as string);
    const bytes = readFileSync(file);
    // A long run keeps its threads' code under its own name, leaving the large run's as it was.
    expect(checkAll(many, 2).status).toBe(1);
    expect(
      caches()
        .filter((n) => n.includes('.thread'))
        .sort(),
    ).toEqual([kept[0], kept[0]?.replace('.thread-tuned-large.', '.thread-tuned.')].sort());
    expect(readFileSync(file).equals(bytes)).toBe(true);
    // And the large run uses its code again as it is.
    const again = checkAll(dir, 2);
    expect(again.report).toBe(large.report);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('is made again when V8 turns it down, and a run with a damaged one gives the same report', () => {
    const dir = batch(120);
    const expected = checkAll(dir, 2);
    const [name] = caches().filter((n) => n.includes('.thread-tuned.'));
    const file = join(pkg, 'dist', name as string);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const damaged = checkAll(dir, 2);
    expect(damaged.report).toBe(expected.report);
    expect(damaged.status).toBe(1);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  });
});

/** The digest the bin names the code for: the first 16 hex digits of the SHA-1 of the bundle's bytes (after its first line). */
function createKey(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex').slice(0, 16);
}
