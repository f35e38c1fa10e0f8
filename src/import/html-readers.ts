/**
 * Reading crawled HTML pages (charset, then the article reader) off the main thread.
 *
 * Reading a page is pure CPU (a DOM, Readability: a few milliseconds to tens for a large page),
 * and an import's main thread is busy with the database writes. With `threads` > 0, pages are read
 * in that many worker threads while the main thread writes what was read before: the two overlap,
 * and on a machine of several cores the pages are read side by side. With 0, each page is read on
 * the calling thread (what a small import or a test wants: no worker to start).
 *
 * Results come back in the order the pages were given, whatever order the workers finish in: the
 * caller (crawl-input.ts) keeps a window of pages in flight and takes them in turn, so memory holds
 * at most `window` pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeHtml } from '../core/html-charset';
import { HtmlArticleError, readHtmlArticle } from '../core/html-article';
import type { ParseWarning, SnapshotRecord } from '../core/snapshot-page';

export interface HtmlPage {
  payload: Uint8Array;
  /** The HTTP Content-Type that came with it (a WARC response), the charset's first witness. */
  contentType?: string | null;
  url?: string | null;
}

export type HtmlReading = { record: SnapshotRecord; warnings: ParseWarning[] } | { reason: string };

/** The one way a crawled page is read, on whichever thread: a page without an article is a reason, not an error. */
export function readHtmlPage(page: HtmlPage): HtmlReading {
  const { text } = decodeHtml(page.payload, page.contentType);
  try {
    const { record, warnings } = readHtmlArticle(text, { url: page.url ?? null });
    return { record, warnings };
  } catch (error) {
    if (!(error instanceof HtmlArticleError)) throw error;
    return { reason: error.reason };
  }
}

export interface HtmlReaders {
  read(page: HtmlPage): Promise<HtmlReading>;
  /** How many pages the caller may keep in flight. */
  readonly window: number;
  close(): Promise<void>;
}

/**
 * Reading threads when the operator names none: one per core. Reading a page costs more CPU than
 * writing it (bench:crawl), so the writing thread leaves most of its core to a reader.
 */
export const defaultReaderThreads = (): number => Math.max(1, os.availableParallelism());

/**
 * Pages in flight per reading thread. The writer holds the main thread for a whole batch (a bulk
 * batch of 200 takes a second or two), and neither hands out pages nor takes readings meanwhile:
 * each thread needs that long's worth of pages already sent to it (about 20 ms a page), or it
 * idles while the writer writes and the writer then idles while it reads (bench:crawl).
 */
const PAGES_PER_THREAD = 64;

export const inlineReaders: HtmlReaders = {
  read: async (page) => readHtmlPage(page),
  window: 1,
  close: async () => {},
};

/** The compiled worker script; from the TypeScript source (a test under ts-jest), the build's. */
const WORKER_SCRIPT = __filename.endsWith('.ts') ? path.resolve(__dirname, '../../dist/src/import/html-reader-worker.js') : path.join(__dirname, 'html-reader-worker.js');

type Reply = { id: number } & ({ reading: HtmlReading } | { crash: string });

export function startHtmlReaders(threads: number): HtmlReaders {
  if (threads <= 0) return inlineReaders;
  if (!fs.existsSync(WORKER_SCRIPT)) throw new Error(`${WORKER_SCRIPT} is missing: reading threads need the compiled app (npm run build)`);
  const waiting = new Map<number, { resolve: (reading: HtmlReading) => void; reject: (error: Error) => void }>();
  /** Pages sent to each thread and not yet read: a page goes to the least loaded, at once, and waits in that thread's queue. */
  const load: number[] = Array.from({ length: threads }, () => 0);
  let nextId = 0;
  let failure: Error | null = null;
  let closing = false;

  const send = (worker: Worker, job: { id: number; page: HtmlPage }) => {
    // A copy of the payload, handed over (not copied again): the caller's buffer may be a slice of a larger one.
    const payload = new Uint8Array(job.page.payload);
    worker.postMessage({ id: job.id, page: { ...job.page, payload } }, [payload.buffer]);
  };
  const failAll = (error: Error) => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const workers = Array.from({ length: threads }, (_, index) => {
    const worker = new Worker(WORKER_SCRIPT);
    worker.on('message', (reply: Reply) => {
      load[index] -= 1;
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('crash' in reply) job?.reject(new Error(reply.crash));
      else job?.resolve(reply.reading);
    });
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => {
      if (code !== 0 && !closing) failAll(new Error(`an HTML reading thread stopped (exit code ${code})`));
    });
    return worker;
  });

  return {
    window: threads * PAGES_PER_THREAD,
    read(page) {
      if (failure) return Promise.reject(failure);
      const id = (nextId += 1);
      const reading = new Promise<HtmlReading>((resolve, reject) => waiting.set(id, { resolve, reject }));
      const least = load.indexOf(Math.min(...load));
      load[least] += 1;
      send(workers[least], { id, page });
      return reading;
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
