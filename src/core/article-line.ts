/**
 * One line of an NDJSON / JSON Lines archive: one article, fields named as the content model,
 * relations by name (`"category": "国内"`), times in ISO or naive Beijing time. Read into the same
 * record a snapshot page gives, so both formats go through one import path.
 */
import type { ArticleInput, RelatedLinkInput } from './article-input';
import { parseBeijingTime } from './beijing-time';
import { blocksToParagraphs } from './body';

export class ArticleLineError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ArticleLineError';
  }
}

const KNOWN_FIELDS = new Set([
  'title',
  'slug',
  'kicker',
  'byline',
  'body',
  'excerpt',
  'sourcePublishedAt',
  'snapshotAt',
  'originalUrl',
  'attribution',
  'category',
  'source',
  'reprintedFrom',
  'capturedBy',
  'relatedLinks',
  // Derived by the archive on write; accepted so an export of the archive reads back.
  'contributors',
  'contentHash',
  'documentId',
  'id',
]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalText(data: Json, field: string): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ArticleLineError(`${field} must be a string`);
  return value.trim() === '' ? null : value.trim();
}

/** A relation by name: `"国内"` or `{ "name": "国内" }`. */
function relationName(data: Json, field: string): string | null {
  const value = data[field];
  if (isObject(value)) return relationName(value, 'name');
  return optionalText(data, field);
}

/** `2024-05-03 06:58:00` (Beijing) or an ISO instant; keeps the text as printed when naive. */
function time(value: unknown, field: string): { iso: string | null; text: string | null } {
  if (value === undefined || value === null || value === '') return { iso: null, text: null };
  if (typeof value !== 'string') throw new ArticleLineError(`${field} must be a date string`);
  const date = parseBeijingTime(value);
  if (!date) throw new ArticleLineError(`${field} is not a date and time: "${value}"`);
  const naive = !/[Tt]|Z$|[+-]\d{2}(:?\d{2})?$/.test(value.trim());
  return { iso: date.toISOString(), text: naive ? value.trim() : null };
}

/** Body as Strapi blocks, a list of paragraphs, or one text with blank lines between paragraphs. */
function paragraphsOf(body: unknown): string[] {
  if (body === undefined || body === null) return [];
  if (typeof body === 'string') return body.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
  if (Array.isArray(body) && body.every((item) => typeof item === 'string')) {
    return body.map((p) => p.trim()).filter(Boolean);
  }
  if (Array.isArray(body)) return blocksToParagraphs(body);
  throw new ArticleLineError('body must be blocks, a list of paragraphs or a text');
}

function relatedLinkOf(value: unknown, index: number): RelatedLinkInput {
  if (!isObject(value)) throw new ArticleLineError(`relatedLinks[${index}] must be an object`);
  const where = `relatedLinks[${index}]`;
  const date = time(value.date, `${where}.date`);
  const printed = optionalText(value, 'dateText');
  if (printed && date.iso && parseBeijingTime(printed)?.toISOString() !== date.iso) {
    throw new ArticleLineError(`${where}.dateText "${printed}" is not the same time as its date`);
  }
  const title = optionalText(value, 'title');
  const excerpt = optionalText(value, 'excerpt');
  if (!title && !excerpt) throw new ArticleLineError(`${where} has neither a title nor an excerpt`);
  return {
    title,
    excerpt: excerpt ?? '',
    date: date.iso ?? (printed ? parseBeijingTime(printed)?.toISOString() ?? null : null),
    dateText: printed ?? date.text,
    url: optionalText(value, 'url'),
  };
}

/** Reads one NDJSON line; throws ArticleLineError with the reason when it is not an article. */
export function parseArticleLine(line: string): { record: ArticleInput; warnings: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    throw new ArticleLineError(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(data)) throw new ArticleLineError('not a JSON object');
  const title = optionalText(data, 'title');
  if (!title) throw new ArticleLineError('no title');
  if (data.relatedLinks !== undefined && data.relatedLinks !== null && !Array.isArray(data.relatedLinks)) {
    throw new ArticleLineError('relatedLinks must be a list');
  }
  const published = time(data.sourcePublishedAt, 'sourcePublishedAt');
  const warnings = Object.keys(data)
    .filter((field) => !KNOWN_FIELDS.has(field))
    .map((field) => `ignored unknown field ${field}`);
  const record: ArticleInput = {
    title,
    category: relationName(data, 'category'),
    sourcePublishedAt: published.iso,
    sourcePublishedAtText: published.text,
    source: relationName(data, 'source'),
    reprintedFrom: relationName(data, 'reprintedFrom'),
    kicker: optionalText(data, 'kicker'),
    byline: optionalText(data, 'byline'),
    paragraphs: paragraphsOf(data.body),
    attribution: optionalText(data, 'attribution'),
    capturedBy: relationName(data, 'capturedBy'),
    snapshotAt: time(data.snapshotAt, 'snapshotAt').iso,
    originalUrl: optionalText(data, 'originalUrl'),
    relatedLinks: ((data.relatedLinks as unknown[] | undefined) ?? []).map(relatedLinkOf),
    slug: optionalText(data, 'slug'),
    excerpt: optionalText(data, 'excerpt'),
  };
  return { record, warnings };
}
