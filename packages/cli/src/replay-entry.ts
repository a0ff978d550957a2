import { resolve } from 'node:path';
import { checkInvocation, parseCheck } from './check-line.ts';
import { defaultIo, type Io } from './io.ts';
import { replay } from './replay.ts';

/**
 * The command answered from the record of an unchanged cached run (`replay.ts`), before the command itself loads:
 * its exit status, or undefined when it must run (not a cached `check`, nothing recorded, something changed, or a
 * command line it would refuse). Bundled on its own (`build.mjs`), so that a re-run loads one small module.
 */
export function replayCommand(argv: string[], io: Io = defaultIo()): number | undefined {
  if (argv[0] !== 'check') return undefined;
  try {
    const line = parseCheck(argv.slice(1));
    const invocation = checkInvocation(line, io);
    const output = line.values.output === undefined ? undefined : resolve(io.cwd, line.values.output);
    return invocation && replay(invocation, output, io);
  } catch {
    return undefined;
  }
}
