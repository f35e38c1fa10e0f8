import fs from 'node:fs';
import path from 'node:path';

/**
 * SQLite is the zero-setup default; PostgreSQL is chosen with DATABASE_CLIENT=postgres and DATABASE_URL.
 * An empty DATABASE_FILENAME falls back to the default, and the folder is created, so a fresh clone
 * never fails with "unable to open database file".
 */
const SQLITE_BUSY_TIMEOUT_MS = 60_000;

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
  return {
    connection: {
      client: 'sqlite',
      connection: { filename },
      useNullAsDefault: true,
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      // The file has one writer at a time: a process booting (its bootstrap writes settings) while
      // another imports waits for the import's batch to commit, instead of failing after 5 s.
      pool: {
        afterCreate(connection: { pragma(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void) {
          connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
          done(null, connection);
        },
      },
    },
  };
};
