/**
 * The real seed page (data/seed), the base every fixture is derived from: its file, its text, the
 * record it reads into, and its article's fields as the content model stores them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSnapshotPage } from '../../src/core/snapshot-page';

export const SEED_FILE = path.resolve(__dirname, '../../data/seed/000_857c31f54b16bc80.txt');

export const seedText: string = readFileSync(SEED_FILE, 'utf8');

export const seedLines: string[] = seedText.split('\n');

/** The seed read as an import reads it. */
export const seedRecord = parseSnapshotPage(seedText).record;

/** The slug the seed's title makes. */
export const SEED_SLUG = 'da-po-zhen-yu-xing-zheng-bian-jie-qiao-dong-qu-yu-ping-heng-fa-zhan';

/** The seed's article as the content model stores it (sources and category by name). */
export const SEED = {
  title: seedRecord.title,
  kicker: seedRecord.kicker!,
  byline: seedRecord.byline!,
  category: seedRecord.category!,
  source: seedRecord.source!,
  reprintedFrom: seedRecord.reprintedFrom!,
  capturedBy: seedRecord.capturedBy!,
  sourcePublishedAt: seedRecord.sourcePublishedAt!,
  snapshotAt: seedRecord.snapshotAt!,
  /** The first sentence of the story, after the opening quote. */
  firstParagraph: '最近,江门举办八镇联动发展产业对接会,8个工业重镇的纺织服装企业走进佛山,分享交流产业数字化转型经验。',
};

/** The seed with one exact piece of text replaced; fails loudly if the piece is not there. */
export function seedWith(search: string, replacement: string): string {
  if (!seedText.includes(search)) throw new Error(`seed does not contain: ${search}`);
  return seedText.replace(search, () => replacement);
}

/** The seed with its 1-based lines from..to (inclusive) removed. */
export function seedWithoutLines(from: number, to: number): string {
  return [...seedLines.slice(0, from - 1), ...seedLines.slice(to)].join('\n');
}
