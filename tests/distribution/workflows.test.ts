import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * This repository's own workflows: what each job runs, the permissions each is granted (no more than it needs,
 * none at the top), and every action pinned. The policy for pins: an action is referenced by its major tag
 * (`@v4`) or by a full commit SHA; never a branch, a partial version or nothing.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, '.github', 'workflows');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
  needs?: string | string[];
  if?: string;
  container?: string;
  'timeout-minutes'?: number;
  outputs?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const load = (name: string) => parse(readFileSync(join(folder, name), 'utf8')) as Workflow;
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
const runs = (job: Job) => (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
const uses = (job: Job) => (job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : []));
const scripts = (dir: string) => (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};

/** Workspace folders by package name, for `pnpm --filter <name> <script>`. */
function packageFolders(): Map<string, string> {
  const out = new Map<string, string>();
  for (const parent of ['packages', 'rules']) {
    for (const name of readdirSync(join(root, parent))) {
      const file = join(root, parent, name, 'package.json');
      if (existsSync(file)) out.set((JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name, join(parent, name));
    }
  }
  return out;
}

describe('every workflow', () => {
  it('includes ci.yml and release.yml', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  for (const file of files) {
    describe(file, () => {
      const workflow = load(file);

      it('grants nothing at the top and names each job its own permissions', () => {
        expect(workflow.permissions).toEqual({});
        for (const [name, job] of Object.entries(workflow.jobs)) {
          expect(typeof job.permissions, `${name} permissions`).toBe('object');
          for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
            expect(['read', 'write', 'none'], `${name} ${scope}`).toContain(level);
          }
        }
      });

      it('pins every action to a major tag or a full commit SHA', () => {
        for (const [name, job] of Object.entries(workflow.jobs)) {
          for (const ref of uses(job)) {
            if (ref.startsWith('./')) continue;
            expect(ref, `${name}: ${ref}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+|[0-9a-f]{40})$/);
          }
        }
      });

      it('runs only scripts that exist', () => {
        const folders = packageFolders();
        for (const [name, job] of Object.entries(workflow.jobs)) {
          for (const line of runs(job).flatMap((r) => r.split(/\n|&&/))) {
            const m = /^\s*pnpm (?:--filter (\S+) )?([\w:-]+)/.exec(line);
            if (!m || ['install', 'exec', 'i'].includes(m[2] as string)) continue;
            const dir = m[1] ? folders.get(m[1]) : '.';
            expect(dir, `${name}: no package ${m[1]}`).toBeDefined();
            expect(Object.keys(scripts(dir as string)), `${name}: ${line.trim()}`).toContain(m[2]);
          }
        }
      });

      it('installs from the lockfile with the pinned pnpm', () => {
        for (const [name, job] of Object.entries(workflow.jobs)) {
          const install = runs(job).filter((r) => /pnpm install/.test(r));
          for (const line of install) expect(line, name).toContain('npm i -g pnpm@12.4.2 && pnpm install --frozen-lockfile');
        }
      });
    });
  }
});

describe('ci.yml', () => {
  const ci = load('ci.yml');
  const all = Object.values(ci.jobs);
  const ran = all.flatMap(runs).join('\n');

  it('runs on pull requests and pushes to main', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('lints, type checks and runs every test, browser tests on Debian with its chromium', () => {
    expect(ran).toMatch(/^pnpm lint$/m);
    expect(ran).toMatch(/^pnpm typecheck$/m);
    const test = Object.values(ci.jobs).find((j) => runs(j).some((r) => /pnpm test:unit/.test(r))) as Job;
    expect(test, 'a job runs the tests').toBeDefined();
    expect(test.container).toMatch(/bookworm/);
    expect(runs(test)).toContain('bash tests/ensure-chromium.sh');
    expect(scripts('.')['test:unit']).toBe('vitest run');
  });

  it("checks that the Action's committed bundle is a fresh build", () => {
    const job = ci.jobs['check-dist'] as Job;
    expect(runs(job)).toContain('pnpm build:action');
    expect(runs(job).join('\n')).toMatch(/git status --porcelain -- action\/dist/);
  });

  it('packages the VS Code extension and keeps the .vsix', () => {
    const job = ci.jobs.vsix as Job;
    expect(runs(job)).toContain('pnpm --filter crossfoot-vscode package');
    const upload = (job.steps ?? []).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('packages/vscode/crossfoot-vscode.vsix');
  });

  it('sets a time limit on every job, the whole run well under 30 minutes', () => {
    for (const [name, job] of Object.entries(ci.jobs)) expect(job['timeout-minutes'] ?? 99, name).toBeLessThanOrEqual(30);
  });

  it('only reads the repository', () => {
    for (const [name, job] of Object.entries(ci.jobs)) expect(job.permissions, name).toEqual({ contents: 'read' });
  });
});

describe('release.yml', () => {
  const release = load('release.yml');

  it('runs on pushes to main, one at a time', () => {
    expect(release.on).toEqual({ push: { branches: ['main'] } });
    expect((release as unknown as { concurrency: { 'cancel-in-progress': boolean } }).concurrency['cancel-in-progress']).toBe(false);
  });

  it('versions and publishes with changesets, with npm provenance', () => {
    const job = release.jobs.release as Job;
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
    const step = (job.steps ?? []).find((s) => s.uses?.startsWith('changesets/action@')) as Step;
    expect(step.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release' });
    expect(step.env?.NPM_CONFIG_PROVENANCE).toBe('true');
    expect(scripts('.').release).toBe('changeset publish');
    expect(scripts('.')['version-packages']).toMatch(/^changeset version && node scripts\/sync-versions\.mjs/);
    expect(job.outputs?.published).toBe(`\${{ steps.${step.id}.outputs.published }}`);
    const setup = (job.steps ?? []).find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });

  it("moves the Action's v1 tag after a publish, only to a commit whose bundle is fresh", () => {
    const job = release.jobs['action-tag'] as Job;
    expect(job.needs).toBe('release');
    expect(job.if).toBe("needs.release.outputs.published == 'true'");
    expect(job.permissions).toEqual({ contents: 'write' });
    const lines = runs(job);
    expect(lines).toContain('pnpm build:action');
    expect(lines).toContain('git diff --exit-code -- action/dist');
    expect(lines.join('\n')).toMatch(/git tag --force v1 "\$GITHUB_SHA"\n\s*git push --force origin refs\/tags\/v1/);
  });

  it('sets a time limit on every job', () => {
    for (const [name, job] of Object.entries(release.jobs)) expect(job['timeout-minutes'] ?? 99, name).toBeLessThanOrEqual(30);
  });

  it('gives id-token and pull-request rights to no other job', () => {
    for (const [name, job] of Object.entries(release.jobs)) {
      if (name === 'release') continue;
      expect(Object.keys(job.permissions as object), name).not.toContain('id-token');
      expect(Object.keys(job.permissions as object), name).not.toContain('pull-requests');
    }
  });
});

describe('changesets', () => {
  const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8')) as Record<string, unknown>;

  it('publish in public and version the command, the libraries and the language server together', () => {
    expect(config.access).toBe('public');
    expect(config.baseBranch).toBe('main');
    expect(config.fixed).toEqual([
      ['crossfoot', '@crossfoot/core', '@crossfoot/adapters', '@crossfoot/formatters', '@crossfoot/language-server', '@crossfoot/rule-tester'],
    ]);
  });

  it('come from the catalog', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies['@changesets/cli']).toBe('catalog:');
    expect(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')).toMatch(/^ {2}"@changesets\/cli": \d+\.\d+\.\d+$/m);
  });

  it('keep VERSION of the command and the language server equal to their package.json', async () => {
    const { VERSION: cli } = await import('../../packages/cli/src/version.ts');
    const { VERSION: server } = await import('../../packages/language-server/src/main.ts');
    const version = (dir: string) => (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { version: string }).version;
    expect(cli).toBe(version('packages/cli'));
    expect(server).toBe(version('packages/language-server'));
  });
});
