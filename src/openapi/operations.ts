/**
 * What Strapi's generator cannot read from a custom route: its parameters and its responses.
 * Keyed by the route's action; a route missing here still appears, with the generator's defaults.
 */
import { z } from 'zod';
import { DEFAULT_RELATED_LIMIT, MAX_RELATED_LIMIT, RELATED_KINDS } from '../related/read';
import { searchQuerySchema } from '../search/read';
import { MAX_CANDIDATES } from '../search/queries';

const idOrSlug = {
  name: 'idOrSlug',
  in: 'path',
  required: true,
  description: 'The documentId or the slug of a published article',
  schema: { type: 'string' },
};

const error = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          data: { type: 'null' },
          error: { type: 'object', properties: { status: { type: 'integer' }, name: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
});

/**
 * Query parameters read off a route's zod schema, so the document cannot drift from what the
 * route accepts: type, bounds, enum, default and the `.describe()` text.
 */
function queryParametersOf(schema: z.AnyZodObject): object[] {
  return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, field]) => {
    let type: z.ZodTypeAny = field;
    let required = true;
    let defaultValue: unknown;
    for (;;) {
      if (type instanceof z.ZodOptional) required = false;
      else if (type instanceof z.ZodDefault) {
        required = false;
        defaultValue = type._def.defaultValue();
      } else if (type instanceof z.ZodEffects) {
        type = type.innerType();
        continue;
      } else break;
      type = type._def.innerType;
    }
    const out: Record<string, unknown> = {};
    if (type instanceof z.ZodEnum) Object.assign(out, { type: 'string', enum: [...type.options] });
    else if (type instanceof z.ZodNumber) {
      out.type = type.isInt ? 'integer' : 'number';
      if (type.minValue !== null) out.minimum = type.minValue;
      if (type.maxValue !== null) out.maximum = type.maxValue;
    } else if (type instanceof z.ZodString) {
      out.type = 'string';
      if (type.minLength !== null) out.minLength = type.minLength;
      if (type.maxLength !== null) out.maxLength = type.maxLength;
    } else out.type = 'string';
    if (defaultValue !== undefined) out.default = defaultValue;
    return { name, in: 'query', required, description: field.description, schema: out };
  });
}

const nullable = (type: string) => ({ type: [type, 'null'] });
const articleRef = {
  type: 'object',
  properties: { documentId: { type: 'string' }, slug: nullable('string'), title: { type: 'string' } },
  required: ['documentId', 'slug', 'title'],
};

const organization = { type: 'object', properties: { '@type': { const: 'Organization' }, name: { type: 'string' }, url: { type: 'string' } } };

export const CUSTOM_OPERATIONS: Record<string, object> = {
  'api::article.article.related': {
    summary: 'Related articles of a published article',
    description: "The page's own (curated) links in page order, then archive articles sharing its key terms (computed).",
    parameters: [
      idOrSlug,
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_RELATED_LIMIT, default: DEFAULT_RELATED_LIMIT } },
      { name: 'kind', in: 'query', schema: { type: 'string', enum: [...RELATED_KINDS], default: 'all' } },
      { name: 'category', in: 'query', description: 'A category slug restricting the computed items', schema: { type: 'string' } },
    ],
    responses: {
      200: {
        description: 'The related list',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                data: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      kind: { type: 'string', enum: ['curated', 'computed'] },
                      title: nullable('string'),
                      excerpt: { type: 'string' },
                      date: { type: ['string', 'null'], format: 'date-time' },
                      url: nullable('string'),
                      score: nullable('number'),
                      article: { oneOf: [articleRef, { type: 'null' }] },
                    },
                    required: ['kind', 'title', 'excerpt', 'date', 'url', 'score', 'article'],
                  },
                },
                meta: {
                  type: 'object',
                  properties: {
                    article: articleRef,
                    category: { oneOf: [{ type: 'object', properties: { name: { type: 'string' }, slug: nullable('string') } }, { type: 'null' }] },
                    moreUrl: nullable('string'),
                  },
                },
              },
            },
          },
        },
      },
      400: error('A bad option, named in the message'),
      404: error('No published article has this id or slug'),
    },
  },
  'api::article.jsonld.findOne': {
    summary: 'schema.org NewsArticle of a published article, as JSON-LD',
    parameters: [idOrSlug],
    responses: {
      200: {
        description: 'The article as a schema.org NewsArticle',
        content: {
          'application/ld+json': {
            schema: {
              type: 'object',
              properties: {
                '@context': { const: 'https://schema.org' },
                '@type': { const: 'NewsArticle' },
                headline: { type: 'string' },
                datePublished: { type: 'string', format: 'date-time' },
                dateCreated: { type: 'string', format: 'date-time' },
                author: {
                  type: 'array',
                  items: { type: 'object', properties: { '@type': { const: 'Person' }, name: { type: 'string' }, jobTitle: { type: 'string' } } },
                },
                sourceOrganization: organization,
                publisher: organization,
                isBasedOn: { type: 'string', format: 'uri' },
                creditText: { type: 'string' },
                articleSection: { type: 'string' },
                inLanguage: { const: 'zh-CN' },
                archivedAt: { type: 'string', format: 'uri' },
                keywords: { type: 'array', items: { type: 'string' } },
              },
              required: ['@context', '@type', 'headline', 'inLanguage', 'archivedAt'],
            },
          },
        },
      },
      404: error('No published article has this id or slug'),
    },
  },
  'api::article.article.search': {
    summary: 'Full-text search over the published archive (信息快照查询)',
    description: `Ranked hits with a plain-text snippet and the character offsets of the matched words in it. At most ${MAX_CANDIDATES} matches are ranked: meta.capped says when more match.`,
    parameters: queryParametersOf(searchQuerySchema),
    responses: {
      200: {
        description: 'A page of hits',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                data: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      documentId: { type: 'string' },
                      slug: nullable('string'),
                      title: { type: 'string' },
                      snapshotAt: { type: ['string', 'null'], format: 'date-time' },
                      sourcePublishedAt: { type: ['string', 'null'], format: 'date-time' },
                      category: { oneOf: [{ type: 'object', properties: { name: { type: 'string' }, slug: nullable('string') } }, { type: 'null' }] },
                      source: { oneOf: [{ type: 'object', properties: { name: { type: 'string' }, slug: nullable('string') } }, { type: 'null' }] },
                      score: { type: 'number' },
                      snippet: { type: 'string' },
                      highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 } },
                    },
                    required: ['documentId', 'slug', 'title', 'score', 'snippet', 'highlights'],
                  },
                },
                meta: {
                  type: 'object',
                  properties: {
                    pagination: {
                      type: 'object',
                      properties: {
                        page: { type: 'integer' },
                        pageSize: { type: 'integer' },
                        pageCount: { type: 'integer' },
                        total: { type: 'integer', maximum: MAX_CANDIDATES, description: `How many articles match; ${MAX_CANDIDATES} when capped` },
                      },
                    },
                    capped: {
                      type: 'boolean',
                      description: `More than ${MAX_CANDIDATES} articles match: only ${MAX_CANDIDATES} are ranked (sort=newest: the newest; relevance: the first the index yields), total is ${MAX_CANDIDATES} and the pages stop there`,
                    },
                    terms: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
      400: error('A missing or bad parameter, named in the message'),
    },
  },
  'api::openapi.openapi.document': {
    summary: 'This document',
    parameters: [],
    responses: { 200: { description: 'The OpenAPI document of the public API', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
};
