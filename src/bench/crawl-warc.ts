/**
 * A crawl to measure imports with: a WARC of N distinct news pages made from the real HTML
 * fixtures (tests/fixtures/html, labelled pages only), as a crawler writes it: a warcinfo, then a
 * response per page, a revisit after every tenth, an image response after every twentieth.
 *
 * Page i is fixture i mod k with its headline and body paragraphs replaced by synthetic article
 * i's (bench/synthetic-pages.ts): the markup a reader has to get through (navigation, scripts,
 * related links, comments) is the real site's, and no two pages are copies of each other, so
 * each is a new article and not a reprint of another.
 */
import fs from 'node:fs';
import path from 'node:path';
import { syntheticRecord } from './synthetic-pages';
import { decodeHtml } from '../core/html-charset';
import { escapeRegExp } from '../core/text';
import { payloadDigest, responseRecord, revisitRecord, serializeRecord, warcDate, warcinfoRecord } from '../captures/warc-records';

export const HTML_FIXTURES = path.join(__dirname, '../../../tests/fixtures/html');

interface Fixture {
  html: string;
  title: string;
}

/** The labelled article pages among the fixtures, held-out ones included. */
export function articleFixtures(dir = HTML_FIXTURES): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const folder of [dir, path.join(dir, 'held-out')]) {
    for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.label.json')).sort()) {
      const label = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
      if (label.article === false || !label.title) continue;
      // Pages saved as GBK are decoded; their bench copies are written (and declared) as UTF-8.
      const { text } = decodeHtml(fs.readFileSync(path.join(folder, name.replace(/\.label\.json$/, '.html'))));
      fixtures.push({ html: text, title: label.title });
    }
  }
  return fixtures;
}

const PARAGRAPH = /(<p\b[^>]*>)([\s\S]*?)(<\/p>)/gi;
const HAN = /\p{Script=Han}/gu;

/** Fixture `fixture` as page i: its headline and its paragraphs of prose are article i's. */
export function crawlPage(fixture: Fixture, i: number, total: number): string {
  const record = syntheticRecord(i, total);
  let k = 0;
  return fixture.html
    .replace(new RegExp(escapeRegExp(fixture.title), 'g'), record.title)
    .replace(PARAGRAPH, (whole, open: string, inner: string, close: string) => {
      // Old portals set a whole article in one <p>, its paragraphs split by <br> or by <p>s never closed: each piece of prose is one paragraph.
      const pieces = inner.split(/(<br\s*\/?>|<p\b[^>]*>)/i);
      let replaced = false;
      for (let j = 0; j < pieces.length; j += 2) {
        if ((pieces[j].replace(/<[^>]*>/g, '').match(HAN)?.length ?? 0) < 20) continue;
        pieces[j] = record.paragraphs[k % record.paragraphs.length];
        k += 1;
        replaced = true;
      }
      return replaced ? `${open}${pieces.join('')}${close}` : whole;
    });
}

export interface CrawlWarc {
  pages: number;
  bytes: number;
}

/**
 * Writes the crawl to `file` (.warc.gz, each record gzipped on its own), streamed: `pages` pages,
 * or as many as reach `bytes` on disk. Page addresses are numbered from `first`.
 */
export async function writeCrawlWarc(file: string, limit: { pages?: number; bytes?: number }, first = 0): Promise<CrawlWarc> {
  const fixtures = articleFixtures();
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const write = async (record: Parameters<typeof serializeRecord>[0]) => {
    const serialized = await serializeRecord(record);
    fs.writeSync(fd, serialized);
    bytes += serialized.length;
  };
  const total = first + (limit.pages ?? 1_000_000);
  let pages = 0;
  try {
    await write(warcinfoRecord(path.basename(file), 'Kuaizhao bench:crawl'));
    // Captured after every fixture was published (the latest, 2024-05-22): the importer refuses a
    // capture dated before its page's publication time, as it should.
    const start = Date.UTC(2025, 0, 1);
    for (let i = first; (limit.pages === undefined || pages < limit.pages) && (limit.bytes === undefined || bytes < limit.bytes); i += 1) {
      const url = `https://news.example.cn/${Math.floor(i / 1000)}/${i}.html`;
      const date = warcDate(new Date(start + i * 60_000).toISOString());
      const payload = new TextEncoder().encode(crawlPage(fixtures[i % fixtures.length], i, total));
      await write(responseRecord(url, date, payload));
      pages += 1;
      if (i % 10 === 9) await write(revisitRecord(url, warcDate(new Date(start + i * 60_000 + 86_400_000).toISOString()), { url, date, digest: payloadDigest(payload) }));
      if (i % 20 === 19) await write(responseRecord(`https://news.example.cn/img/${i}.png`, date, new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png'));
    }
  } finally {
    fs.closeSync(fd);
  }
  return { pages, bytes };
}
