export type * from './model.ts';
export * from './diagnostic.ts';
export { LineIndex } from './lines.ts';
export { foldWidth, labelKey } from './normalize.ts';
