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

const DEFAULTS: ReadLimits = { tableRows: DEFAULT_LIMITS.tableRows, yamlAliases: DEFAULT_LIMITS.yamlAliases, nestingDepth: DEFAULT_LIMITS.nestingDepth };

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
  current = { ...current, ...limits };
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
