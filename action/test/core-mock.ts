// A stand-in for @actions/core, installed with `vi.mock('@actions/core', () => import('./core-mock.ts'))`.
import { vi } from 'vitest';

export const inputs = new Map<string, string>();
export const summaryTexts: string[] = [];
export const outputs = new Map<string, unknown>();

export const getInput = vi.fn((name: string) => inputs.get(name) ?? '');
export const setSecret = vi.fn();
export const error = vi.fn();
export const warning = vi.fn();
export const notice = vi.fn();
export const info = vi.fn();
export const debug = vi.fn();
export const startGroup = vi.fn();
export const endGroup = vi.fn();
export const setFailed = vi.fn();
export const setOutput = vi.fn((name: string, value: unknown) => {
  outputs.set(name, value);
});

export const summary = {
  addRaw: vi.fn((text: string) => {
    summaryTexts.push(text);
    return summary;
  }),
  write: vi.fn(async () => summary),
};

/** Clears recorded calls and sets the inputs for the next run. */
export function reset(next: Record<string, string> = {}): void {
  vi.clearAllMocks();
  inputs.clear();
  for (const [k, v] of Object.entries(next)) inputs.set(k, v);
  summaryTexts.length = 0;
  outputs.clear();
}
