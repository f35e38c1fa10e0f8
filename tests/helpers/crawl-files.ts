/**
 * Crawl files made from the real HTML fixtures at test time: a WARC as a crawler writes it
 * (warcinfo, requests, responses, a revisit, a changed recapture, an image, a 404, a redirect,
 * metadata), its copy cut short, and pages re-encoded in GBK and Big5 as Chinese servers send them.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { WARCRecord, WARCSerializer } from 'warcio';

export const HTML_FIXTURES = path.resolve(__dirname, '../fixtures/html');
export const fixtureHtml = (name: string): string => fs.readFileSync(path.join(HTML_FIXTURES, name), 'utf8');

/** A page's text in another charset, its own declaration changed to say so. */
export function reencoded(html: string, charset: 'gbk' | 'big5', declare = true): Buffer {
  const text = html.replace(/<meta[^>]*charset[^>]*>/gi, '');
  const declared = declare ? text.replace(/<head([^>]*)>/i, `<head$1><meta charset="${charset === 'gbk' ? 'gb2312' : 'big5'}">`) : text;
  return iconv.encode(declared, charset);
}

export interface WarcEntry {
  type: 'warcinfo' | 'request' | 'response' | 'revisit' | 'metadata';
  url?: string;
  date?: string;
  status?: string;
  contentType?: string;
  body?: string | Buffer;
  /** For a revisit: the payload digest of the response it repeats. */
  refersToDigest?: string;
  info?: Record<string, string>;
}

const bytesOf = (body: string | Buffer | undefined) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : (body ?? Buffer.alloc(0)));

/** The WARC records of `entries`, each gzipped on its own (as .warc.gz), and each response's payload digest. */
export async function writeWarc(entries: WarcEntry[], { gzip = true } = {}): Promise<{ bytes: Buffer; digests: string[]; offsets: number[] }> {
  const parts: Buffer[] = [];
  const digests: string[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    let record: WARCRecord;
    if (entry.type === 'warcinfo') {
      record = WARCRecord.createWARCInfo({ filename: 'crawl.warc.gz', warcVersion: 'WARC/1.1', date: entry.date }, entry.info ?? {});
    } else if (entry.type === 'revisit') {
      record = WARCRecord.create({
        url: entry.url,
        date: entry.date,
        type: 'revisit',
        warcVersion: 'WARC/1.1',
        warcHeaders: {
          'WARC-Payload-Digest': entry.refersToDigest!,
          'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest',
        },
        httpHeaders: { 'Content-Type': entry.contentType ?? 'text/html; charset=utf-8' },
        statusline: `HTTP/1.1 ${entry.status ?? '200 OK'}`,
      });
    } else {
      const body = bytesOf(entry.body);
      const http = entry.type === 'response' || entry.type === 'request';
      record = WARCRecord.create(
        {
          url: entry.url,
          date: entry.date,
          type: entry.type,
          warcVersion: 'WARC/1.1',
          ...(http
            ? {
                httpHeaders: entry.type === 'response' ? { 'Content-Type': entry.contentType ?? 'text/html' } : { 'User-Agent': 'test' },
                statusline: entry.type === 'response' ? `HTTP/1.1 ${entry.status ?? '200 OK'}` : `GET ${new URL(entry.url!).pathname} HTTP/1.1`,
              }
            : { warcHeaders: { 'Content-Type': entry.contentType ?? 'application/warc-fields' } }),
        },
        (async function* () {
          yield new Uint8Array(body);
        })(),
      );
    }
    const bytes = Buffer.from(await WARCSerializer.serialize(record, { gzip }));
    digests.push(record.warcPayloadDigest ?? '');
    offsets.push(offset);
    offset += bytes.length;
    parts.push(bytes);
  }
  return { bytes: Buffer.concat(parts), digests, offsets };
}
