/**
 * What a check works out from one part of a document (a table, by its rows; a statement), kept with that part for as
 * long as the part lives. The language server reads an edited report again with a memo, which gives back the parts the
 * edit did not touch as the very objects read before: a check then works out again only what the edit changed.
 *
 * Only long documents are kept so (`LONG_DOCUMENT`): a short one costs less to check again than to remember, and a
 * batch, which reads every report once, keeps nothing. What is kept is never changed by its users (findings become
 * diagnostics by copy), so it can be given out again.
 */
const kept = new WeakMap<object, { by: object; also: unknown; uri: string; value: unknown }[]>();

/** Documents at least this long keep what checks work out per part. */
export const LONG_DOCUMENT = 1 << 16;

/**
 * `make()`, worked out once per `part` of the document `doc` for the check `by` (the check's definition, the same
 * object for as long as its pack is loaded). `make` must depend only on the part, the check, the document's uri and
 * `also` (compared by identity: a table's columns, say, beside its rows).
 */
export function perPart<T>(doc: { readonly text: string; readonly uri: string }, part: object, by: object, make: () => T, also?: unknown): T {
  if (doc.text.length < LONG_DOCUMENT) return make();
  let list = kept.get(part);
  if (list) {
    for (const k of list) if (k.by === by && k.also === also && k.uri === doc.uri) return k.value as T;
  } else {
    list = [];
    kept.set(part, list);
  }
  const value = make();
  list.push({ by, also, uri: doc.uri, value });
  return value;
}
