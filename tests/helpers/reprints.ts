/**
 * Copies of the seed's story as other aggregators carried it. The fixture file is the seed with
 * another 来源 (凤凰资讯) and capture time, full-width commas and straight quotes in the body, and
 * two characters changed (最近→近日, 8个→八个). `laterReprint` is one more copy, arriving later.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPRINT_FILE = path.resolve(__dirname, '../fixtures/reprints/001_seed_reprint_fenghuang.txt');
export const REPRINT_PAGE = readFileSync(REPRINT_FILE, 'utf8');
export const REPRINT_SOURCE = '凤凰资讯';
export const REPRINT_SNAPSHOT_AT = '2024-05-04T03:02:37.000Z';

function replaced(text: string, search: string, replacement: string): string {
  if (!text.includes(search)) throw new Error(`page does not contain: ${search}`);
  return text.replace(search, () => replacement);
}

/** A third aggregator's copy (网易新闻), captured a week later, with another character changed. */
export const LATER_REPRINT_PAGE = [
  ['来源:凤凰资讯', '来源:网易新闻'],
  ['快照生成时间:2024-05-04 11:02:37', '快照生成时间:2024-05-10 09:15:00'],
  ['分享交流', '分享沟通'],
].reduce((text, [search, replacement]) => replaced(text, search, replacement), REPRINT_PAGE);
