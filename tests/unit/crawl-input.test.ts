/**
 * Reading crawl files: HTML pages in any charset Chinese sites use, and WARC files record by
 * record (captures, revisits, changed recaptures, what is skipped and why, a file cut short).
 * The WARCs are written with warcio from the real fixture pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readInputs, type InputItem } from '../../src/import/input';
import { fixtureHtml, reencoded, writeWarc, type WarcEntry } from '../helpers/crawl-files';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function write(name: string, bytes: Buffer | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-crawl-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function readAll(files: string[], capturedBy: string | null = null): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(files, undefined, { capturedBy })) items.push(item);
  return items;
}

const articles = (items: InputItem[]) => items.flatMap((item) => (item.kind === 'article' ? [item] : []));

const NETEASE = 'https://www.163.com/news/article/FGKQ8J6J0001899O.html';
const GMW = 'https://tech.gmw.cn/2017-03/10/content_23937776.htm';
const netease = fixtureHtml('netease-1.html');
const neteaseChanged = netease.replace('巴西联邦政府希望通过这个研究', '巴西联邦政府表示将通过这个研究');

const crawl = async (digestOf: (digests: string[]) => string): Promise<WarcEntry[]> => [
  { type: 'warcinfo', date: '2020-07-04T02:00:00Z', info: { software: 'Heritrix/3.4.0', operator: 'kuaizhao-test' } },
  { type: 'request', url: NETEASE, date: '2020-07-04T02:00:00Z' },
  { type: 'response', url: NETEASE, date: '2020-07-04T02:00:00Z', contentType: 'text/html; charset=utf-8', body: netease },
  { type: 'metadata', url: NETEASE, date: '2020-07-04T02:00:00Z', body: 'outlinks: 3\n' },
  { type: 'response', url: GMW, date: '2020-07-04T02:01:00Z', contentType: 'text/html', body: fixtureHtml('gmw-1.html') },
  { type: 'response', url: 'https://www.163.com/logo.png', date: '2020-07-04T02:02:00Z', contentType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  { type: 'response', url: 'https://www.163.com/gone.html', date: '2020-07-04T02:03:00Z', status: '404 Not Found', body: '<html><body>not found</body></html>' },
  { type: 'response', url: 'http://www.163.com/', date: '2020-07-04T02:04:00Z', status: '301 Moved Permanently', body: '' },
  { type: 'revisit', url: NETEASE, date: '2020-07-05T02:00:00Z', refersToDigest: digestOf([]) },
  { type: 'response', url: NETEASE, date: '2020-07-06T02:00:00Z', contentType: 'text/html; charset=utf-8', body: neteaseChanged },
];

/** The crawl, with the revisit pointing at the first response's payload digest. */
async function crawlWarc(gzip = true) {
  const first = await writeWarc(await crawl(() => 'sha256:0'), { gzip });
  const responseDigest = first.digests[2];
  return writeWarc(await crawl(() => responseDigest), { gzip });
}

describe('a WARC file', () => {
  let items: InputItem[];
  beforeAll(async () => {
    items = await readAll([write('crawl.warc.gz', (await crawlWarc()).bytes)]);
  });

  test('reads each HTML response as a capture of its address at its WARC-Date, credited to the warcinfo software', () => {
    const [first, gmw] = articles(items);
    expect(first.layout).toBe('WARC record');
    expect(first.record).toMatchObject({
      title: '美国新冠肺炎确诊病例超278万例 死亡129227例',
      originalUrl: NETEASE,
      snapshotAt: '2020-07-04T02:00:00.000Z',
      capturedBy: 'Heritrix/3.4.0',
      sourcePublishedAt: '2020-07-03T17:55:04.000Z',
    });
    expect(gmw.record).toMatchObject({ title: '宇航员在太空中喝酒会怎么样？后果很严重', originalUrl: GMW, snapshotAt: '2020-07-04T02:01:00.000Z' });
  });

  test('reads a revisit as the page its payload digest names, captured at the revisit time', () => {
    const [first, , revisit] = articles(items);
    expect(revisit.record).toEqual({ ...first.record, snapshotAt: '2020-07-05T02:00:00.000Z' });
  });

  test('reads a later response of the same address with changed text as a new capture', () => {
    const [, , , changed] = articles(items);
    expect(changed.record.snapshotAt).toBe('2020-07-06T02:00:00.000Z');
    expect(changed.record.paragraphs.at(-1)).toBe('巴西联邦政府表示将通过这个研究，帮助地方政府制定相应的经济活动开放或限制措施。');
  });

  test('skips images, error statuses and redirects, by reason; requests, metadata and warcinfo are not archived', () => {
    expect(items.filter((item) => item.kind === 'skipped').map((item) => (item as { reason: string }).reason)).toEqual([
      'not an HTML page',
      'HTTP status 404',
      'redirect',
    ]);
    expect(articles(items)).toHaveLength(4);
    expect(items.filter((item) => item.kind === 'failure')).toEqual([]);
  });

  test('credits --captured-by when given', async () => {
    const read = await readAll([write('crawl.warc.gz', (await crawlWarc()).bytes)], 'my-crawler');
    expect(articles(read).map((item) => item.record.capturedBy)).toEqual(['my-crawler', 'my-crawler', 'my-crawler', 'my-crawler']);
  });

  test('reads an uncompressed .warc the same way', async () => {
    const read = await readAll([write('crawl.warc', (await crawlWarc(false)).bytes)]);
    expect(articles(read).map((item) => item.record.snapshotAt)).toEqual(articles(items).map((item) => item.record.snapshotAt));
  });
});

describe('a WARC file that breaks off', () => {
  test.each([
    ['crawl.warc.gz', true],
    ['crawl.warc', false],
  ])('%s: every whole record before the break is read, then a failure names the byte offset', async (name, gzip) => {
    const { bytes, offsets } = await crawlWarc(gzip);
    // Cut inside the changed recapture, the last record.
    const cut = offsets[9] + 200;
    const file = write(name, bytes.subarray(0, cut));
    const items = await readAll([file]);
    expect(articles(items).map((item) => item.record.snapshotAt)).toEqual(['2020-07-04T02:00:00.000Z', '2020-07-04T02:01:00.000Z', '2020-07-05T02:00:00.000Z']);
    const failures = items.filter((item) => item.kind === 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ origin: { path: file } });
    expect((failures[0] as { reason: string }).reason).toContain(`byte ${offsets[9]}`);
  });

  test('a gzip member with garbage in it fails at that record, keeping those before it', async () => {
    const { bytes, offsets } = await crawlWarc(true);
    const broken = Buffer.from(bytes);
    broken.fill(0x41, offsets[4] + 20, offsets[4] + 60);
    const items = await readAll([write('crawl.warc.gz', broken)]);
    expect(articles(items).map((item) => item.record.originalUrl)).toEqual([NETEASE]);
    expect(items.at(-1)).toMatchObject({ kind: 'failure' });
    expect((items.at(-1) as { reason: string }).reason).toContain(`byte ${offsets[4]}`);
  });
});

describe('HTML pages in Chinese charsets', () => {
  const gmwTitle = '宇航员在太空中喝酒会怎么样？后果很严重';
  const pixnetTitle = '新竹尖石_美樹營地賞楓 (2)';

  test.each([
    ['GBK, declared as gb2312', () => reencoded(fixtureHtml('gmw-1.html'), 'gbk'), gmwTitle],
    ['GBK, undeclared', () => reencoded(fixtureHtml('gmw-1.html'), 'gbk', false), gmwTitle],
    ['Big5, declared', () => reencoded(fixtureHtml('held-out/pixnet-1.html'), 'big5'), pixnetTitle],
    ['Big5, undeclared', () => reencoded(fixtureHtml('held-out/pixnet-1.html'), 'big5', false), pixnetTitle],
    // A page that says UTF-8 over GBK bytes (a server or an editor that got it wrong).
    ['GBK, declared as utf-8', () => Buffer.from(reencoded(fixtureHtml('gmw-1.html'), 'gbk').toString('latin1').replace('charset="gb2312"', 'charset="utf-8"'), 'latin1'), gmwTitle],
    // One stray byte in a UTF-8 page does not make it GBK.
    ['UTF-8 with one stray byte, declared', () => Buffer.concat([Buffer.from(fixtureHtml('gmw-1.html')), Buffer.from([0xff])]), gmwTitle],
  ])('%s: reads the title and body right', async (_name, bytes, title) => {
    const [item] = await readAll([write('page.html', bytes())]);
    expect(item).toMatchObject({ kind: 'article', layout: 'HTML page', record: { title } });
    expect((item as { record: { paragraphs: string[] } }).record.paragraphs.join('')).not.toMatch(/\uFFFD/);
  });

  test('a page with no readable article is refused by name, with the reason', async () => {
    const file = write('front.html', fixtureHtml('qq-list-1.html'));
    expect(await readAll([file])).toEqual([
      { kind: 'failure', origin: { path: file, line: 1 }, reason: expect.stringMatching(/^no readable article: /) },
    ]);
  });
});
