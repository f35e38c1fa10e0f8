/**
 * The public visibility rule, in one place: an article is public when its published version
 * exists and it is not withheld by a takedown. `withheldAt` is set on every row of every article
 * an enforced takedown covers (withholding.ts) and cleared on restore; the content itself is
 * never touched, so a restore brings it back exactly.
 *
 * Three forms of the same rule, for the ways the archive reads articles:
 * - `whereVisible(alias)` for knex queries (derived indexes and their read services);
 * - `VISIBLE_ARTICLE_WHERE` for the query engine and the Document Service (with status published);
 * - `withheldDocumentIds()` for filters that cannot name the private `withheldAt` (GraphQL
 *   relation arguments, which Strapi validates after our rewrite).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from './derived-index';
import { ARTICLE } from './uids';

export const WITHHELD_ATTRIBUTE = 'withheldAt';
export const WITHHELD_COLUMN = 'withheld_at';

type QueryBuilder = ReturnType<Knex>;

/**
 * The index of withheld rows: partial, over withheld rows only. A plain index on withheld_at
 * (Strapi's schema.json cannot declare a partial one) let SQLite, which has no statistics until
 * ANALYZE, read "withheld_at IS NULL" as selective and walk every row of the archive through it
 * instead of looking articles up by document id: the related index's read of a batch's texts
 * cost 230 ms at 100k articles. Created at every bootstrap (idempotent); the plain index of
 * earlier versions is dropped.
 */
export const WITHHELD_INDEX = 'articles_withheld_partial_idx';

export async function ensureWithheldIndex(strapi: Core.Strapi): Promise<void> {
  const table = strapi.db.metadata.get(ARTICLE).tableName;
  const knex = strapi.db.connection;
  await knex.raw(`DROP INDEX IF EXISTS articles_withheld_idx`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${WITHHELD_INDEX} ON ${table} (${WITHHELD_COLUMN}) WHERE ${WITHHELD_COLUMN} IS NOT NULL`);
}

/** `query.where(whereVisible('a'))`: the article rows behind `alias` are published and not withheld. */
export function whereVisible(alias?: string): (query: QueryBuilder) => void {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return (query) => {
    query.whereNotNull(column('published_at')).whereNull(column(WITHHELD_COLUMN));
  };
}

/** Query-engine `where` of a visible article row. */
export const VISIBLE_ARTICLE_WHERE = { publishedAt: { $notNull: true }, [WITHHELD_ATTRIBUTE]: { $null: true } } as const;

/** Document Service filter added to public reads (status=published is set by published-only.ts). */
export const NOT_WITHHELD_FILTER = { [WITHHELD_ATTRIBUTE]: { $null: true } } as const;

/** The documentIds of the withheld articles (a few: takedowns are rare). */
export async function withheldDocumentIds(strapi: Core.Strapi): Promise<string[]> {
  const rows = await strapi.db.connection(strapi.db.metadata.get(ARTICLE).tableName).whereNotNull(WITHHELD_COLUMN).distinct('document_id');
  return rows.map((row: { document_id: string }) => row.document_id);
}
