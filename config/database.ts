import fs from 'node:fs';
import path from 'node:path';

interface SqliteConnection {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
}

/** Statements kept compiled per SQLite connection: the app's queries are a few hundred shapes. */
const PREPARED_STATEMENTS_KEPT = 1000;

/**
 * knex prepares every statement it runs on SQLite afresh (better-sqlite3's prepare: parsing and
 * planning, 7% of an import's time). The same SQL text now reuses its compiled statement, as
 * better-sqlite3 advises. Safe because better-sqlite3 runs a statement to completion
 * synchronously (knex never iterates one), and SQLite recompiles a statement whose tables changed.
 * Cleared when full, so the memory stays bounded.
 */
export function reusePreparedStatements(connection: SqliteConnection, kept: number): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (statements.size >= kept) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };
}

const BOOTED = Symbol.for('kuaizhao.sqlite.booted');

/** Called at the end of the app's bootstrap (src/index.ts): from then on, transactions begin deferred. */
export function sqliteBootDone(): void {
  (globalThis as Record<symbol, unknown>)[BOOTED] = true;
}

/**
 * While the app boots, every SQLite transaction takes the file's write lock when it begins. knex
 * opens one with a plain `BEGIN;`, which SQLite defers, and Strapi's bootstrap reads its settings
 * and permissions in a transaction, then writes them. A deferred transaction that read, then
 * writes after another process committed (an import's batch), fails at once with
 * SQLITE_BUSY_SNAPSHOT: the busy timeout cannot help, since waiting would not make its snapshot
 * current. Begun IMMEDIATE, it waits its turn and then reads the latest state.
 *
 * Once booted, transactions begin deferred again: the Document Service wraps every read in one,
 * and a reader must not wait for a writer (WAL lets it go on). The app's own write transactions
 * take the lock with their first statement instead (`lockWriters`, src/db/writers.ts).
 *
 * Applied over the prepared-statement cache, so the cache keys the statement actually prepared.
 */
export function beginImmediatelyWhileBooting(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql: string) => prepare(sql === 'BEGIN;' && (globalThis as Record<symbol, unknown>)[BOOTED] !== true ? 'BEGIN IMMEDIATE;' : sql);
}

/**
 * SQLite is the zero-setup default; PostgreSQL is chosen with DATABASE_CLIENT=postgres and DATABASE_URL.
 * An empty DATABASE_FILENAME falls back to the default, and the folder is created, so a fresh clone
 * never fails with "unable to open database file".
 */
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    const connectionString = env('DATABASE_URL', '');
    return {
      connection: {
        client: 'postgres',
        connection: connectionString
          ? { connectionString, ssl: env.bool('DATABASE_SSL', false) }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'kuaizhao'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl: env.bool('DATABASE_SSL', false),
            },
        schema: env('DATABASE_SCHEMA', 'public'),
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}"`);
  }

  const filename = path.resolve(env('DATABASE_FILENAME', '') || path.join('.tmp', 'data.db'));
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  // A minute: a process booting (its bootstrap writes settings) while another imports waits for
  // the import's batch to commit instead of failing with SQLITE_BUSY.
  const busyTimeout = env.int('DATABASE_BUSY_TIMEOUT', 60000);
  return {
    connection: {
      client: 'sqlite',
      connection: { filename },
      pool: {
        // WAL lets readers go on while one writer (the server, or an import run in another
        // process) commits; the busy timeout makes a second writer wait its turn instead of
        // failing at once with SQLITE_BUSY.
        afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) {
          try {
            // The timeout first: switching to WAL needs a lock another process may hold.
            connection.pragma(`busy_timeout = ${busyTimeout}`);
            connection.pragma('journal_mode = WAL');
            connection.pragma('synchronous = NORMAL');
            reusePreparedStatements(connection, PREPARED_STATEMENTS_KEPT);
            beginImmediatelyWhileBooting(connection);
            done(null, connection);
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
      useNullAsDefault: true,
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};
