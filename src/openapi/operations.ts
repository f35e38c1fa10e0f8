/**
 * What Strapi's generator cannot read from a custom route: its parameters and its responses.
 * Keyed by the route's action; a route missing here still appears, with the generator's defaults.
 */
import { DEFAULT_RELATED_LIMIT, MAX_RELATED_LIMIT, RELATED_KINDS } from '../related/related-articles';

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
  'api::openapi.openapi.document': {
    summary: 'This document',
    parameters: [],
    responses: { 200: { description: 'The OpenAPI document of the public API', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
};
