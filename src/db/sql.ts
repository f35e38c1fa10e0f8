/**
 * Small SQL helpers shared by the derived indexes and the bulk writers. Statement sizes stay well under both
 * databases' limits (SQLite: 32766 bound values, 500 rows per multi-row insert).
 */
import type { Knex } from './derived-index';

export const chunks = <T>(items: readonly T[], size = 400): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const isSqlite = (knex: Knex): boolean => ['sqlite3', 'better-sqlite3'].includes((knex as unknown as { client: { config: { client: string } } }).client.config.client);

/**
 * The one batched insert: multi-row inserts of at most `size` rows. On SQLite, knex writes a
 * multi-row insert as `SELECT ? UNION ALL SELECT ?...`, which SQLite plans as a compound query:
 * a `VALUES (...), (...)` list of the same rows is two to three times cheaper, and it is what
 * knex writes on PostgreSQL. Rows must share their columns (they do: one table, one mapping).
 */
export async function insertInBatches(knex: Knex, table: string, rows: readonly object[], size = 100): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const uniform = rows.every((row) => {
    const keys = Object.keys(row);
    return keys.length === columns.length && keys.every((key, i) => key === columns[i] && (row as Record<string, unknown>)[key] !== undefined);
  });
  if (!isSqlite(knex) || !uniform) {
    for (const batch of chunks(rows, size)) await knex(table).insert(batch);
    return;
  }
  const into = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (const batch of chunks(rows, size)) {
    await knex.raw(
      into + batch.map(() => tuple).join(', '),
      batch.flatMap((row) => columns.map((column) => (row as Record<string, unknown>)[column])) as any[],
    );
  }
}

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The rows `select` reads for each chunk of `keys` (a `whereIn` over them), all together. */
export async function selectInChunks<K, T>(keys: readonly K[], select: (chunk: K[]) => PromiseLike<T[]>, size?: number): Promise<T[]> {
  const rows: T[] = [];
  for (const chunk of chunks(keys, size)) rows.push(...(await select(chunk)));
  return rows;
}

/** Raw results come back as an array from SQLite and as `{ rows }` from PostgreSQL. */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/** Creates a plain table (a derived index's) unless it exists; tolerates another instance booting at the same moment. */
export async function createTableIfMissing(knex: Knex, name: string, build: Parameters<Knex['schema']['createTable']>[1]): Promise<boolean> {
  if (await knex.schema.hasTable(name)) return false;
  try {
    await knex.schema.createTable(name, build);
    return true;
  } catch (error) {
    if (!(await knex.schema.hasTable(name))) throw error;
    return false;
  }
}
