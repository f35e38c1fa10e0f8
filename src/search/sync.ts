/**
 * Write-time sync of the search index: an entry per searchable article, segmented once and kept
 * until its text, category, source or date changes.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { letterBigrams, lettersOf, phraseKey, pinyinTokens, searchTokens } from '../core/search-terms';
import type { Knex } from '../db/derived-index';
import { deleteEntries, findSearchable, insertEntries, readFingerprints, type SearchableArticle, type SearchEntry } from './queries';
import { dialectOf } from './tables';

/** Raise it when segmentation or the stored form changes: every entry then reads as stale to `check`, and `sync` rewrites it. */
const INDEX_VERSION = 4;

const dateOf = (article: SearchableArticle): string => article.sourcePublishedAt ?? article.snapshotAt ?? '';

/** What an entry is built from, digested: an unchanged article is not segmented again. */
export function fingerprintOf(article: SearchableArticle): string {
  const { title, kicker, paragraphs, category, source } = article;
  return createHash('sha256')
    .update(JSON.stringify([INDEX_VERSION, title, kicker, paragraphs, category?.id ?? null, source?.id ?? null, dateOf(article)]))
    .digest('hex');
}

/** A text's words, then the pinyin of each distinct Chinese word (core/search-terms pinyinTokens). */
const withPinyin = (tokens: string[]): string[] => [...tokens, ...pinyinTokens(tokens)];

/** The kicker is indexed with the body: it is no headline, but readers search it. Version 2: Traditional folded to Simplified, pinyin added; 3: letters and their pairs for fragments; 4: the text's length, for BM25. */
export function entryOf(article: SearchableArticle, fingerprint = fingerprintOf(article)): SearchEntry {
  const body = [article.kicker ?? '', ...article.paragraphs].filter((text) => text !== '');
  const letters = [article.title, ...body].map(lettersOf);
  return {
    documentId: article.documentId,
    categoryId: article.category?.id ?? null,
    sourceId: article.source?.id ?? null,
    date: dateOf(article),
    fingerprint,
    text: [article.title, ...body].map(phraseKey).join('\n'),
    titleTokens: withPinyin(searchTokens(article.title)),
    bodyTokens: withPinyin(body.flatMap((paragraph) => searchTokens(paragraph))),
    letters: letters.join('\n'),
    pairs: letterBigrams(letters),
  };
}

export async function syncSearch(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const dialect = dialectOf(strapi);
  // Two reads and at most two batched writes, however many documents: the bulk import calls this with hundreds.
  // One after the other: a transaction is one connection.
  const searchable = await findSearchable(strapi, knex, documentIds);
  const stored = await readFingerprints(knex, documentIds);
  const stale: string[] = [];
  const fresh: SearchEntry[] = [];
  for (const documentId of new Set(documentIds)) {
    const article = searchable.get(documentId);
    const fingerprint = article ? fingerprintOf(article) : null;
    if (fingerprint !== null && stored.get(documentId) === fingerprint) continue;
    if (stored.has(documentId)) stale.push(documentId);
    if (article) fresh.push(entryOf(article, fingerprint!));
  }
  await deleteEntries(knex, dialect, stale);
  await insertEntries(knex, dialect, fresh);
}
