export { type Finding, fiscalYear, reportYear } from './checks.ts';
export { CONFIG_FILES, type Config, configSchema, parseConfig } from './config.ts';
export { type Comparator, Dec, halfUnit, holds, type Measure, measure, writtenDecimals } from './decimal.ts';
export * from './diagnostic.ts';
export {
  BUILTIN_OPERATORS,
  Checker,
  type CheckerOptions,
  type CheckRequest,
  MAX_FINDINGS_PER_FILE,
  type Operator,
  recognises,
  ruleMeta,
  type SeverityOverride,
} from './engine.ts';
export { CrossfootError, CrossfootErrors } from './errors.ts';
export { type Expr, FormulaError, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, parseExpression, parseRelation, type Relation } from './formula.ts';
export { DEFAULT_LIMITS, LIMIT_KEYS, type Limits, limitsFrom } from './limits.ts';
export { LineIndex } from './lines.ts';
export { CHECK_MESSAGES, ENGINE_MESSAGES, render } from './messages.ts';
export type * from './model.ts';
export { foldWidth, labelKey } from './normalize.ts';
export { type CheckDef, type FactDef, loadPack, type Pack, type PackHost, packLoader, packSchema, type RuleDef, type TableLocator } from './pack.ts';
export { LONG_DOCUMENT } from './part-memo.ts';
export { compilePattern, type Pattern } from './pattern.ts';
export { findColumn, findRow, Resolver } from './resolve.ts';
export { type SharedEnds, sharedEnds, sharedEndsAfterEdit } from './shared-ends.ts';
export { lastAtOrBefore, sortedInPlace } from './sorted.ts';
export { MAX_YAML_DEPTH, type ParsedSource, parseSource, parseYamlDocument, rememberSnapshots, snapshotSource, yamlTooDeep } from './source.ts';
export { rulePart, Timings, type TimingsTaken } from './timing.ts';
