import { existsSync, readFileSync } from 'node:fs';

/** What the runner tells a step about where and why it runs (environment and event payload). */
export interface RunContext {
  /** The checkout: config discovery, file paths and annotation paths start here. */
  workspace: string;
  eventName: string;
  /** The pull request's base and head commits, when the event carries one. */
  pullRequest: { baseSha: string; headSha: string } | undefined;
  /** `owner/name`. */
  repository: { owner: string; repo: string } | undefined;
  /** The commit a check run is attached to: the pull request's head, else `GITHUB_SHA`. */
  headSha: string | undefined;
  apiUrl: string;
  summaryFile: string | undefined;
}

type Env = Record<string, string | undefined>;

export function readContext(env: Env, cwd: string): RunContext {
  const payload = readEvent(env.GITHUB_EVENT_PATH);
  const pr = payload?.pull_request as { base?: { sha?: unknown }; head?: { sha?: unknown } } | undefined;
  const baseSha = typeof pr?.base?.sha === 'string' ? pr.base.sha : undefined;
  const headSha = typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    workspace: env.GITHUB_WORKSPACE || cwd,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    pullRequest: baseSha && headSha ? { baseSha, headSha } : undefined,
    repository: owner && repo ? { owner, repo } : undefined,
    headSha: headSha ?? (env.GITHUB_SHA || undefined),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    summaryFile: env.GITHUB_STEP_SUMMARY || undefined,
  };
}

function readEvent(path: string | undefined): Record<string, unknown> | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
