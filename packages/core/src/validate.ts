import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { distance } from 'fastest-levenshtein';
import configSchema from '../schemas/crossfoot.config.schema.json' with { type: 'json' };
import packSchema from '../schemas/crossfoot.pack.schema.json' with { type: 'json' };
import { CrossfootError, CrossfootErrors } from './errors.ts';
import * as precompiled from './schema-validators.generated.ts';
import type { ParsedSource, SourcePath } from './source.ts';

/** Compiles a schema the first time it is needed; the shipped schemas come compiled ahead of time (below). */
let ajv: Ajv | undefined;
/**
 * The pack and config validators, compiled from the schemas by scripts/compile-schemas.mjs with these same options:
 * compiling them took about a quarter of the command's start-up. A test holds the file to the schemas.
 */
const compiled = new Map<string, ValidateFunction>([
  [packSchema.$id, precompiled.pack as ValidateFunction],
  [`${packSchema.$id}#/definitions/rule`, precompiled.packRule as ValidateFunction],
  [configSchema.$id, precompiled.config as ValidateFunction],
]);

/** The validator of a schema, or of a definition inside it (`ref` = `#/definitions/rule`); compiled once. */
function validatorFor(schema: { $id: string }, ref = ''): ValidateFunction {
  const key = schema.$id + ref;
  let validate = compiled.get(key);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
    if (!ajv.getSchema(schema.$id)) ajv.addSchema(schema);
    validate = ajv.getSchema(key) as ValidateFunction;
    compiled.set(key, validate);
  }
  return validate;
}

/** Validates parsed data against a JSON Schema; throws every problem, located in the source. */
export function validateSource(source: ParsedSource, schema: { $id: string }, what: string, ref?: string): void {
  const validate = validatorFor(schema, ref);
  if (validate(source.data)) return;
  const errors = pickErrors(validate.errors ?? []).map((e) => toLocated(source, e, what));
  throw new CrossfootErrors(errors);
}

/** Keeps the errors a person can act on: drops the generic ones that only repeat a more specific error. */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const kept = errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !(
        e.keyword === 'anyOf' &&
        errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'required' && o.instancePath !== e.instancePath)
      ),
  );
  // anyOf of `required` alternatives: report once, as the anyOf.
  const anyOfPaths = new Set(kept.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out = kept.filter((e) => !(e.keyword === 'required' && anyOfPaths.has(e.instancePath) && e.schemaPath.includes('anyOf')));
  const seen = new Set<string>();
  return out.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toLocated(source: ParsedSource, e: ErrorObject, what: string): CrossfootError {
  const path: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const at = path.length ? `at ${path.join('.')}: ` : '';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).filter((k) => k !== '$schema');
      const hint = closest(key, allowed);
      return new CrossfootError(
        'unknown-key',
        `${at}unknown key "${key}" in ${what}${hint ? `; did you mean "${hint}"?` : ''} Expected one of: ${allowed.join(', ')}`,
        source.file,
        source.rangeOf([...path, key], true),
      );
    }
    case 'required':
      return new CrossfootError('missing-key', `${at}missing required key "${String(p.missingProperty)}" in ${what}`, source.file, source.rangeOf(path, true));
    case 'enum':
      return new CrossfootError(
        'invalid-value',
        `${at}expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        source.file,
        source.rangeOf(path),
      );
    case 'type':
      return new CrossfootError('invalid-type', `${at}expected ${String(p.type).replace(',', ' or ')}`, source.file, source.rangeOf(path));
    case 'anyOf':
      return new CrossfootError('invalid-value', `${at}${describeAnyOf(path)}`, source.file, source.rangeOf(path, true));
    case 'minProperties':
    case 'maxProperties':
      return new CrossfootError(
        'invalid-value',
        `${at}${path[path.length - 1] === 'check' ? 'a check needs exactly one kind (sum, table-totals, compare, text-vs-table, statement-sums, date-in-period, period, deadline, required, previous-report, text-pattern, conditions)' : (e.message ?? 'wrong number of keys')}`,
        source.file,
        source.rangeOf(path, true),
      );
    default:
      return new CrossfootError('invalid-value', `${at}${e.message ?? 'invalid'}`, source.file, source.rangeOf(path));
  }
}

function describeAnyOf(path: SourcePath): string {
  if (path.includes('facts')) return 'a fact needs `table` and `row`, or `statement`, or `meta`';
  return 'value does not match any allowed form';
}

/** The allowed key nearest to a misspelt one (edit distance ≤ 2), for "did you mean". */
function closest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = distance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
