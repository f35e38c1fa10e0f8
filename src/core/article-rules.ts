/**
 * The write-time rules of an article, as plain functions: what the archive stamps and checks
 * whichever way an article arrives (admin, REST, GraphQL, import). The Strapi glue in
 * src/write-path/ gathers what these need from the database and applies the result.
 */
import { renderAttribution } from './attribution';
import { toIsoUtc } from './beijing-time';
import { blocksToParagraphs, excerptFrom } from './body';
import { parseContributors, type Contributor } from './byline';
import { contentHash } from './content-hash';
import { isBlank } from './text';
import { safeUrl } from './url';

/** The stored fields the rules read or write; any other field passes through untouched. */
export interface ArticleFields {
  title?: string | null;
  byline?: string | null;
  contributors?: Contributor[] | null;
  body?: unknown;
  excerpt?: string | null;
  sourcePublishedAt?: string | Date | null;
  snapshotAt?: string | Date | null;
  originalUrl?: string | null;
  attribution?: string | null;
  contentHash?: string | null;
  [field: string]: unknown;
}

/** What the rules need to know beyond the data itself. */
export interface StampContext {
  now: Date;
  /** The crawler the article is captured by, when it names one. */
  crawler: { name: string; attributionTemplate?: string | null } | null;
}

export class ArticleRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArticleRuleError';
  }
}

function normaliseTime(data: ArticleFields, field: 'sourcePublishedAt' | 'snapshotAt'): void {
  const value = data[field];
  if (value === undefined) return;
  if (isBlank(value)) {
    data[field] = null;
    return;
  }
  const iso = toIsoUtc(value as string | Date);
  if (!iso) throw new ArticleRuleError(field, `${field} is not a date and time: "${String(value)}"`);
  data[field] = iso;
}

function normaliseOriginalUrl(data: ArticleFields): void {
  if (data.originalUrl === undefined) return;
  if (isBlank(data.originalUrl)) {
    data.originalUrl = null;
    return;
  }
  const verdict = safeUrl(String(data.originalUrl).trim());
  if ('problem' in verdict) throw new ArticleRuleError('originalUrl', `originalUrl must be an http(s) address: ${verdict.problem}`);
  data.originalUrl = verdict.href;
}

function normaliseTitle(data: ArticleFields): void {
  if (data.title === undefined) return;
  const title = typeof data.title === 'string' ? data.title.trim() : '';
  if (!title) throw new ArticleRuleError('title', 'title must not be empty');
  data.title = title;
}

function checkTimesInOrder(merged: ArticleFields): void {
  const published = merged.sourcePublishedAt ? Date.parse(String(merged.sourcePublishedAt)) : NaN;
  const captured = merged.snapshotAt ? Date.parse(String(merged.snapshotAt)) : NaN;
  if (captured < published) {
    throw new ArticleRuleError(
      'snapshotAt',
      `snapshotAt (${String(merged.snapshotAt)}) is before sourcePublishedAt (${String(merged.sourcePublishedAt)}): a page cannot be captured before it was published`,
    );
  }
}

/** Derived fields that follow from the merged article: hash, contributors, excerpt, attribution. */
function derive(data: ArticleFields, merged: ArticleFields, ctx: StampContext, changed: (f: string) => boolean): void {
  const paragraphs = blocksToParagraphs(merged.body);

  if (changed('title') || changed('body') || !merged.contentHash) {
    data.contentHash = contentHash(String(merged.title ?? ''), paragraphs);
  }

  const contributorsGiven = Array.isArray(data.contributors) && data.contributors.length > 0;
  if (!contributorsGiven && merged.byline && (changed('byline') || !merged.contributors?.length)) {
    data.contributors = parseContributors(String(merged.byline));
  }

  if (isBlank(merged.excerpt)) {
    const excerpt = excerptFrom(paragraphs, merged.byline as string | null);
    data.excerpt = excerpt || null;
  }

  if (isBlank(merged.attribution)) {
    data.attribution = renderAttribution(ctx.crawler?.attributionTemplate, ctx.crawler?.name);
  }
}

/** Rules for a new article. Returns the data to store. */
export function stampNewArticle(input: ArticleFields, ctx: StampContext): ArticleFields {
  const data: ArticleFields = { ...input };
  if (data.title === undefined) throw new ArticleRuleError('title', 'title must not be empty');
  normaliseTitle(data);
  normaliseTime(data, 'sourcePublishedAt');
  normaliseTime(data, 'snapshotAt');
  normaliseOriginalUrl(data);
  // The capture time is the moment the archive first saw the page, unless the importer knows it.
  // Whole seconds, as pages print it: an exported page then imports back unchanged.
  if (!data.snapshotAt) data.snapshotAt = new Date(Math.floor(ctx.now.getTime() / 1000) * 1000).toISOString();
  checkTimesInOrder(data);
  derive(data, data, ctx, () => true);
  return data;
}

const digestOf = (fields: ArticleFields) => contentHash(String(fields.title ?? ''), blocksToParagraphs(fields.body));

/**
 * An update is a new capture of the page when it brings a later snapshot time with other text
 * (title or body); then the article shows it, and src/captures records it in the history.
 */
export function isNewCapture(data: ArticleFields, previous: ArticleFields): boolean {
  const at = toIsoUtc(data.snapshotAt as string | Date | null | undefined);
  const before = toIsoUtc(previous.snapshotAt as string | Date | null | undefined);
  if (!at || !before || Date.parse(at) <= Date.parse(before)) return false;
  return digestOf({ ...previous, ...data }) !== digestOf(previous);
}

/** Rules for an update of an existing article (`previous` is its stored draft). */
export function stampArticleUpdate(input: ArticleFields, previous: ArticleFields, ctx: StampContext): ArticleFields {
  const data: ArticleFields = { ...input };
  delete data.contentHash;
  normaliseTitle(data);
  normaliseTime(data, 'sourcePublishedAt');
  normaliseTime(data, 'snapshotAt');
  // The capture time is a fact about the page, not about the edit: only a new capture moves it.
  if (previous.snapshotAt && !isNewCapture(data, previous)) delete data.snapshotAt;
  normaliseOriginalUrl(data);
  const merged: ArticleFields = { ...previous, ...data };
  if (!merged.snapshotAt) data.snapshotAt = merged.snapshotAt = ctx.now.toISOString();
  checkTimesInOrder(merged);
  const changed = (field: string) =>
    field in data && JSON.stringify(data[field] ?? null) !== JSON.stringify(previous[field] ?? null);
  derive(data, merged, ctx, changed);
  return data;
}
