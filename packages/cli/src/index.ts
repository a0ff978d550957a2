export { main, VERSION, type Io } from './main.ts';
export { collectFiles } from './files.ts';
export { createPackHost } from './host.ts';
export { decode, readReportFile } from './read.ts';
