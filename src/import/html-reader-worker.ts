/** A thread reading crawled HTML pages for an import (html-readers.ts): page in, reading out. */
import { parentPort } from 'node:worker_threads';
import { readHtmlPage, type HtmlPage } from './html-readers';

parentPort?.on('message', ({ id, page }: { id: number; page: HtmlPage }) => {
  try {
    parentPort!.postMessage({ id, reading: readHtmlPage(page) });
  } catch (error) {
    parentPort!.postMessage({ id, crash: (error as Error).stack ?? String(error) });
  }
});
