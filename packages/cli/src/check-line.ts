import { formatName, localeOf, parse, positiveInt, UsageError } from './args.ts';
import { DEFAULT_CACHE_DIR } from './cache-folder.ts';
import type { Io } from './io.ts';
import { type Invocation, invocationOf } from './replay.ts';

/** The options of `check`. */
const CHECK_OPTIONS = {
  pack: { type: 'string', multiple: true },
  config: { type: 'string' },
  format: { type: 'string', default: 'stylish' },
  output: { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  locale: { type: 'string' },
  jobs: { type: 'string' },
  shard: { type: 'string' },
} as const;

export type CheckLine = ReturnType<typeof parseCheck>;

/**
 * The command line of `check` (after the command): its options, paths and cache folder, each checked, or a usage
 * error. A run answered from a record refuses what the command would.
 */
export function parseCheck(argv: string[]) {
  const { args, cache } = takeCache(argv);
  const { values, positionals } = parse(args, CHECK_OPTIONS);
  const name = formatName(values.format);
  const maxWarnings = positiveInt('--max-warnings', values['max-warnings']);
  const jobs = positiveInt('--jobs', values.jobs, 1);
  let shard: { index: number; count: number } | undefined;
  if (values.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, not "${values.shard}"`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const locale = localeOf(values.locale);
  return { cache, values, positionals, name, maxWarnings, jobs, shard, locale };
}

/** `--cache` alone or `--cache=<dir>`: parseArgs has no optional values, and `--cache <dir>` would swallow a path to check. */
function takeCache(args: string[]): { args: string[]; cache: string | undefined } {
  let cache: string | undefined;
  const rest: string[] = [];
  for (const [i, arg] of args.entries()) {
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg === '--cache') cache = DEFAULT_CACHE_DIR;
    else if (arg.startsWith('--cache=')) {
      cache = arg.slice('--cache='.length);
      if (!cache) throw new UsageError('--cache= needs a folder, or write --cache alone for the default');
    } else rest.push(arg);
  }
  return { args: rest, cache };
}

/**
 * What decides the report of a `check --cache` run (for `replay`): its settings, not where the report is written
 * nor how many threads check; undefined without a cache.
 */
export function checkInvocation(line: CheckLine, io: Io): Invocation | undefined {
  if (line.cache === undefined) return undefined;
  const { values, positionals } = line;
  const color = values.output === undefined && io.isTTY;
  return invocationOf({ ...values, output: undefined, jobs: undefined, positionals, color }, line.cache, io);
}
