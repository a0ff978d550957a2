import type { Locale } from '@crossfoot/core';

/** What a run is doing: checking reports, checking them again against last year's, looking for those; merging shards. */
export type Phase = 'check' | 'previous' | 'scan' | 'merge';

export interface ProgressEvent {
  phase: Phase;
  /** Reports done of `total`; for `merge`, bytes of the shards read. */
  done: number;
  total: number;
}

const LABELS: Record<Phase, Record<Locale, string>> = {
  check: { 'zh-CN': '已检查', en: 'checked' },
  previous: { 'zh-CN': '与上年报告对照', en: 'against last year' },
  scan: { 'zh-CN': '查找上年报告', en: 'looking for last year' },
  merge: { 'zh-CN': '已读取分片', en: 'of the shards read' },
};

/** `0:42`, `12:05`, `1:02:03`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

/** One line of progress text: files done of total, rate and time left. */
export function progressText(locale: Locale, event: ProgressEvent, seconds: number): string {
  const rate = seconds > 0 ? event.done / seconds : 0;
  const left = rate > 0 ? clock((event.total - event.done) / rate) : '–';
  const label = LABELS[event.phase][locale];
  if (event.phase === 'merge') {
    const percent = event.total > 0 ? Math.floor((100 * event.done) / event.total) : 100;
    return locale === 'zh-CN' ? `${label} ${percent}% · 约剩 ${left}` : `${percent}% ${label} · ${left} left`;
  }
  return locale === 'zh-CN'
    ? `${label} ${event.done}/${event.total} 份报告 · 每秒 ${rate.toFixed(1)} 份 · 约剩 ${left}`
    : `${event.done}/${event.total} reports ${label} · ${rate.toFixed(1)}/s · ${left} left`;
}

/**
 * Progress on a terminal's stderr, redrawn in place at most ten times a second; `end` clears it so the
 * report or summary that follows starts on a clean line.
 */
export class ProgressLine {
  private started = new Map<Phase, number>();
  private last = 0;
  private shown = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly locale: Locale,
    private readonly now: () => number = () => performance.now(),
  ) {}

  update(event: ProgressEvent): void {
    const now = this.now();
    const start = this.started.get(event.phase) ?? now;
    this.started.set(event.phase, start);
    if (event.done < event.total && now - this.last < 100) return;
    this.last = now;
    this.write(`\r\x1b[2K${progressText(this.locale, event, (now - start) / 1000)}`);
    this.shown = true;
  }

  end(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}
