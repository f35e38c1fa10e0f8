/**
 * The app for a command-line tool: loaded (database, content types, document middlewares) but
 * not listening, quiet unless something goes wrong, and destroyed at the end.
 */
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import path from 'node:path';

/** dist/src/cli → the project root. */
const APP_DIR = path.resolve(__dirname, '../../..');

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

export async function withApp<T>(run: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  process.env.LOG_LEVEL ??= 'error';
  const strapi = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  try {
    return await run(strapi);
  } finally {
    await settle(strapi);
    await strapi.destroy();
  }
}

/** Thrown for bad arguments: the command prints the message and its usage, and exits with 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
