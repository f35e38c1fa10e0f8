/**
 * The read service of the fingerprint index: the other published, visible copies of an article's
 * story, nearest first. REST (`/api/articles/:idOrSlug/reprints`) and GraphQL (`reprints`) answer
 * from here; so does the related list, which never offers a copy of the same story.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isoTime, mayBeDocumentId } from '../related/article-queries';
import { ARTICLE, VISIBLE_ARTICLE_WHERE } from '../takedown/visibility';
import { findFingerprint, findNearCopies, type Knex } from './store';

export interface Reprint {
  documentId: string;
  slug: string | null;
  title: string;
  /** The aggregator that carried this copy (来源). */
  source: string | null;
  /** The outlet that wrote the story (本文转自). */
  reprintedFrom: string | null;
  snapshotAt: string | null;
  /** Bits by which this copy's fingerprint differs from the article's (0–3). */
  distance: number;
}

export interface Reprints {
  data: Reprint[];
  meta: { article: { documentId: string; slug: string | null; title: string } };
}


/** Documents of the same story as this one (itself excluded), visible or not: for exclusions. */
export async function sameStoryDocumentIds(knex: Knex, documentId: string): Promise<string[]> {
  const fingerprint = await findFingerprint(knex, documentId);
  if (!fingerprint) return [];
  return (await findNearCopies(knex, fingerprint)).map((copy) => copy.documentId).filter((id) => id !== documentId);
}

export async function reprintsOf(strapi: Core.Strapi, idOrSlug: string): Promise<Reprints> {
  const articles = strapi.db.query(ARTICLE);
  const where = mayBeDocumentId(idOrSlug) ? { $or: [{ documentId: idOrSlug }, { slug: idOrSlug }] } : { slug: idOrSlug };
  const article = await articles.findOne({ where: { ...where, ...VISIBLE_ARTICLE_WHERE }, select: ['documentId', 'slug', 'title'] });
  if (!article) throw new errors.NotFoundError(`No published article has the id or slug "${idOrSlug}"`);

  const knex = strapi.db.connection as Knex;
  const fingerprint = await findFingerprint(knex, article.documentId);
  const copies = fingerprint ? (await findNearCopies(knex, fingerprint)).filter((copy) => copy.documentId !== article.documentId) : [];
  const distance = new Map(copies.map((copy) => [copy.documentId, copy.distance]));
  const rows = copies.length === 0 ? [] : await articles.findMany({
    where: { documentId: { $in: [...distance.keys()] }, ...VISIBLE_ARTICLE_WHERE },
    select: ['documentId', 'slug', 'title', 'snapshotAt'],
    populate: { source: { select: ['name'] }, reprintedFrom: { select: ['name'] } },
  });
  const data: Reprint[] = rows.map((row: any) => ({
    documentId: row.documentId,
    slug: row.slug ?? null,
    title: row.title,
    source: row.source?.name ?? null,
    reprintedFrom: row.reprintedFrom?.name ?? null,
    snapshotAt: isoTime(row.snapshotAt),
    distance: distance.get(row.documentId)!,
  }));
  // Nearest first; among equals, the earliest capture (closest to the original) first.
  data.sort((a, b) => a.distance - b.distance || (a.snapshotAt ?? '').localeCompare(b.snapshotAt ?? '') || a.documentId.localeCompare(b.documentId));
  return { data, meta: { article: { documentId: article.documentId, slug: article.slug ?? null, title: article.title } } };
}
