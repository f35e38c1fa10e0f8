import { ArticleLineError, parseArticleLine } from '../../src/core/article-line';
import { seedRecord } from '../helpers/seed';

const seed = seedRecord;

/** The seed article as an NDJSON line, fields named as the content model, relations by name. */
const seedLine = {
  title: seed.title,
  category: '国内',
  source: '每日看点快看',
  reprintedFrom: '南方日报',
  capturedBy: 'td.fyun.cc',
  kicker: seed.kicker,
  byline: seed.byline,
  body: seed.paragraphs,
  sourcePublishedAt: '2024-05-03 06:58:00',
  snapshotAt: '2024-05-03T00:45:09.000Z',
  attribution: seed.attribution,
  relatedLinks: seed.relatedLinks.map(({ title, excerpt, dateText }) => ({ title, excerpt, date: dateText })),
};

const read = (data: unknown) => parseArticleLine(JSON.stringify(data)).record;

function reasonOf(line: string): string {
  try {
    parseArticleLine(line);
  } catch (error) {
    if (error instanceof ArticleLineError) return error.reason;
    throw error;
  }
  throw new Error('the line was read');
}

describe('reading an NDJSON line', () => {
  test('reads the seed article into the record the seed page gives', () => {
    expect(read(seedLine)).toEqual({ ...seed, slug: null, excerpt: null, relatedLinks: seed.relatedLinks.map((link) => ({ ...link, url: null })) });
  });

  test('reads a naive time as Beijing time and an ISO time as given', () => {
    const record = read(seedLine);
    expect(record.sourcePublishedAt).toBe('2024-05-02T22:58:00.000Z');
    expect(record.snapshotAt).toBe('2024-05-03T00:45:09.000Z');
  });

  test('keeps a related date printed without seconds as printed', () => {
    expect(read(seedLine).relatedLinks[4]).toMatchObject({ date: '2022-12-15T14:55:00.000Z', dateText: '2022-12-15 22:55' });
  });

  test('reads relations given as objects with a name', () => {
    expect(read({ title: 'x', category: { name: '国际' } }).category).toBe('国际');
  });

  test('reads a body of Strapi blocks', () => {
    const body = [{ type: 'paragraph', children: [{ type: 'text', text: '第一段' }] }];
    expect(read({ title: 'x', body }).paragraphs).toEqual(['第一段']);
  });

  test('reads a body text with blank lines between paragraphs', () => {
    expect(read({ title: 'x', body: '第一段\n\n第二段\r\n\r\n第三段' }).paragraphs).toEqual(['第一段', '第二段', '第三段']);
  });

  test('keeps a related link address', () => {
    expect(read({ title: 'x', relatedLinks: [{ title: 'y', url: 'https://example.com/y' }] }).relatedLinks[0].url).toBe('https://example.com/y');
  });

  test('warns about a field the content model does not have', () => {
    expect(parseArticleLine(JSON.stringify({ title: 'x', colour: 'red' })).warnings).toEqual(['ignored unknown field colour']);
  });
});

describe('NDJSON lines that are not articles', () => {
  test.each([
    ['text that is not JSON', '{"title": "x"', /^not JSON: /],
    ['a JSON value that is not an object', '["x"]', /^not a JSON object$/],
    ['an object without a title', '{"category": "国内"}', /^no title$/],
    ['a blank title', '{"title": "  "}', /^no title$/],
    ['an unreadable time', '{"title": "x", "snapshotAt": "yesterday"}', /^snapshotAt is not a date and time: "yesterday"$/],
    ['a related link without title or excerpt', '{"title": "x", "relatedLinks": [{"date": "2024-01-01"}]}', /^relatedLinks\[0\] has neither/],
    ['a dateText that disagrees with the date', '{"title": "x", "relatedLinks": [{"title": "y", "date": "2024-01-01T00:00:00Z", "dateText": "2024-01-01 00:00"}]}', /is not the same time as its date/],
    ['relatedLinks that are not a list', '{"title": "x", "relatedLinks": {}}', /^relatedLinks must be a list$/],
  ])('%s is refused with its reason', (_case, line, reason) => {
    expect(reasonOf(line)).toMatch(reason);
  });
});
