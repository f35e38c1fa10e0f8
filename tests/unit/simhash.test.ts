import { fingerprintBlocks, hammingDistance, isFingerprint, JIEBA_MEDIAN_IDF, loadIdfTable, sameStory, simhash, weightedTerms } from '../../src/core/simhash';
import { parseSnapshotPage } from '../../src/core/snapshot-page';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { LATER_REPRINT_PAGE, REPRINT_PAGE } from '../helpers/reprints';
import { seedRecord, seedWith } from '../helpers/seed';

const seed = seedRecord;
const reprint = parseSnapshotPage(REPRINT_PAGE).record;

describe('simhash', () => {
  test('gives the seed a fixed 64-bit fingerprint, as 16 hex digits', () => {
    expect(simhash(seed)).toBe('72fd20922870d4f9');
  });

  test('puts the reprint from another aggregator 2 bits away from the seed: one story', () => {
    expect(reprint.source).toBe('凤凰资讯');
    expect(hammingDistance(simhash(seed), simhash(reprint))).toBe(2);
    expect(sameStory(simhash(seed), simhash(reprint))).toBe(true);
  });

  test('puts a third copy, with one more edit, within 3 bits of both', () => {
    const later = simhash(parseSnapshotPage(LATER_REPRINT_PAGE).record);
    expect([hammingDistance(later, simhash(seed)), hammingDistance(later, simhash(reprint))]).toEqual([3, 1]);
  });

  test('ignores the source line, capture time, related list and byline: only headline and body count', () => {
    const other = parseSnapshotPage(seedWith('南方日报讯 (记者/李霭莹 通讯员/肖艳霞)', '')).record;
    expect(simhash({ title: seed.title, paragraphs: seed.paragraphs })).toBe(simhash(seed));
    expect(simhash(other)).toBe(simhash(seed));
  });

  test("ignores a reporters' credit closing the body, as some copies print it on a line of its own", () => {
    const last = seed.paragraphs.length - 1;
    const credited = seed.paragraphs.map((p, i) => (i === last ? `${p}(记者 李霭莹 通讯员 肖艳霞)` : p));
    expect(simhash({ title: seed.title, paragraphs: credited })).toBe(simhash(seed));
  });

  test('ignores punctuation variants (full-width, quotes)', () => {
    const paragraphs = seed.paragraphs.map((p) => p.replace(/,/g, '，').replace(/[“”]/g, '"'));
    expect(simhash({ title: seed.title, paragraphs })).toBe(simhash(seed));
  });

  test('puts a different story far away', () => {
    const distance = hammingDistance(simhash(seed), simhash(syntheticRecord(1, 10)));
    expect(distance).toBe(30);
    expect(sameStory(simhash(seed), simhash(syntheticRecord(1, 10)))).toBe(false);
  });

  test('gives an empty text all zeros, which is no story, not even with itself', () => {
    const empty = simhash({ title: '', paragraphs: [] });
    expect(empty).toBe('0000000000000000');
    expect(sameStory(empty, empty)).toBe(false);
  });
});

describe('weightedTerms', () => {
  test("reads jieba's whole IDF table; unknown words get its median, as jieba gives them", () => {
    const table = loadIdfTable();
    expect(table.size).toBe(270132);
    expect(table.get('江门')).toBe(9.7898037878);
    const sorted = [...table.values()].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBe(JIEBA_MEDIAN_IDF);
    expect(weightedTerms({ title: '', paragraphs: ['zzqxv'] }).get('zzqxv')).toBe(JIEBA_MEDIAN_IDF);
  });

  test('weighs a rare word above a common one (jieba IDF), the headline above the body', () => {
    const weights = weightedTerms({ title: '江门', paragraphs: ['江门发展'] });
    expect([...weights.keys()]).toEqual(['江门', '发展']);
    expect(weights.get('江门')!).toBeCloseTo((1 + Math.log(4)) * 9.7898037878, 9);
    expect(weights.get('发展')!).toBeCloseTo(3.57506455044, 9);
  });
});

describe('hammingDistance, blocks', () => {
  test('counts differing bits over all 64', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('72fd20922870d4f9', '72fd20922870d4f9')).toBe(0);
  });

  test('splits a fingerprint into four 16-bit blocks, most significant first', () => {
    expect(fingerprintBlocks('72fd20922870d4f9')).toEqual([0x72fd, 0x2092, 0x2870, 0xd4f9]);
  });

  test('two fingerprints within 3 bits share a block (the index relies on it)', () => {
    const a = simhash(seed);
    const b = simhash(reprint);
    const shared = fingerprintBlocks(a).filter((block, i) => block === fingerprintBlocks(b)[i]);
    expect(shared.length).toBeGreaterThanOrEqual(1);
  });

  test('recognises the stored form', () => {
    expect(isFingerprint('72fd20922870d4f9')).toBe(true);
    expect(isFingerprint('72FD20922870D4F9')).toBe(false);
    expect(isFingerprint('72fd2092')).toBe(false);
  });
});
