/**
 * The search index as a derived index (the shared contract of every index kept from published
 * articles): bring given documents in step, rebuild everything, or report where the stored
 * index differs from a fresh build.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { phraseKey, searchTokens } from '../core/search-terms';
import { countSearchable, findSearchable, searchablePage, type SearchableArticle } from './searchable';
import { clearEntries, deleteEntries, insertEntries, readAllFingerprints, readFingerprints, settleAfterRebuild, type SearchEntry } from './store';
import { dialectOf, ensureSearchTables, type Knex } from './tables';

export interface DerivedIndex {
  name: string;
  ensureTables(strapi: Core.Strapi): Promise<void>;
  /** Bring the index in step with the published versions of these documents, inside `knex` (a transaction). */
  sync(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void>;
  rebuild(strapi: Core.Strapi, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Differences between the stored index and a fresh rebuild, as readable lines; [] when equal. */
  check(strapi: Core.Strapi): Promise<string[]>;
}

/** Raise it when segmentation or the stored form changes: every entry then reads as stale to `check`, and `sync` rewrites it. */
const INDEX_VERSION = 1;

const dateOf = (article: SearchableArticle): string => article.sourcePublishedAt ?? article.snapshotAt ?? '';

/** What an entry is built from, digested: an unchanged article is not segmented again. */
function fingerprintOf(article: SearchableArticle): string {
  const { title, kicker, paragraphs, category, source } = article;
  return createHash('sha256')
    .update(JSON.stringify([INDEX_VERSION, title, kicker, paragraphs, category?.id ?? null, source?.id ?? null, dateOf(article)]))
    .digest('hex');
}

/** The kicker is indexed with the body: it is no headline, but readers search it. */
function entryOf(article: SearchableArticle, fingerprint = fingerprintOf(article)): SearchEntry {
  const body = [article.kicker ?? '', ...article.paragraphs].filter((text) => text !== '');
  return {
    documentId: article.documentId,
    categoryId: article.category?.id ?? null,
    sourceId: article.source?.id ?? null,
    date: dateOf(article),
    fingerprint,
    text: [article.title, ...body].map(phraseKey).join('\n'),
    titleTokens: searchTokens(article.title),
    bodyTokens: body.flatMap((paragraph) => searchTokens(paragraph)),
  };
}

async function sync(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void> {
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

/** Articles read and written per step of a rebuild or check. */
const PAGE = 500;

async function rebuild(strapi: Core.Strapi, onProgress?: (done: number, total: number) => void): Promise<void> {
  const dialect = dialectOf(strapi);
  await ensureSearchTables(strapi);
  // One transaction: readers keep the old index until the new one is complete.
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    const total = await countSearchable(strapi, knex);
    await clearEntries(knex, dialect);
    let done = 0;
    for (let afterId = 0; ; ) {
      const page = await searchablePage(strapi, knex, afterId, PAGE);
      if (page.length === 0) break;
      await insertEntries(knex, dialect, page.map((article) => entryOf(article)));
      afterId = page[page.length - 1].id;
      done += page.length;
      onProgress?.(done, total);
    }
    await settleAfterRebuild(knex, dialect);
  });
}

/** Compares what each searchable article would be indexed from with what its entry was indexed from. */
async function check(strapi: Core.Strapi): Promise<string[]> {
  const knex = strapi.db.connection as Knex;
  const stored = await readAllFingerprints(knex);
  const differences: string[] = [];
  for (let afterId = 0; ; ) {
    const page = await searchablePage(strapi, knex, afterId, PAGE);
    if (page.length === 0) break;
    for (const article of page) {
      const fingerprint = stored.get(article.documentId);
      if (fingerprint === undefined) differences.push(`search: ${article.documentId} is published but not indexed`);
      else if (fingerprint !== fingerprintOf(article)) differences.push(`search: ${article.documentId} is indexed from an older version`);
      stored.delete(article.documentId);
    }
    afterId = page[page.length - 1].id;
  }
  for (const documentId of stored.keys()) differences.push(`search: ${documentId} is indexed but not published`);
  return differences;
}

export const searchIndex: DerivedIndex = {
  name: 'search',
  ensureTables: ensureSearchTables,
  sync,
  rebuild,
  check,
};
