import { describe, expect, it } from 'vitest';
import { conclusion, reachesFailOn } from '../src/outcome.ts';

const counts = (errors: number, warnings: number, infos = 0) => ({ errors, warnings, infos });

describe('fail-on', () => {
  it.each([
    ['error', counts(1, 0), true],
    ['error', counts(0, 5, 3), false],
    ['warning', counts(0, 1), true],
    ['warning', counts(1, 0), true],
    ['warning', counts(0, 0, 9), false],
    ['never', counts(90, 30, 90), false],
  ] as const)('fail-on %s with %o fails: %s', (failOn, c, fails) => {
    expect(reachesFailOn(c, failOn)).toBe(fails);
  });

  it('gives the check run a conclusion that matches the step', () => {
    expect(conclusion(counts(1, 0), 'error')).toBe('failure');
    expect(conclusion(counts(1, 0), 'never')).toBe('neutral');
    expect(conclusion(counts(0, 0, 1), 'warning')).toBe('neutral');
    expect(conclusion(counts(0, 0), 'error')).toBe('success');
  });
});
