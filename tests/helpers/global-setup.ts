import { compileStrapi } from '@strapi/strapi';
import path from 'node:path';

/** Compile the TypeScript app once per test run; each test file then boots the compiled app. */
export default async function globalSetup(): Promise<void> {
  await compileStrapi({ appDir: path.resolve(__dirname, '../..') });
}
