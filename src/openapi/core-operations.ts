/**
 * The operations of Strapi's core routes (find, findOne, create, update, delete) of one content
 * type, with the parameters as this server enforces them (page sizes to api.rest.maxLimit, sort
 * with its direction, drafts for API tokens only) and the envelopes it answers with.
 */
import { errorResponse, type Json } from './responses';
import { DOCUMENT_ID_SCHEMA, populatableFields, scalarFields, schemaName, type Model } from './schemas';

export interface RestLimits {
  defaultLimit: number;
  maxLimit: number;
  maxPopulateDepth: number;
}

/** Strapi's operators that join conditions, valid at the top of `filters` beside the fields. */
const LOGICAL_OPERATORS = ['$and', '$or', '$not'];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const query = (name: string, schema: Json, description: string, extra: Json = {}) => ({ name, in: 'query', required: false, description, schema, ...extra });

/** `{ data, meta: { pagination } }`: page-based when asked by page (the default), offset-based when asked by start/limit. */
const PAGINATION = {
  oneOf: [
    {
      type: 'object',
      title: 'By page',
      properties: { page: { type: 'integer', minimum: 1 }, pageSize: { type: 'integer', minimum: 1 }, pageCount: { type: 'integer', minimum: 0 }, total: { type: 'integer', minimum: 0 } },
      required: ['page', 'pageSize', 'pageCount', 'total'],
      additionalProperties: false,
    },
    {
      type: 'object',
      title: 'By offset',
      properties: { start: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1 }, total: { type: 'integer', minimum: 0 } },
      required: ['start', 'limit', 'total'],
      additionalProperties: false,
    },
  ],
};

const json = (schema: Json) => ({ 'application/json': { schema } });

function readParameters(model: Model, known: ReadonlySet<string>, limits: RestLimits, { list }: { list: boolean }): Json[] {
  const fields = scalarFields(model);
  const populatable = populatableFields(model, known);
  // Rich text and JSON hold structures, not values a database orders by.
  const sortable = fields.filter((field) => !['blocks', 'json'].includes(model.attributes[field].type));
  const sortKeys = sortable.flatMap((field) => [field, `${field}:asc`, `${field}:desc`]);
  const parameters: Json[] = [
    query('fields', { type: 'array', items: { type: 'string', enum: fields } }, 'The fields to return (id and documentId always come); relations and components come only with populate', {
      style: 'form',
      explode: false,
    }),
    query(
      'populate',
      {
        anyOf: [
          { type: 'string', const: '*', description: 'Every relation and component, one level deep' },
          { type: 'array', items: { type: 'string', enum: populatable } },
          { type: 'object', description: `Per relation, with its own fields, filters and populate (at most ${limits.maxPopulateDepth} levels): serialise with qs` },
        ],
      },
      `Relations and components to include. Deeper than ${limits.maxPopulateDepth} levels: 400`,
    ),
  ];
  if (list) {
    parameters.push(
      query('filters', { type: 'object', propertyNames: { enum: [...fields, ...populatable, ...LOGICAL_OPERATORS] }, additionalProperties: true }, "Strapi's filters, e.g. filters[category][slug][$eq]=guo-nei; nested objects: serialise with qs", {
        style: 'deepObject',
        explode: true,
      }),
      query('sort', { anyOf: [{ type: 'string', enum: sortKeys }, { type: 'array', items: { type: 'string', enum: sortKeys } }] }, 'A field, optionally with :asc or :desc; several as a list'),
      query('pagination[page]', { type: 'integer', minimum: 1, default: 1 }, 'Page number (1-based)'),
      query('pagination[pageSize]', { type: 'integer', minimum: 1, maximum: limits.maxLimit, default: limits.defaultLimit }, `Entries per page; above ${limits.maxLimit}: 400`),
      query('pagination[start]', { type: 'integer', minimum: 0 }, 'Entries to skip (instead of a page)'),
      query('pagination[limit]', { type: 'integer', minimum: 1, maximum: limits.maxLimit }, `Entries to return (with start); above ${limits.maxLimit}: 400`),
      query('pagination[withCount]', { type: 'boolean', default: true }, 'Count the total'),
    );
  }
  if (model.draftAndPublish) {
    parameters.push(query('status', { type: 'string', enum: ['published', 'draft'], default: 'published' }, 'draft needs an API token: the Public role reads published content only (403)'));
  }
  return parameters;
}

/** The operations of one content type's core routes, keyed by Strapi's action name. */
export function coreOperations(model: Model, known: ReadonlySet<string>, limits: RestLimits): Record<string, Json> {
  const name = schemaName(model.uid);
  const entry = ref(name);
  const input = ref(`${name}Input`);
  const one = json({ type: 'object', properties: { data: entry, meta: { type: 'object' } }, required: ['data', 'meta'], additionalProperties: false });
  const id = { name: 'id', in: 'path', required: true, description: 'The documentId', schema: DOCUMENT_ID_SCHEMA };
  const body = (forCreate: boolean) => ({
    required: true,
    content: json({ type: 'object', properties: { data: forCreate ? input : { ...ref(`${name}Input`) } }, required: ['data'], additionalProperties: false }),
  });
  const writeErrors = {
    400: errorResponse('Invalid data, named in the message'),
    401: errorResponse('No API token, or a bad one'),
    403: errorResponse('The token may not do this'),
  };
  return {
    find: {
      parameters: readParameters(model, known, limits, { list: true }),
      responses: {
        200: {
          description: 'A page of entries',
          content: json({
            type: 'object',
            properties: {
              data: { type: 'array', items: entry },
              meta: { type: 'object', properties: { pagination: PAGINATION }, required: ['pagination'], additionalProperties: false },
            },
            required: ['data', 'meta'],
            additionalProperties: false,
          }),
        },
        400: errorResponse('A bad parameter, named in the message'),
        403: errorResponse('Drafts asked for without an API token'),
      },
    },
    findOne: {
      parameters: [id, ...readParameters(model, known, limits, { list: false })],
      responses: {
        200: { description: 'The entry', content: one },
        400: errorResponse('A bad parameter, named in the message'),
        403: errorResponse('Drafts asked for without an API token'),
        404: errorResponse('No entry has this documentId'),
        ...(model.uid === 'api::article.article' ? { 451: errorResponse("Withheld on a rights holder's request (RFC 7725)") } : {}),
      },
    },
    create: { requestBody: body(true), responses: { 201: { description: 'The new entry', content: one }, ...writeErrors } },
    update: { parameters: [id], requestBody: body(false), responses: { 200: { description: 'The entry as saved', content: one }, ...writeErrors, 404: errorResponse('No entry has this documentId') } },
    delete: { parameters: [id], responses: { 204: { description: 'Deleted' }, ...writeErrors, 404: errorResponse('No entry has this documentId') } },
  };
}
