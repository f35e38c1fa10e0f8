import type { Core } from '@strapi/strapi';

/**
 * The benchmarks measure writes without indexing by setting this to `off` (every index) or to
 * `off:<name>,<name>` (those indexes, e.g. `off:fingerprints`); read on every write, so one
 * process can compare both. Nothing else should.
 */
export const INDEXING_SWITCH = 'KUAIZHAO_RELATED_INDEXING';

/** Whether the switch turns off the write-time sync of the index named (of every index, without a name). */
export function indexingSwitchedOff(name?: string): boolean {
  const value = process.env[INDEXING_SWITCH];
  if (value === 'off') return true;
  return name !== undefined && value?.startsWith('off:') === true && value.slice('off:'.length).split(',').includes(name);
}

/** The one Knex type: Strapi's connection, or a transaction of it (same query-builder interface). */
export type Knex = Core.Strapi['db']['connection'];

/**
 * An index derived from the PUBLISHED articles (related lists, search, fingerprints, captures):
 * kept current by the Document Service middleware (document-middleware.ts) and by writers below
 * it (the bulk import), never holding a draft, rebuilt and checked by `npm run reindex`.
 */
export interface DerivedIndex {
  name: string;
  /** Idempotent, called at bootstrap. */
  ensureTables(strapi: Core.Strapi): Promise<void>;
  /** Bring the index in step with the published versions of these documents, inside `knex` (a transaction). */
  sync(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void>;
  rebuild(strapi: Core.Strapi, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Differences between the stored index and a fresh rebuild, as readable lines; [] when equal. */
  check(strapi: Core.Strapi): Promise<string[]>;
}
