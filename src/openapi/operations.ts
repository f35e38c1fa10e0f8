/**
 * What Strapi's generator cannot read from a custom route: its parameters and its responses.
 * Keyed by the route's action; a route missing here still appears, with the generator's defaults.
 */
import { z } from 'zod';
import { errorResponse as error, type Json } from './responses';
import { DOCUMENT_ID_SCHEMA } from './schemas';
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
/** A custom route's answer: Strapi's `{ data, meta }` envelope, both required. */
const envelope = (data: object, meta: object) => ({ type: 'object', properties: { data, meta }, required: ['data', 'meta'] });
const articleRef = {
  type: 'object',
  properties: { documentId: DOCUMENT_ID_SCHEMA, slug: nullable('string'), title: { type: 'string' } },
  required: ['documentId', 'slug', 'title'],
};

const organization = {
  type: 'object',
  properties: { '@type': { const: 'Organization' }, name: { type: 'string' }, url: { type: 'string', format: 'uri' } },
  required: ['@type', 'name'],
};

const withheld = error("Withheld on a rights holder's request (RFC 7725); Link names who blocks it");

const uriR = {
  name: 'uri',
  in: 'path',
  required: true,
  description:
    'The URI-R: the http(s) address whose captures are wanted. Percent-encode it (what generated clients do), or append it as it is, query string included, as Memento clients do (/api/timemap/link/https://example.com/a?b=1). Without a scheme it is read as http.',
  schema: { type: 'string', minLength: 1 },
};

const text = (name: string) => ({ type: 'string', description: name });
const header = (description: string) => ({ description, schema: { type: 'string' } });
const memento404 = error('No capture of this address is in the archive');

const timeMapLinkHeaders = { Link: header('original, timemap and timegate, as RFC 7089 names them') };

/** One capture in a JSON TimeMap, oldest first. */
const captureEntry = {
  type: 'object',
  properties: {
    datetime: { type: 'string', format: 'date-time', description: 'When it was captured (UTC)' },
    uri: { type: 'string', format: 'uri', description: 'The memento (URI-M)' },
    digest: { type: 'string', description: 'Content hash of title and body' },
    revisit: { type: 'boolean', description: 'The page was unchanged since the capture before' },
    capturedBy: { ...nullable('string'), description: 'The crawler' },
  },
  required: ['datetime', 'uri', 'digest', 'revisit', 'capturedBy'],
  additionalProperties: false,
};

const mementoArticle = {
  type: 'object',
  description: 'The article as this capture saw it (not as edited since)',
  properties: {
    documentId: DOCUMENT_ID_SCHEMA,
    slug: nullable('string'),
    title: { type: 'string' },
    kicker: nullable('string'),
    byline: nullable('string'),
    body: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] } },
    category: nullable('string'),
    source: nullable('string'),
    reprintedFrom: nullable('string'),
    capturedBy: nullable('string'),
    sourcePublishedAt: { type: ['string', 'null'], format: 'date-time' },
    snapshotAt: { type: 'string', format: 'date-time' },
    originalUrl: nullable('string'),
    attribution: nullable('string'),
    relatedLinks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { title: nullable('string'), excerpt: text('Keyword in context'), date: { type: ['string', 'null'], format: 'date-time' }, dateText: nullable('string'), url: nullable('string') },
      },
    },
  },
  required: ['documentId', 'title', 'body', 'snapshotAt'],
};

const MEMENTO_OPERATIONS: Record<string, Json> = {
  'api::capture.memento.timeMapLink': {
    operationId: 'timeMapLink',
    tags: ['Memento'],
    summary: 'Every capture of an address, as a link-format TimeMap (RFC 7089)',
    parameters: [uriR],
    responses: {
      200: { description: 'The TimeMap: original, self, timegate, then one memento per capture, oldest first', content: { 'application/link-format': { schema: { type: 'string' } } } },
      400: error('No http(s) address in the path'),
      404: memento404,
      451: withheld,
    },
  },
  'api::capture.memento.timeMapJson': {
    operationId: 'timeMapJson',
    tags: ['Memento'],
    summary: 'Every capture of an address, as JSON',
    parameters: [uriR],
    responses: {
      200: {
        description: 'The captures, oldest first',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { original: { type: 'string', format: 'uri', description: 'The address, as first captured, without tracking parameters' }, captures: { type: 'array', items: captureEntry } },
              required: ['original', 'captures'],
              additionalProperties: false,
            },
          },
        },
      },
      400: error('No http(s) address in the path'),
      404: memento404,
      451: withheld,
    },
  },
  'api::capture.memento.timeGate': {
    operationId: 'timeGate',
    tags: ['Memento'],
    summary: 'The capture of an address closest to a time (TimeGate, RFC 7089)',
    parameters: [
      uriR,
      { name: 'Accept-Datetime', in: 'header', required: false, description: 'An RFC 1123 date, e.g. "Fri, 03 May 2024 00:45:09 GMT"; without it, the latest capture', schema: { type: 'string' } },
    ],
    responses: {
      302: {
        description: 'To the chosen memento',
        headers: {
          Location: header('The chosen memento (URI-M)'),
          Link: header('original, timemap, and the chosen, first and last mementos with their datetimes'),
          Vary: header('Includes accept-datetime'),
        },
      },
      400: error('No http(s) address in the path, or Accept-Datetime is not an RFC 1123 date'),
      404: memento404,
      451: withheld,
    },
  },
  'api::capture.memento.memento': {
    operationId: 'getMemento',
    tags: ['Memento'],
    summary: 'One capture of an article (a memento, URI-M)',
    parameters: [{ name: 'id', in: 'path', required: true, description: "The capture's documentId", schema: DOCUMENT_ID_SCHEMA }],
    responses: {
      200: {
        description: 'The article as captured then',
        headers: { 'Memento-Datetime': header('When it was captured (RFC 1123)'), ...timeMapLinkHeaders },
        content: {
          'application/json': {
            schema: envelope(mementoArticle, { type: 'object', properties: { memento: { type: 'object', properties: { datetime: { type: 'string', format: 'date-time' }, digest: { type: 'string' }, revisit: { type: 'boolean' }, capturedBy: nullable('string') }, required: ['datetime', 'digest', 'revisit', 'capturedBy'] } }, required: ['memento'] }),
          },
        },
      },
      404: error('No published capture has this id'),
      451: withheld,
    },
  },
};

export const CUSTOM_OPERATIONS: Record<string, Json> = {
  'api::article.article.related': {
    operationId: 'relatedArticles',
    tags: ['Article'],
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
            schema: envelope({
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
                }, {
                  type: 'object',
                  required: ['article', 'category', 'moreUrl'],
                  properties: {
                    article: articleRef,
                    category: { oneOf: [{ type: 'object', properties: { name: { type: 'string' }, slug: nullable('string') } }, { type: 'null' }] },
                    moreUrl: nullable('string'),
                  },
                }),
          },
        },
      },
      400: error('A bad option, named in the message'),
      404: error('No published article has this id or slug'),
      451: withheld,
    },
  },
  'api::article.jsonld.findOne': {
    operationId: 'articleJsonLd',
    tags: ['Article'],
    summary: 'schema.org NewsArticle of a published article, as JSON-LD',
    description: 'For the ld+json script element of a page: `<`, `>` and `&` come escaped, so the text can be pasted into it as it is.',
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
                datePublished: { type: 'string', format: 'date-time', description: "The outlet's publication time, when the page printed one" },
                dateCreated: { type: 'string', format: 'date-time', description: 'When this snapshot was taken' },
                dateModified: { type: 'string', format: 'date-time', description: 'The last edit, else the snapshot time' },
                author: {
                  type: 'array',
                  description: 'The writers the byline names, else the outlet as an Organization',
                  items: { oneOf: [{ type: 'object', properties: { '@type': { const: 'Person' }, name: { type: 'string' }, jobTitle: { type: 'string' } }, required: ['@type', 'name'] }, organization] },
                },
                sourceOrganization: organization,
                publisher: organization,
                mainEntityOfPage: { type: 'object', properties: { '@type': { const: 'WebPage' }, '@id': { type: 'string', format: 'uri' } }, required: ['@type', '@id'] },
                isBasedOn: { type: 'string', format: 'uri' },
                creditText: { type: 'string' },
                articleSection: { type: 'string' },
                inLanguage: { type: 'string', enum: ['zh-Hans', 'zh-Hant'], description: 'Read from the text itself' },
                archivedAt: { type: 'string', format: 'uri' },
                keywords: { type: 'array', items: { type: 'string' } },
              },
              required: ['@context', '@type', 'headline', 'dateModified', 'publisher', 'mainEntityOfPage', 'inLanguage', 'archivedAt'],
              additionalProperties: false,
            },
          },
        },
      },
      404: error('No published article has this id or slug'),
      451: withheld,
    },
  },
  'api::article.article.reprints': {
    operationId: 'articleReprints',
    tags: ['Article'],
    summary: "Other published copies of the article's story (转载)",
    description: 'Articles whose text is a near-duplicate of this one (SimHash), nearest first; among equals the earliest capture first.',
    parameters: [idOrSlug],
    responses: {
      200: {
        description: 'The other copies',
        content: {
          'application/json': {
            schema: envelope({
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      documentId: DOCUMENT_ID_SCHEMA,
                      slug: nullable('string'),
                      title: { type: 'string' },
                      source: { ...nullable('string'), description: 'The aggregator that carried the copy (来源)' },
                      reprintedFrom: { ...nullable('string'), description: 'The outlet it names as the original (本文转自)' },
                      snapshotAt: { type: ['string', 'null'], format: 'date-time' },
                      distance: { type: 'integer', minimum: 0, description: 'Bits apart in the 64-bit SimHash: 0 is the same text' },
                    },
                    required: ['documentId', 'slug', 'title', 'source', 'reprintedFrom', 'snapshotAt', 'distance'],
                    additionalProperties: false,
                  },
                }, { type: 'object', properties: { article: articleRef }, required: ['article'] }),
          },
        },
      },
      404: error('No published article has this id or slug'),
      451: withheld,
    },
  },
  'api::article.article.search': {
    operationId: 'searchArticles',
    tags: ['Article'],
    summary: 'Full-text search over the published archive (信息快照查询)',
    description: `Ranked hits with a plain-text snippet and the character offsets of the matched words in it. At most ${MAX_CANDIDATES} matches are ranked: meta.capped says when more match.`,
    parameters: queryParametersOf(searchQuerySchema),
    responses: {
      200: {
        description: 'A page of hits',
        content: {
          'application/json': {
            schema: envelope({
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
                }, {
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
                      required: ['page', 'pageSize', 'pageCount', 'total'],
                    },
                    capped: {
                      type: 'boolean',
                      description: `More than ${MAX_CANDIDATES} articles match: only ${MAX_CANDIDATES} are ranked (sort=newest: the newest; relevance: the best of all matches), total is ${MAX_CANDIDATES} and the pages stop there`,
                    },
                    terms: { type: 'array', items: { type: 'string' } },
                  },
                  required: ['pagination', 'capped', 'terms'],
                }),
          },
        },
      },
      400: error('A missing or bad parameter, named in the message'),
    },
  },
  'api::openapi.openapi.document': {
    operationId: 'openApiDocument',
    tags: ['Meta'],
    summary: 'This document',
    parameters: [],
    responses: { 200: { description: 'The OpenAPI document of the public API', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
  ...MEMENTO_OPERATIONS,
};
