/**
 * Write-time indexing: keeps the related-articles index in step with the published version of
 * one article. Only published rows are ever read here, so a draft never enters the index.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { blocksToParagraphs } from '../core/body';
import { keyTerms, termCounts, type ArticleText } from '../core/key-terms';
import { compareCandidates, keywordInContext, roundScore, similarity } from '../core/relatedness';
import { whereVisible } from '../takedown/visibility';
import { articleTables } from './article-tables';
import {
  addToFrequencies,
  deleteIndexedDocument,
  findCandidates,
  findIndexedDocument,
  insertIndexedDocument,
  insertListRows,
  readKeyTerms,
  readPostings,
  removeFromFrequencies,
  removeFromLists,
  replaceList,
  trimLists,
  updateListFloors,
  type Candidate,
  type IndexedDocument,
  type IndexedTerm,
  type Knex,
  type ListRow,
} from './index-store';
import { isoTime } from './read-store';

/**
 * Stored per article: the default page of 10 with room for 10 curated targets skipped at read
 * time. Keeping every list in step costs a write about this many rows, so it is kept short; a
 * request for more is ranked live from the term index (see related-articles.ts).
 */
export const LIST_LENGTH = 20;
/**
 * How many of the closest articles a new one is compared with. It enters their lists when it
 * beats their weakest entry; an article further away is taken to have better ones already.
 */
const CANDIDATE_POOL = 3 * LIST_LENGTH;

export interface Subject {
  documentId: string;
  categoryId: number | null;
  date: string;
  keyTerms: IndexedTerm[];
}

export interface RankedItem extends Candidate {
  sameCategory: boolean;
  /** The strongest shared term. */
  term: string;
  /** The related article's text around that term. */
  excerpt: string;
  /** The subject's text around the same term: the excerpt when the subject appears in the other's list. */
  reverseExcerpt: string;
}

interface PublishedText {
  text: ArticleText;
  categoryId: number | null;
  date: string;
  fingerprint: string;
}

/** The article's published version, or null when it has none or is withheld (takedown/visibility.ts). */
async function readPublished(strapi: Core.Strapi, knex: Knex, documentId: string): Promise<PublishedText | null> {
  const t = articleTables(strapi);
  const row = await knex(`${t.articles} as a`)
    .leftJoin(`${t.articleCategory.table} as ac`, `ac.${t.articleCategory.article}`, 'a.id')
    .where('a.document_id', documentId)
    .where(whereVisible('a'))
    .first('a.title', 'a.kicker', 'a.body', 'a.source_published_at', 'a.snapshot_at', `ac.${t.articleCategory.category} as category_id`);
  if (!row) return null;
  const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
  const text: ArticleText = { title: row.title ?? '', kicker: row.kicker ?? null, paragraphs: blocksToParagraphs(body) };
  const categoryId: number | null = row.category_id ?? null;
  const date = isoTime(row.source_published_at ?? row.snapshot_at) ?? '';
  const fingerprint = createHash('sha256').update(JSON.stringify([text, categoryId, date])).digest('hex');
  return { text, categoryId, date, fingerprint };
}

/**
 * The indexed articles closest to `subject`, ranked: shared key terms, then same category, then
 * recency. `categoryId` restricts them to one category.
 */
export async function rankRelated(knex: Knex, subject: Subject, options: { limit: number; pool?: number; categoryId?: number }): Promise<RankedItem[]> {
  const candidates = await findCandidates(knex, subject.keyTerms, {
    exclude: subject.documentId,
    limit: options.pool ?? Math.max(options.limit * 2, options.limit + 20),
    categoryId: options.categoryId,
  });
  if (candidates.length === 0) return [];
  const postings = await readPostings(
    knex,
    candidates.map(({ documentId }) => documentId),
    subject.keyTerms.map(({ term }) => term),
  );
  const contexts = new Map(subject.keyTerms.map(({ term, context }) => [term, context]));
  const items: RankedItem[] = [];
  for (const candidate of candidates) {
    const terms = postings.get(candidate.documentId) ?? [];
    const { sharedTerms } = similarity(subject.keyTerms, terms);
    if (sharedTerms.length === 0) continue;
    const term = sharedTerms[0];
    items.push({
      ...candidate,
      score: roundScore(candidate.score),
      sameCategory: subject.categoryId !== null && candidate.categoryId === subject.categoryId,
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

/** Recomputes whole lists, for articles that lost an entry and may have room for another. */
async function refillLists(knex: Knex, owners: readonly string[]): Promise<void> {
  for (const owner of owners) {
    const document = await findIndexedDocument(knex, owner);
    if (!document) continue;
    const subject: Subject = { documentId: owner, categoryId: document.categoryId, date: document.date, keyTerms: await readKeyTerms(knex, owner) };
    const ranked = await rankRelated(knex, subject, { limit: LIST_LENGTH });
    await replaceList(knex, owner, ranked.map((item) => listRow(owner, item)));
  }
  await updateListFloors(knex, owners);
}

async function addToIndex(knex: Knex, documentId: string, article: PublishedText): Promise<void> {
  const counts = termCounts(article.text);
  const terms = [...counts.keys()];
  const { frequency, total } = await addToFrequencies(knex, terms);
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
  // The new article enters the lists of the articles it is close to, where it beats their weakest entry.
  const entering = pool.filter((item) => item.listSize < LIST_LENGTH || item.score >= item.listFloor);
  await insertListRows(knex, [
    ...pool.slice(0, LIST_LENGTH).map((item) => listRow(documentId, item)),
    ...entering.map((item) => ({ ...listRow(item.documentId, item), relatedDocumentId: documentId, date: article.date, excerpt: item.reverseExcerpt })),
  ]);
  await trimLists(
    knex,
    entering.filter((item) => item.listSize >= LIST_LENGTH).map((item) => item.documentId),
    LIST_LENGTH,
  );
  await updateListFloors(knex, [documentId, ...entering.map((item) => item.documentId)]);
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
    const published = await readPublished(strapi, knex, documentId);
    const indexed = await findIndexedDocument(knex, documentId);
    if (published && indexed?.fingerprint === published.fingerprint) return;
    const lostEntry = indexed ? await removeFromIndex(knex, indexed) : [];
    if (published) await addToIndex(knex, documentId, published);
    await refillLists(knex, lostEntry);
  });
}
