import { main } from 'crossfoot';

/** Runs the command line in-process, as a user would from `cwd` (with `env` for the process's environment), capturing its output. */
export async function runCli(args: string[], cwd: string, env?: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
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
    isTTY: false,
    ...(env ? { env } : {}),
  });
  return { code, stdout, stderr };
}
