import { isSameArticle, recordOfStoredArticle, type StoredArticle } from '../../src/core/article-input';
import { paragraphsToBlocks } from '../../src/core/body';
import { parseSnapshotPage, renderSnapshotPage } from '../../src/core/snapshot-page';
import { syntheticPage, syntheticRecord } from '../../src/bench/synthetic-pages';
import { seedRecord, seedText } from '../helpers/seed';

const seed = { ...seedRecord, sourcePublishedAtText: undefined };

/** The seed as the archive stores it: blocks, relations by name, links with positions (read back unordered). */
const storedSeed: StoredArticle = {
  title: seed.title,
  kicker: seed.kicker,
  byline: seed.byline,
  body: paragraphsToBlocks(seed.paragraphs),
  sourcePublishedAt: new Date(seed.sourcePublishedAt!),
  snapshotAt: seed.snapshotAt,
  originalUrl: null,
  attribution: seed.attribution,
  category: { name: '国内' },
  source: { name: '每日看点快看' },
  reprintedFrom: { name: '南方日报' },
  capturedBy: { name: 'td.fyun.cc' },
  relatedLinks: seed.relatedLinks.map((link, position) => ({ ...link, position })).reverse(),
};

describe('the record of a stored article', () => {
  test('renders the seed page back byte for byte', () => {
    expect(renderSnapshotPage(recordOfStoredArticle(storedSeed))).toBe(seedText);
  });

  test('lists related links by position', () => {
    expect(recordOfStoredArticle(storedSeed).relatedLinks.map((link) => link.dateText)).toEqual(seed.relatedLinks.map((link) => link.dateText));
  });

  test('reads missing relations and fields as null', () => {
    const record = recordOfStoredArticle({ title: 'x' });
    expect(record).toMatchObject({ category: null, source: null, kicker: null, paragraphs: [], relatedLinks: [], snapshotAt: null });
  });
});

describe('telling an unchanged article', () => {
  const stored = recordOfStoredArticle(storedSeed);
  const incoming = { ...seed, relatedLinks: seed.relatedLinks.map((link) => ({ ...link, url: null })) };

  test('the same page again is the same article', () => {
    expect(isSameArticle(stored, incoming)).toBe(true);
  });

  test('a corrected paragraph is a change', () => {
    expect(isSameArticle(stored, { ...incoming, paragraphs: [...incoming.paragraphs.slice(0, 6), '更正'] })).toBe(false);
  });

  test('a related link moved in the list is a change', () => {
    expect(isSameArticle(stored, { ...incoming, relatedLinks: [...incoming.relatedLinks].reverse() })).toBe(false);
  });

  test('another category is a change', () => {
    expect(isSameArticle(stored, { ...incoming, category: '国际' })).toBe(false);
  });

  test('a record without attribution or snapshot time leaves the stamped ones alone', () => {
    expect(isSameArticle(stored, { ...incoming, attribution: null, snapshotAt: null })).toBe(true);
  });
});

describe('synthetic pages', () => {
  test('read back into the records they were rendered from', () => {
    for (let i = 0; i < 60; i += 1) {
      const { record, warnings } = parseSnapshotPage(syntheticPage(i, 60));
      expect(warnings).toEqual([]);
      expect({ ...record, sourcePublishedAtText: undefined }).toEqual({ ...syntheticRecord(i, 60), sourcePublishedAtText: undefined });
    }
  });
});
