import * as core from '@actions/core';
import { CrossfootError, type Locale } from '@crossfoot/core';

export type FailOn = 'error' | 'warning' | 'never';

/** The inputs of `action.yml`, read and checked. */
export interface Inputs {
  /** Paths or globs, one per line; empty: the config's includes, else `.`. */
  paths: string[];
  /** Pack ids or paths, one per line or comma-separated; empty: the config's, else each report's own. */
  packs: string[];
  config: string | undefined;
  failOn: FailOn;
  onlyChanged: boolean;
  annotate: boolean;
  sarifFile: string | undefined;
  githubToken: string | undefined;
  locale: Locale | undefined;
}

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

/** Reads the inputs through `@actions/core` (`INPUT_<NAME>`); a value that makes no sense stops the run with a usage error. */
export function readInputs(): Inputs {
  // Never written anywhere, not even to `::add-mask::`: a token given from `secrets.*` or `github.token`
  // is masked by the runner already.
  const githubToken = core.getInput('github-token') || undefined;
  return {
    paths: lines(core.getInput('paths')),
    packs: lines(core.getInput('packs'))
      .flatMap((line) => line.split(',').map((p) => p.trim()))
      .filter(Boolean),
    config: core.getInput('config') || undefined,
    failOn: oneOf('fail-on', core.getInput('fail-on') || 'error', FAIL_ON),
    onlyChanged: boolean('only-changed', core.getInput('only-changed'), false),
    annotate: boolean('annotate', core.getInput('annotate'), true),
    sarifFile: core.getInput('sarif-file') || undefined,
    githubToken,
    locale: core.getInput('locale') ? oneOf('locale', core.getInput('locale'), ['zh-CN', 'en'] as const) : undefined,
  };
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CrossfootError('usage', `input "${name}" must be ${allowed.map((a) => `"${a}"`).join(', ')}, not "${value}"`);
}

/** YAML 1.2 core-schema booleans, as `core.getBooleanInput` reads them, with a default for an absent input. */
function boolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new CrossfootError('usage', `input "${name}" must be true or false, not "${value}"`);
}
