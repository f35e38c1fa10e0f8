/**
 * Write-time indexing: keeps the related-articles index in step with the published version of
 * one article. Only published rows are ever read here, so a draft never enters the index.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { blocksToParagraphs } from '../core/body';
import { keyTerms, termCounts, type ArticleText } from '../core/key-terms';
import { compareCandidates, keywordInContext, roundScore, similarity } from '../core/relatedness';
import {
  addToFrequencies,
  deleteIndexedDocument,
  findCandidates,
  findIndexedDocument,
  findIndexedDocuments,
  insertIndexedDocument,
  insertListRows,
  listFloors,
  readFrequencies,
  readKeyTerms,
  readPostings,
  removeFromFrequencies,
  removeFromLists,
  replaceList,
  trimLists,
  type IndexedDocument,
  type IndexedTerm,
  type Knex,
  type ListRow,
} from './index-store';

const ARTICLE = 'api::article.article';

/** Stored per article: the API serves at most 50, and curated targets are skipped at read time. */
export const LIST_LENGTH = 60;
/**
 * How many of the closest articles are compared with a new one. It enters their lists when it
 * beats their weakest entry; an article further away than this is assumed to have a full list.
 */
const CANDIDATE_POOL = 200;

export interface Subject {
  documentId: string;
  categoryId: number | null;
  date: string;
  keyTerms: IndexedTerm[];
}

export interface RankedItem {
  documentId: string;
  score: number;
  sameCategory: boolean;
  date: string;
  term: string;
  /** The related article's text around the strongest shared term. */
  excerpt: string;
  /** The subject's text around the same term: the excerpt when the subject appears in the other's list. */
  reverseExcerpt: string;
}

const isoOrEmpty = (value: unknown): string => {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
};

/** The article's published version, or null when it has none. */
async function readPublished(strapi: Core.Strapi, documentId: string) {
  const row = await strapi.db.query(ARTICLE).findOne({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['title', 'kicker', 'body', 'sourcePublishedAt', 'snapshotAt'],
    populate: { category: { select: ['id'] } },
  });
  if (!row) return null;
  const text: ArticleText = { title: row.title ?? '', kicker: row.kicker ?? null, paragraphs: blocksToParagraphs(row.body) };
  const categoryId: number | null = row.category?.id ?? null;
  const date = isoOrEmpty(row.sourcePublishedAt ?? row.snapshotAt);
  const fingerprint = createHash('sha256').update(JSON.stringify([text, categoryId, date])).digest('hex');
  return { text, categoryId, date, fingerprint };
}

/** Ranks the indexed articles closest to `subject`; `categoryId` restricts them to one category. */
export async function rankRelated(knex: Knex, subject: Subject, options: { limit: number; pool?: number; categoryId?: number }): Promise<RankedItem[]> {
  const ids = await findCandidates(knex, subject.keyTerms, {
    exclude: subject.documentId,
    limit: options.pool ?? Math.max(options.limit * 2, options.limit + 20),
    categoryId: options.categoryId,
  });
  if (ids.length === 0) return [];
  const [postings, documents] = await Promise.all([
    readPostings(knex, ids, subject.keyTerms.map(({ term }) => term)),
    findIndexedDocuments(knex, ids),
  ]);
  const contexts = new Map(subject.keyTerms.map(({ term, context }) => [term, context]));
  const items: RankedItem[] = [];
  for (const id of ids) {
    const terms = postings.get(id) ?? [];
    const { score, sharedTerms } = similarity(subject.keyTerms, terms);
    const document = documents.get(id);
    if (sharedTerms.length === 0 || !document) continue;
    const term = sharedTerms[0];
    items.push({
      documentId: id,
      score: roundScore(score),
      sameCategory: subject.categoryId !== null && document.categoryId === subject.categoryId,
      date: document.date,
      term,
      excerpt: terms.find((posting) => posting.term === term)!.context,
      reverseExcerpt: contexts.get(term)!,
    });
  }
  return items.sort(compareCandidates).slice(0, options.limit);
}

const listRow = (owner: string, item: RankedItem): ListRow => ({
  documentId: owner,
  relatedDocumentId: item.documentId,
  score: item.score,
  sameCategory: item.sameCategory,
  date: item.date,
  term: item.term,
  excerpt: item.excerpt,
});

async function loadSubject(knex: Knex, documentId: string): Promise<Subject | null> {
  const document = await findIndexedDocument(knex, documentId);
  if (!document) return null;
  return { documentId, categoryId: document.categoryId, date: document.date, keyTerms: await readKeyTerms(knex, documentId) };
}

/** Recomputes whole lists, for articles that lost an entry. */
async function refillLists(knex: Knex, owners: readonly string[]): Promise<void> {
  const floors = await listFloors(knex, owners);
  for (const owner of owners) {
    if ((floors.get(owner)?.size ?? 0) >= LIST_LENGTH) continue;
    const subject = await loadSubject(knex, owner);
    if (!subject) continue;
    const ranked = await rankRelated(knex, subject, { limit: LIST_LENGTH });
    await replaceList(knex, owner, ranked.map((item) => listRow(owner, item)));
  }
}

async function addToIndex(knex: Knex, documentId: string, article: NonNullable<Awaited<ReturnType<typeof readPublished>>>): Promise<void> {
  const counts = termCounts(article.text);
  const terms = [...counts.keys()];
  await addToFrequencies(knex, terms);
  const { frequency, total } = await readFrequencies(knex, terms);
  const { title, kicker, paragraphs } = article.text;
  const weighted: IndexedTerm[] = keyTerms(counts, (term) => frequency.get(term) ?? 1, total).map(({ term, weight }) => ({
    term,
    weight,
    // The body, as on the seed; a term only in the kicker or headline is shown there.
    context: keywordInContext(paragraphs, term) ?? keywordInContext([kicker ?? ''], term) ?? keywordInContext([title], term) ?? `...${term}`,
  }));
  const document: IndexedDocument = { documentId, categoryId: article.categoryId, date: article.date, fingerprint: article.fingerprint, terms };
  await insertIndexedDocument(knex, document, weighted);

  const subject: Subject = { documentId, categoryId: article.categoryId, date: article.date, keyTerms: weighted };
  const pool = await rankRelated(knex, subject, { limit: CANDIDATE_POOL, pool: CANDIDATE_POOL });
  await insertListRows(knex, pool.slice(0, LIST_LENGTH).map((item) => listRow(documentId, item)));

  // The new article enters the lists of the articles it is close to, where it beats their weakest entry.
  const floors = await listFloors(knex, pool.map((item) => item.documentId));
  const entering = pool.filter((item) => {
    const list = floors.get(item.documentId);
    return !list || list.size < LIST_LENGTH || item.score >= list.floor;
  });
  await insertListRows(
    knex,
    entering.map((item) => ({ ...listRow(item.documentId, item), relatedDocumentId: documentId, date: article.date, excerpt: item.reverseExcerpt })),
  );
  const overflowing = entering.filter((item) => (floors.get(item.documentId)?.size ?? 0) >= LIST_LENGTH).map((item) => item.documentId);
  await trimLists(knex, overflowing, LIST_LENGTH);
}

async function removeFromIndex(knex: Knex, document: IndexedDocument): Promise<string[]> {
  await removeFromFrequencies(knex, document.terms);
  await deleteIndexedDocument(knex, document.documentId);
  return removeFromLists(knex, document.documentId);
}

/**
 * Brings the index in line with the article's published version: adds it, replaces it when its
 * text, category or date changed, or removes it when it is no longer published. A draft-only
 * edit changes nothing.
 */
export async function syncRelatedIndex(strapi: Core.Strapi, documentId: string): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    const [published, indexed] = await Promise.all([readPublished(strapi, documentId), findIndexedDocument(knex, documentId)]);
    if (published && indexed?.fingerprint === published.fingerprint) return;
    const lostEntry = indexed ? await removeFromIndex(knex, indexed) : [];
    if (published) await addToIndex(knex, documentId, published);
    await refillLists(knex, lostEntry);
  });
}
