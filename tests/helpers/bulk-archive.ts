import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import { paragraphsToBlocks } from '../../src/core/body';
import { insertInBatches } from '../../src/db/sql';
import type { Knex } from '../../src/db/derived-index';
import { articleTables } from '../../src/db/join-tables';
import { CATEGORY } from '../../src/db/uids';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { searchIndex } from '../../src/search';

export interface BulkArchive {
  articles: number;
  linksPerArticle: number;
}

const documentId = () => randomBytes(18).toString('base64').replace(/[^a-z0-9]/gi, '').toLowerCase().padEnd(24, '0').slice(0, 24);

/** Ids of rows just inserted into `table` with these document ids, in the order given. */
async function idsOf(knex: Knex, table: string, documentIds: string[], published: boolean): Promise<number[]> {
  const rows: { id: number; document_id: string }[] = [];
  for (let i = 0; i < documentIds.length; i += 400) {
    const query = knex(table).whereIn('document_id', documentIds.slice(i, i + 400)).select('id', 'document_id');
    rows.push(...(await (published ? query.whereNotNull('published_at') : query.whereNull('published_at'))));
  }
  const byDocument = new Map(rows.map((row) => [row.document_id, Number(row.id)]));
  return documentIds.map((id) => byDocument.get(id)!);
}

/**
 * A published archive big enough to show what a query costs, in seconds rather than minutes:
 * rows bulk-inserted with knex as Strapi stores them (a draft and a published row per article, in
 * one category, each published row with `linksPerArticle` related links), then the search index
 * rebuilt. Every body says 发展, as most real ones do.
 */
export async function fillBulkArchive(app: Core.Strapi, { articles, linksPerArticle }: BulkArchive): Promise<void> {
  const knex = app.db.connection as unknown as Knex;
  const t = articleTables(app);
  const category = await app.db.query(CATEGORY).create({ data: { name: '国内', slug: 'guo-nei', publishedAt: new Date() } });
  const now = new Date().toISOString();
  const articleDocuments = Array.from({ length: articles }, documentId);
  const articleRows = articleDocuments.flatMap((document, i) => {
    const record = syntheticRecord(i, articles);
    const row = {
      document_id: document,
      title: record.title,
      slug: `bulk-${i}`,
      body: JSON.stringify(paragraphsToBlocks([`${record.paragraphs[0]}推动高质量发展。`, ...record.paragraphs.slice(1)])),
      source_published_at: record.sourcePublishedAt,
      snapshot_at: record.snapshotAt,
      created_at: now,
      updated_at: now,
    };
    return [
      { ...row, published_at: null },
      { ...row, published_at: now },
    ];
  });
  await insertInBatches(knex, t.articles, articleRows);
  const published = await idsOf(knex, t.articles, articleDocuments, true);
  const drafts = await idsOf(knex, t.articles, articleDocuments, false);
  await insertInBatches(
    knex,
    t.articleCategory.table,
    [...published, ...drafts].map((id) => ({ [t.articleCategory.from]: id, [t.articleCategory.to]: category.id })),
  );

  const linkDocuments = Array.from({ length: articles * linksPerArticle }, documentId);
  await insertInBatches(
    knex,
    t.relatedLinks,
    linkDocuments.map((document, n) => ({
      document_id: document,
      title: `相关报道 ${n % 97}`,
      excerpt: '...相关',
      position: n % linksPerArticle,
      created_at: now,
      updated_at: now,
      published_at: now,
    })),
  );
  const links = await idsOf(knex, t.relatedLinks, linkDocuments, true);
  await insertInBatches(
    knex,
    t.linkArticle.table,
    links.map((id, n) => ({ [t.linkArticle.from]: id, [t.linkArticle.to]: published[Math.floor(n / linksPerArticle)] })),
  );
  await searchIndex.rebuild(app);
}
