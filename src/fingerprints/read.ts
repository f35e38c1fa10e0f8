/**
 * The read service of the fingerprint index: the other published, visible copies of an article's
 * story, nearest first. REST (`/api/articles/:idOrSlug/reprints`) and GraphQL (`reprints`) answer
 * from here; so does the related list, which never offers a copy of the same story.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Fingerprint } from '../core/simhash';
import { resolveArticle } from '../db/articles';
import type { Knex } from '../db/derived-index';
import { isoOfStored } from '../db/time';
import { ARTICLE } from '../db/uids';
import { VISIBLE_ARTICLE_WHERE } from '../db/visibility';
import { findFingerprint, findNearCopies, nearCopiesAmong, type CopyCandidate, type NearCopy } from './queries';

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


/**
 * The other documents of the same story as `documentId` (visible or not), nearest first, given its
 * fingerprint: the reprints list shows the visible ones, the related list leaves them all out.
 */
export async function otherCopies(knex: Knex, documentId: string, fingerprint: Fingerprint | null): Promise<NearCopy[]> {
  if (!fingerprint) return [];
  return withoutItself(documentId, await findNearCopies(knex, fingerprint));
}

/** otherCopies, from candidate rows already read (store.ts's nearCopyCandidates). */
export function otherCopiesAmong(documentId: string, fingerprint: Fingerprint | null, candidates: readonly CopyCandidate[]): NearCopy[] {
  if (!fingerprint) return [];
  return withoutItself(documentId, nearCopiesAmong(fingerprint, candidates));
}

const withoutItself = (documentId: string, copies: NearCopy[]) => copies.filter((copy) => copy.documentId !== documentId);

export async function reprintsOf(strapi: Core.Strapi, idOrSlug: string): Promise<Reprints> {
  const articles = strapi.db.query(ARTICLE);
  const article = await resolveArticle(strapi, idOrSlug);
  if (!article || article.withheld) throw new errors.NotFoundError(`No published article has the id or slug "${idOrSlug}"`);

  const knex = strapi.db.connection as Knex;
  const copies = await otherCopies(knex, article.documentId, await findFingerprint(knex, article.documentId));
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
    snapshotAt: isoOfStored(row.snapshotAt),
    distance: distance.get(row.documentId)!,
  }));
  // Nearest first; among equals, the earliest capture (closest to the original) first.
  data.sort((a, b) => a.distance - b.distance || (a.snapshotAt ?? '').localeCompare(b.snapshotAt ?? '') || a.documentId.localeCompare(b.documentId));
  return { data, meta: { article: { documentId: article.documentId, slug: article.slug, title: article.title } } };
}
