import { LineIndex } from '@crossfoot/core';
import type { FormatInput } from './types.ts';

/** Source text lookup by uri, each file indexed once. */
export class Sources {
  private readonly texts = new Map<string, string>();
  private readonly indexes = new Map<string, LineIndex>();

  constructor(input: FormatInput) {
    for (const file of input.files) {
      if (file.text !== undefined && !this.texts.has(file.uri)) this.texts.set(file.uri, file.text);
    }
  }

  index(uri: string): LineIndex | undefined {
    const cached = this.indexes.get(uri);
    if (cached) return cached;
    const text = this.texts.get(uri);
    if (text === undefined) return undefined;
    const index = new LineIndex(text);
    this.indexes.set(uri, index);
    return index;
  }

  /** The text of 1-based `line` of `uri`, without its line break; undefined when unknown. */
  line(uri: string, line: number): string | undefined {
    const index = this.index(uri);
    if (!index || line < 1 || line > index.lineCount) return undefined;
    return index.lineText(line);
  }
}
