import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import { databaseClientFromEnv, startThrowawayApp, type ThrowawayApp } from '../../src/testing/throwaway-app';

/** Which database a test run uses: PostgreSQL when DATABASE_URL is set, a throw-away SQLite file otherwise. */
export const DATABASE = databaseClientFromEnv();

let running: ThrowawayApp | undefined;

export interface StartOptions {
  /** Serve the built admin panel and listen on a real port (for browser tests). */
  admin?: boolean;
}

/** Boots the real, compiled application against a new database and mounts its HTTP server. */
export async function startStrapi({ admin = false }: StartOptions = {}): Promise<Core.Strapi> {
  running = await startThrowawayApp({ admin, http: admin ? 'listen' : 'mount', env: { NODE_ENV: 'test' } });
  return running.app;
}

/** The address a listening app answers on. */
export function baseUrl(app: Core.Strapi): string {
  const address = app.server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

export async function stopStrapi(app: Core.Strapi | undefined): Promise<void> {
  if (!running) {
    await app?.destroy();
    return;
  }
  const stopping = running;
  running = undefined;
  await stopping.stop();
}

/** A full-access API token, as a trusted back end would use. */
export async function createFullAccessToken(app: Core.Strapi): Promise<string> {
  const token = await app
    .service('admin::api-token')
    .create({ name: `test-${randomBytes(4).toString('hex')}`, type: 'full-access', lifespan: null });
  return token.accessKey as string;
}
