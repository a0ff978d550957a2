/**
 * The JSON schema of a report's YAML front matter, published for editors
 * (also saved as `schemas/front-matter.schema.json`; a test keeps the two equal).
 * Unknown keys are allowed by the schema; the Markdown adapter warns about them.
 */
export const frontMatterSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'front-matter.schema.json',
  title: 'crossfoot report front matter',
  description: 'YAML front matter of a report written in Markdown: what the report is, whose it is, the period it covers and the rule packs that check it.',
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1, description: 'Title of the report, e.g. 某某局2024年政府信息公开工作年度报告.' },
    issuer: { type: 'string', minLength: 1, description: 'The body that issues the report.' },
    period: {
      description: 'The reporting period: {start, end} ISO dates, or one string `start/end`.',
      oneOf: [
        {
          type: 'object',
          properties: { start: { $ref: '#/definitions/date' }, end: { $ref: '#/definitions/date' } },
          required: ['start', 'end'],
          additionalProperties: false,
        },
        { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}/\\d{4}-\\d{2}-\\d{2}$' },
      ],
    },
    published: { $ref: '#/definitions/date', description: 'Date the report was signed or published.' },
    packs: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Rule packs that check this report, by id or path.',
    },
    year: { type: 'integer', minimum: 1000, maximum: 9999, description: 'The report year.' },
  },
  additionalProperties: true,
  definitions: {
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date, yyyy-mm-dd.' },
  },
} as const;

export const FRONT_MATTER_KEYS = Object.keys(frontMatterSchema.properties);
