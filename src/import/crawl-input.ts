/**
 * The importer's input as crawlers write it: HTML pages (.html, .htm) and WARC files (.warc, and
 * .warc.gz with per-record gzip), read one page at a time through the HTML article reader.
 *
 * A WARC is streamed record by record (warcio): memory holds one record, whatever the file's
 * size. A `response` of an HTML page with status 200 is a capture of its address (WARC-Target-URI)
 * at WARC-Date; a `revisit` is the same page captured again, read as the page its payload digest
 * names (kept from this file, the last REVISITS_KEPT pages). `warcinfo` names the crawler;
 * `request` and `metadata` are read and not archived. Anything else is skipped and counted by
 * reason. A file that breaks off (truncated, bad gzip) ends with a failure naming the byte offset
 * of the record that could not be read; every whole record before it has been read.
 */
import fs from 'node:fs';
import { WARCParser, type WARCRecord } from 'warcio';
import type { ArticleInput } from '../core/article-input';
import type { SnapshotRecord } from '../core/snapshot-page';
import { inlineReaders, type HtmlReaders } from './html-readers';

/** How a crawled page was read: the report counts them. */
export type CrawlLayout = 'HTML page' | 'WARC record';

interface CrawlOrigin {
  path: string;
  /** For a WARC record: its number in the file (1-based); the message names its byte offset. */
  line: number;
}

export type CrawlItem =
  | { kind: 'article'; origin: CrawlOrigin; record: ArticleInput; warnings: { line: number; message: string }[]; layout: CrawlLayout }
  | { kind: 'failure'; origin: CrawlOrigin; reason: string }
  | { kind: 'skipped'; origin: CrawlOrigin; reason: string };

export interface CrawlReadOptions {
  /** The crawler to credit when a WARC's warcinfo names none (`--captured-by`). */
  capturedBy?: string | null;
  /** Where pages are read (html-readers.ts): on this thread unless the import started threads. */
  readers?: HtmlReaders;
}

/** An HTML page is a few hundred kilobytes; a file this large is not one. */
const MAX_HTML_BYTES = 20 * 1024 * 1024;
/** Pages kept to read revisits by: a crawl revisits a page within the same file, mostly soon. */
export const REVISITS_KEPT = 2000;

const isWarc = (file: string) => /\.warc(\.gz)?$/i.test(file);
const isHtml = (file: string) => /\.html?$/i.test(file);

export const isCrawlFile = (file: string): boolean => isWarc(file) || isHtml(file);

const asInput = (record: SnapshotRecord): ArticleInput => ({ ...record, relatedLinks: [] });

async function* readHtmlFile(file: string, readers: HtmlReaders): AsyncGenerator<CrawlItem> {
  const origin = { path: file, line: 1 };
  const { size } = fs.statSync(file);
  if (size === 0) return yield { kind: 'failure', origin, reason: 'empty file' };
  if (size > MAX_HTML_BYTES) return yield { kind: 'failure', origin, reason: `too large for an HTML page (${size} bytes)` };
  const reading = await readers.read({ payload: fs.readFileSync(file) });
  if ('reason' in reading) return yield { kind: 'failure', origin, reason: reading.reason };
  yield { kind: 'article', origin, record: asInput(reading.record), warnings: reading.warnings, layout: 'HTML page' };
}

/** `software` and `operator` of a warcinfo record's `key: value` lines. */
function crawlerOfWarcinfo(text: string): string | null {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([\w-]+)\s*:\s*(.+)$/.exec(line);
    if (match) fields.set(match[1].toLowerCase(), match[2].trim());
  }
  return fields.get('software') ?? fields.get('operator') ?? null;
}

const isHtmlType = (contentType: string | null | undefined) => /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? '');

/** Why a response is not archived, or null when it is an HTML page to read. */
function skipReason(record: WARCRecord): string | null {
  const status = Number(record.httpHeaders?.statusCode ?? 0);
  if (status >= 300 && status < 400) return 'redirect';
  if (status !== 200) return `HTTP status ${status || 'missing'}`;
  if (!isHtmlType(record.httpHeaders?.headers.get('content-type'))) return 'not an HTML page';
  // Read whole to be parsed: a record larger than any page is refused unread, as an HTML file is.
  if (record.warcContentLength > MAX_HTML_BYTES) return 'too large for an HTML page';
  return null;
}

class WarcBreak extends Error {}

/**
 * Records of a WARC file, each with its byte offset (of the compressed file for .warc.gz). A
 * record shorter than its Content-Length, bytes left over after the last whole record, or a
 * gzip member that does not inflate throw WarcBreak naming the offset.
 */
async function* warcRecords(file: string): AsyncGenerator<{ record: WARCRecord; offset: number; number: number }> {
  const { size } = fs.statSync(file);
  const parser = new WARCParser(fs.createReadStream(file, { highWaterMark: 256 * 1024 }));
  let number = 0;
  let end = 0;
  const iterator = parser[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<WARCRecord>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw new WarcBreak(`unreadable record at byte ${parser.offset}: ${(error as Error).message}`);
    }
    if (next.done) break;
    number += 1;
    const offset = parser.offset;
    // Uncompressed, the record's end is known from its headers: past the file's end, it is cut short.
    const internals = parser as unknown as { _warcHeadersLength: number; _reader: { compressed: string | null } };
    if (next.value.warcHeaders.headers.get('content-length') === null) {
      throw new WarcBreak(`record ${number} at byte ${offset} breaks off in its headers (no Content-Length)`);
    }
    if (!internals._reader.compressed && internals._warcHeadersLength + next.value.warcContentLength > size) {
      throw new WarcBreak(`record ${number} at byte ${offset} breaks off: ${next.value.warcContentLength} bytes of content announced, the file ends first`);
    }
    yield { record: next.value, offset, number };
    // Whatever the reader left of the record is skipped here; a short one is a broken file.
    await next.value.skipFully();
    // The record's own reader (warcio's LimitReader) counts down what is left of its Content-Length.
    const limited = (next.value as unknown as { _reader: { limit?: number } })._reader;
    if (typeof limited.limit === 'number' && limited.limit > 0) throw new WarcBreak(`record ${number} at byte ${offset} breaks off ${limited.limit} bytes short`);
    end = offset;
  }
  const consumed = (parser as unknown as { _reader: { getRawOffset(): number } })._reader.getRawOffset();
  if (consumed < size) throw new WarcBreak(`the file breaks off after byte ${Math.max(consumed, end)}: ${size - consumed} bytes are not a whole record`);
}

/**
 * A WARC's items in record order, its pages read `readers.window` at a time: the next pages are
 * being read while the caller writes the ones before. A revisit waits for the page it repeats.
 */
async function* readWarcFile(file: string, options: CrawlReadOptions): AsyncGenerator<CrawlItem> {
  const readers = options.readers ?? inlineReaders;
  let crawler = options.capturedBy ?? null;
  /** Pages read (or being read) from responses, by payload digest, oldest first: what a revisit repeats. */
  const pages = new Map<string, Promise<ArticleInput | null>>();
  const inFlight: Promise<CrawlItem>[] = [];
  const queue = (item: CrawlItem | Promise<CrawlItem>) => {
    const pending = Promise.resolve(item);
    // Taken in turn below; until then a failure must not count as unhandled.
    pending.catch(() => {});
    inFlight.push(pending);
  };
  async function* takeUntil(left: number): AsyncGenerator<CrawlItem> {
    while (inFlight.length > left) yield await inFlight.shift()!;
  }
  let articles = 0;
  try {
    for await (const { record, offset, number } of warcRecords(file)) {
      yield* takeUntil(readers.window - 1);
      const origin = { path: file, line: number };
      const at = `record ${number} at byte ${offset}`;
      const type = record.warcType;
      if (type === 'warcinfo') {
        crawler = options.capturedBy ?? crawlerOfWarcinfo(await record.contentText()) ?? crawler;
        continue;
      }
      if (type === 'request' || type === 'metadata') continue;
      const url = record.warcTargetURI ?? null;
      const snapshotAt = record.warcDate ? new Date(record.warcDate).toISOString() : null;
      if (type === 'revisit') {
        const page = pages.get(record.warcPayloadDigest ?? '');
        const notHere: CrawlItem = { kind: 'skipped', origin, reason: 'revisit of a page not in this file' };
        if (!page) {
          queue(notHere);
          continue;
        }
        articles += 1;
        queue(page.then((read): CrawlItem => (read ? { kind: 'article', origin, record: { ...read, originalUrl: url ?? read.originalUrl, snapshotAt }, warnings: [], layout: 'WARC record' } : notHere)));
        continue;
      }
      if (type !== 'response') {
        queue({ kind: 'skipped', origin, reason: `${type} record` });
        continue;
      }
      const skipped = skipReason(record);
      if (skipped) {
        queue({ kind: 'skipped', origin, reason: skipped });
        continue;
      }
      const payload = await record.readFully(true);
      articles += 1;
      const capturedBy = crawler;
      const reading = readers.read({ payload, contentType: record.httpHeaders?.headers.get('content-type'), url });
      const page = reading.then((read) => ('reason' in read ? null : { ...asInput(read.record), snapshotAt, capturedBy }));
      page.catch(() => {});
      const digest = record.warcPayloadDigest;
      if (digest) {
        pages.delete(digest);
        pages.set(digest, page);
        if (pages.size > REVISITS_KEPT) pages.delete(pages.keys().next().value as string);
      }
      queue(
        Promise.all([reading, page]).then(([read, input]): CrawlItem =>
          'reason' in read
            ? { kind: 'failure', origin, reason: `${at} (${url}): ${read.reason}` }
            : { kind: 'article', origin, record: input!, warnings: read.warnings.map((warning) => ({ ...warning, line: number })), layout: 'WARC record' },
        ),
      );
    }
  } catch (error) {
    if (!(error instanceof WarcBreak)) throw error;
    yield* takeUntil(0);
    yield { kind: 'failure', origin: { path: file, line: 0 }, reason: error.message };
    return;
  }
  yield* takeUntil(0);
  if (articles === 0) yield { kind: 'skipped', origin: { path: file, line: 0 }, reason: 'WARC file with no HTML page' };
}

/** The reader of a crawl file by its name, or null when it is not one. */
export function crawlReaderOf(file: string, options: CrawlReadOptions = {}): (() => AsyncGenerator<CrawlItem>) | null {
  if (isWarc(file)) return () => readWarcFile(file, options);
  if (isHtml(file)) return () => readHtmlFile(file, options.readers ?? inlineReaders);
  return null;
}
