import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Summary, supervise } from './supervise.ts';

// The short run of the mutation fuzzer (the long one is `pnpm fuzz`): a few hundred cases from real reports,
// packs and configs, each in a child process under a watchdog. A failure names the case to replay.
const saveTo = mkdtempSync(join(tmpdir(), 'crossfoot-fuzz-'));
afterAll(() => rmSync(saveTo, { recursive: true, force: true }));

function explain(summary: Summary): string {
  return summary.failures.map((f) => `${f.kind} ${f.target} #${f.index} seed ${f.seed}: ${f.describe}\n  ${f.detail.join('\n  ')}`).join('\n');
}

const common = { seed: 20_261_126, budget: 'short' as const, processes: 2, hangMs: 45_000, slowCpuMs: 15_000, heapMb: 2048, saveTo };

describe('mutation fuzzing (short run)', () => {
  it('text reports, import, checks, packs and configs: no crash, no hang, every promise kept', { timeout: 240_000 }, async () => {
    const summary = await supervise({ ...common, targets: ['read', 'import', 'check', 'pack', 'config'], perTarget: 40 });
    expect(explain(summary)).toBe('');
    expect(summary.cases).toBe(200);
  });

  it('PDF and Word files damaged byte by byte', { timeout: 240_000 }, async () => {
    const summary = await supervise({ ...common, targets: ['binary'], perTarget: 12 });
    expect(explain(summary)).toBe('');
    expect(summary.cases).toBe(12);
  });
});
