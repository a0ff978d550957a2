export { extractNarrative, inferMeta } from './narrative/index.ts';
