import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { messageIds } from '../src/messages.ts';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const action = parse(read('../action.yml'));
const sources = ['inputs.ts', 'run.ts'].map((f) => read(`../src/${f}`)).join('\n');
const allSources = readdirSync(fileURLToPath(new URL('../src/', import.meta.url)))
  .filter((f) => f.endsWith('.ts') && f !== 'messages.ts')
  .map((f) => read(`../src/${f}`))
  .join('\n');

describe('action.yml', () => {
  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the inputs the code reads, each described, with their defaults', () => {
    const read = [...sources.matchAll(/core\.getInput\('([^']+)'\)/g)].map((m) => m[1]);
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(read)].sort());
    for (const input of Object.values<{ description: string; required: boolean }>(action.inputs)) {
      expect(input.description.length).toBeGreaterThan(20);
      expect(input.required).toBe(false);
    }
    expect(action.inputs['fail-on'].default).toBe('error');
    expect(action.inputs.annotate.default).toBe('true');
    expect(action.inputs['only-changed'].default).toBe('false');
  });

  it('declares exactly the outputs the code sets', () => {
    const set = [...sources.matchAll(/core\.setOutput\('([^']+)'/g)].map((m) => m[1]);
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(set)].sort());
    expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'files', 'sarif-file', 'warnings']);
  });
});

describe('the example workflow', () => {
  const workflow = parse(read('../../examples/.github/workflows/crossfoot.yml'));
  const job = workflow.jobs.crossfoot;
  const steps: { uses?: string; with?: Record<string, unknown> }[] = job.steps;

  it('runs on pull_request (never pull_request_target) with read-only contents', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'read', checks: 'write', 'security-events': 'write' });
  });

  it('checks out the whole history, runs the action, uploads the SARIF it wrote; every action pinned at least by major tag', () => {
    expect(steps.map((s) => s.uses?.replace(/@.*/, ''))).toEqual(['actions/checkout', 'crossfoot/crossfoot/action', 'github/codeql-action/upload-sarif']);
    for (const s of steps) expect(s.uses).toMatch(/@(v\d+|[0-9a-f]{40})$/);
    expect(steps[0]?.with?.['fetch-depth']).toBe(0);
    expect(steps[1]?.with?.['only-changed']).toBe(true);
    expect(steps[2]?.with?.sarif_file).toMatch(/^\$\{\{ steps\.crossfoot\.outputs\.sarif-file \}\}$/);
    for (const name of Object.keys(steps[1]?.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
  });
});

describe("the Action's messages", () => {
  it('are each used', () => {
    for (const id of messageIds) expect(allSources, id).toContain(`'${id}'`);
  });
});
