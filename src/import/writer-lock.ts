/**
 * Imports running at the same time must not both create the same category, source or article:
 * each looks for a name (or an article's keys) and creates it when missing, and two such
 * look-ups racing would both miss. So an import transaction first takes the database's writer
 * lock and holds it to commit; the other import waits, then finds what the first one committed.
 *
 * - PostgreSQL: a transaction-scoped advisory lock (released by commit or rollback, also when the
 *   process dies).
 * - SQLite: the file has a single writer anyway; a first statement that writes takes that lock at
 *   once, so the second import waits for it (busy timeout) instead of reading first and then
 *   failing with SQLITE_BUSY when it tries to write.
 */
import type { Core } from '@strapi/strapi';

/** An arbitrary constant naming the import lock among advisory locks: "kzim". */
const IMPORT_LOCK_KEY = 0x6b7a696d;
const SQLITE_BUSY_TIMEOUT_MS = 60_000;

type Transaction = { raw: (sql: string, bindings?: unknown[]) => Promise<unknown> };

export async function lockWriters(strapi: Core.Strapi, trx: Transaction): Promise<void> {
  const client = strapi.db.dialect.client;
  if (client === 'postgres') {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [IMPORT_LOCK_KEY]);
    return;
  }
  if (client === 'sqlite') {
    await trx.raw(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    const table = strapi.db.metadata.get('api::category.category').tableName;
    await trx.raw(`UPDATE ${table} SET id = id WHERE 1 = 0`);
  }
}

/** Errors that mean "another writer got in the way", worth retrying the whole transaction. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  // SQLITE_BUSY*; PostgreSQL serialization failure or deadlock.
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === '40001' || code === '40P01');
}
