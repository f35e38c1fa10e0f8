/**
 * What the importer writes: a snapshot record, whichever format it was read from, plus the few
 * stored fields a page cannot print (a link's address, a chosen slug). The record of a stored
 * article has the same shape, so an import can tell "unchanged" by comparing two records.
 */
import { toIsoUtc } from './beijing-time';
import { blocksToParagraphs, paragraphsToBlocks } from './body';
import type { RelatedItem, SnapshotRecord } from './snapshot-page';

export interface RelatedLinkInput extends RelatedItem {
  url?: string | null;
}

export interface ArticleInput extends SnapshotRecord {
  relatedLinks: RelatedLinkInput[];
  slug?: string | null;
  excerpt?: string | null;
}

/**
 * The article fields a record gives the Document Service, relations aside. Fields the page does
 * not print are left out when missing, so the write path stamps them as for any other way in.
 */
export function articleFieldsOf(record: ArticleInput): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    title: record.title,
    kicker: record.kicker,
    byline: record.byline,
    body: paragraphsToBlocks(record.paragraphs),
    sourcePublishedAt: record.sourcePublishedAt,
    snapshotAt: record.snapshotAt,
    originalUrl: record.originalUrl,
  };
  if (record.attribution) fields.attribution = record.attribution;
  if (record.slug) fields.slug = record.slug;
  if (record.excerpt) fields.excerpt = record.excerpt;
  return fields;
}

/** What a page says of where an article comes from: an import that does not say keeps what is known. */
const PROVENANCE = ['category', 'source', 'reprintedFrom', 'capturedBy'] as const;

/**
 * `incoming` as an update of `stored`: a provenance field it leaves empty (category, source,
 * reprinted-from, crawler, curated links) keeps the stored value. A page that names no source is
 * no evidence that the article has none, so an import never erases what is known.
 */
export function withKnownProvenance(stored: ArticleInput, incoming: ArticleInput): ArticleInput {
  const merged: ArticleInput = { ...incoming };
  for (const field of PROVENANCE) if (!incoming[field]) merged[field] = stored[field];
  if (incoming.relatedLinks.length === 0) merged.relatedLinks = stored.relatedLinks;
  return merged;
}

/** An article as the archive stores it, with its relations populated (names only are read). */
export interface StoredArticle {
  title: string;
  kicker?: string | null;
  byline?: string | null;
  body?: unknown;
  sourcePublishedAt?: string | Date | null;
  snapshotAt?: string | Date | null;
  originalUrl?: string | null;
  attribution?: string | null;
  category?: { name: string } | null;
  source?: { name: string } | null;
  reprintedFrom?: { name: string } | null;
  capturedBy?: { name: string } | null;
  relatedLinks?: StoredRelatedLink[] | null;
}

export interface StoredRelatedLink {
  title?: string | null;
  excerpt?: string | null;
  date?: string | Date | null;
  dateText?: string | null;
  url?: string | null;
  position?: number | null;
}

const byPosition = (a: StoredRelatedLink, b: StoredRelatedLink) => (a.position ?? 0) - (b.position ?? 0);

/** The record a stored article renders from: what renderSnapshotPage needs to print the page again. */
export function recordOfStoredArticle(article: StoredArticle): ArticleInput {
  return {
    title: article.title,
    category: article.category?.name ?? null,
    sourcePublishedAt: toIsoUtc(article.sourcePublishedAt),
    source: article.source?.name ?? null,
    reprintedFrom: article.reprintedFrom?.name ?? null,
    kicker: article.kicker ?? null,
    byline: article.byline ?? null,
    paragraphs: blocksToParagraphs(article.body),
    attribution: article.attribution ?? null,
    capturedBy: article.capturedBy?.name ?? null,
    snapshotAt: toIsoUtc(article.snapshotAt),
    originalUrl: article.originalUrl ?? null,
    relatedLinks: [...(article.relatedLinks ?? [])].sort(byPosition).map((link) => ({
      title: link.title ?? null,
      excerpt: link.excerpt ?? '',
      date: toIsoUtc(link.date),
      dateText: link.dateText ?? null,
      url: link.url ?? null,
    })),
  };
}

const text = (value: string | null | undefined): string => (value ?? '').trim();

function comparable(record: ArticleInput, withAttribution: boolean) {
  return {
    title: text(record.title),
    category: text(record.category),
    source: text(record.source),
    reprintedFrom: text(record.reprintedFrom),
    capturedBy: text(record.capturedBy),
    kicker: text(record.kicker),
    byline: text(record.byline),
    paragraphs: record.paragraphs.filter((paragraph) => paragraph.trim() !== ''),
    sourcePublishedAt: record.sourcePublishedAt ?? null,
    snapshotAt: record.snapshotAt ?? null,
    originalUrl: text(record.originalUrl),
    attribution: withAttribution ? text(record.attribution) : null,
    relatedLinks: record.relatedLinks.map((link) => [
      text(link.title),
      text(link.excerpt),
      link.date ?? null,
      text(link.dateText),
      text(link.url),
    ]),
  };
}

/**
 * Whether importing `incoming` over `stored` would change anything a page shows. Fields the
 * archive stamps when they are missing (an attribution, a snapshot time) are compared only when
 * the incoming record brings them, so importing the same input twice is always a no-op.
 */
export function isSameArticle(stored: ArticleInput, incoming: ArticleInput): boolean {
  const withAttribution = text(incoming.attribution) !== '';
  const before = comparable(stored, withAttribution);
  const after = comparable(incoming, withAttribution);
  if (incoming.snapshotAt === null) after.snapshotAt = before.snapshotAt;
  return JSON.stringify(before) === JSON.stringify(after);
}
