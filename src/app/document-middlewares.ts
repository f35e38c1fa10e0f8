/**
 * Every Document Service middleware of the app, in one ordered list. Strapi runs them as an
 * onion: the first registered is the outermost, so each sees the request before those after it
 * and the result after them. The order matters; each entry says why it stands where it does.
 */
import type { Core } from '@strapi/strapi';
import { captureRecording } from '../captures/api-writes';
import type { DocumentMiddleware } from '../db/document-actions';
import { filterLimitsOnReads } from '../security/filter-limits';
import { publishedOnlyReads } from '../security/published-only';
import { safeUrlReads } from '../security/safe-urls';
import { takedownWrites, withholdingOnArticleWrites } from '../takedown/document-middlewares';
import { writePathStamps } from '../write-path';
import { indexSync } from './index-sync';

export const DOCUMENT_MIDDLEWARES: ReadonlyArray<{ name: string; why: string; make: (strapi: Core.Strapi) => DocumentMiddleware }> = [
  {
    name: 'filter limits',
    why: 'outermost: a content-API query whose filters join too much is refused before anything runs, counted on the filters the client sent, not on the published-only rewrite of them',
    make: filterLimitsOnReads,
  },
  {
    name: 'published-only reads',
    why: 'next: a public read is narrowed to published, visible rows before any later middleware or the database sees it',
    make: publishedOnlyReads,
  },
  {
    name: 'safe URL reads',
    why: 'outside every write: it blanks unsafe stored addresses in what any read returns, after the read',
    make: safeUrlReads,
  },
  {
    name: 'write-path stamps',
    why: 'before anything records or indexes a write: slugs, times, attribution and contributors are decided first; on a slug collision it runs the write again from here, through every middleware below',
    make: writePathStamps,
  },
  {
    name: 'derived-index sync',
    why: 'opens the write\'s transaction and takes the writers\' lock; syncs the indexes once everything below (the write, its capture, its withholding) is done, since the indexes read withheld_at',
    make: indexSync,
  },
  {
    name: 'capture recording',
    why: 'inside the write\'s transaction: a write over HTTP that creates an article or moves its snapshot time records a capture of what was stored; refuses hand-made captures',
    make: captureRecording,
  },
  {
    name: 'takedown writes',
    why: 'a takedown write stamps its history, then withholds or restores the articles it covers, in its own transaction under the writers\' lock',
    make: takedownWrites,
  },
  {
    name: 'withholding on article writes',
    why: 'last, so innermost: once an article write is done its withholding is decided, before the index sync (outer) reads withheld_at',
    make: withholdingOnArticleWrites,
  },
];

export function registerDocumentMiddlewares(strapi: Core.Strapi): void {
  for (const middleware of DOCUMENT_MIDDLEWARES) strapi.documents.use(middleware.make(strapi));
}
