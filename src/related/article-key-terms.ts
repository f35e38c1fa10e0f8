/**
 * The one read of an article's key terms from outside the related index (JSON-LD keywords).
 * Repoint this function when the index's tables change; callers stay as they are.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from '../indexes/derived-index';
import { readPostings } from './index-queries';

/** The key terms the index holds for a published article, strongest first; [] when it holds none. */
export async function articleKeyTerms(strapi: Core.Strapi, documentId: string): Promise<string[]> {
  const terms = await readPostings(strapi.db.connection as Knex, [documentId]);
  return terms.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)).map((term) => term.term);
}
