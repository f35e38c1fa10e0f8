import type { Core } from '@strapi/strapi';
import type { Knex } from '../db/derived-index';
import { isWithheld } from './withholding';

/**
 * An imported article that a takedown covers is reported `withheld`, whatever the write did
 * (created, updated, unchanged): the operator learns that nothing of it became public. The write
 * itself has been withheld by the article middleware (document-middlewares.ts) already.
 */
export async function reportWithheld<R extends { outcome: string; documentId: string } | { error: Error }>(
  strapi: Core.Strapi,
  /** The importer's transaction. */
  knex: unknown,
  result: R,
): Promise<R | { outcome: 'withheld'; documentId: string }> {
  if ('error' in result || !(await isWithheld(strapi, knex as Knex, result.documentId))) return result;
  return { outcome: 'withheld', documentId: result.documentId };
}
