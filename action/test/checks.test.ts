import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_REQUEST, type ChecksClient, checkAnnotation, publishCheckRun } from '../src/checks.ts';
import { finding } from './fixtures.ts';

function recordingClient() {
  const requests: { method: 'create' | 'update'; params: Record<string, unknown> }[] = [];
  const client: ChecksClient = {
    rest: {
      checks: {
        create: async (params) => {
          requests.push({ method: 'create', params });
          return { data: { id: 7, html_url: 'https://github.example/o/r/runs/7' } };
        },
        update: async (params) => {
          requests.push({ method: 'update', params });
          return {};
        },
      },
    },
  };
  return { client, requests };
}

const run = (n: number) => ({
  owner: 'o',
  repo: 'r',
  headSha: 'abc',
  name: 'crossfoot',
  title: 't',
  summary: 's',
  conclusion: 'failure' as const,
  annotations: Array.from({ length: n }, (_, i) => checkAnnotation(finding(`r${i}.md`, 10), 'm')),
});

describe('check run', () => {
  it('creates one check run, then adds every annotation in batches of at most 50 and completes it with the last', async () => {
    const { client, requests } = recordingClient();
    expect(await publishCheckRun(client, run(123))).toBe('https://github.example/o/r/runs/7');
    expect(requests.map((r) => r.method)).toEqual(['create', 'update', 'update', 'update']);
    expect(requests[0]?.params).toMatchObject({ head_sha: 'abc', name: 'crossfoot', status: 'in_progress' });
    const batches = requests.slice(1).map((r) => (r.params.output as { annotations: unknown[] }).annotations);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 23]);
    expect(batches.every((b) => b.length <= ANNOTATIONS_PER_REQUEST)).toBe(true);
    expect(requests.slice(1).map((r) => r.params.check_run_id)).toEqual([7, 7, 7]);
    expect(requests.at(-1)?.params).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(requests[1]?.params.conclusion).toBeUndefined();
  });

  it('completes a clean run with one update and no annotations', async () => {
    const { client, requests } = recordingClient();
    await publishCheckRun(client, { ...run(0), conclusion: 'success' });
    expect(requests.map((r) => r.method)).toEqual(['create', 'update']);
    expect(requests[1]?.params).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 't', summary: 's' } });
    expect(requests[1]?.params.output).not.toHaveProperty('annotations');
  });

  it('maps levels and keeps columns only on a single line', () => {
    expect(checkAnnotation(finding('a.md', 10, 'error'), 'x')).toEqual({
      path: 'a.md',
      start_line: 10,
      end_line: 10,
      start_column: 19,
      end_column: 23,
      annotation_level: 'failure',
      message: 'x',
      title: 'cn-gov-disclosure-common/statement-sums',
    });
    expect(checkAnnotation(finding('a.md', 1, 'warning'), 'x').annotation_level).toBe('warning');
    expect(checkAnnotation(finding('a.md', 1, 'info'), 'x').annotation_level).toBe('notice');
    const multi = { ...finding('a.md', 2), range: { start: { line: 2, column: 5 }, end: { line: 3, column: 4 } } };
    expect(checkAnnotation(multi, 'x')).not.toHaveProperty('start_column');
  });
});
