import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckScheduler, debounceDelay } from '../src/scheduler.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('CheckScheduler', () => {
  it('debounces: quick requests make one check, after the last one', async () => {
    const runs: number[] = [];
    const s = new CheckScheduler(async (_uri, ticket) => {
      runs.push(ticket);
    });
    s.schedule('a', 200);
    await vi.advanceTimersByTimeAsync(150);
    s.schedule('a', 200);
    await vi.advanceTimersByTimeAsync(150);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(runs).toEqual([1]);
  });

  it('runs one check per document at a time, and the latest request after it', async () => {
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const s = new CheckScheduler(
      (_uri, ticket) =>
        new Promise<void>((resolve) => {
          started.push(ticket);
          finish.push(resolve);
        }),
    );
    s.schedule('a', 0);
    await vi.advanceTimersByTimeAsync(1);
    s.schedule('a', 0);
    s.schedule('b', 0);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([1, 1]);
    expect(s.pending('a')).toBe(true);
    finish[0]?.();
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([1, 1, 2]);
  });

  it('makes earlier tickets stale, and every ticket stale on cancel', async () => {
    const tickets: number[] = [];
    const s = new CheckScheduler(async (_uri, ticket) => {
      tickets.push(ticket);
    });
    s.schedule('a', 0);
    await vi.advanceTimersByTimeAsync(1);
    s.schedule('a', 0);
    await vi.advanceTimersByTimeAsync(1);
    expect(tickets).toEqual([1, 2]);
    expect(s.isLatest('a', 1)).toBe(false);
    expect(s.isLatest('a', 2)).toBe(true);
    s.schedule('a', 100);
    s.cancel('a');
    await vi.advanceTimersByTimeAsync(200);
    expect(tickets).toEqual([1, 2]);
    expect(s.isLatest('a', 2)).toBe(false);
  });

  it('survives a check that throws', async () => {
    let calls = 0;
    const s = new CheckScheduler(async () => {
      calls++;
      throw new Error('boom');
    });
    s.schedule('a', 0);
    await vi.advanceTimersByTimeAsync(1);
    s.schedule('a', 0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
  });
});

describe('the wait after a change', () => {
  it('is the configured debounce for a change to a document at rest, however long its last check took', () => {
    expect(debounceDelay(200, 0, false)).toBe(200);
    expect(debounceDelay(0, 2600, false)).toBe(0);
    expect(debounceDelay(200, 2600, false)).toBe(200);
  });

  it('grows to the last check’s time, up to two seconds, while a slow document is being typed in', () => {
    expect(debounceDelay(200, 1500, true)).toBe(1500);
    expect(debounceDelay(0, 2600, true)).toBe(2000);
    expect(debounceDelay(3000, 2600, true)).toBe(3000);
    // A check of a second or less never lengthens the wait.
    expect(debounceDelay(200, 1000, true)).toBe(200);
    expect(debounceDelay(0, 400, true)).toBe(0);
  });
});
