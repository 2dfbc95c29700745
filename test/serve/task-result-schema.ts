import AjvModule from 'ajv';

/**
 * The callback body as HashiCorp documents it: the "Run tasks integration API"
 * page and its JSON schemas (runtask-result.json, runtask-outcome.json,
 * runtask-tag.json, runtask-rich-label.json, example-payload.json). Transcribed
 * with two slips of the published files corrected: `outcomes.data` sits under
 * `properties` (not `attributes`), and each outcome is a JSON:API record
 * (`type` task-result-outcomes, fields under `attributes`), as the example shows.
 */
const richLabel = {
  type: 'object',
  required: ['label'],
  additionalProperties: false,
  properties: {
    label: { type: 'string', minLength: 1 },
    level: { enum: ['none', 'info', 'warning', 'error'] },
  },
};

const outcome = {
  type: 'object',
  required: ['type', 'attributes'],
  additionalProperties: false,
  properties: {
    type: { const: 'task-result-outcomes' },
    attributes: {
      type: 'object',
      required: ['outcome-id', 'description'],
      additionalProperties: false,
      properties: {
        'outcome-id': { type: 'string', minLength: 1, maxLength: 64 },
        description: { type: 'string', minLength: 1, maxLength: 1000 },
        tags: {
          type: 'object',
          minProperties: 1,
          maxProperties: 10,
          propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          additionalProperties: { type: 'array', minItems: 1, maxItems: 32, items: richLabel },
        },
        body: { type: 'string', minLength: 1, maxLength: 10_000 },
        url: { type: 'string', format: 'uri', maxLength: 500 },
      },
    },
  },
};

const taskResult = {
  type: 'object',
  required: ['data'],
  additionalProperties: false,
  properties: {
    data: {
      type: 'object',
      required: ['type', 'attributes'],
      additionalProperties: false,
      properties: {
        type: { const: 'task-results' },
        attributes: {
          type: 'object',
          required: ['status'],
          additionalProperties: false,
          properties: {
            status: { enum: ['running', 'passed', 'failed'] },
            message: { type: 'string', minLength: 1, maxLength: 1000 },
            url: { type: 'string', maxLength: 500 },
          },
        },
        relationships: {
          type: 'object',
          additionalProperties: false,
          properties: {
            outcomes: {
              type: 'object',
              required: ['data'],
              additionalProperties: false,
              properties: { data: { type: 'array', minItems: 1, maxItems: 10, items: outcome } },
            },
          },
        },
      },
    },
  },
};

const ajv = new AjvModule.default({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(taskResult);

/** Every way `body` departs from the documented task result shape (empty when it fits). */
export function checkTaskResultBody(body: unknown): string[] {
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
