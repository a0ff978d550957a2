import { DEFAULT_LIMITS } from '@crossfoot/core';

/** The limits (config `limits:`) that reading a report keeps to; see `Limits` in core. */
export interface ReadLimits {
  tableRows: number;
  yamlAliases: number;
  nestingDepth: number;
  /** When (`Date.now()`) reading must stop, and the seconds that stands for; none by default. */
  deadline?: number;
  seconds?: number;
}

const DEFAULTS: ReadLimits = {
  tableRows: DEFAULT_LIMITS.tableRows,
  yamlAliases: DEFAULT_LIMITS.yamlAliases,
  nestingDepth: DEFAULT_LIMITS.nestingDepth,
  deadline: undefined,
  seconds: undefined,
};

let current: ReadLimits = DEFAULTS;

/** The limits of the report being read. */
export function readLimits(): ReadLimits {
  return current;
}

/**
 * Reads with these limits in force. Reading a text report is synchronous from start to end, so the limits can be
 * set for its duration rather than passed through every reader and helper.
 */
export function withLimits<T>(limits: Partial<ReadLimits> | undefined, read: () => T): T {
  if (!limits) return read();
  const saved = current;
  // Made member by member, in one order, with no other member: limits of every run have one shape, and the readers
  // that look at them keep their optimised code (spread, a config's limits made another shape, with its other keys).
  current = {
    tableRows: limits.tableRows ?? current.tableRows,
    yamlAliases: limits.yamlAliases ?? current.yamlAliases,
    nestingDepth: limits.nestingDepth ?? current.nestingDepth,
    deadline: 'deadline' in limits ? limits.deadline : current.deadline,
    seconds: 'seconds' in limits ? limits.seconds : current.seconds,
  };
  try {
    return read();
  } finally {
    current = saved;
  }
}

/** Whether the time given for this report has run out. */
export function pastDeadline(): boolean {
  return current.deadline !== undefined && Date.now() > current.deadline;
}

/**
 * The slowest the Markdown parser has been measured to read a block it cannot read in pieces (a table of wide
 * rows with markup in every cell, a list of tens of thousands of items): about 100,000 characters a second.
 * Half that is assumed, so a block predicted not to finish in time is not begun.
 */
const SLOWEST_CHARACTERS_PER_MS = 50;

/** Whether reading `characters` more, at the slowest rate, would run past the time given for this report. */
export function wouldOverrun(characters: number): boolean {
  return current.deadline !== undefined && Date.now() + characters / SLOWEST_CHARACTERS_PER_MS > current.deadline;
}
