/**
 * A throw-away database and the app booted on it, for the integration tests and the benchmarks
 * (bench:import, bench:related, bench:search): one way to make a fresh SQLite file or PostgreSQL
 * database, point the app at it, and drop it afterwards; and one way to boot the compiled app and
 * shut it down, which the commands of src/cli use too. Lives in src/ so the compiled commands
 * (dist/) and the jest tests (compiled on the fly) share it.
 */
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** The project root: the nearest folder above this file with a package.json (src/testing or dist/src/testing). */
export const APP_DIR = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();

export type DatabaseClient = 'sqlite' | 'postgres';

/** PostgreSQL when DATABASE_URL names a server, else SQLite. */
export const databaseClientFromEnv = (env: NodeJS.ProcessEnv = process.env): DatabaseClient =>
  env.DATABASE_URL ? 'postgres' : 'sqlite';

export interface ThrowawayDatabase {
  client: DatabaseClient;
  /** The variables that point the app's config/database.ts at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database. SQLite: a file in a new temp folder. PostgreSQL: a new database on the
 * server `serverUrl` (default DATABASE_URL), named `prefix_<pid>_<random>`, dropped WITH (FORCE).
 */
export async function createThrowawayDatabase(
  client: DatabaseClient = databaseClientFromEnv(),
  { prefix = 'kuaizhao_test', serverUrl = process.env.DATABASE_URL }: { prefix?: string; serverUrl?: string } = {},
): Promise<ThrowawayDatabase> {
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, '-')}-`));
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!serverUrl) throw new Error('a PostgreSQL throw-away database needs DATABASE_URL (the server to create it on)');
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    client,
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Fresh secrets, as a test or benchmark needs no .env. */
export function throwawaySecrets(): Record<string, string> {
  const secret = () => randomBytes(16).toString('base64');
  return {
    APP_KEYS: [secret(), secret()].join(','),
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
  };
}

export interface BootOptions {
  /** Serve the built admin panel. */
  admin?: boolean;
  /** Mount the HTTP server (for supertest); `listen` also opens a port. */
  http?: 'none' | 'mount' | 'listen';
}

/** Loads the compiled app (dist/) against whatever database process.env points at. */
export async function bootApp({ admin = false, http = 'none' }: BootOptions = {}): Promise<Core.Strapi> {
  const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: admin });
  await app.load();
  if (http === 'listen') await app.listen();
  else if (http === 'mount') await app.server.mount();
  return app;
}

const SETTLE_POLL_MS = 20;
const SETTLE_TIMEOUT_MS = 60_000;

/**
 * Waits until no query is running or waiting. The Document Service emits its events after commit
 * without awaiting them (each one reads the entry back, fully populated, for webhooks); destroying
 * the app under them aborts their queries, which on PostgreSQL crashes the process.
 */
export async function settle(strapi: Core.Strapi): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: Record<string, () => number> }).pool;
  if (!pool) return;
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  // Idle twice in a row: an event may start its query right after another one ends.
  for (let idle = 0; idle < 2 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    idle = busy() ? 0 : idle + 1;
  }
}

/** Stops the app once its pending queries are done. */
export async function shutDownApp(app: Core.Strapi): Promise<void> {
  await settle(app);
  await app.destroy();
}

export interface ThrowawayApp {
  app: Core.Strapi;
  database: ThrowawayDatabase;
  /** Stops the app, drops the database, restores the environment. */
  stop(): Promise<void>;
}

/**
 * A new database, the app booted on it (with fresh secrets, quiet logs), and a stop that undoes
 * both. The environment is set for the app (and any child process it starts) until stop.
 */
export async function startThrowawayApp(
  options: BootOptions & { client?: DatabaseClient; prefix?: string; env?: Record<string, string> } = {},
): Promise<ThrowawayApp> {
  const database = await createThrowawayDatabase(options.client ?? databaseClientFromEnv(), { prefix: options.prefix });
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: process.env.NODE_ENV ?? 'test',
    ...throwawaySecrets(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.env,
    ...database.env,
  });
  let app: Core.Strapi;
  try {
    app = await bootApp(options);
  } catch (error) {
    process.env = saved;
    await database.drop();
    throw error;
  }
  return {
    app,
    database,
    async stop() {
      try {
        await shutDownApp(app);
      } finally {
        await database.drop();
        process.env = saved;
      }
    },
  };
}

/**
 * A new throw-away database holding a copy of `source` (which no one may be connected to): a
 * benchmark fills an archive once and measures on copies of it.
 */
export async function copyThrowawayDatabase(source: ThrowawayDatabase, { prefix = 'kuaizhao_copy' } = {}): Promise<ThrowawayDatabase> {
  if (source.client === 'sqlite') {
    const copy = await createThrowawayDatabase('sqlite', { prefix });
    fs.copyFileSync(source.env.DATABASE_FILENAME, copy.env.DATABASE_FILENAME);
    return copy;
  }
  const sourceUrl = new URL(source.env.DATABASE_URL);
  const sourceName = sourceUrl.pathname.slice(1);
  const serverUrl = new URL(sourceUrl.toString());
  serverUrl.pathname = '/postgres';
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl.toString(), `CREATE DATABASE ${name} TEMPLATE ${sourceName}`);
  const url = new URL(sourceUrl.toString());
  url.pathname = `/${name}`;
  return {
    client: 'postgres',
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    drop: () => onServer(serverUrl.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
