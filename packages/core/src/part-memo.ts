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

/** A list of a document's parts (its statements, its dates) and what a check worked out from each. */
interface ItemsMemo {
  uri: string;
  also: unknown;
  items: readonly object[];
  values: (readonly unknown[] | undefined)[];
}

/** The last list each check worked through (`perItem`). */
const lists = new WeakMap<object, ItemsMemo>();

/**
 * `make(item)` for each item of `items` (a document's statements, or its dates), all results in order: for a long
 * document, only for the items that are not the very objects the last list of the same check (`by`) held at the same
 * place from its beginning or its end. An edit changes a few of a long report's parts; the rest of its lists are the
 * same objects (`perPart`), found by comparing the two lists item by item, which costs far less than a lookup per
 * item. `make` must depend only on the item, the check, the document's uri and `also` (compared by identity), or call
 * `again` to have its item worked out again next time.
 */
export function perItem<T extends object, R>(
  doc: { readonly text: string; readonly uri: string },
  items: readonly T[],
  by: object,
  make: (item: T, again: () => void) => readonly R[],
  also?: unknown,
): R[] {
  const out: R[] = [];
  let keep = true;
  const again = () => {
    keep = false;
  };
  if (doc.text.length < LONG_DOCUMENT) {
    for (const item of items) for (const r of make(item, again)) out.push(r);
    return out;
  }
  const last = lists.get(by);
  const same = last && last.uri === doc.uri && last.also === also;
  const before = same ? last.items : [];
  const n = items.length;
  const m = before.length;
  let prefix = 0;
  while (prefix < n && prefix < m && items[prefix] === before[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && items[n - 1 - suffix] === before[m - 1 - suffix]) suffix++;
  const values: (readonly unknown[] | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let value = (i < prefix ? last?.values[i] : i >= n - suffix ? last?.values[i - n + m] : undefined) as readonly R[] | undefined;
    if (value === undefined) {
      keep = true;
      value = make(items[i] as T, again);
      if (keep) values[i] = value;
    } else values[i] = value;
    for (const r of value) out.push(r);
  }
  lists.set(by, { uri: doc.uri, also, items, values });
  return out;
}
