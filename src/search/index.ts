/**
 * The search index (behind `GET /api/articles/search` and GraphQL `searchArticles`) as a derived
 * index (db/derived-index.ts): its rooms are tables, queries, sync, rebuild, check and read.
 */
import type { DerivedIndex } from '../db/derived-index';
import { checkSearch } from './check';
import { rebuildSearch } from './rebuild';
import { syncSearch } from './sync';
import { ensureSearchTables } from './tables';

export const searchIndex: DerivedIndex = {
  name: 'search',
  ensureTables: ensureSearchTables,
  sync: syncSearch,
  rebuild: rebuildSearch,
  check: checkSearch,
};
