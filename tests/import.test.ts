import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cwd = mkdtempSync(join(tmpdir(), 'crossfoot-import-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
cpSync(join(root, 'examples/huaning-2018.txt'), join(cwd, 'report.txt'));

describe('crossfoot import', () => {
  it('writes Markdown that gives the same findings as the report it came from', async () => {
    const imported = await runCli(['import', 'report.txt', '-o', 'report.md'], cwd);
    expect(imported.code).toBe(0);
    expect(readFileSync(join(cwd, 'report.md'), 'utf8')).toMatch(/^---\ntitle: 华宁县政务服务管理局2018年度政府信息公开工作年度报告\n/);
    const findings = async (file: string) => {
      const { stdout } = await runCli(['check', file, '--format', 'json'], cwd);
      return (JSON.parse(stdout).diagnostics as { ruleId: string; message: string }[]).map((d) => `${d.ruleId} ${d.message}`).sort();
    };
    const fromText = await findings('report.txt');
    expect(fromText.length).toBeGreaterThan(4);
    expect(await findings('report.md')).toEqual(fromText);
  });

  it('never overwrites a file without --force, and never the report itself', async () => {
    writeFileSync(join(cwd, 'mine.md'), 'my notes\n');
    const refused = await runCli(['import', 'report.txt', '-o', 'mine.md'], cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mine.md already exists; use --force to replace it');
    expect(readFileSync(join(cwd, 'mine.md'), 'utf8')).toBe('my notes\n');
    expect((await runCli(['import', 'report.txt', '-o', 'report.txt', '--force'], cwd)).code).toBe(2);
    expect(readFileSync(join(cwd, 'report.txt'), 'utf8')).toBe(readFileSync(join(root, 'examples/huaning-2018.txt'), 'utf8'));
    expect((await runCli(['import', 'report.txt', '-o', 'mine.md', '--force'], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, 'mine.md'), 'utf8')).toContain('| 统计指标 | 单位 | 统计数 |');
  });

  it('prints to stdout without -o', async () => {
    const { code, stdout } = await runCli(['import', 'report.txt'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('## 十四、其他应报告的事项');
    expect(existsSync(join(cwd, 'report.txt'))).toBe(true);
  });
});
