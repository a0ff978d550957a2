import { frontMatterSchema } from './front-matter-schema.ts';

/**
 * The JSON schema of a report written as YAML data, published for editors as `schemas/report.schema.json`
 * (a test keeps the two equal). `meta` takes the keys of Markdown front matter, with the same meaning.
 */
export const reportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'report.schema.json',
  title: 'crossfoot report (YAML)',
  description:
    'A report as data: what it is (meta), its narrative as nested sections of text, and its tables as columns and rows. Numbers are read as written: 12.50 keeps two decimals.',
  type: 'object',
  properties: {
    meta: {
      type: 'object',
      description: 'What the report is: the keys of Markdown front matter.',
      properties: frontMatterSchema.properties,
      additionalProperties: true,
    },
    text: { $ref: '#/definitions/text', description: 'Narrative before the first section, e.g. the legal basis and the period covered.' },
    sections: { $ref: '#/definitions/sections' },
    tables: { $ref: '#/definitions/tables' },
  },
  additionalProperties: false,
  definitions: {
    date: frontMatterSchema.definitions.date,
    text: {
      type: 'string',
      description:
        'Narrative, read line by line as plain text is: write one paragraph per line in a literal block (`|`), or wrap lines in a folded block (`>`).',
    },
    sections: {
      type: 'array',
      description: 'The outline of the report, in order.',
      items: { $ref: '#/definitions/section' },
    },
    section: {
      type: 'object',
      description: 'A section: its title with its number as printed (`一、总体情况`, `（一）主动公开`), its text, its subsections and tables.',
      properties: {
        title: { type: 'string', minLength: 1 },
        text: { $ref: '#/definitions/text' },
        sections: { $ref: '#/definitions/sections' },
        tables: { $ref: '#/definitions/tables' },
      },
      required: ['title'],
      additionalProperties: false,
    },
    tables: {
      type: 'array',
      description: 'Tables, in order.',
      items: { $ref: '#/definitions/table' },
    },
    table: {
      type: 'object',
      description: 'A table: one label per data column (a 2-D header flattened as `法人或其他组织/商业企业`), then its rows.',
      properties: {
        caption: { type: 'string', minLength: 1 },
        labelHeader: { type: 'string', description: 'Header of the label column, e.g. 统计指标.' },
        columns: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', minLength: 1 },
          description: 'Labels of the data columns, label column excluded.',
        },
        rows: { type: 'array', items: { $ref: '#/definitions/row' } },
      },
      required: ['columns', 'rows'],
      additionalProperties: false,
    },
    row: {
      description: 'A row: a list, its label first and then one cell per column, or a mapping {label, cells}; a heading row is {label} alone.',
      if: { type: 'array' },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable
      then: {
        type: 'array',
        minItems: 1,
        items: [{ type: 'string', minLength: 1 }],
        additionalItems: { $ref: '#/definitions/cell' },
      },
      else: {
        type: 'object',
        properties: {
          label: { type: 'string', minLength: 1 },
          cells: { type: 'array', items: { $ref: '#/definitions/cell' } },
        },
        required: ['label'],
        additionalProperties: false,
      },
    },
    cell: {
      type: ['number', 'string', 'null'],
      description: 'A number as written (`12.50`), a string (`1,268`, `12.5万元`, `—`), or nothing (blank).',
    },
  },
} as const;

/** Keys of a report, of a section, of a table, of a row mapping. */
export const REPORT_KEYS = Object.keys(reportSchema.properties);
export const SECTION_KEYS = Object.keys(reportSchema.definitions.section.properties);
export const TABLE_KEYS = Object.keys(reportSchema.definitions.table.properties);
