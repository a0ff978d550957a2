import type { Cell, Column, ReportDocument, Row, RowKind, Statement, Table } from '../src/model.ts';
import type { PackHost } from '../src/pack.ts';

/** A JSON Schema validator, compiled at run time or ahead of time. */
export type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; schemaPath: string; keyword: string; params: unknown; message?: string }[] | null;
};

/** What a validator says of `data`: whether it passes, and each error's place, keyword and message. */
export function judged(validate: Validate, data: unknown) {
  const ok = validate(data);
  return {
    ok,
    errors: (validate.errors ?? []).map(({ instancePath, schemaPath, keyword, params, message }) => ({ instancePath, schemaPath, keyword, params, message })),
  };
}

/** An in-memory pack host: file paths are keys of `files`. */
export function memoryHost(files: Record<string, string>): PackHost {
  const dir = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);
  return {
    resolvePack(ref, from) {
      const base = from ? dir(from) : '/';
      const path = ref.startsWith('/') ? ref : ref.startsWith('.') ? normalize(base + ref) : `/rules/${ref}`;
      for (const candidate of [path, `${path}/pack.yaml`, `${path}/pack.json`]) if (candidate in files) return candidate;
      return undefined;
    },
    readFile: (path) => files[path],
    resolveRelative: (file, relative) => normalize(dir(file) + relative),
  };
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return `/${out.join('/')}`;
}

export interface RowSpec {
  label: string;
  number?: string;
  marker?: string;
  level?: number;
  parent?: number;
  kind?: RowKind;
  values: (string | null)[];
}

/**
 * Builds a table as if read from a pipe table whose first row sits on `firstLine`: one row per line,
 * `label | v1 | v2 …`, so every cell's range is predictable in tests.
 */
export function table(id: string, caption: string, columns: string[], rows: RowSpec[], firstLine = 10): Table {
  const builtRows: Row[] = rows.map((spec, i) => {
    const line = firstLine + i;
    let col = spec.label.length + 4;
    const cells: Cell[] = spec.values.map((v) => {
      const text = v ?? '—';
      const start = col;
      col += text.length + 3;
      const decimals = v?.includes('.') ? v.length - v.indexOf('.') - 1 : 0;
      return {
        text,
        value: v ?? undefined,
        decimals: v ? decimals : undefined,
        empty: v === null,
        range: { start: { line, column: start }, end: { line, column: start + text.length } },
      };
    });
    const path: string[] = [];
    let p = spec.parent;
    while (p !== undefined) {
      path.unshift(rows[p]!.label);
      p = rows[p]!.parent;
    }
    return {
      label: spec.label,
      labelRange: { start: { line, column: 3 }, end: { line, column: 3 + spec.label.length } },
      marker: spec.marker ?? '',
      number: spec.number ?? '',
      level: spec.level ?? 1,
      kind: spec.kind ?? 'item',
      path,
      parent: spec.parent,
      cells,
      range: { start: { line, column: 1 }, end: { line, column: col } },
    };
  });
  const cols: Column[] = columns.map((label) => ({ label, kind: /总计|合计|Total/.test(label) ? 'total' : 'item' }));
  return {
    id,
    caption,
    section: [],
    columns: cols,
    rows: builtRows,
    range: { start: { line: firstLine - 2, column: 1 }, end: { line: firstLine + rows.length, column: 1 } },
  };
}

export function doc(parts: Partial<ReportDocument> & { text?: string }): ReportDocument {
  return {
    uri: 'report.md',
    text: parts.text ?? Array.from({ length: 200 }, () => '').join('\n'),
    format: 'markdown',
    meta: {},
    sections: [],
    tables: [],
    statements: [],
    dates: [],
    suppressions: [],
    problems: [],
    ...parts,
  };
}

export function at(line: number, column: number, length: number) {
  return { start: { line, column }, end: { line, column: column + length } };
}

/** `共{total}…其中 a、b…` as an adapter would report it, figures on `line` at the given columns. */
export function statement(line: number, total: [string, number], parts: [string, number][], unit = '条'): Statement {
  const q = ([value, column]: [string, number], label: string) => ({
    label,
    value,
    decimals: value.includes('.') ? value.length - value.indexOf('.') - 1 : 0,
    unit,
    text: value,
    range: at(line, column, value.length),
  });
  return {
    kind: 'total-with-parts',
    total: q(total, '主动公开信息'),
    parts: parts.map((p, i) => q(p, `栏目${i + 1}`)),
    text: '',
    range: at(line, 1, 80),
    section: [],
  };
}
