/**
 * Where a run's time goes, in milliseconds by part, when it is asked for (the command's `CROSSFOOT_TIMING`): reading
 * (`read`), the whole check of a document (`check`), recognising its packs (`recognise`) and each rule's own check
 * (`rule:<id>`). The parts a check is made of add up to less than `check`: what is left is json-rules-engine's own
 * work, `conditions` rules and the making of messages.
 */
export class Timings {
  private readonly spent = new Map<string, number>();
  /** Documents checked (`check` counts one each time). */
  documents = 0;

  /** Milliseconds from an arbitrary start, to the microsecond: the clock of browsers and Node alike. */
  now(): number {
    clock ??= (globalThis as unknown as { performance: { now(): number } }).performance;
    return clock.now();
  }

  add(part: string, ms: number): void {
    this.spent.set(part, (this.spent.get(part) ?? 0) + ms);
  }

  /** Adds what another thread measured (`take`). */
  merge(taken: TimingsTaken): void {
    this.documents += taken.documents;
    for (const [part, ms] of taken.parts) this.add(part, ms);
  }

  get(part: string): number {
    return this.spent.get(part) ?? 0;
  }

  /** Every part measured since the last `take`, forgotten here: a thread hands each report's times to the main thread. */
  take(): TimingsTaken {
    const out = { documents: this.documents, parts: [...this.spent] };
    this.spent.clear();
    this.documents = 0;
    return out;
  }

  entries(): [string, number][] {
    return [...this.spent];
  }
}

/** What a thread measured, as it crosses to the main thread. */
export interface TimingsTaken {
  documents: number;
  parts: [string, number][];
}

/**
 * `performance`, which core's types (no DOM, no Node) do not name, taken when a run first measures a part: in Node the
 * global is made on first use by loading `perf_hooks`, 5–8 ms of a small report's whole check, which a run that
 * measures nothing (most) never needs.
 */
let clock: { now(): number } | undefined;

/** The part of a rule's own check. */
export function rulePart(id: string): string {
  return `rule:${id}`;
}
