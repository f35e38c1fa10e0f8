import type { Core } from '@strapi/strapi';

/** Every Document Service action that writes a document: the middlewares that act on writes select from it. */
export const WRITE_ACTIONS: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** A Document Service middleware: the app registers them all in one ordered list (src/app/document-middlewares.ts). */
export type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];
