/**
 * The real pages the repository holds, read and fingerprinted as an import would store them:
 * the real news pages (tests/fixtures/pages, with held-out/), the seed (data/seed) and the real
 * copy of it (tests/fixtures/reprints). For the reprint benchmark and the unit test that no two
 * distinct real pages form one story.
 */
import path from 'node:path';
import { articleFieldsOf } from '../core/article-input';
import { articleFingerprint, hammingDistance, type Fingerprint } from '../core/simhash';
import { listInputFiles, readInputs } from '../import/input';

/** Relative to the repository's root. */
export const REAL_PAGE_DIRS = ['data/seed', 'tests/fixtures/reprints', 'tests/fixtures/pages'];

/**
 * Pages that are one story, by reading them (a name is a path relative to the root). The other
 * pages of one event are not copies: 两会新闻中心 is also told in other words by
 * mdgwh-1 (its own lead, a shortened second paragraph), johnnytowncar-1 (中新社's own report) and yhgelaimei-1 (新华社's).
 */
export const SAME_STORY: readonly { pages: readonly [string, string]; why: string }[] = [
  {
    pages: ['data/seed/000_857c31f54b16bc80.txt', 'tests/fixtures/reprints/001_seed_reprint_fenghuang.txt'],
    why: 'the seed as another aggregator carried it: another 来源 and capture time, punctuation, two words changed',
  },
  {
    pages: ['tests/fixtures/pages/held-out/bjtitle-1.txt', 'tests/fixtures/pages/melab-1.txt'],
    why: "央视's report of 27 February 2024, word for word; one prints the reporters' credit at the end of the last paragraph, the other on a line of its own",
  },
];

export interface RealPage {
  /** Path relative to the root. */
  name: string;
  title: string;
  fingerprint: Fingerprint;
}

export interface RealPair {
  a: string;
  b: string;
  distance: number;
  sameStory: boolean;
}

/** Every real page the importer reads, fingerprinted as stored, and the pages it refuses with their reasons. */
export async function readRealPages(root: string): Promise<{ pages: RealPage[]; refused: { name: string; reason: string }[] }> {
  const { files } = listInputFiles(REAL_PAGE_DIRS.map((dir) => path.join(root, dir)));
  const pages: RealPage[] = [];
  const refused: { name: string; reason: string }[] = [];
  for await (const item of readInputs(files)) {
    const name = path.relative(root, item.origin.path);
    if (item.kind === 'failure' || item.kind === 'skipped') refused.push({ name, reason: item.reason });
    else pages.push({ name, title: item.record.title, fingerprint: articleFingerprint(articleFieldsOf(item.record)) });
  }
  return { pages, refused };
}

const sameStory = (a: string, b: string) => SAME_STORY.some(({ pages }) => pages.includes(a) && pages.includes(b));

/** Every pair of pages with its distance, nearest first. */
export function realPairs(pages: readonly RealPage[]): RealPair[] {
  const pairs: RealPair[] = [];
  for (let i = 0; i < pages.length; i += 1) {
    for (let j = i + 1; j < pages.length; j += 1) {
      const [a, b] = [pages[i].name, pages[j].name].sort();
      pairs.push({ a, b, distance: hammingDistance(pages[i].fingerprint, pages[j].fingerprint), sameStory: sameStory(a, b) });
    }
  }
  return pairs.sort((x, y) => x.distance - y.distance || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}
