/**
 * The editor's desk: what the article's edit view shows beside the form (its captures, its
 * reprints, its takedowns, its related lists) and the takedown actions it offers. Every action
 * goes through the Document Service like a Takedown made in its own collection, so the takedown
 * hooks (takedown/document-middlewares.ts) stamp the history with the editor's name and withhold
 * or restore the articles in the same transaction.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { capturesOfArticle, publishedCapturesOfArticle } from '../captures/reading';
import { formatBeijingTime } from '../core/beijing-time';
import { ARTICLE, TAKEDOWN } from '../db/uids';
import { PUBLISHED_ROW_WHERE } from '../db/visibility';
import { findFingerprint } from '../fingerprints/queries';
import { otherCopies } from '../fingerprints/read';
import { relatedArticles } from '../related/read';
import { publicUrl } from '../security/safe-urls';
import { storiesOf } from '../takedown/withholding';

export interface DeskCapture {
  documentId: string;
  snapshotAt: string;
  /** Beijing time, as editors read times. */
  beijing: string;
  /** revisit: the page unchanged since the capture before; changed: a recapture with new text; first. */
  kind: 'first' | 'revisit' | 'changed';
  capturedBy: string | null;
  /** The memento (this capture's page as the public sees it), when the capture is public. */
  mementoUrl: string | null;
}

export interface DeskTakedown {
  documentId: string;
  scope: 'article' | 'story';
  state: 'enforced' | 'restored' | 'rejected';
  requester: string;
  reason: string | null;
  enforcedAt: string | null;
  /** The article the notice names: this one, or another copy of its story. */
  article: { documentId: string; title: string } | null;
}

export interface ArticleDesk {
  /** withheldBeijing: when a takedown withheld it, in Beijing time, as editors read times. */
  article: { documentId: string; title: string; published: boolean; withheldAt: string | null; withheldBeijing: string | null };
  captures: DeskCapture[];
  reprints: { documentId: string; title: string; source: string | null; distance: number }[];
  takedowns: DeskTakedown[];
  related: {
    curated: { title: string | null; excerpt: string; url: string | null }[];
    computed: { documentId: string; title: string; score: number | null }[];
  };
}

const notFound = (documentId: string) => new errors.NotFoundError(`No article has the documentId "${documentId}"`);

async function articleRow(strapi: Core.Strapi, documentId: string) {
  const rows = await strapi.db.query(ARTICLE).findMany({
    where: { documentId },
    select: ['documentId', 'title', 'publishedAt', 'withheldAt'],
    populate: { relatedLinks: { select: ['title', 'excerpt', 'url', 'position'] } },
  });
  if (rows.length === 0) throw notFound(documentId);
  const published = rows.find((row: any) => row.publishedAt !== null);
  const draft = rows.find((row: any) => row.publishedAt === null) ?? published;
  return { draft, published };
}

/** Takedowns naming this article or another copy of its story, newest first. */
async function takedownsOf(strapi: Core.Strapi, documentId: string): Promise<DeskTakedown[]> {
  const knex = strapi.db.connection as unknown as Knex;
  const story = await storiesOf(knex, [documentId]);
  const rows = await strapi.db.query(TAKEDOWN).findMany({
    where: { article: { documentId: { $in: story } } },
    populate: { article: { select: ['documentId', 'title'] } },
    orderBy: { createdAt: 'desc' },
  });
  return rows
    .filter((row: any) => row.article?.documentId === documentId || row.scope === 'story')
    .map((row: any) => ({
      documentId: row.documentId,
      scope: row.scope,
      state: row.state,
      requester: row.requester,
      reason: row.reason ?? null,
      enforcedAt: row.enforcedAt ? new Date(row.enforcedAt).toISOString() : null,
      article: row.article ? { documentId: row.article.documentId, title: row.article.title } : null,
    }));
}

export async function articleDesk(strapi: Core.Strapi, documentId: string): Promise<ArticleDesk> {
  const { draft, published } = await articleRow(strapi, documentId);
  const base = `${publicUrl(strapi)}${strapi.config.get('api.rest.prefix', '/api')}`;

  const publicCaptures = new Set((await publishedCapturesOfArticle(strapi, documentId)).filter((capture) => capture.canonicalUrl).map((capture) => capture.documentId));
  const captures = (await capturesOfArticle(strapi, documentId)).map((capture, index): DeskCapture => ({
    documentId: capture.documentId,
    snapshotAt: capture.snapshotAt,
    beijing: formatBeijingTime(new Date(capture.snapshotAt)),
    kind: capture.revisitOf !== null ? 'revisit' : index === 0 ? 'first' : 'changed',
    capturedBy: capture.capturedBy,
    mementoUrl: publicCaptures.has(capture.documentId) ? `${base}/mementos/${capture.documentId}` : null,
  }));

  // Copies are found among published articles (the fingerprint index holds no draft).
  const knex = strapi.db.connection as unknown as Knex;
  const copies = await otherCopies(knex, documentId, await findFingerprint(knex, documentId));
  const copyRows = copies.length
    ? await strapi.db.query(ARTICLE).findMany({
        where: { documentId: { $in: copies.map((copy) => copy.documentId) }, ...PUBLISHED_ROW_WHERE },
        select: ['documentId', 'title'],
        populate: { source: { select: ['name'] } },
      })
    : [];
  const distance = new Map(copies.map((copy) => [copy.documentId, copy.distance]));
  const reprints = copyRows
    .map((row: any) => ({ documentId: row.documentId, title: row.title, source: row.source?.name ?? null, distance: distance.get(row.documentId)! }))
    .sort((a, b) => a.distance - b.distance || a.title.localeCompare(b.title));

  // The computed list as the public sees it: none while the article is unpublished or withheld.
  let computed: ArticleDesk['related']['computed'] = [];
  if (published && !published.withheldAt) {
    const list = await relatedArticles(strapi, documentId, { kind: 'computed', limit: 10 });
    computed = list.data.filter((item) => item.article).map((item) => ({ documentId: item.article!.documentId, title: item.title ?? item.article!.title, score: item.score }));
  }
  const curated = [...(draft.relatedLinks ?? [])]
    .sort((a: any, b: any) => (a.position ?? 0) - (b.position ?? 0))
    .map((link: any) => ({ title: link.title ?? null, excerpt: link.excerpt ?? '', url: link.url ?? null }));

  return {
    article: {
      documentId,
      title: draft.title,
      published: Boolean(published),
      withheldAt: published?.withheldAt ? new Date(published.withheldAt).toISOString() : null,
      withheldBeijing: published?.withheldAt ? formatBeijingTime(new Date(published.withheldAt)) : null,
    },
    captures,
    reprints,
    takedowns: await takedownsOf(strapi, documentId),
    related: { curated, computed },
  };
}

export interface WithholdInput {
  scope: 'article' | 'story';
  requester: string;
  reason?: string | null;
}

/** A Takedown naming the article, made as the Takedown collection makes one. */
export async function withhold(strapi: Core.Strapi, documentId: string, input: WithholdInput): Promise<ArticleDesk> {
  await articleRow(strapi, documentId);
  await strapi.documents(TAKEDOWN).create({
    data: { article: documentId, scope: input.scope, requester: input.requester, reason: input.reason ?? null, receivedAt: new Date().toISOString() } as any,
  });
  return articleDesk(strapi, documentId);
}

/** Every enforced takedown that withholds the article (its own, and its story's) set to restored. */
export async function restore(strapi: Core.Strapi, documentId: string): Promise<ArticleDesk> {
  const enforced = (await takedownsOf(strapi, documentId)).filter((takedown) => takedown.state === 'enforced');
  if (enforced.length === 0) throw new errors.ValidationError('No enforced takedown withholds this article');
  for (const takedown of enforced) {
    await strapi.documents(TAKEDOWN).update({ documentId: takedown.documentId, data: { state: 'restored' } as any });
  }
  return articleDesk(strapi, documentId);
}
