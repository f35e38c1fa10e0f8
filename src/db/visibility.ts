/**
 * The public visibility rule, in one place: an article is public when its published version
 * exists and it is not withheld by a takedown. `withheldAt` is set on every row of every article
 * an enforced takedown covers (withholding.ts) and cleared on restore; the content itself is
 * never touched, so a restore brings it back exactly.
 *
 * Every public read of article-derived data goes through this rule, in the form its way of reading
 * takes (the public read gateway):
 * - `whereVisible(alias)` for knex queries (derived indexes and their read services, /related);
 * - `VISIBLE_ARTICLE_WHERE` for the query engine and the Document Service (with status published),
 *   and `visibleRowFilter(style)` for a relation step of a REST or GraphQL filter
 *   (security/published-only.ts applies it to every stock read, root and relation field);
 * - `withheldDocumentIds()` for filters that cannot name the private `withheldAt` (GraphQL
 *   relation arguments, which Strapi validates after our rewrite).
 *
 * Rows reached from an article follow it: a related link is public while the published row it
 * is printed under is visible (a link connected to the draft only is not published yet); a
 * link's target shows only when visible; a capture is public when its article is visible and its
 * published version has reached it (`isPublishedCapture`): a capture taken after the published
 * version's snapshot is of an edit not published yet.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from './derived-index';
import { isoOfStored } from './time';
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

/**
 * `query.where(wherePublished('a'))`: the rows behind `alias` are published versions, withheld or
 * not. For what must see withheld articles too (telling 451 from 404, the fingerprint index, the
 * write side), never for what a public read shows.
 */
export function wherePublished(alias?: string): (query: QueryBuilder) => void {
  return (query) => {
    query.whereNotNull(alias ? `${alias}.published_at` : 'published_at');
  };
}

/** `query.where(whereVisible('a'))`: the article rows behind `alias` are published and not withheld. */
export function whereVisible(alias?: string): (query: QueryBuilder) => void {
  return (query) => {
    query.where(wherePublished(alias)).whereNull(alias ? `${alias}.${WITHHELD_COLUMN}` : WITHHELD_COLUMN);
  };
}

/**
 * Query-engine `where` of the published row of a document, visible or not: for the write side and
 * for telling 451 from 404, never for what a public read shows.
 */
export const PUBLISHED_ROW_WHERE = { publishedAt: { $notNull: true } } as const;

/** Query-engine `where` of a visible article row. */
export const VISIBLE_ARTICLE_WHERE = { ...PUBLISHED_ROW_WHERE, [WITHHELD_ATTRIBUTE]: { $null: true } } as const;

/** `$notNull` in REST filters, `notNull` in GraphQL arguments. */
export type FilterStyle = '$' | '';

/** A published row in a filter of the given style (any draft-and-publish type). */
export const publishedRowFilter = (style: FilterStyle): Record<string, unknown> => ({ publishedAt: { [`${style}notNull`]: true } });

/**
 * A visible article row in a filter of the given style. REST filters may name the private
 * `withheldAt`; GraphQL arguments are validated after the rewrite, so there the withheld
 * articles are named by documentId (`withheldDocumentIds`).
 */
export function visibleRowFilter(style: FilterStyle, withheldArticles: readonly string[] = []): Record<string, unknown> {
  if (style === '$') return { ...publishedRowFilter(style), ...NOT_WITHHELD_FILTER };
  return withheldArticles.length === 0 ? publishedRowFilter(style) : { ...publishedRowFilter(style), documentId: { notIn: [...withheldArticles] } };
}

/**
 * The visible articles among these documents, each with the snapshot time its published version
 * shows (ms since the epoch, null when it has none): what `isPublishedCapture` compares with.
 */
export async function visibleSnapshotTimes(strapi: Core.Strapi, documentIds: readonly string[]): Promise<Map<string, number | null>> {
  if (documentIds.length === 0) return new Map();
  const rows = await strapi.db.query(ARTICLE).findMany({
    where: { documentId: { $in: [...new Set(documentIds)] }, ...VISIBLE_ARTICLE_WHERE },
    select: ['documentId', 'snapshotAt'],
  });
  return new Map(rows.map((row: { documentId: string; snapshotAt: unknown }) => [row.documentId, timeOf(row.snapshotAt)]));
}

const timeOf = (value: unknown): number | null => {
  const iso = isoOfStored(value);
  return iso === null ? null : Date.parse(iso);
};

/**
 * Whether a capture of an article is public: the article is visible (`shown` is its entry in
 * visibleSnapshotTimes) and the capture was taken no later than its published version. The
 * write path only moves a snapshot time forward, so anything later is an unpublished edit.
 */
export function isPublishedCapture(captureSnapshotAt: string, shown: number | null | undefined): boolean {
  if (shown === undefined) return false;
  return shown === null || Date.parse(captureSnapshotAt) <= shown;
}

/** Document Service filter added to public reads (status=published is set by published-only.ts). */
export const NOT_WITHHELD_FILTER = { [WITHHELD_ATTRIBUTE]: { $null: true } } as const;

/** The documentIds of the withheld articles (a few: takedowns are rare). */
export async function withheldDocumentIds(strapi: Core.Strapi): Promise<string[]> {
  const rows = await strapi.db.connection(strapi.db.metadata.get(ARTICLE).tableName).whereNotNull(WITHHELD_COLUMN).distinct('document_id');
  return rows.map((row: { document_id: string }) => row.document_id);
}
