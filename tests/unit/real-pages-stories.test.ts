/**
 * Issue 12's "no two distinct real pages form one story": every real page in the repository, read
 * by the importer's reader and fingerprinted as the fingerprint index stores it.
 */
import path from 'path';
import { NEAR_DUPLICATE_BITS } from '../../src/core/simhash';
import { readRealPages, realPairs, SAME_STORY, type RealPage, type RealPair } from '../../src/bench/real-pages';

const ROOT = path.resolve(__dirname, '../..');
let pages: RealPage[];
let refused: { name: string; reason: string }[];
let pairs: RealPair[];

beforeAll(async () => {
  ({ pages, refused } = await readRealPages(ROOT));
  pairs = realPairs(pages);
});

const show = (pair: RealPair) => `${pair.a} ~ ${pair.b}: ${pair.distance} bits`;

describe('the real pages', () => {
  test('are the seed, its real copy and issue 14’s pages; the ten the reader finds no title in cannot be archived', () => {
    expect(pages).toHaveLength(49);
    expect(refused.map(({ name }) => path.basename(name)).sort()).toEqual([
      '81cn-1.txt',
      'crnews-1.txt',
      'enjoycoffee8-1.txt',
      'futurebike-1.txt',
      'golangjump-1.txt',
      'peoplemirror-1.txt',
      'securestuff-1.txt',
      'stheadline-1.txt',
      'workercn-1.txt',
      'yahoo-1.txt',
    ]);
    expect(pairs).toHaveLength((49 * 48) / 2);
  });

  test.each(SAME_STORY.map(({ pages: [a, b], why }) => [a, b, why]))('%s and %s are one story (%s): within 3 bits', (a, b) => {
    const pair = pairs.find((p) => [p.a, p.b].sort().join() === [a, b].sort().join())!;
    expect(pair.distance).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
  });

  test('the seed and the copy from another aggregator are 2 bits apart, the 央视 copies 0', () => {
    expect(pairs.filter((pair) => pair.sameStory).map(show)).toEqual([
      'tests/fixtures/pages/held-out/bjtitle-1.txt ~ tests/fixtures/pages/melab-1.txt: 0 bits',
      'data/seed/000_857c31f54b16bc80.txt ~ tests/fixtures/reprints/001_seed_reprint_fenghuang.txt: 2 bits',
    ]);
  });

  test('no two distinct real pages form one story: every other pair is more than 3 bits apart', () => {
    const distinct = pairs.filter((pair) => !pair.sameStory);
    expect(distinct.filter((pair) => pair.distance <= NEAR_DUPLICATE_BITS).map(show)).toEqual([]);
    // The nearest distinct pages tell one event (两会新闻中心) in other words.
    expect(distinct.slice(0, 2).map(show)).toEqual([
      'tests/fixtures/pages/held-out/bjtitle-1.txt ~ tests/fixtures/pages/mdgwh-1.txt: 15 bits',
      'tests/fixtures/pages/mdgwh-1.txt ~ tests/fixtures/pages/melab-1.txt: 15 bits',
    ]);
  });
});
