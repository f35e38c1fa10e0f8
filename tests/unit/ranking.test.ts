import { BM25, bm25Term, idf, maxProximityBoost, proximityBoost, wordScoring } from '../../src/core/ranking';

describe('BM25', () => {
  test('idf falls as a word is in more articles, and is never negative', () => {
    expect(idf(1000, 1)).toBeGreaterThan(idf(1000, 100));
    expect(idf(1000, 100)).toBeGreaterThan(idf(1000, 1000));
    expect(idf(1000, 1000)).toBeGreaterThan(0);
  });

  test('a term saturates: more occurrences add less, and never more than (k1 + 1) × idf', () => {
    const scoring = wordScoring(1000, 10, 500);
    const at = (tf: number) => bm25Term(scoring, tf, 500);
    expect(at(2) - at(1)).toBeGreaterThan(at(3) - at(2));
    expect(at(10_000)).toBeLessThan((BM25.k1 + 1) * idf(1000, 10));
  });

  test('a longer article scores less for the same occurrences', () => {
    const scoring = wordScoring(1000, 10, 500);
    expect(bm25Term(scoring, 2, 200)).toBeGreaterThan(bm25Term(scoring, 2, 2000));
  });

  test('an empty index normalises no length', () => {
    expect(wordScoring(0, 0, 0).perCharacter).toBe(0);
  });
});

describe('proximity', () => {
  const idfs = [2, 3];

  test('words side by side get the whole boost, apart less, far apart almost none', () => {
    const together = proximityBoost('八镇联动平衡发展', ['八镇联动', '平衡'], idfs);
    const near = proximityBoost('八镇联动促进平衡发展', ['八镇联动', '平衡'], idfs);
    const far = proximityBoost(`八镇联动${'的'.repeat(200)}平衡`, ['八镇联动', '平衡'], idfs);
    expect(together).toBeCloseTo(maxProximityBoost(idfs));
    expect(near).toBeLessThan(together);
    expect(far).toBeLessThan(near / 10);
  });

  test('the closest pair of occurrences counts, wherever they are', () => {
    const text = `平衡${'的'.repeat(100)}八镇联动${'的'.repeat(100)}八镇联动平衡`;
    expect(proximityBoost(text, ['八镇联动', '平衡'], idfs)).toBeCloseTo(maxProximityBoost(idfs));
  });

  test('nothing for one word, or a text holding one of the words', () => {
    expect(proximityBoost('八镇联动平衡', ['八镇联动'], [2])).toBe(0);
    expect(proximityBoost('八镇联动发展', ['八镇联动', '平衡'], idfs)).toBe(0);
  });

  test('a text holding two of three words gets a share of the boost', () => {
    const all = proximityBoost('江门纺织服装', ['江门', '纺织', '服装'], [1, 1, 1]);
    const two = proximityBoost('江门纺织企业', ['江门', '纺织', '服装'], [1, 1, 1]);
    expect(two).toBeCloseTo((all * 2) / 3);
  });
});
