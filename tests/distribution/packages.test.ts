import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The packages as a user gets them: every publishable package of the workspace packed with `pnpm pack` (which
 * builds it first and rewrites `workspace:` and `catalog:` versions), the tarballs installed with npm into an empty
 * folder outside the workspace, and the command run there through npx. What it finds must be what the workspace's
 * own command finds on the same report.
 */
const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = join(root, 'examples', 'huaning-2018.txt');

/** Children run as a user's shell would: no package manager's or crossfoot's variables from this run. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|npm_config_|CROSSFOOT_)/i.test(k) && k !== 'NODE_OPTIONS' && !k.startsWith('VITEST')),
);

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  bin?: Record<string, string>;
  main?: string;
  types?: string;
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
}

/** The workspace's publishable packages: every package folder whose manifest is not private. */
function publishable(): { dir: string; manifest: Manifest }[] {
  const out: { dir: string; manifest: Manifest }[] = [];
  for (const parent of ['packages', 'rules']) {
    for (const name of readdirSync(join(root, parent))) {
      const file = join(root, parent, name, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (!manifest.private) out.push({ dir: join(root, parent, name), manifest });
    }
  }
  return out;
}

interface Packed {
  name: string;
  tarball: string;
  manifest: Manifest;
  files: string[];
}

let work: string;
let project: string;
const packed = new Map<string, Packed>();
let installSeconds = 0;

const npx = (args: string[], cwd = project) =>
  run('npx', ['--no', '--', ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    }),
  );

/** The workspace's command, from its sources or its bundle, as `pnpm crossfoot` runs it. */
const workspaceCli = (args: string[], cwd: string) =>
  run(process.execPath, [join(root, 'packages', 'cli', 'bin', 'crossfoot.cjs'), ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code?: number; stdout?: string }) => ({ code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '' }),
  );

interface Finding {
  ruleId: string;
  messageId?: string;
  severity: string;
  range: { start: { line: number; column: number } };
}
const findings = (stdout: string) =>
  (JSON.parse(stdout) as { diagnostics: Finding[] }).diagnostics.map(
    (d) => `${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.ruleId} ${d.messageId}`,
  );

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crossfoot-distribution-'));
  const tarballs = join(work, 'tarballs');
  project = join(work, 'project');
  mkdirSync(tarballs);
  mkdirSync(project);

  // Build once, then pack side by side: each package's `prepack` finds its build up to date.
  await run('pnpm', ['exec', 'tsc', '-b'], { cwd: root });
  const packages = publishable();
  await Promise.all(
    packages.map(async ({ dir, manifest }) => {
      const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', tarballs], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { filename: string };
      const tarball = report.filename.startsWith('/') ? report.filename : join(tarballs, report.filename);
      const files = (await run('tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean);
      const inside = JSON.parse((await run('tar', ['-xzOf', tarball, 'package/package.json'])).stdout) as Manifest;
      packed.set(manifest.name, { name: manifest.name, tarball, manifest: inside, files: files.map((f) => f.replace(/^package\//, '')) });
    }),
  );

  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'annual-reports', private: true }, null, 2)}\n`);
  cpSync(SEED, join(project, 'seed.txt'));
  const started = Date.now();
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...[...packed.values()].map((p) => p.tarball)], { cwd: project, env });
  installSeconds = (Date.now() - started) / 1000;
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('the published packages', () => {
  it('are the command, the libraries under one scope and one package per pack', () => {
    const packs = readdirSync(join(root, 'rules')).filter((d) => existsSync(join(root, 'rules', d, 'pack.yaml')));
    expect([...packed.keys()].sort()).toEqual(
      [
        'crossfoot',
        '@crossfoot/core',
        '@crossfoot/adapters',
        '@crossfoot/formatters',
        '@crossfoot/language-server',
        '@crossfoot/rule-tester',
        ...packs.map((id) => `@crossfoot/pack-${id}`),
      ].sort(),
    );
  });

  it('name no workspace-only version and no file they do not carry', () => {
    for (const { name, manifest, files } of packed.values()) {
      const text = JSON.stringify(manifest);
      expect(text, `${name}: workspace: or catalog: left in the manifest`).not.toMatch(/"(workspace|catalog):/);
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
        for (const [dep, range] of Object.entries(manifest[field] ?? {})) expect(range, `${name} ${field} ${dep}`).toMatch(/^(?:[~^]|>=)?\d+(?:\.\d+){0,2}$/);
      }
      const targets = [
        ...Object.values(manifest.bin ?? {}),
        ...(manifest.main ? [manifest.main] : []),
        ...(manifest.types ? [manifest.types] : []),
        ...Object.entries(manifest.exports ?? {})
          .filter(([key]) => !key.includes('*'))
          .flatMap(([, v]) => (typeof v === 'string' ? [v] : Object.values(v))),
      ];
      for (const target of targets) {
        expect(files, `${name}: ${target} is not in the tarball`).toContain(target.replace(/^\.\//, ''));
        expect(target, `${name}: ${target} points at the sources`).not.toMatch(/(^|\/)src\//);
      }
      expect(
        files.filter((f) => /\.(ts|mts|cts)$/.test(f) && !/\.d\.ts$/.test(f)),
        `${name}: TypeScript sources or tests`,
      ).toEqual([]);
      expect(
        files.filter((f) => /(^|\/)(test|tests|fixtures|bench|node_modules)\//.test(f) || f.endsWith('.map') || f.endsWith('.tsbuildinfo')),
        `${name}: files a user does not need`,
      ).toEqual([]);
    }
  });

  it("carry the repository's licence, a README and the Node versions they run on", async () => {
    const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
    for (const { name, manifest, files, tarball } of packed.values()) {
      expect(manifest.license, name).toBe('MIT');
      expect(files, name).toContain('README.md');
      expect(manifest.engines?.node ?? '', name).toMatch(/^>=2\d/);
      expect(manifest.publishConfig, `${name} is published in public, only with provenance`).toEqual({ access: 'public', provenance: true });
      expect((await run('tar', ['-xzOf', tarball, 'package/LICENSE'])).stdout, `${name} LICENSE`).toBe(licence);
    }
  });

  it('give the command as a built bundle with few dependencies of its own', () => {
    const cli = packed.get('crossfoot') as Packed;
    expect(cli.manifest.bin).toEqual({ crossfoot: './bin/crossfoot.cjs' });
    expect(cli.files).toContain('dist/crossfoot.cjs');
    expect(cli.files).toContain('dist/crossfoot-worker.mjs');
    expect(cli.files.filter((f) => f.endsWith('.js'))).toEqual([]);
    const deps = Object.keys(cli.manifest.dependencies ?? {});
    expect(deps.filter((d) => d.startsWith('@crossfoot/') && !d.startsWith('@crossfoot/pack-'))).toEqual([]);
    expect(deps.filter((d) => !d.startsWith('@crossfoot/pack-')).length).toBeLessThanOrEqual(4);
  });
});

describe('installed from the tarballs with npm', { timeout: 120_000 }, () => {
  it('puts the commands on the path of an empty folder', () => {
    expect(installSeconds).toBeGreaterThan(0);
    expect(existsSync(join(project, 'node_modules', '.bin', 'crossfoot'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', '.bin', 'crossfoot-language-server'))).toBe(true);
    // No TypeScript tooling comes with the command.
    expect(existsSync(join(project, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'typescript'))).toBe(false);
  });

  it("checks the seed report with the same findings as the workspace's command", async () => {
    const here = await npx(['crossfoot', 'check', 'seed.txt', '--format', 'json']);
    expect(here.stderr).not.toMatch(/Error|error:/);
    const reference = mkdtempSync(join(work, 'reference-'));
    cpSync(SEED, join(reference, 'seed.txt'));
    const there = await workspaceCli(['check', 'seed.txt', '--format', 'json'], reference);
    expect(findings(there.stdout).length).toBeGreaterThan(0);
    expect(findings(here.stdout)).toEqual(findings(there.stdout));
    expect(here.code).toBe(there.code);
    expect(here.code).toBe(1);
  });

  it("reads a report in GBK and one in HTML, whose readers are scripts of their own, as the workspace's command does", async () => {
    // The command loads iconv-lite and the HTML parser from scripts beside its own when it first needs them (build.mjs, APART).
    const gbk = join(root, 'packages', 'adapters', 'test', 'fixtures', 'encodings', 'seed-20.gbk.txt');
    const html = join(root, 'packages', 'adapters', 'test', 'fixtures', 'published', 'report-2023.html');
    const folder = mkdtempSync(join(project, 'formats-'));
    const reference = mkdtempSync(join(work, 'reference-'));
    for (const dir of [folder, reference]) {
      cpSync(gbk, join(dir, 'a.gbk.txt'));
      cpSync(html, join(dir, 'b.html'));
    }
    const here = await npx(['crossfoot', 'check', '.', '--format', 'json'], folder);
    const there = await workspaceCli(['check', '.', '--format', 'json'], reference);
    const found = findings(here.stdout);
    expect(found).toEqual(findings(there.stdout));
    const byFile = (JSON.parse(here.stdout) as { diagnostics: { uri: string; ruleId: string }[] }).diagnostics;
    // Both read: the first twenty lines of the seed are no report a pack recognises, the HTML report is.
    expect(byFile.filter((d) => d.uri.endsWith('a.gbk.txt')).map((d) => d.ruleId)).toEqual(['crossfoot/no-pack']);
    const inHtml = new Set(byFile.filter((d) => d.uri.endsWith('b.html')).map((d) => d.ruleId));
    expect([...inHtml].sort()).toEqual(['cn-gov-disclosure-2021/handled-in-text', 'cn-gov-disclosure-common/statement-shortfall', 'crossfoot/ragged-row']);
  });

  it('prints the findings for a terminal by default', async () => {
    const { code, stdout, stderr } = await npx(['crossfoot', 'check', 'seed.txt']);
    expect(code).toBe(1);
    expect(`${stdout}${stderr}`).toContain('cn-gov-disclosure-common/statement-sums');
  });

  it('lists the installed packs', async () => {
    const { code, stdout } = await npx(['crossfoot', 'packs']);
    expect(code).toBe(0);
    for (const name of packed.keys()) {
      if (!name.startsWith('@crossfoot/pack-')) continue;
      const id = name.slice('@crossfoot/pack-'.length);
      expect(stdout).toContain(`${id}@${packed.get(name)?.manifest.version}`);
      expect(stdout).toContain(`node_modules/${name}/pack.yaml`);
    }
  });

  it('loads a pack a config names by its package name', async () => {
    const folder = mkdtempSync(join(project, 'reports-'));
    cpSync(SEED, join(folder, 'seed.txt'));
    writeFileSync(join(folder, 'crossfoot.config.yaml'), 'packs: ["@crossfoot/pack-cn-gov-disclosure-2008"]\n');
    const here = await npx(['crossfoot', 'check', 'seed.txt', '--format', 'json'], folder);
    const reference = mkdtempSync(join(work, 'reference-'));
    cpSync(SEED, join(reference, 'seed.txt'));
    const there = await workspaceCli(['check', 'seed.txt', '--pack', 'cn-gov-disclosure-2008', '--format', 'json'], reference);
    expect(findings(here.stdout)).toEqual(findings(there.stdout));
    expect(findings(here.stdout).some((f) => f.includes('cn-gov-disclosure-2008/'))).toBe(true);

    writeFileSync(join(folder, 'crossfoot.config.yaml'), 'packs: [en-financial-statements]\n');
    const other = await npx(['crossfoot', 'check', 'seed.txt', '--format', 'json'], folder);
    expect(findings(other.stdout).filter((f) => f.includes(' cn-gov-disclosure-'))).toEqual([]);
  });

  it('gives the libraries the exports of their sources', async () => {
    const sources: Record<string, string> = {
      '@crossfoot/core': 'core',
      '@crossfoot/adapters': 'adapters',
      '@crossfoot/formatters': 'formatters',
      crossfoot: 'cli',
      '@crossfoot/language-server': 'language-server',
    };
    for (const [name, folder] of Object.entries(sources)) {
      const script = `import(${JSON.stringify(name)}).then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env });
      const source = await import(/* @vite-ignore */ join(root, 'packages', folder, 'src', 'index.ts'));
      expect(JSON.parse(stdout), name).toEqual(Object.keys(source).sort());
    }
  });

  it('starts the language server', async () => {
    const { code, stdout } = await npx(['crossfoot-language-server', '--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(packed.get('@crossfoot/language-server')?.manifest.version);
  });
});
