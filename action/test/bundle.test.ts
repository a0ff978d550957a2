import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLE, commands, runBundle } from './bundle.ts';
import { git, reportName, reportRepository, tempDir, writeFile } from './fixtures.ts';

// Each run starts a Node process on up to 30 reports; leave room on a busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const FINDING_ROW = /^\| \d+:\d+ \|/gm;

describe('the bundled Action on 30 copies of a report whose line 10 does not add up', () => {
  let repo: string;
  beforeAll(() => {
    repo = reportRepository(30).dir;
  });

  it('annotates line 10, lists every finding of all 30 reports in the summary, sets outputs and fails under fail-on: error', async () => {
    const run = await runBundle(repo, { paths: 'reports', 'fail-on': 'error', annotate: 'true', 'sarif-file': 'crossfoot.sarif' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const errors = commands(run.stdout, 'error');
    expect(errors.some((c) => /^::error .*file=reports\/r01\.txt,line=10,endLine=10,col=19,endColumn=23::.*320.*322/.test(c))).toBe(true);
    expect(errors.filter((c) => c.includes('file=')).length).toBe(10);
    expect(commands(run.stdout, 'warning')).toHaveLength(10);
    expect(commands(run.stdout, 'notice')).toHaveLength(10);
    expect(run.stdout).toMatch(/未显示为注释.*全部问题见作业摘要和 SARIF 文件 crossfoot\.sarif/);
    expect(errors.at(-1)).toBe('::error::crossfoot 发现 90 个错误、30 个警告（fail-on: error）');

    for (let i = 1; i <= 30; i++) expect(run.summary).toContain(`### reports/${reportName(i)}`);
    expect(run.summary.match(FINDING_ROW)).toHaveLength(210);
    expect(run.summary).toContain('| 10:19 | 错误 |');
    expect(run.summary).toContain('| 322 | 320 |');
    expect(run.outputs).toEqual({ errors: '90', warnings: '30', files: '30', 'sarif-file': join(repo, 'crossfoot.sarif') });
    expect(JSON.parse(readFileSync(join(repo, 'crossfoot.sarif'), 'utf8')).runs[0].results).toHaveLength(210);
  });

  it('exits 0 with the same findings under fail-on: never', async () => {
    const run = await runBundle(repo, { paths: 'reports', 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(commands(run.stdout, 'error').some((c) => c.includes('file=reports/r01.txt,line=10'))).toBe(true);
    expect(run.summary.match(FINDING_ROW)).toHaveLength(210);
    expect(run.outputs.errors).toBe('90');
  });
});

describe('the bundled Action with only-changed on a pull request', () => {
  it('checks the report the pull request changes and not the unchanged one', async () => {
    const { dir, sha: base } = reportRepository(2);
    appendFileSync(join(dir, 'reports', 'r02.txt'), '\n');
    git(dir, 'commit', '-qam', 'edit r02');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const event = { action: 'synchronize', number: 3, pull_request: { number: 3, base: { sha: base }, head: { sha: head } } };
    const run = await runBundle(
      dir,
      { paths: 'reports', 'only-changed': 'true', locale: 'en' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: head },
      event,
    );
    expect(run.code).toBe(1);
    const annotated = commands(run.stdout, 'error').map((c) => /file=([^,]+)/.exec(c)?.[1]);
    expect(annotated).toContain('reports/r02.txt');
    expect(annotated).not.toContain('reports/r01.txt');
    expect(run.summary).toContain('### reports/r02.txt');
    expect(run.summary).not.toContain('reports/r01.txt');
    expect(run.summary).toContain('Checked the 1 file of 2 this pull request changes; findings on unchanged lines of those files count too.');
    expect(run.outputs.files).toBe('1');
  });
});

describe('the bundled Action with a token publishes a check run', () => {
  interface Recorded {
    method: string;
    url: string;
    authorization: string | undefined;
    body: Record<string, unknown>;
  }
  let server: Server;
  let api: string;
  const requests: Recorded[] = [];
  let refuse = false;

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: body ? JSON.parse(body) : {} });
      res.setHeader('content-type', 'application/json');
      if (refuse) {
        res.statusCode = 403;
        res.end(JSON.stringify({ message: 'Resource not accessible by integration' }));
      } else if (req.method === 'POST' && req.url === '/repos/octo/reports/check-runs') {
        res.statusCode = 201;
        res.end(JSON.stringify({ id: 4242, html_url: 'https://github.example/octo/reports/runs/4242' }));
      } else if (req.method === 'PATCH' && req.url === '/repos/octo/reports/check-runs/4242') {
        res.end(JSON.stringify({ id: 4242 }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const token = 'ghs_0123456789abcdefTOKEN';

  it('creates one check run and adds every finding in batches of at most 50, at the pull request head', async () => {
    requests.length = 0;
    const { dir, sha } = reportRepository(30);
    const event = { pull_request: { number: 1, base: { sha }, head: { sha: 'feedface'.repeat(5) } } };
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_API_URL: api, GITHUB_REPOSITORY: 'octo/reports', GITHUB_SHA: sha };
    const run = await runBundle(dir, { paths: 'reports', 'github-token': token, 'fail-on': 'error' }, env, event);
    expect(run.code).toBe(1);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /repos/octo/reports/check-runs',
      ...Array.from({ length: 5 }, () => 'PATCH /repos/octo/reports/check-runs/4242'),
    ]);
    expect(requests.every((r) => r.authorization === `token ${token}`)).toBe(true);
    expect(requests[0]?.body).toMatchObject({ name: 'crossfoot', head_sha: 'feedface'.repeat(5), status: 'in_progress' });
    const batches = requests.slice(1).map((r) => (r.body.output as { annotations?: Record<string, unknown>[] }).annotations ?? []);
    expect(batches.every((b) => b.length <= 50)).toBe(true);
    const annotations = batches.flat();
    expect(annotations).toHaveLength(210);
    for (let i = 1; i <= 30; i++) {
      expect(annotations).toContainEqual(
        expect.objectContaining({
          path: `reports/${reportName(i)}`,
          start_line: 10,
          end_line: 10,
          start_column: 19,
          end_column: 23,
          annotation_level: 'failure',
          title: 'cn-gov-disclosure-common/statement-sums',
          message: expect.stringContaining('53 + 48 + 207 + 14 = 322'),
        }),
      );
    }
    expect(new Set(annotations.map((a) => a.annotation_level))).toEqual(new Set(['failure', 'warning', 'notice']));
    expect(requests.at(-1)?.body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.stdout).toContain('https://github.example/octo/reports/runs/4242');
    expect(run.stdout + run.stderr + run.summary).not.toContain(token);
  });

  it('turns a refused token (a pull request from a fork) into a warning; annotations, summary and outputs stand', async () => {
    requests.length = 0;
    refuse = true;
    const { dir, sha } = reportRepository(1);
    const env = { GITHUB_API_URL: api, GITHUB_REPOSITORY: 'octo/reports', GITHUB_SHA: sha };
    const run = await runBundle(dir, { paths: 'reports', 'github-token': token, 'fail-on': 'never', locale: 'en' }, env);
    refuse = false;
    expect(run.code).toBe(0);
    expect(requests).toHaveLength(1);
    expect(commands(run.stdout, 'warning').some((c) => c.includes('The check run could not be published (HTTP 403'))).toBe(true);
    expect(commands(run.stdout, 'error').some((c) => c.includes('file=reports/r01.txt,line=10'))).toBe(true);
    expect(run.summary).toContain('### reports/r01.txt');
    expect(run.outputs.errors).toBe('3');
    expect(run.stdout + run.stderr).not.toContain(token);
  });
});

describe('the bundled Action on a broken config', () => {
  it('fails with the located message and no stack trace', async () => {
    const { dir } = reportRepository(1);
    writeFileSync(join(dir, 'crossfoot.config.yaml'), 'include: [reports]\nrules:\n  cn-gov-disclosure-common/period: fatal\n');
    const run = await runBundle(dir, {});
    expect(run.code).toBe(1);
    expect(commands(run.stdout, 'error')).toEqual([
      expect.stringMatching(/^::error::crossfoot\.config\.yaml:3:\d+: at rules\.cn-gov-disclosure-common\/period: expected one of/),
    ]);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('reads the config for the paths and uses the packs it carries in dist/rules', async () => {
    const { dir } = reportRepository(2);
    writeFile(join(dir, 'crossfoot.config.yaml'), 'include: ["reports/r01.txt"]\npacks: [cn-gov-disclosure-2008]\nlocale: en\n');
    const run = await runBundle(dir, {}, {});
    expect(run.outputs.files).toBe('1');
    expect(run.summary).toContain('### reports/r01.txt');
    expect(run.summary).not.toContain('reports/r02.txt');
    expect(run.summary).toContain('crossfoot results');
  });
});

describe('the bundle on its own', () => {
  it('runs from a copy of dist/ alone: no node_modules, no tsx, its own packs', async () => {
    const copy = join(tempDir('copy'), 'dist');
    cpSync(join(BUNDLE, '..'), copy, { recursive: true });
    const { dir } = reportRepository(1);
    const run = await runBundle(dir, { paths: 'reports', 'fail-on': 'never' }, {}, undefined, join(copy, 'index.js'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(commands(run.stdout, 'error').some((c) => c.includes('title=cn-gov-disclosure-common/statement-sums,file=reports/r01.txt,line=10'))).toBe(true);
  });
});

describe('the bundled Action on a report published as PDF and Word beside its Markdown version', () => {
  it('reads them without node_modules (CMaps from beside the bundle) and finds what it finds in the Markdown', async () => {
    const published = fileURLToPath(new URL('../../packages/adapters/test/fixtures/published/', import.meta.url));
    const dir = tempDir('published');
    mkdirSync(join(dir, 'reports'));
    for (const name of ['report-2023.md', 'report-2023.pdf', 'report-2023.docx', 'cjk-cmap.pdf']) cpSync(join(published, name), join(dir, 'reports', name));
    const run = await runBundle(dir, { paths: 'reports', 'fail-on': 'never', locale: 'en' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const annotated = [...commands(run.stdout, 'error'), ...commands(run.stdout, 'warning')]
      .map((c) => /title=([^,]+),file=reports\/report-2023\.(\w+),/.exec(c))
      .filter((m) => m !== null)
      .map((m) => [m[2], m[1]] as const);
    const rulesOf = (format: string) => annotated.filter(([f]) => f === format).map(([, rule]) => rule);
    expect(rulesOf('md').length).toBeGreaterThan(0);
    expect(rulesOf('pdf')).toEqual(rulesOf('md'));
    expect(rulesOf('docx')).toEqual(rulesOf('md'));
    expect(run.stdout).not.toMatch(/no text layer|没有文字层|pdf-no-text/i);
  });
});
