import type { Range } from './model.ts';

/**
 * A problem with what the user wrote or asked for (pack, config, command line): the run stops with exit 2.
 * Findings in reports are never errors; they are diagnostics.
 */
export class CrossfootError extends Error {
  readonly code: string;
  readonly file: string | undefined;
  readonly range: Range | undefined;

  constructor(code: string, message: string, file?: string, range?: Range) {
    super(message);
    this.name = 'CrossfootError';
    this.code = code;
    this.file = file;
    this.range = range;
  }

  /** `file:line:column: message [code]`, the form editors and terminals link; `path` shortens file names. */
  format(path: (file: string) => string = (f) => f): string {
    const where = this.file ? `${path(this.file)}${this.range ? `:${this.range.start.line}:${this.range.start.column}` : ''}: ` : '';
    return `${where}${this.message} [${this.code}]`;
  }
}

/** Several located problems found in one pass (e.g. every schema error of a pack). */
export class CrossfootErrors extends CrossfootError {
  readonly errors: CrossfootError[];

  constructor(errors: CrossfootError[]) {
    const first = errors[0] as CrossfootError;
    super(first.code, first.message, first.file, first.range);
    this.errors = errors;
  }

  override format(path?: (file: string) => string): string {
    return this.errors.map((e) => e.format(path)).join('\n');
  }
}
