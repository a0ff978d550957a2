import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byRule, fileUri, SEED, start } from '../../language-server/test/client.ts';
import { zipEntries } from './zip.ts';

const here = fileURLToPath(new URL('../', import.meta.url));
let dir: string;
let vsix: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossfoot-vsix-'));
  vsix = join(dir, 'crossfoot-vscode.vsix');
  const run = spawnSync(process.execPath, [join(here, 'scripts', 'package.mjs'), '--out', vsix], { cwd: here, encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) throw new Error(`packaging failed:\n${run.stdout}\n${run.stderr}`);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Modules a bundle loads at run time (not the `require(…)` texts some libraries keep in strings). */
function requires(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...new Set([...code.matchAll(/(?<!['"`])\b(?:require|import)\("([^"]+)"\)/g)].map((m) => m[1] as string))];
}

describe('the packaged extension', () => {
  it('is a .vsix holding the client, the server, the manifest and the packs', () => {
    const entries = zipEntries(readFileSync(vsix));
    for (const file of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/icon.png', 'extension/readme.md']) {
      expect(entries).toContain(file);
    }
    for (const pack of ['cn-gov-disclosure-common', 'cn-gov-disclosure-2008', 'cn-gov-disclosure-2021', 'en-financial-statements']) {
      expect(entries).toContain(`extension/dist/rules/${pack}/pack.yaml`);
    }
    expect(entries).toContain('extension/dist/rules/cn-gov-disclosure-common/statement-sums.yaml');
    expect(entries.some((e) => e.includes('node_modules') || e.includes('/src/') || e.includes('/test'))).toBe(false);
  });

  it('bundles load nothing but Node itself (and the client, vscode)', () => {
    expect(requires(join(here, 'dist', 'server.js')).filter((m) => !isBuiltin(m))).toEqual([]);
    expect(requires(join(here, 'dist', 'extension.js')).filter((m) => !isBuiltin(m))).toEqual(['vscode']);
  });

  it('its server runs on its own, with the packs beside it', async () => {
    const ext = join(dir, 'ext');
    cpSync(join(here, 'dist', 'server.js'), join(ext, 'dist', 'server.js'));
    cpSync(join(here, 'dist', 'rules'), join(ext, 'dist', 'rules'), { recursive: true });
    const reports = join(dir, 'reports');
    cpSync(SEED, join(reports, 'report.txt'));
    const { CROSSFOOT_BUILTIN_RULES: _, ...env } = process.env;
    const client = await start({ root: reports, module: join(ext, 'dist', 'server.js'), env });
    try {
      const uri = fileUri(join(reports, 'report.txt'));
      client.open(uri, 'plaintext', readFileSync(SEED, 'utf8'));
      const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
      expect(byRule(published.diagnostics, 'cn-gov-disclosure-common/statement-sums')[0]?.range.start).toEqual({ line: 9, character: 18 });
    } finally {
      await client.stop();
    }
  }, 60_000);
});
