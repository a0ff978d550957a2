export { type FormatInput, type FormatterName, format, formatterNames } from '@crossfoot/formatters';
export { type BatchOptions, type BatchResult, type BatchStats, runBatch } from './batch.ts';
export { collectFiles, type FileEntry, toUri } from './files.ts';
export { createPackHost } from './host.ts';
export { type Io, main, VERSION } from './main.ts';
export { mergeShards } from './merge.ts';
export type { PoolFactory, PoolKind } from './pool.ts';
export { readReportFile } from './read.ts';
export { type CheckResult, discoverPacks, findConfig, Session, type SessionOptions } from './session.ts';
