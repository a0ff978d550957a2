import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './fixtures.ts';

export const BUNDLE = fileURLToPath(new URL('../dist/index.js', import.meta.url));

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/**
 * Runs the bundled Action with `node` as the runner does: inputs as `INPUT_<NAME>` (dashes kept),
 * the workspace, summary and output files, the event name and payload. Nothing from the caller's
 * environment leaks in but PATH.
 */
export function runBundle(
  workspace: string,
  inputs: Record<string, string>,
  extra: Record<string, string> = {},
  event?: unknown,
  bundle = BUNDLE,
): Promise<ActionRun> {
  const files = tempDir('runner');
  const summaryFile = join(files, 'summary.md');
  const outputFile = join(files, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_EVENT_NAME: 'push',
    RUNNER_TEMP: files,
    ...extra,
  };
  if (event !== undefined) {
    env.GITHUB_EVENT_PATH = join(files, 'event.json');
    writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify(event));
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { cwd: workspace, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr, summary: readFileSync(summaryFile, 'utf8'), outputs: parseOutputs(readFileSync(outputFile, 'utf8')) });
    });
  });
}

/** `GITHUB_OUTPUT` as `@actions/core` writes it: `name<<delimiter`, the value, the delimiter. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name, delimiter] = m as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

/** The workflow commands of a run's stdout, e.g. `::error title=…,file=…,line=10,…::message`. */
export function commands(stdout: string, name: 'error' | 'warning' | 'notice'): string[] {
  return stdout.split('\n').filter((line) => line.startsWith(`::${name} `) || line.startsWith(`::${name}::`));
}
