import { main } from 'crossfoot';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCorpus, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

async function run(args: string[], cwd: string, tty: { isTTY: boolean; stderrIsTTY?: boolean }) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    ...tty,
  });
  return { code, stdout, stderr };
}

describe('progress', () => {
  const dir = makeCorpus(3);

  it('is drawn on a terminal’s stderr — files done of all, rate, time left — and cleared before the report', async () => {
    const { stderr, stdout } = await run(['check', 'reports', '--format', 'json'], dir, { isTTY: false, stderrIsTTY: true });
    expect(stderr).toMatch(/\r\x1b\[2K已检查 7\/7 份报告 · 每秒 [\d.]+ 份 · 约剩 0:00/);
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(stdout).not.toContain('\r');
    const en = await run(['check', 'reports', '--locale', 'en', '-o', 'out.json'], dir, { isTTY: true });
    expect(en.stderr).toMatch(/7\/7 reports checked · [\d.]+\/s · 0:00 left/);
  });

  it('is silent when stderr is not a terminal, and under --quiet', async () => {
    expect((await run(['check', 'reports', '--format', 'json'], dir, { isTTY: false, stderrIsTTY: false })).stderr).toBe('');
    expect((await run(['check', 'reports', '--format', 'json', '--quiet'], dir, { isTTY: true, stderrIsTTY: true })).stderr).toBe('');
    expect((await run(['check', 'reports', '--format', 'json'], dir, { isTTY: false })).stderr).toBe('');
  });
});
