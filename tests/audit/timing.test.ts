import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { timingMode } from '../../packages/cli/src/timing.ts';
import { runCli } from '../run-cli.ts';
import { makeCorpus, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

/** Starting worker threads from the TypeScript sources takes a while on a busy machine. */
const SLOW = 300_000;

interface Timing {
  reports: number;
  read: number;
  check: number;
  recognise: number;
  rules: number;
  byRule: Record<string, number>;
}

/** The JSON line `CROSSFOOT_TIMING=json` adds to stderr, the last one. */
function timingOf(stderr: string): Timing {
  const last = stderr.trimEnd().split('\n').pop() as string;
  return JSON.parse(last) as Timing;
}

function reportCount(dir: string): number {
  let n = 0;
  for (const issuer of readdirSync(join(dir, 'reports'))) n += readdirSync(join(dir, 'reports', issuer)).length;
  return n;
}

describe('CROSSFOOT_TIMING', () => {
  const dir = makeCorpus(3);
  const files = reportCount(dir);

  it('is named in the command line help', async () => {
    const help = await runCli(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Environment:\n {2}CROSSFOOT_TIMING=1\|all\|json\n/m);
  });

  it('is off unless set to something other than empty or 0; `all` and `json` are modes of their own, anything else the table', () => {
    expect([undefined, '', '0'].map(timingMode)).toEqual([undefined, undefined, undefined]);
    expect(['1', 'true', 'all', 'json'].map(timingMode)).toEqual(['table', 'table', 'all', 'json']);
  });

  it(
    'adds the time of every report read and checked, in the main thread and in worker threads alike, and changes no finding',
    async () => {
      const plain = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json'], dir);
      expect(plain.stderr).not.toMatch(/Timing|"byRule"/);
      const counts: number[] = [];
      for (const jobs of ['1', '2']) {
        const timed = await runCli(['check', 'reports', '--jobs', jobs, '--format', 'json'], dir, { CROSSFOOT_TIMING: 'json' });
        expect(timed.code, timed.stderr).toBe(plain.code);
        expect(timed.stdout).toBe(plain.stdout);
        const t = timingOf(timed.stderr);
        // Every report of the corpus, whichever thread checked it, and again those checked against last year's report.
        counts.push(t.reports);
        expect(t.reports).toBeGreaterThan(files);
        expect(t.reports).toBeLessThan(2 * files);
        expect(t.read).toBeGreaterThan(0);
        expect(t.check).toBeGreaterThan(0);
        // The parts of a check are inside it: the rules' own checks and recognising the packs.
        expect(t.rules + t.recognise).toBeLessThanOrEqual(t.check + 0.2);
        const ids = Object.keys(t.byRule);
        expect(ids).toContain('cn-gov-disclosure-2021/table-totals');
        expect(ids).toContain('cn-gov-disclosure-common/statement-sums');
        expect(ids.every((id) => /^[a-z0-9-]+\/[a-z0-9-]+$/.test(id))).toBe(true);
        // Slowest first; together they are the rules' time (each rounded to a tenth).
        const values = Object.values(t.byRule);
        expect(values).toEqual([...values].sort((a, b) => b - a));
        expect(Math.abs(values.reduce((s, v) => s + v, 0) - t.rules)).toBeLessThan(0.05 * ids.length + 0.1);
      }
      expect(counts[1]).toBe(counts[0]);
      const issuer = readdirSync(join(dir, 'reports')).sort()[0] as string;
      const one = readdirSync(join(dir, 'reports', issuer)).sort()[0] as string;
      const single = await runCli(['check', join('reports', issuer, one), '--format', 'json'], dir, { CROSSFOOT_TIMING: 'json' });
      expect(timingOf(single.stderr).reports).toBe(1);
    },
    SLOW,
  );

  it(
    'prints a table of the ten slowest rules, or of every rule with `all`',
    async () => {
      const table = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json'], dir, { CROSSFOOT_TIMING: '1' });
      const lines = table.stderr.split('\n');
      const head = lines.findIndex((l) => l.startsWith('Timing: '));
      expect(lines[head]).toMatch(/^Timing: \d+ checks of a report \(ms, summed over the threads that made them\)$/);
      expect(lines.slice(head + 1, head + 6).map((l) => l.replace(/\s+[\d.]+$/, ''))).toEqual([
        'reading',
        'checking',
        '  recognising packs',
        "  rules' own checks",
        '  json-rules-engine, conditions, messages',
      ]);
      const ruleHeader = lines.indexOf(lines.find((l) => l.startsWith('Rule ')) as string);
      const listed = lines.slice(ruleHeader + 1).filter((l) => /^[a-z0-9-]+\/[a-z0-9-]+ /.test(l));
      expect(listed).toHaveLength(10);
      expect(listed.every((l) => /\s[\d.]+\s+[\d.]+ %$/.test(l))).toBe(true);
      const more = lines.find((l) => l.startsWith('(10 of '));
      expect(more).toMatch(/^\(10 of (\d+) rules; CROSSFOOT_TIMING=all lists every one\)$/);
      const total = Number(/of (\d+) rules/.exec(more as string)?.[1]);

      const all = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json'], dir, { CROSSFOOT_TIMING: 'all' });
      expect(all.stderr.split('\n').filter((l) => /^[a-z0-9-]+\/[a-z0-9-]+ /.test(l))).toHaveLength(total);
      expect(all.stderr).not.toContain('lists every one');
    },
    SLOW,
  );
});
