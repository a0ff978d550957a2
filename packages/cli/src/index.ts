export { collectFiles } from './files.ts';
export { createPackHost } from './host.ts';
export { type Io, main, VERSION } from './main.ts';
export { readReportFile } from './read.ts';
