import LinkHeader from 'http-link-header';
import { captureInForce, closestCapture, formatHttpDate, mementoLinkHeader, parseHttpDate, timeMapLinkFormat } from '../../src/core/memento';

// The seed's 快照生成时间:2024-05-03 08:45:09 (Beijing) is this instant.
const SEED_SNAPSHOT = '2024-05-03T00:45:09.000Z';

describe('HTTP dates (RFC 1123)', () => {
  test('format in GMT', () => {
    expect(formatHttpDate(SEED_SNAPSHOT)).toBe('Fri, 03 May 2024 00:45:09 GMT');
  });

  test('parse back to the same instant', () => {
    expect(parseHttpDate('Fri, 03 May 2024 00:45:09 GMT')?.toISOString()).toBe(SEED_SNAPSHOT);
  });

  test.each([
    ['an ISO date', '2024-05-03T00:45:09Z'],
    ['another zone', 'Fri, 03 May 2024 08:45:09 +0800'],
    ['a wrong weekday', 'Sat, 03 May 2024 00:45:09 GMT'],
    ['a day the month lacks', 'Fri, 31 Feb 2024 00:45:09 GMT'],
    ['an hour past 23', 'Fri, 03 May 2024 24:45:09 GMT'],
    ['RFC 850 form', 'Friday, 03-May-24 00:45:09 GMT'],
    ['nonsense', 'yesterday'],
  ])('refuse %s', (_why, text) => {
    expect(parseHttpDate(text)).toBeNull();
  });
});

const captures = [
  { snapshotAt: '2024-05-03T00:45:09.000Z', id: 'first' },
  { snapshotAt: '2024-06-01T00:00:00.000Z', id: 'second' },
  { snapshotAt: '2024-07-01T00:00:00.000Z', id: 'third' },
];

describe('the closest capture', () => {
  test('without a wanted time, the latest', () => {
    expect(closestCapture(captures)?.id).toBe('third');
  });

  test('before the first, the first', () => {
    expect(closestCapture(captures, new Date('2020-01-01T00:00:00Z'))?.id).toBe('first');
  });

  test('after the last, the last', () => {
    expect(closestCapture(captures, new Date('2030-01-01T00:00:00Z'))?.id).toBe('third');
  });

  test('between two, the nearer one, even when it is later', () => {
    expect(closestCapture(captures, new Date('2024-05-30T00:00:00Z'))?.id).toBe('second');
    expect(closestCapture(captures, new Date('2024-05-05T00:00:00Z'))?.id).toBe('first');
  });

  test('half-way, the earlier one', () => {
    expect(closestCapture(captures, new Date('2024-06-16T00:00:00Z'))?.id).toBe('second');
  });

  test('none of nothing', () => {
    expect(closestCapture([], new Date())).toBeNull();
  });
});

describe('the capture in force', () => {
  test('is the latest taken at or before the time', () => {
    expect(captureInForce(captures, new Date('2024-06-30T23:59:59Z'))?.id).toBe('second');
    expect(captureInForce(captures, new Date('2024-06-01T00:00:00Z'))?.id).toBe('second');
  });

  test('is none before the first capture', () => {
    expect(captureInForce(captures, new Date('2024-05-03T00:45:08Z'))).toBeNull();
  });
});

describe('the link-format TimeMap', () => {
  const text = timeMapLinkFormat({
    original: 'https://example.com/a?b=1',
    self: 'http://archive.test/api/timemap/link/https://example.com/a?b=1',
    timegate: 'http://archive.test/api/timegate/https://example.com/a?b=1',
    mementos: captures.map(({ snapshotAt, id }) => ({ uri: `http://archive.test/api/mementos/${id}`, datetime: snapshotAt })),
  });

  test('reads, with a third-party parser, as original, self with its span, timegate, then the mementos', () => {
    const links = LinkHeader.parse(text.trim());
    expect(links.rel('original')).toEqual([{ uri: 'https://example.com/a?b=1', rel: 'original' }]);
    expect(links.rel('self')).toEqual([
      {
        uri: 'http://archive.test/api/timemap/link/https://example.com/a?b=1',
        rel: 'self',
        type: 'application/link-format',
        from: 'Fri, 03 May 2024 00:45:09 GMT',
        until: 'Mon, 01 Jul 2024 00:00:00 GMT',
      },
    ]);
    expect(links.rel('timegate')).toEqual([{ uri: 'http://archive.test/api/timegate/https://example.com/a?b=1', rel: 'timegate' }]);
    expect(links.rel('memento').map(({ uri, datetime }) => [uri, datetime])).toEqual([
      ['http://archive.test/api/mementos/first', 'Fri, 03 May 2024 00:45:09 GMT'],
      ['http://archive.test/api/mementos/second', 'Sat, 01 Jun 2024 00:00:00 GMT'],
      ['http://archive.test/api/mementos/third', 'Mon, 01 Jul 2024 00:00:00 GMT'],
    ]);
    expect(links.rel('first').map(({ uri }) => uri)).toEqual(['http://archive.test/api/mementos/first']);
    expect(links.rel('last').map(({ uri }) => uri)).toEqual(['http://archive.test/api/mementos/third']);
  });

  test('one capture is both the first and the last memento', () => {
    const one = timeMapLinkFormat({ original: 'https://e.com/', self: 's', timegate: 'g', mementos: [{ uri: 'm', datetime: SEED_SNAPSHOT }] });
    expect(one.trim().split(',\n')[3]).toBe('<m>; rel="first last memento"; datetime="Fri, 03 May 2024 00:45:09 GMT"');
  });
});

test('the Link header of a memento names the original, the timemap and the timegate', () => {
  expect(mementoLinkHeader({ original: 'https://e.com/a', timemap: 'http://x/tm', timegate: 'http://x/tg' })).toBe(
    '<https://e.com/a>; rel="original", <http://x/tm>; rel="timemap"; type="application/link-format", <http://x/tg>; rel="timegate"',
  );
});

describe("a TimeGate's Link header", () => {
  const at = (uri: string, datetime: string) => ({ uri, datetime });
  const first = at('http://x/m/1', '2024-05-03T00:45:09.000Z');
  const middle = at('http://x/m/2', '2024-05-10T00:00:00.000Z');
  const last = at('http://x/m/3', '2024-06-01T04:00:00.000Z');
  const header = (mementos: { first: typeof first; last: typeof first; chosen: typeof first }) =>
    mementoLinkHeader({ original: 'https://e.com/a', timemap: 'http://x/tm', mementos });
  const HEAD = '<https://e.com/a>; rel="original", <http://x/tm>; rel="timemap"; type="application/link-format"';

  test('names the chosen memento beside the first and the last', () => {
    expect(header({ first, last, chosen: middle })).toBe(
      `${HEAD}, <http://x/m/1>; rel="first memento"; datetime="Fri, 03 May 2024 00:45:09 GMT", ` +
        '<http://x/m/3>; rel="last memento"; datetime="Sat, 01 Jun 2024 04:00:00 GMT", ' +
        '<http://x/m/2>; rel="memento"; datetime="Fri, 10 May 2024 00:00:00 GMT"',
    );
    // And reads back, one relation at a time, with a Link parser.
    const links = LinkHeader.parse(header({ first, last, chosen: middle }));
    expect(links.rel('memento').map((l) => l.uri)).toEqual(['http://x/m/1', 'http://x/m/3', 'http://x/m/2']);
    expect(links.rel('first').map((l) => l.uri)).toEqual(['http://x/m/1']);
    expect(links.rel('last').map((l) => l.uri)).toEqual(['http://x/m/3']);
  });

  test('one link when the chosen one is the first or the last', () => {
    expect(header({ first, last, chosen: first })).toBe(
      `${HEAD}, <http://x/m/1>; rel="first memento"; datetime="Fri, 03 May 2024 00:45:09 GMT", ` +
        '<http://x/m/3>; rel="last memento"; datetime="Sat, 01 Jun 2024 04:00:00 GMT"',
    );
  });

  test('one link with all three relations for a single capture', () => {
    expect(header({ first, last: first, chosen: first })).toBe(
      `${HEAD}, <http://x/m/1>; rel="first last memento"; datetime="Fri, 03 May 2024 00:45:09 GMT"`,
    );
  });
});
