import type { FailOn } from './inputs.ts';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Whether the findings reach the `fail-on` level: `error` fails on any error, `warning` on any error or warning, `never` never. */
export function reachesFailOn(counts: Counts, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'warning') return counts.errors + counts.warnings > 0;
  return counts.errors > 0;
}

/** A check run's conclusion: failure when the step fails, neutral when it passes with findings, success when there are none. */
export function conclusion(counts: Counts, failOn: FailOn): 'success' | 'neutral' | 'failure' {
  if (reachesFailOn(counts, failOn)) return 'failure';
  return counts.errors + counts.warnings + counts.infos > 0 ? 'neutral' : 'success';
}
