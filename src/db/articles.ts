/**
 * Finding an article by the address a URL gives (`/articles/:idOrSlug`), decided once: a value
 * shaped like Strapi's document id (24 lowercase letters and digits) is tried as one first, then
 * as a slug (a slug may look like an id); anything else can only be a slug. Only published rows
 * answer: a draft has no public address.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from './derived-index';
import { ARTICLE } from './uids';
import { wherePublished, WITHHELD_COLUMN } from './visibility';

const DOCUMENT_ID = /^[a-z0-9]{24}$/;

export const mayBeDocumentId = (idOrSlug: string): boolean => DOCUMENT_ID.test(idOrSlug);

/** The columns to look `idOrSlug` up by, in order. */
export const addressColumns = (idOrSlug: string): ReadonlyArray<'document_id' | 'slug'> =>
  mayBeDocumentId(idOrSlug) ? ['document_id', 'slug'] : ['slug'];

export interface ResolvedArticle {
  id: number;
  documentId: string;
  slug: string | null;
  title: string;
  /** Withheld by a takedown: the caller answers 451 or not found, as its readers may see it. */
  withheld: boolean;
}

/** The published article at this document id or slug, withheld or not; null when there is none. */
export async function resolveArticle(strapi: Core.Strapi, idOrSlug: string, knex: Knex = strapi.db.connection): Promise<ResolvedArticle | null> {
  const table = strapi.db.metadata.get(ARTICLE).tableName;
  for (const column of addressColumns(idOrSlug)) {
    const row = await knex(table).where(column, idOrSlug).where(wherePublished()).first('id', 'document_id', 'slug', 'title', WITHHELD_COLUMN);
    if (row) return { id: row.id, documentId: row.document_id, slug: row.slug ?? null, title: row.title, withheld: row[WITHHELD_COLUMN] !== null && row[WITHHELD_COLUMN] !== undefined };
  }
  return null;
}
