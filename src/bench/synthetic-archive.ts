/**
 * An archive of synthetic published articles written straight as rows, as Strapi stores them: a
 * draft and a published row per article, its category and source joined, and curated related
 * links if asked. For the benchmarks that need a large archive (bench:search, bench:related):
 * through the Document Service 100k articles take too long for a run. The derived indexes are left
 * to the caller, which builds them with their rebuild, as `npm run reindex` does after a back-fill.
 */
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import { paragraphsToBlocks } from '../core/body';
import type { Knex } from '../db/derived-index';
import { joinTableOf, type JoinTable } from '../db/join-tables';
import { ARTICLE, CATEGORY, RELATED_LINK, SOURCE } from '../db/uids';


/** The fields of one synthetic article; a field left out stays empty in its rows. */
export interface SyntheticArticle {
  title: string;
  paragraphs: string[];
  kicker?: string | null;
  excerpt?: string;
  attribution?: string;
  sourcePublishedAt: string;
  snapshotAt: string;
  /** By name: the category row is made the first time a name comes. */
  category: string;
  /** By name, as the category. */
  source?: string;
}

export interface SyntheticArchiveOptions {
  /** How many articles, numbered from 0 (slug `bench-<i>`). */
  count: number;
  article: (i: number) => SyntheticArticle;
  /** Curated related links per article, as a snapshot page lists them (the seed has nine). */
  curatedLinks?: number;
  /** Stops after the batch that passes this many milliseconds, with the articles written so far. */
  budgetMs?: number;
}

/** 5000 articles (some 45,000 rows) per transaction: one commit, not one per statement. */
const BATCH = 5000;

const documentId = () => randomBytes(18).toString('base64').replace(/[^a-z0-9]/gi, '').toLowerCase().padEnd(24, '0').slice(0, 24);

/**
 * Multi-row inserts returning the new ids: 100 rows a statement on SQLite (knex writes a
 * multi-row insert there as a compound SELECT, capped at 500 terms), 1000 on PostgreSQL.
 */
async function insertRows(knex: Knex, table: string, rows: object[]): Promise<number[]> {
  const size = knex.client.config.client === 'postgres' || knex.client.config.client === 'pg' ? 1000 : 100;
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const inserted = await knex(table).insert(rows.slice(i, i + size)).returning('id');
    ids.push(...inserted.map((row: any) => (typeof row === 'object' ? row.id : row)));
  }
  return ids;
}

/** Writes the archive; returns the document ids of the articles written, in order. */
export async function writeSyntheticArchive(
  strapi: Core.Strapi,
  { count, article, curatedLinks = 0, budgetMs = Infinity }: SyntheticArchiveOptions,
): Promise<string[]> {
  const meta = strapi.db.metadata.get(ARTICLE);
  const categoryJoin = joinTableOf(strapi, ARTICLE, 'category');
  const sourceJoin = joinTableOf(strapi, ARTICLE, 'source');
  const linkJoin = joinTableOf(strapi, RELATED_LINK, 'article');

  const ids = new Map<string, number>();
  const idOf = async (uid: typeof CATEGORY | typeof SOURCE, name: string) => {
    const key = `${uid}:${name}`;
    if (!ids.has(key)) ids.set(key, (await strapi.db.query(uid).create({ data: { name, slug: `${uid.slice(5, 8)}-${ids.size}` } })).id);
    return ids.get(key)!;
  };

  const started = Date.now();
  const now = new Date().toISOString();
  const written: string[] = [];
  while (written.length < count && Date.now() - started < budgetMs) {
    const from = written.length;
    const batch = Array.from({ length: Math.min(count, from + BATCH) - from }, (_, k) => ({ i: from + k, ...article(from + k) }));
    // One at a time: the first article of a name makes its row.
    const categories: number[] = [];
    const sources: (number | undefined)[] = [];
    for (const a of batch) {
      categories.push(await idOf(CATEGORY, a.category));
      sources.push(a.source === undefined ? undefined : await idOf(SOURCE, a.source));
    }
    const documentIds = batch.map(() => documentId());

    await strapi.db.connection.transaction(async (knex: Knex) => {
      const rows = batch.flatMap((a, k) => {
        const row = {
          document_id: documentIds[k],
          title: a.title,
          slug: `bench-${a.i}`,
          ...(a.kicker !== undefined && { kicker: a.kicker }),
          body: JSON.stringify(paragraphsToBlocks(a.paragraphs)),
          ...(a.excerpt !== undefined && { excerpt: a.excerpt }),
          source_published_at: a.sourcePublishedAt,
          snapshot_at: a.snapshotAt,
          ...(a.attribution !== undefined && { attribution: a.attribution }),
          created_at: now,
          updated_at: now,
        };
        return [
          { ...row, published_at: null },
          { ...row, published_at: now },
        ];
      });
      // Rows 2k and 2k + 1 are the draft and the published version of the batch's k-th article.
      const rowIds = await insertRows(knex, meta.tableName, rows);
      const join = (table: JoinTable, targets: (number | undefined)[]) =>
        rowIds.flatMap((id, row) => {
          const target = targets[Math.floor(row / 2)];
          return target === undefined ? [] : [{ [table.joinColumn.name]: id, [table.inverseJoinColumn.name]: target }];
        });
      await insertRows(knex, categoryJoin.name, join(categoryJoin, categories));
      await insertRows(knex, sourceJoin.name, join(sourceJoin, sources));
      if (curatedLinks === 0) return;

      const links = batch.flatMap((a) =>
        Array.from({ length: curatedLinks }, (_, position) => ({
          title: `相关 ${a.i}-${position}`,
          excerpt: '...相关资讯',
          date: now,
          position,
          document_id: documentId(),
          created_at: now,
          updated_at: now,
          published_at: now,
        })),
      );
      const linkIds = await insertRows(knex, strapi.db.metadata.get(RELATED_LINK).tableName, links);
      // Each link belongs to both rows of its article, as the Document Service links them.
      const linkRows = linkIds.flatMap((linkId, k) => {
        const draft = Math.floor(k / curatedLinks) * 2;
        return [rowIds[draft], rowIds[draft + 1]].map((articleId) => ({ [linkJoin.joinColumn.name]: linkId, [linkJoin.inverseJoinColumn.name]: articleId }));
      });
      await insertRows(knex, linkJoin.name, linkRows);
    });
    written.push(...documentIds);
  }
  return written;
}
