import type { Diagnostic, Severity } from '@crossfoot/core';
import { toAnnotation } from '@crossfoot/formatters';

/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  annotations?: CheckAnnotation[];
}

/** The part of an octokit client this module uses (`octokit.rest.checks`). */
export interface ChecksClient {
  rest: {
    checks: {
      create(params: {
        owner: string;
        repo: string;
        name: string;
        head_sha: string;
        status: 'in_progress';
        output: CheckOutput;
      }): Promise<{ data: { id: number; html_url: string | null } }>;
      update(params: {
        owner: string;
        repo: string;
        check_run_id: number;
        output: CheckOutput;
        status?: 'completed';
        conclusion?: 'success' | 'neutral' | 'failure';
      }): Promise<unknown>;
    };
  };
}

export interface CheckRun {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  title: string;
  summary: string;
  conclusion: 'success' | 'neutral' | 'failure';
  annotations: CheckAnnotation[];
}

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', info: 'notice' };

/** A finding as a Checks API annotation; columns only on single-line spans (the positions module decides). */
export function checkAnnotation(d: Diagnostic, message: string): CheckAnnotation {
  const a = toAnnotation(d.range);
  const annotation: CheckAnnotation = {
    path: d.uri,
    start_line: a.line,
    end_line: a.endLine,
    annotation_level: LEVEL[d.severity],
    message,
    title: d.ruleId,
  };
  if (a.col !== undefined && a.endColumn !== undefined) {
    annotation.start_column = a.col;
    annotation.end_column = a.endColumn;
  }
  return annotation;
}

/**
 * Publishes every finding as one check run: created in progress, then updated with the annotations
 * in batches of at most 50; the last update also completes it. Returns the run's page.
 */
export async function publishCheckRun(client: ChecksClient, run: CheckRun): Promise<string | null> {
  const { owner, repo, title, summary } = run;
  const { data } = await client.rest.checks.create({ owner, repo, name: run.name, head_sha: run.headSha, status: 'in_progress', output: { title, summary } });
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < run.annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(run.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);
  for (const [i, annotations] of batches.entries()) {
    const last = i === batches.length - 1;
    await client.rest.checks.update({
      owner,
      repo,
      check_run_id: data.id,
      output: annotations.length > 0 ? { title, summary, annotations } : { title, summary },
      ...(last ? { status: 'completed' as const, conclusion: run.conclusion } : {}),
    });
  }
  return data.html_url;
}
