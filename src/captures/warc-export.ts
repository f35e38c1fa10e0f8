/**
 * The capture history written back out as a WARC (ISO 28500, WARC/1.1, each record gzipped on its
 * own: a `.warc.gz`), for replay tools (pywb, ReplayWeb.page) and other archives: `npm run -s
 * export -- <slug|documentId> --warc` or `--all --warc`.
 *
 * A capture holding a page is a `response` record of its address at its snapshot time, the page as
 * captured (core/snapshot-html.ts, the seed's layout as HTML) its payload; a revisit is a `revisit`
 * record (identical-payload-digest profile) naming the response it repeats. A `warcinfo` record
 * opens the file. Captures of an article withheld by a takedown are left out (a rights holder
 * asked for it to be removed), as are captures of a page without an address (no WARC record can
 * name it); both are counted.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { WARCRecord, WARCSerializer } from 'warcio';
import { renderSnapshotHtml } from '../core/snapshot-html';
import { ARTICLE, CAPTURE } from '../db/uids';
import { WITHHELD_ATTRIBUTE } from '../db/visibility';
import { findCaptures, type StoredCapture } from './capture-store';
import { pageOfCapture } from './reading';

export const WARC_SOFTWARE = 'Kuaizhao (快照) snapshot archive';
const REVISIT_PROFILE = 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest';
/** Captures read at a time for `--all`: memory stays flat whatever the archive's size. */
const PAGE = 200;

export interface WarcExportCounts {
  responses: number;
  revisits: number;
  withheld: number;
  withoutAddress: number;
}

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

const payloadDigest = (payload: Uint8Array): string => `sha1:${base32(createHash('sha1').update(payload).digest())}`;
/** WARC-Date: UTC to the second, as crawlers write it. */
const warcDate = (iso: string): string => `${iso.slice(0, 19)}Z`;

const SERIALIZE = { gzip: true, digest: { algo: 'sha-1' as const, prefix: 'sha1:', base32: true } };

const addressOf = (capture: StoredCapture): string | null => capture.originalUrl ?? capture.canonicalUrl;
const payloadOf = async (strapi: Core.Strapi, capture: StoredCapture): Promise<Uint8Array> =>
  new TextEncoder().encode(renderSnapshotHtml(await pageOfCapture(strapi, capture)));

/**
 * What the response record of a revisit's original says (address, date, payload digest), made
 * again from the stored capture as its response was written: nothing is remembered across pages
 * of `--all`, so its memory stays flat. Null when that response was not written.
 */
async function responseOf(strapi: Core.Strapi, id: number): Promise<{ url: string; date: string; digest: string } | null> {
  const [original] = await findCaptures(strapi, { id });
  const url = original ? addressOf(original) : null;
  if (!original || !url || original.record === null) return null;
  return { url, date: warcDate(original.snapshotAt), digest: payloadDigest(await payloadOf(strapi, original)) };
}

/**
 * Writes the WARC records of these captures (oldest first per article), one by one, to `write`.
 * A revisit names a response written in the same call without reading or rendering it again
 * (the map holds at most one page's captures); an earlier one is made again (responseOf).
 */
async function writeCaptures(strapi: Core.Strapi, captures: StoredCapture[], write: (bytes: Uint8Array) => Promise<void>, counts: WarcExportCounts): Promise<void> {
  const written = new Map<number, { url: string; date: string; digest: string }>();
  const withheld = new Set(
    (
      await strapi.db.query(ARTICLE).findMany({
        where: { documentId: { $in: [...new Set(captures.map((capture) => capture.articleDocumentId))] }, [WITHHELD_ATTRIBUTE]: { $notNull: true } },
        select: ['documentId'],
      })
    ).map((row: { documentId: string }) => row.documentId),
  );
  for (const capture of captures) {
    if (withheld.has(capture.articleDocumentId)) {
      counts.withheld += 1;
      continue;
    }
    const url = addressOf(capture);
    if (!url) {
      counts.withoutAddress += 1;
      continue;
    }
    const date = warcDate(capture.snapshotAt);
    const original = capture.revisitOf === null ? null : (written.get(capture.revisitOf) ?? (await responseOf(strapi, capture.revisitOf)));
    if (original) {
      const record = WARCRecord.create({
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
      await write(await WARCSerializer.serialize(record, SERIALIZE));
      counts.revisits += 1;
      continue;
    }
    // A revisit whose response was not written (it had no address) is written whole.
    const payload = await payloadOf(strapi, capture);
    const record = WARCRecord.create(
      {
        url,
        date,
        type: 'response',
        warcVersion: 'WARC/1.1',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        statusline: 'HTTP/1.1 200 OK',
      },
      [payload],
    );
    await write(await WARCSerializer.serialize(record, SERIALIZE));
    written.set(capture.id, { url, date, digest: payloadDigest(payload) });
    counts.responses += 1;
  }
}

/**
 * The WARC of one article's captures (`documentIds` of one) or of every capture the archive holds
 * (`'all'`), written to `write` as it is made. Returns what was written and left out.
 */
export async function exportWarc(strapi: Core.Strapi, articles: string[] | 'all', write: (bytes: Uint8Array) => Promise<void>): Promise<WarcExportCounts> {
  const counts: WarcExportCounts = { responses: 0, revisits: 0, withheld: 0, withoutAddress: 0 };
  const info = WARCRecord.createWARCInfo(
    { filename: 'kuaizhao.warc.gz', warcVersion: 'WARC/1.1', date: warcDate(new Date().toISOString()) },
    { software: WARC_SOFTWARE, format: 'WARC File Format 1.1', conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/' },
  );
  await write(await WARCSerializer.serialize(info, SERIALIZE));
  if (articles !== 'all') {
    for (const documentId of articles) await writeCaptures(strapi, await findCaptures(strapi, { articleDocumentId: documentId }), write, counts);
    return counts;
  }
  // Every capture in the order it was recorded.
  for (let afterId = 0; ; ) {
    const rows = await strapi.db.query(CAPTURE).findMany({ where: { id: { $gt: afterId } }, orderBy: { id: 'asc' }, limit: PAGE, select: ['id'] });
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1].id;
    const captures = await findCaptures(strapi, { id: { $in: rows.map((row: { id: number }) => row.id) } });
    await writeCaptures(strapi, captures.sort((a, b) => a.id - b.id), write, counts);
  }
  return counts;
}
