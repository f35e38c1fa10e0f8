/**
 * The one writer lock and the one retry of a conflicting write.
 *
 * Every writer of articles takes the lock first thing in its transaction and holds it to commit:
 * a Document Service write (src/app/index-sync.ts), a takedown, an import batch. That serialises
 * the derived indexes' maintenance per database (each sync starts from the state every earlier
 * one committed, which keeps incremental updates equal to a rebuild when two processes write
 * neighbouring articles), keeps two imports from both creating the same category, source or
 * article (each looks a name up and creates it when missing), and orders locks the same way in
 * every writer (no deadlock between two of them). The work under it is bounded per article
 * (champion lists), so the wait is too.
 *
 * - PostgreSQL: a transaction-scoped advisory lock (released by commit or rollback, also when the
 *   process dies; taking it again in the same transaction is free).
 * - SQLite: the file has one writer anyway; a first statement that writes takes that lock at once,
 *   so a second writer waits (the connection's busy timeout, DATABASE_BUSY_TIMEOUT in
 *   config/database.ts) instead of reading first and failing with SQLITE_BUSY on upgrading.
 *   (Transactions begin deferred once the app has booted, so that readers never wait on writers:
 *   `beginImmediatelyWhileBooting` in config/database.ts.)
 */
import type { Core } from '@strapi/strapi';
import { CATEGORY } from './uids';

/** An arbitrary constant naming the writers' lock among advisory locks: "kzix". */
const WRITERS_LOCK_KEY = 0x6b7a6978;

type Transaction = { raw: (sql: string, bindings?: any) => PromiseLike<unknown> };

export async function lockWriters(strapi: Core.Strapi, trx: Transaction): Promise<void> {
  if (strapi.db.dialect.client === 'postgres') {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [WRITERS_LOCK_KEY]);
  } else {
    await trx.raw(`UPDATE ${strapi.db.metadata.get(CATEGORY).tableName} SET id = id WHERE 1 = 0`);
  }
}

/** Errors that mean "another writer got in the way", worth retrying the whole transaction. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  // SQLITE_BUSY*; PostgreSQL serialization failure or deadlock.
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === '40001' || code === '40P01');
}

const MAX_ATTEMPTS = 8;

/**
 * Runs `transaction` (which opens its own) again when another writer got in the way, with a
 * growing, jittered pause. Only the code that opened a transaction may retry it: inside someone
 * else's, let the conflict reach them.
 */
export async function retryOnConflict<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}
