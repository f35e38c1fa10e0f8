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
import { renderSnapshotHtml } from '../core/snapshot-html';
import { ARTICLE, CAPTURE } from '../db/uids';
import { WITHHELD_ATTRIBUTE } from '../db/visibility';
import { findCaptures, type StoredCapture } from './capture-store';
import { pageOfCapture } from './reading';
import { payloadDigest, responseRecord, revisitRecord, serializeRecord, warcDate, warcinfoRecord } from './warc-records';

export const WARC_SOFTWARE = 'Kuaizhao (快照) snapshot archive';
/** Captures read at a time for `--all`: memory stays flat whatever the archive's size. */
const PAGE = 200;

export interface WarcExportCounts {
  responses: number;
  revisits: number;
  withheld: number;
  withoutAddress: number;
}

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
      await write(await serializeRecord(revisitRecord(url, date, original)));
      counts.revisits += 1;
      continue;
    }
    // A revisit whose response was not written (it had no address) is written whole.
    const payload = await payloadOf(strapi, capture);
    await write(await serializeRecord(responseRecord(url, date, payload)));
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
  await write(await serializeRecord(warcinfoRecord('kuaizhao.warc.gz', WARC_SOFTWARE)));
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
