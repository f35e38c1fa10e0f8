import type { Core } from '@strapi/strapi';
import { createTableIfMissing } from '../db/sql';

/**
 * The fingerprint index: one row per published article (withheld ones included: a later reprint
 * of a withheld story must still be recognised), its 64-bit SimHash and the four 16-bit blocks
 * it is looked up by. A plain table, like the related index's: never in the admin or the API.
 */
export const FINGERPRINT_TABLE = 'fingerprint_index';
export const BLOCK_COLUMNS = ['block_0', 'block_1', 'block_2', 'block_3'] as const;

export async function ensureFingerprintTable(strapi: Core.Strapi): Promise<void> {
  await createTableIfMissing(strapi.db.connection, FINGERPRINT_TABLE, (table) => {
    table.string('document_id', 64).primary();
    table.string('fingerprint', 16).notNullable();
    /** The article's contentHash (digest of headline and body) it was computed from: an unchanged text is not hashed again. */
    table.string('text_hash', 64).nullable();
    for (const column of BLOCK_COLUMNS) {
      table.integer(column).notNullable();
      table.index([column], `${FINGERPRINT_TABLE}_${column}_idx`);
    }
  });
}
