/**
 * Debounced checks, one document at a time, where the newest request wins.
 *
 * `schedule` (re)starts a document's timer; when it fires, the check runs with a fresh ticket. A check
 * still running when the timer fires is not doubled: the new one starts as soon as it ends. A result may
 * be published only while its ticket is the document's latest (`isLatest`), so a slow, older check can
 * never overwrite a newer one; `cancel` (a closed document) makes every running check stale.
 */
export class CheckScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly tickets = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly run: (uri: string, ticket: number) => Promise<void>) {}

  schedule(uri: string, delayMs: number): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.set(
      uri,
      setTimeout(() => this.fire(uri), Math.max(0, delayMs)),
    );
  }

  isLatest(uri: string, ticket: number): boolean {
    return this.tickets.get(uri) === ticket;
  }

  /** Whether a check is waiting or running for the document. */
  pending(uri: string): boolean {
    return this.timers.has(uri) || this.running.has(uri);
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.again.delete(uri);
    this.tickets.set(uri, (this.tickets.get(uri) ?? 0) + 1);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private fire(uri: string): void {
    this.timers.delete(uri);
    if (this.running.has(uri)) {
      this.again.add(uri);
      return;
    }
    const ticket = (this.tickets.get(uri) ?? 0) + 1;
    this.tickets.set(uri, ticket);
    this.running.add(uri);
    this.run(uri, ticket)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(uri);
        if (this.again.delete(uri)) this.fire(uri);
      });
  }
}

/** A check slower than this (a report of megabytes) makes the next wait longer while someone is typing (`debounceDelay`). */
const SLOW_CHECK_MS = 1000;
const MAX_ADAPTIVE_DEBOUNCE_MS = 2000;

/**
 * How long a document waits after a change before it is checked: the configured debounce. But when its last check
 * took longer than a second and it changes again while a check of it is waiting or running (`busy`: someone is
 * typing), it waits as long as that check took, up to two seconds, so that typing does not queue one long check per
 * pause. A single change to a document at rest is checked after the configured debounce alone.
 */
export function debounceDelay(configuredMs: number, lastCheckMs: number, busy: boolean): number {
  return busy && lastCheckMs > SLOW_CHECK_MS ? Math.max(configuredMs, Math.min(lastCheckMs, MAX_ADAPTIVE_DEBOUNCE_MS)) : configuredMs;
}
