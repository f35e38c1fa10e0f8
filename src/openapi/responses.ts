/** Pieces every operation's description shares: Strapi's error envelope. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export const ERROR_SCHEMA_NAME = 'Error';

/** `{ data: null, error: { status, name, message, details } }`, as Strapi answers every error. */
export const ERROR_SCHEMA = {
  type: 'object',
  description: "Strapi's error envelope",
  properties: {
    data: { type: 'null' },
    error: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        name: { type: 'string', description: 'e.g. ValidationError, NotFoundError' },
        message: { type: 'string', description: 'What was wrong, naming the parameter' },
        details: { type: 'object' },
      },
      required: ['status', 'name', 'message'],
    },
  },
  required: ['data', 'error'],
};

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } },
});
