/**
 * The app for a command-line tool: loaded (database, content types, document middlewares) but
 * not listening, quiet unless something goes wrong, and destroyed at the end.
 */
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import path from 'node:path';

/** dist/src/cli → the project root. */
const APP_DIR = path.resolve(__dirname, '../../..');

export async function withApp<T>(run: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  process.env.LOG_LEVEL ??= 'error';
  const strapi = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  try {
    return await run(strapi);
  } finally {
    await strapi.destroy();
  }
}

/** Thrown for bad arguments: the command prints the message and its usage, and exits with 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
