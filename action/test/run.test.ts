import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChecksClient } from '../src/checks.ts';
import { run } from '../src/run.ts';
import { SUMMARY_LIMIT } from '../src/summary.ts';
import * as core from './core-mock.ts';
import { git, reportName, reportRepository, tempDir } from './fixtures.ts';

vi.mock('@actions/core', () => import('./core-mock.ts'));

beforeEach(() => core.reset());

function environment(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  const summary = join(tempDir('summary'), 'summary.md');
  writeFileSync(summary, '');
  return { GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: summary, GITHUB_EVENT_NAME: 'push', ...extra };
}

const calls = (fn: { mock: { calls: unknown[][] } }) => fn.mock.calls.map((c) => String(c[0]));

describe('run', () => {
  it('checks the reports, annotates, summarises every finding, sets outputs and fails under fail-on: error', async () => {
    const { dir } = reportRepository(3);
    core.reset({ paths: 'reports', 'fail-on': 'error' });
    const outcome = await run({ env: environment(dir) });
    expect(outcome).toMatchObject({ errors: 9, warnings: 3, infos: 9, files: 3, failed: true });
    const line10 = core.error.mock.calls.filter((c) => c[1]?.startLine === 10);
    expect(line10.map((c) => c[1]?.file)).toEqual(['reports/r01.txt', 'reports/r02.txt', 'reports/r03.txt']);
    expect(String(line10[0]?.[0])).toContain('53 + 48 + 207 + 14 = 322');
    const summary = core.summaryTexts.join('');
    for (let i = 1; i <= 3; i++) expect(summary).toContain(`### reports/${reportName(i)}`);
    expect(summary.match(/^\| \d+:\d+ \|/gm)).toHaveLength(21);
    expect(Object.fromEntries(core.outputs)).toEqual({ errors: 9, warnings: 3, files: 3, 'sarif-file': '' });
    expect(calls(core.setFailed)).toEqual(['crossfoot 发现 9 个错误、3 个警告（fail-on: error）']);
  });

  it('passes with the same findings under fail-on: never, and fails on a warning under fail-on: warning', async () => {
    const { dir } = reportRepository(1);
    core.reset({ paths: 'reports', 'fail-on': 'never', locale: 'en' });
    expect(await run({ env: environment(dir) })).toMatchObject({ errors: 3, failed: false });
    expect(core.setFailed).not.toHaveBeenCalled();
    core.reset({ paths: 'reports', 'fail-on': 'warning', packs: 'cn-gov-disclosure-common' });
    writeFileSync(join(dir, 'crossfoot.config.yaml'), 'rules:\n  cn-gov-disclosure-common/period: warning\n  cn-gov-disclosure-common/statement-sums: off\n');
    expect(await run({ env: environment(dir) })).toMatchObject({ errors: 0, warnings: 2, failed: true });
  });

  it('writes SARIF where asked and names it in the outputs', async () => {
    const { dir } = reportRepository(2);
    core.reset({ paths: 'reports', 'sarif-file': 'out/crossfoot.sarif' });
    await run({ env: environment(dir) });
    const file = join(dir, 'out', 'crossfoot.sarif');
    expect(core.outputs.get('sarif-file')).toBe(file);
    const log = JSON.parse(readFileSync(file, 'utf8'));
    expect(log.runs[0].results).toHaveLength(14);
  });

  it('says in the log how many findings were not annotated, and that all are in the summary and SARIF', async () => {
    const { dir } = reportRepository(5);
    core.reset({ paths: 'reports', locale: 'en', 'sarif-file': 'crossfoot.sarif' });
    await run({ env: environment(dir) });
    expect(core.error).toHaveBeenCalledTimes(10);
    expect(core.warning).toHaveBeenCalledTimes(5);
    expect(core.notice).toHaveBeenCalledTimes(10);
    expect(calls(core.info)).toContain(
      'Not shown as annotations: 5 errors, 0 warnings, 5 infos (GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, 50 per job); every finding is in the job summary and the SARIF file crossfoot.sarif.',
    );
  });

  it('does not annotate with annotate: false', async () => {
    const { dir } = reportRepository(1);
    core.reset({ paths: 'reports', annotate: 'false' });
    await run({ env: environment(dir) });
    expect(core.error).not.toHaveBeenCalled();
    expect(core.summaryTexts.join('')).toContain('reports/r01.txt');
  });

  it('keeps the job summary under 1 MiB, saying how many findings are only in the SARIF file', async () => {
    const { dir } = reportRepository(4);
    const env = environment(dir);
    const earlier = SUMMARY_LIMIT - 6_000;
    writeFileSync(env.GITHUB_STEP_SUMMARY as string, 'x'.repeat(earlier));
    core.reset({ paths: 'reports', 'sarif-file': 'crossfoot.sarif', locale: 'en' });
    await run({ env });
    const text = core.summaryTexts.join('');
    expect(earlier + Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const m = /\*\*(\d+) more findings? in the SARIF file `crossfoot.sarif`\.\*\*/.exec(text);
    expect(m).not.toBeNull();
    expect(Number(m?.[1]) + (text.match(/^\| \d+:\d+ \|/gm)?.length ?? 0)).toBe(28);
  });

  it('with only-changed on a pull request checks only the reports it changes', async () => {
    const { dir, sha: base } = reportRepository(3);
    writeFileSync(join(dir, 'reports', 'r02.txt'), `${readFileSync(join(dir, 'reports', 'r02.txt'), 'utf8')}\n`);
    git(dir, 'commit', '-qam', 'edit r02');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const event = join(tempDir('event'), 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { sha: base }, head: { sha: head } } }));
    core.reset({ paths: 'reports', 'only-changed': 'true', locale: 'en' });
    const outcome = await run({ env: environment(dir, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }) });
    expect(outcome).toMatchObject({ files: 1, errors: 3 });
    expect(new Set(core.error.mock.calls.map((c) => c[1]?.file))).toEqual(new Set(['reports/r02.txt']));
    const summary = core.summaryTexts.join('');
    expect(summary).toContain('reports/r02.txt');
    expect(summary).not.toContain('reports/r01.txt');
    expect(summary).toContain('Checked the 1 file of 3 this pull request changes');
  });

  it('with only-changed on a pull request that changes no report checks nothing and passes', async () => {
    const { dir, sha: base } = reportRepository(2);
    writeFileSync(join(dir, 'notes.txt'), 'not a report\n');
    git(dir, 'add', 'notes.txt');
    git(dir, 'commit', '-qm', 'notes');
    const event = join(tempDir('event'), 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: git(dir, 'rev-parse', 'HEAD').trim() } } }));
    core.reset({ paths: 'reports', 'only-changed': 'true', locale: 'en' });
    const outcome = await run({ env: environment(dir, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }) });
    expect(outcome).toMatchObject({ files: 0, errors: 0, failed: false });
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(core.summaryTexts.join('')).toContain('No problems found.');
  });

  it('with only-changed outside a pull request checks every file', async () => {
    const { dir } = reportRepository(2);
    core.reset({ paths: 'reports', 'only-changed': 'true', locale: 'en' });
    expect(await run({ env: environment(dir) })).toMatchObject({ files: 2 });
    expect(calls(core.info)).toContain('only-changed applies to pull requests (the pull_request event); this push run checks every file.');
  });

  it('fails on a config error with its located message, without a stack trace', async () => {
    const { dir } = reportRepository(1);
    writeFileSync(join(dir, 'crossfoot.config.yaml'), 'rules:\n  cn-gov-disclosure-common/period: fatal\n');
    core.reset({ paths: 'reports' });
    expect(await run({ env: environment(dir) })).toBeUndefined();
    const [message] = calls(core.setFailed);
    expect(message).toMatch(/^crossfoot\.config\.yaml:2:\d+: at rules\.cn-gov-disclosure-common\/period: expected one of/);
    expect(message).not.toMatch(/\n\s+at /);
    expect(core.summary.write).not.toHaveBeenCalled();
  });

  it('fails on an input that makes no sense', async () => {
    const { dir } = reportRepository(1);
    core.reset({ 'fail-on': 'sometimes' });
    await run({ env: environment(dir) });
    expect(calls(core.setFailed)).toEqual(['input "fail-on" must be "error", "warning", "never", not "sometimes" [usage]']);
  });

  it('publishes a check run with a token; a refusal (a fork) is a warning and the rest stands', async () => {
    const { dir, sha } = reportRepository(2);
    const token = 'ghs_secretsecretsecret';
    core.reset({ paths: 'reports', 'github-token': token, 'fail-on': 'never', locale: 'en' });
    const seen: string[] = [];
    const refusing = (t: string, baseUrl: string): ChecksClient => {
      seen.push(t, baseUrl);
      const refuse = async () => {
        throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 });
      };
      return { rest: { checks: { create: refuse, update: refuse } } };
    };
    const outcome = await run({
      env: environment(dir, { GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: sha, GITHUB_API_URL: 'http://127.0.0.1:9/' }),
      checksClient: refusing,
    });
    expect(seen).toEqual([token, 'http://127.0.0.1:9']);
    expect(core.setSecret).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ failed: false, errors: 6 });
    expect(calls(core.warning).some((m) => m.startsWith('The check run could not be published (HTTP 403: Resource not accessible by integration)'))).toBe(true);
    const everything = [core.info, core.warning, core.error, core.notice, core.setFailed, core.debug].flatMap(calls).join('\n') + core.summaryTexts.join('');
    expect(everything).not.toContain(token);
    expect(Object.fromEntries(core.outputs)).toMatchObject({ errors: 6, files: 2 });
  });
});
