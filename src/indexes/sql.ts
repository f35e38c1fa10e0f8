/**
 * Small SQL helpers shared by the derived indexes. Statement sizes stay well under both
 * databases' limits (SQLite: 32766 bound values, 500 rows per multi-row insert).
 */
import type { Knex } from './derived-index';

export const chunks = <T>(items: readonly T[], size = 400): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The one batched insert: multi-row inserts of at most `size` rows. */
export async function insertInBatches(knex: Knex, table: string, rows: readonly object[], size = 100): Promise<void> {
  for (const batch of chunks(rows, size)) await knex(table).insert(batch);
}

/** Raw results come back as an array from SQLite and as `{ rows }` from PostgreSQL. */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/** An arbitrary constant naming the derived-index writers' lock among advisory locks: "kzix". */
const INDEX_LOCK_KEY = 0x6b7a6978;

/**
 * Index maintenance is serialised per database: each sync sees every earlier one committed, which
 * is what keeps incremental updates equal to a rebuild when two processes write neighbouring
 * articles. The work under the lock is bounded (champion lists), so the wait is too.
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: the file has one writer anyway; writing
 * first takes its lock now rather than failing later on upgrading a read lock.
 */
export async function lockIndexWriters(client: string, knex: Knex, anyTable: string): Promise<void> {
  if (client === 'postgres') {
    await knex.raw('SELECT pg_advisory_xact_lock(?)', [INDEX_LOCK_KEY]);
  } else {
    await knex.raw(`UPDATE ${anyTable} SET value = value WHERE 1 = 0`);
  }
}
