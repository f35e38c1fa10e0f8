/**
 * The fingerprint index (near copies of a story, behind `GET /api/articles/:idOrSlug/reprints`)
 * as a derived index (db/derived-index.ts): its rooms are tables, queries, sync, rebuild, check
 * and read.
 */
import type { DerivedIndex } from '../db/derived-index';
import { jieba } from '../core/key-terms';
import { loadIdfTable } from '../core/simhash';
import { checkFingerprints } from './check';
import { rebuildFingerprints } from './rebuild';
import { syncFingerprints } from './sync';
import { ensureFingerprintTable } from './tables';

export const fingerprintIndex: DerivedIndex = {
  name: 'fingerprints',
  async ensureTables(strapi) {
    await ensureFingerprintTable(strapi);
    // Half a second of parsing at boot, not in the first write (an import's first article) or
    // the first search; jieba's dictionary likewise (a quarter of a second).
    loadIdfTable();
    jieba();
  },
  sync: syncFingerprints,
  rebuild: rebuildFingerprints,
  check: checkFingerprints,
};
