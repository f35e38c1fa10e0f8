/**
 * WARC records as this project writes them (WARC/1.1, each record gzipped on its own, sha1 base32
 * payload digests as crawlers write them): the export (warc-export.ts) and the crawl benchmark's
 * files (bench/crawl-warc.ts) both make theirs here.
 */
import { createHash } from 'node:crypto';
import { WARCRecord, WARCSerializer } from 'warcio';

export const REVISIT_PROFILE = 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest';

/** RFC 4648 base32, as WARC payload digests are written (sha1:…). */
function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export const payloadDigest = (payload: Uint8Array): string => `sha1:${base32(createHash('sha1').update(payload).digest())}`;
/** WARC-Date: UTC to the second, as crawlers write it. */
export const warcDate = (iso: string): string => `${iso.slice(0, 19)}Z`;

const SERIALIZE = { gzip: true, digest: { algo: 'sha-1' as const, prefix: 'sha1:', base32: true } };

export const serializeRecord = async (record: WARCRecord): Promise<Uint8Array> => WARCSerializer.serialize(record, SERIALIZE);

/** The record opening a file: what wrote it, and to which specification. */
export function warcinfoRecord(filename: string, software: string): WARCRecord {
  return WARCRecord.createWARCInfo(
    { filename, warcVersion: 'WARC/1.1', date: warcDate(new Date().toISOString()) },
    { software, format: 'WARC File Format 1.1', conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/' },
  );
}

/** A 200 response of `url` at `date` (WARC-Date form) holding `payload`. */
export function responseRecord(url: string, date: string, payload: Uint8Array, contentType = 'text/html; charset=utf-8'): WARCRecord {
  return WARCRecord.create(
    { url, date, type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': contentType }, statusline: 'HTTP/1.1 200 OK' },
    [payload],
  );
}

/** A revisit of `url` at `date` repeating the response `original` (identical-payload-digest profile). */
export function revisitRecord(url: string, date: string, original: { url: string; date: string; digest: string }): WARCRecord {
  return WARCRecord.create({
    url,
    date,
    type: 'revisit',
    warcVersion: 'WARC/1.1',
    refersToUrl: original.url,
    refersToDate: original.date,
    warcHeaders: { 'WARC-Profile': REVISIT_PROFILE, 'WARC-Payload-Digest': original.digest },
    httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
    statusline: 'HTTP/1.1 200 OK',
  });
}
