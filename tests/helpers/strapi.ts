import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

const APP_DIR = path.resolve(__dirname, '../..');

/** Which database a test run uses: PostgreSQL when DATABASE_URL is set, a throw-away SQLite file otherwise. */
export const DATABASE = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-test-'));
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'test.db') },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the server DATABASE_URL points at, dropped afterwards: no test sees another's data. */
async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = new URL(process.env.DATABASE_URL!);
  const name = `kuaizhao_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl.toString());
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    async drop() {
      const client = new Client({ connectionString: serverUrl.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

let database: TestDatabase | undefined;
let savedEnv: NodeJS.ProcessEnv | undefined;

export interface StartOptions {
  /** Serve the built admin panel and listen on a real port (for browser tests). */
  admin?: boolean;
}

/** Boots the real, compiled application against a new database and mounts its HTTP server. */
export async function startStrapi({ admin = false }: StartOptions = {}): Promise<Core.Strapi> {
  database = DATABASE === 'postgres' ? await createPostgresDatabase() : await createSqliteDatabase();
  savedEnv = { ...process.env };
  const secret = () => randomBytes(16).toString('base64');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    APP_KEYS: [secret(), secret()].join(','),
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    HOST: '127.0.0.1',
    PORT: '0',
    ...database.env,
  });

  const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: admin });
  await app.load();
  if (admin) {
    await app.listen();
  } else {
    await app.server.mount();
  }
  return app;
}

/** The address a listening app answers on. */
export function baseUrl(app: Core.Strapi): string {
  const address = app.server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

export async function stopStrapi(app: Core.Strapi | undefined): Promise<void> {
  if (app) {
    await app.destroy();
  }
  await database?.drop();
  database = undefined;
  if (savedEnv) process.env = savedEnv;
}

/** A full-access API token, as a trusted back end would use. */
export async function createFullAccessToken(app: Core.Strapi): Promise<string> {
  const token = await app
    .service('admin::api-token')
    .create({ name: `test-${randomBytes(4).toString('hex')}`, type: 'full-access', lifespan: null });
  return token.accessKey as string;
}
