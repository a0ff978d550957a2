import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverPacks } from 'crossfoot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/**
 * Packs published as npm packages: a config names one by id (`@crossfoot/pack-<id>` or `crossfoot-pack-<id>`
 * installed for the project) or by package name, resolved with Node's resolution from the config's folder; an
 * installed pack package wins over the copy the command ships with; a pack package extends the packs it
 * depends on.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shipped = readdirSync(join(root, 'rules')).filter((d) => existsSync(join(root, 'rules', d, 'pack.yaml')));

let dir: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A pack package at `folder` with one rule: `word` must not occur. */
function packPackage(folder: string, name: string, id: string, word: string, extra = ''): void {
  write(`${folder}/package.json`, JSON.stringify({ name, version: '1.2.3' }));
  write(
    `${folder}/pack.yaml`,
    `id: ${id}\nversion: 1.2.3\ntitle: { zh-CN: ${id}, en: ${id} }\n${extra}rules:\n  - id: no-${word.toLowerCase()}\n    severity: error\n    check:\n      text-pattern: { pattern: "${word}" }\n`,
  );
}

const REPORT = '# Annual report\n\nThe total is TBD.\n\nFIXME: add the table.\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossfoot-pack-packages-'));
  write('report.md', REPORT);
  packPackage('node_modules/crossfoot-pack-acme-words', 'crossfoot-pack-acme-words', 'acme-words', 'TBD');
  packPackage('node_modules/crossfoot-pack-acme-strict', 'crossfoot-pack-acme-strict', 'acme-strict', 'FIXME', 'extends: [acme-base]\n');
  packPackage('node_modules/crossfoot-pack-acme-strict/node_modules/@crossfoot/pack-acme-base', '@crossfoot/pack-acme-base', 'acme-base', 'total');
  packPackage('sub/node_modules/@acme/report-rules', '@acme/report-rules', 'acme-report-rules', 'FIXME');
  write('sub/crossfoot.config.yaml', 'packs: ["@acme/report-rules"]\n');
  // A newer copy of a shipped pack, installed on its own.
  cpSync(join(root, 'rules', 'cn-gov-disclosure-common'), join(dir, 'node_modules/@crossfoot/pack-cn-gov-disclosure-common'), {
    recursive: true,
    filter: (src) => !src.includes('node_modules') && !src.endsWith('.test.ts') && !src.includes('fixtures'),
  });
  const copied = join(dir, 'node_modules/@crossfoot/pack-cn-gov-disclosure-common/pack.yaml');
  writeFileSync(copied, readFileSync(copied, 'utf8').replace(/^version: .*$/m, 'version: 9.9.9'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ruleIds = (stdout: string) => [...new Set((JSON.parse(stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId))].sort();

describe('packs installed as npm packages', () => {
  it('are named in a config by id', async () => {
    write('crossfoot.config.yaml', 'packs: [acme-words]\n');
    const { code, stdout, stderr } = await runCli(['check', 'report.md', '--format', 'json'], dir);
    expect(stderr).not.toMatch(/error:/i);
    expect(code).toBe(1);
    expect(ruleIds(stdout)).toEqual(['acme-words/no-tbd']);
  });

  it('extend the packs they depend on, resolved from the extending package', async () => {
    write('crossfoot.config.yaml', 'packs: [acme-strict]\n');
    const { code, stdout } = await runCli(['check', 'report.md', '--format', 'json'], dir);
    expect(code).toBe(1);
    expect(ruleIds(stdout)).toEqual(['acme-base/no-total', 'acme-strict/no-fixme']);
  });

  it("are named in a config by package name, resolved from the config's folder", async () => {
    rmSync(join(dir, 'crossfoot.config.yaml'), { force: true });
    const { code, stdout, stderr } = await runCli(['check', 'report.md', '--config', 'sub/crossfoot.config.yaml', '--format', 'json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(ruleIds(stdout)).toEqual(['acme-report-rules/no-fixme']);
  });

  it('that cannot be found stop the run with a usage error', async () => {
    write('crossfoot.config.yaml', 'packs: ["@acme/not-installed"]\n');
    const { code, stderr } = await runCli(['check', 'report.md'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('@acme/not-installed');
    rmSync(join(dir, 'crossfoot.config.yaml'), { force: true });
  });

  it('are listed by `crossfoot packs`, an installed copy of a shipped pack over the shipped one', async () => {
    const { code, stdout } = await runCli(['packs', '--json'], dir);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { id: string; version: string; file: string }[];
    const byId = new Map(listed.map((p) => [p.id, p]));
    expect(byId.get('acme-words')?.file).toBe('node_modules/crossfoot-pack-acme-words/pack.yaml');
    expect(byId.get('acme-strict')?.version).toBe('1.2.3');
    expect(byId.get('cn-gov-disclosure-common')).toMatchObject({ version: '9.9.9', file: 'node_modules/@crossfoot/pack-cn-gov-disclosure-common/pack.yaml' });
    for (const id of shipped) expect(byId.has(id), id).toBe(true);
    // Not installed for this project: only found from the config naming it.
    expect(byId.has('acme-report-rules')).toBe(false);
  });
});

describe('the shipped packs', () => {
  it("are the command's and the language server's pack dependencies, one package per folder of rules/", () => {
    for (const dir of ['packages/cli', 'packages/language-server']) {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      const names = Object.keys(manifest.dependencies).filter((n) => n.startsWith('@crossfoot/pack-'));
      expect(names.sort(), dir).toEqual(shipped.map((id) => `@crossfoot/pack-${id}`).sort());
    }
    for (const id of shipped) {
      const pkg = JSON.parse(readFileSync(join(root, 'rules', id, 'package.json'), 'utf8')) as { name: string; version: string };
      expect(pkg.name).toBe(`@crossfoot/pack-${id}`);
      expect(readFileSync(join(root, 'rules', id, 'pack.yaml'), 'utf8'), 'pack.yaml and package.json agree on the version').toMatch(
        new RegExp(`^version: ${pkg.version.replaceAll('.', '\\.')}$`, 'm'),
      );
    }
  });

  it('are found from a folder with no rules/ and no node_modules, at their place in rules/', () => {
    const empty = mkdtempSync(join(tmpdir(), 'crossfoot-no-packs-'));
    try {
      const found = discoverPacks(empty);
      expect(found.map((p) => p.id).sort()).toEqual([...shipped].sort());
      for (const pack of found) expect(pack.file).toBe(join(root, 'rules', pack.id, 'pack.yaml'));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
