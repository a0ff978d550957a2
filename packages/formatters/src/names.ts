/** The formatters' names, apart from the formatters themselves: a command can list and check them without loading any. */
export type FormatterName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown' | 'html' | 'csv';

export const formatterNames: readonly FormatterName[] = Object.freeze(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'html', 'csv']);
