import { inverseDocumentFrequency, keyTerms, KEY_TERMS_PER_ARTICLE, segment, termCounts } from '../../src/core/key-terms';
import { seedRecord } from '../helpers/seed';

const record = seedRecord;

describe('segment', () => {
  test('keeps Chinese words whole, as a dictionary segmenter cuts them', () => {
    expect(segment('江门推进中部八镇联动,促进工业重镇区域一体化发展')).toEqual([
      '江门', '推进', '中部', '八镇', '联动', '促进', '工业', '重镇', '区域', '一体化', '发展',
    ]);
  });

  test('drops stop words, numbers, punctuation and single characters', () => {
    expect(segment('我们在2023年的8个项目中,已经完成了十五项“百千万工程”。')).toEqual(['项目', '完成', '十五项', '工程']);
  });

  test('gives Latin-script words lowercased, without English stop words', () => {
    expect(segment('The Jiangmen Region and the Pearl River Delta, 2024')).toEqual(['jiangmen', 'region', 'pearl', 'river', 'delta']);
  });

  test('gives nothing for empty text', () => {
    expect(segment('')).toEqual([]);
  });
});

describe('termCounts', () => {
  test('counts the headline three times and the kicker twice', () => {
    const counts = termCounts({ title: '江门区域', kicker: '江门', paragraphs: ['江门发展'] });
    expect(Object.fromEntries(counts)).toEqual({ 江门: 6, 区域: 3, 发展: 1 });
  });
});

describe('keyTerms', () => {
  test('江门 and 区域 are key terms of the seed article', () => {
    const terms = keyTerms(termCounts(record), () => 1, 1).map(({ term }) => term);
    expect(terms).toHaveLength(KEY_TERMS_PER_ARTICLE);
    expect(terms).toEqual(expect.arrayContaining(['江门', '区域']));
  });

  test('a term every article has weighs less than a rare one used as often', () => {
    const counts = new Map([['发展', 3], ['江门', 3]]);
    const df = (term: string) => (term === '发展' ? 250 : 2);
    expect(keyTerms(counts, df, 1000).map(({ term }) => term)).toEqual(['江门', '发展']);
  });

  test('a term in more than 30% of a large archive is no key term at all', () => {
    const counts = new Map([['发展', 3], ['江门', 3]]);
    expect(keyTerms(counts, (term) => (term === '发展' ? 301 : 2), 1000).map(({ term }) => term)).toEqual(['江门']);
    expect(keyTerms(counts, (term) => (term === '发展' ? 300 : 2), 1000).map(({ term }) => term)).toEqual(['江门', '发展']);
  });

  test('in a small archive no term counts as too common', () => {
    expect(keyTerms(new Map([['江门', 1]]), () => 99, 99).map(({ term }) => term)).toEqual(['江门']);
  });

  test('weights have unit length, so similarity is a cosine', () => {
    const weights = keyTerms(termCounts(record), () => 1, 1).map(({ weight }) => weight);
    expect(weights.reduce((sum, w) => sum + w * w, 0)).toBeCloseTo(1, 10);
  });

  test('keeps at most the given number of terms, ties broken alphabetically', () => {
    const counts = new Map([['乙', 1], ['甲', 1], ['丙', 1]].map(([t, c]) => [`${t}地`, c as number]));
    expect(keyTerms(counts, () => 0, 1, 2).map(({ term }) => term)).toEqual(['丙地', '乙地']);
  });

  test('an article without terms has no key terms', () => {
    expect(keyTerms(new Map(), () => 0, 0)).toEqual([]);
  });
});

describe('inverseDocumentFrequency', () => {
  test('is smoothed: positive even when every article has the term', () => {
    expect(inverseDocumentFrequency(10, 10)).toBe(1);
    expect(inverseDocumentFrequency(0, 10)).toBeCloseTo(Math.log(11) + 1, 12);
  });
});
