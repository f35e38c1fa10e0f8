import { AUTO_EPOCH_LIMIT, compareCandidates, EXCERPT_LENGTH, isChampion, keyTermPostings, keywordInContext, needsNewEpoch, rankList, roundScore, scoreNeighbours, similarity } from '../../src/core/relatedness';
import { termCounts } from '../../src/core/key-terms';
import { seedRecord } from '../helpers/seed';

const record = seedRecord;

describe('similarity', () => {
  test('is the sum over shared terms, the strongest shared term first', () => {
    const a = [{ term: '江门', weight: 0.8 }, { term: '区域', weight: 0.6 }];
    const b = [{ term: '区域', weight: 0.8 }, { term: '江门', weight: 0.2 }, { term: '佛山', weight: 0.5 }];
    const result = similarity(a, b);
    expect(result.sharedTerms).toEqual(['区域', '江门']);
    expect(result.score).toBeCloseTo(0.8 * 0.2 + 0.6 * 0.8, 12);
  });

  test('is zero with nothing shared', () => {
    expect(similarity([{ term: '江门', weight: 1 }], [{ term: 'football', weight: 1 }])).toEqual({ score: 0, sharedTerms: [] });
  });
});

describe('compareCandidates', () => {
  const candidate = (documentId: string, score: number, sameCategory: boolean, date: string | null) => ({ documentId, score, sameCategory, date });

  test('ranks by shared key terms, then same category, then recency', () => {
    const ranked = [
      candidate('old-other', 0.3, false, '2024-01-01T00:00:00.000Z'),
      candidate('strong', 0.6, false, '2020-01-01T00:00:00.000Z'),
      candidate('new-same', 0.3, true, '2024-02-01T00:00:00.000Z'),
      candidate('old-same', 0.3, true, '2024-01-01T00:00:00.000Z'),
      candidate('undated-same', 0.3, true, null),
    ].sort(compareCandidates);
    expect(ranked.map(({ documentId }) => documentId)).toEqual(['strong', 'new-same', 'old-same', 'undated-same', 'old-other']);
  });

  test('treats scores equal to two decimals as a tie', () => {
    const ranked = [candidate('a', 0.3012, false, null), candidate('b', 0.2991, true, null)].sort(compareCandidates);
    expect(ranked.map(({ documentId }) => documentId)).toEqual(['b', 'a']);
    expect(roundScore(0.3012)).toBe(0.3);
  });
});

describe('keywordInContext', () => {
  test('cuts like the seed: "..." then 87 characters, the term at character 25', () => {
    const excerpt = keywordInContext(record.paragraphs, '区域')!;
    expect(excerpt).toBe(
      '...地区发展,形成镇域间优势互补、良性互动、协同发展的区域经济发展新格局。八镇均为江门市传统工业重镇,位于江门市域的地理中心,是江门大型产业集聚区北组团的重要组成部分,与粤港澳大',
    );
    expect(Array.from(excerpt.slice(3))).toHaveLength(EXCERPT_LENGTH);
    expect(excerpt.slice(3).indexOf('区域')).toBe(25);
  });

  test('matches the shape of every excerpt on the seed page', () => {
    for (const { excerpt } of record.relatedLinks) {
      expect(excerpt.startsWith('...')).toBe(true);
      expect(Array.from(excerpt.slice(3))).toHaveLength(87);
      expect(excerpt.slice(3).indexOf('区域')).toBe(25);
    }
  });

  test('takes the whole window from the start when the term comes early', () => {
    const text = '江门' + '发'.repeat(100);
    expect(keywordInContext([text], '江门')).toBe('...' + text.slice(0, 87));
  });

  test('keeps the full length when the term comes late', () => {
    const text = '发'.repeat(100) + '江门';
    expect(keywordInContext([text], '江门')).toBe('...' + text.slice(-87));
  });

  test("reads the paragraphs as one run of text, as the seed's excerpts do", () => {
    expect(keywordInContext(['甲乙丙。', '江门发展'], '江门')).toBe('...甲乙丙。江门发展');
  });

  test('finds Latin terms whatever their case', () => {
    expect(keywordInContext(['News from Jiangmen today'], 'jiangmen')).toBe('...News from Jiangmen today');
  });

  test('is null when the text never mentions the term', () => {
    expect(keywordInContext(record.paragraphs, 'football')).toBeNull();
  });
});

describe('scoreNeighbours', () => {
  const posting = (documentId: string, term: string, weight: number) => ({ documentId, term, weight, context: `...${documentId}:${term}` });
  const subject = { documentId: 'a', postings: [posting('a', '江门', 0.8), posting('a', '区域', 0.6)] };

  test('scores each article sharing a term, names the strongest shared term and both excerpts', () => {
    const neighbours = scoreNeighbours(subject, [posting('a', '江门', 0.8), posting('b', '区域', 0.9), posting('b', '江门', 0.1), posting('c', '佛山', 1)]);
    expect([...neighbours.keys()]).toEqual(['b']);
    expect(neighbours.get('b')).toEqual({ documentId: 'b', score: 0.6 * 0.9 + 0.8 * 0.1, term: '区域', excerpt: '...b:区域', reverseExcerpt: '...a:区域' });
  });

  test('is symmetric to the last bit', () => {
    const other = { documentId: 'b', postings: [posting('b', '区域', 0.3), posting('b', '江门', 0.7)] };
    const ab = scoreNeighbours(subject, other.postings).get('b')!.score;
    const ba = scoreNeighbours(other, subject.postings).get('a')!.score;
    expect(ab).toBe(ba);
  });
});

describe('rankList', () => {
  const neighbour = (documentId: string, score: number) => ({ documentId, score, term: '江门', excerpt: `...${documentId}`, reverseExcerpt: '...' });
  const articles = new Map([
    ['s', { documentId: 's', categoryId: 1, date: '2024-01-01T00:00:00.000Z' }],
    ['x', { documentId: 'x', categoryId: 2, date: '2024-03-01T00:00:00.000Z' }],
    ['y', { documentId: 'y', categoryId: 1, date: '2024-02-01T00:00:00.000Z' }],
    ['z', { documentId: 'z', categoryId: 1, date: '' }],
  ]);

  test('orders by rounded score, then same category, then recency, and cuts at the length', () => {
    const list = rankList(articles.get('s')!, [neighbour('x', 0.301), neighbour('y', 0.299), neighbour('z', 0.5)], articles, 2);
    expect(list).toEqual([
      { relatedDocumentId: 'z', score: 0.5, sameCategory: true, date: '', term: '江门', excerpt: '...z' },
      { relatedDocumentId: 'y', score: 0.3, sameCategory: true, date: '2024-02-01T00:00:00.000Z', term: '江门', excerpt: '...y' },
    ]);
  });

  test('leaves out what is not indexed', () => {
    expect(rankList(articles.get('s')!, [neighbour('gone', 0.9)], articles)).toEqual([]);
  });
});

describe('keyTermPostings', () => {
  test('flags a posting a champion when it reaches its term threshold, and cuts its excerpt', () => {
    const text = { title: '江门区域', paragraphs: ['江门区域发展'] };
    const postings = keyTermPostings('a', text, termCounts(text), (term) => (term === '区域' ? { frequency: 1, threshold: 0.99, thresholdDocumentId: 'z' } : undefined), 1);
    expect(postings.map(({ term, champion, context }) => [term, champion, context])).toEqual([
      ['江门', true, '...江门区域发展'],
      ['区域', false, '...江门区域发展'],
      ['发展', true, '...江门区域发展'],
    ]);
  });
});

describe('isChampion', () => {
  const cut = { threshold: 0.5, thresholdDocumentId: 'm' };
  test('above the threshold weight: a champion; below: not', () => {
    expect(isChampion(0.51, 'z', cut)).toBe(true);
    expect(isChampion(0.49, 'a', cut)).toBe(false);
  });
  test('at the threshold weight, the document id decides: up to the last champion in, after it out', () => {
    expect(isChampion(0.5, 'a', cut)).toBe(true);
    expect(isChampion(0.5, 'm', cut)).toBe(true);
    expect(isChampion(0.5, 'n', cut)).toBe(false);
  });
  test('a term the epoch has no threshold for (or threshold 0): every posting', () => {
    expect(isChampion(0.01, 'z', undefined)).toBe(true);
    expect(isChampion(0.01, 'z', { threshold: 0, thresholdDocumentId: '' })).toBe(true);
  });
});

describe('needsNewEpoch', () => {
  test('takes a new epoch each time a small archive doubles', () => {
    expect(needsNewEpoch(1, 0)).toBe(true);
    expect(needsNewEpoch(3, 2)).toBe(false);
    expect(needsNewEpoch(4, 2)).toBe(true);
    expect(needsNewEpoch(7, 4)).toBe(false);
    expect(needsNewEpoch(8, 4)).toBe(true);
  });

  test('leaves a large archive to npm run reindex', () => {
    expect(needsNewEpoch(AUTO_EPOCH_LIMIT + 1, 10)).toBe(false);
    expect(needsNewEpoch(0, 0)).toBe(false);
  });

  test('an import run takes one at every doubling, whatever the size', () => {
    expect(needsNewEpoch(2 * AUTO_EPOCH_LIMIT, AUTO_EPOCH_LIMIT, Infinity)).toBe(true);
    expect(needsNewEpoch(2 * AUTO_EPOCH_LIMIT - 1, AUTO_EPOCH_LIMIT, Infinity)).toBe(false);
    expect(needsNewEpoch(2_000_000, 1_000_000, Infinity)).toBe(true);
    expect(needsNewEpoch(0, 0, Infinity)).toBe(false);
  });
});
