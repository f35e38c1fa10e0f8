/**
 * Crawl files through the real importer: HTML pages, and a WARC whose responses, revisits and
 * changed recaptures become one article's capture history, with what was skipped counted by
 * reason; a WARC cut short keeps every whole record before the break and fails the run.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeFiles } from '../helpers/import-files';
import { fixtureHtml, reencoded, writeWarc, type WarcEntry } from '../helpers/crawl-files';
import { findCaptures } from '../../src/captures/capture-store';
import { listInputFiles, readInputs, type InputItem } from '../../src/import/input';
import { startHtmlReaders } from '../../src/import/html-readers';
import { importFiles } from '../../src/import/run-import';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { WARCParser } from 'warcio';
import { createHash } from 'node:crypto';
import { runCli } from '../helpers/cli';

const ARTICLE = 'api::article.article';
const OPTIONS = { publish: true, dryRun: false };
/** As the CLI imports by default: pages read in threads beside the writes. */
const THREADED = { ...OPTIONS, readerThreads: 2 };
const URL_A = 'https://www.163.com/news/article/FGKQ8J6J0001899O.html';
const URL_B = 'https://tech.gmw.cn/2017-03/10/content_23937776.htm';
const netease = fixtureHtml('netease-1.html');
const neteaseChanged = netease.replace('巴西联邦政府希望通过这个研究', '巴西联邦政府表示将通过这个研究');

let app: Core.Strapi;
const dirs: string[] = [];
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const files = (named: Record<string, string | Buffer>) => {
  const dir = writeFiles(named);
  dirs.push(dir);
  return listInputFiles([dir]).files;
};

async function crawl(urlB = URL_B): Promise<{ bytes: Buffer; offsets: number[] }> {
  const entries = (revisitDigest: string): WarcEntry[] => [
    { type: 'warcinfo', info: { software: 'Heritrix/3.4.0' } },
    { type: 'request', url: URL_A, date: '2020-07-04T02:00:00Z' },
    { type: 'response', url: URL_A, date: '2020-07-04T02:00:00Z', contentType: 'text/html; charset=utf-8', body: netease },
    { type: 'response', url: urlB, date: '2020-07-04T02:01:00Z', contentType: 'text/html', body: fixtureHtml('gmw-1.html') },
    { type: 'response', url: 'https://www.163.com/logo.png', date: '2020-07-04T02:02:00Z', contentType: 'image/png', body: Buffer.from([0x89, 0x50]) },
    { type: 'response', url: 'https://www.163.com/gone.html', date: '2020-07-04T02:03:00Z', status: '404 Not Found', body: 'not found' },
    { type: 'response', url: 'http://www.163.com/', date: '2020-07-04T02:04:00Z', status: '302 Found', body: '' },
    { type: 'revisit', url: URL_A, date: '2020-07-05T02:00:00Z', refersToDigest: revisitDigest },
    { type: 'response', url: URL_A, date: '2020-07-06T02:00:00Z', contentType: 'text/html; charset=utf-8', body: neteaseChanged },
  ];
  const first = await writeWarc(entries(''));
  return writeWarc(entries(first.digests[2]));
}

const articleAt = async (url: string) =>
  app.db.query(ARTICLE).findOne({ where: { originalUrl: url, publishedAt: { $notNull: true } }, select: ['documentId', 'title', 'snapshotAt', 'body'] });

describe('importing a WARC', () => {
  test('makes one article per address with every capture, the latest text shown, and counts what it skipped', async () => {
    const report = await importFiles(app, files({ 'crawl.warc.gz': (await crawl()).bytes }), THREADED);
    expect(report).toMatchObject({ created: 2, failed: 0, skipped: { 'not an HTML page': 1, 'HTTP status 404': 1, redirect: 1 }, layouts: { 'WARC record': 4 } });

    const article = await articleAt(URL_A);
    expect(new Date(article.snapshotAt).toISOString()).toBe('2020-07-06T02:00:00.000Z');
    expect(JSON.stringify(article.body)).toContain('巴西联邦政府表示将通过这个研究');
    const captures = await findCaptures(app, { articleDocumentId: article.documentId });
    expect(captures.map((capture) => [capture.snapshotAt, capture.capturedBy, capture.revisitOf === null ? 'page' : 'revisit'])).toEqual([
      ['2020-07-04T02:00:00.000Z', 'Heritrix/3.4.0', 'page'],
      ['2020-07-05T02:00:00.000Z', 'Heritrix/3.4.0', 'revisit'],
      ['2020-07-06T02:00:00.000Z', 'Heritrix/3.4.0', 'page'],
    ]);
    expect(captures[1].revisitOf).toBe(captures[0].id);
  });

  test('importing the same WARC again changes nothing', async () => {
    const report = await importFiles(app, files({ 'crawl.warc.gz': (await crawl()).bytes }), OPTIONS);
    expect(report).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });
});

describe('exporting captures as a WARC', () => {
  /** Every record of a WARC as warcio (Webrecorder's reader, the one pywb's JavaScript sibling uses) reads it. */
  async function readWarc(bytes: Buffer) {
    const records = [];
    for await (const record of new WARCParser((async function* () { yield new Uint8Array(bytes); })())) {
      const payload = Buffer.from(await record.readFully(true));
      records.push({ type: record.warcType, url: record.warcTargetURI, date: record.warcDate, headers: record.warcHeaders.headers, payload, status: record.httpHeaders?.statusCode });
    }
    return records;
  }
  const sha1 = (bytes: Buffer) => {
    const digest = createHash('sha1').update(bytes).digest();
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of digest) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return `sha1:${out}`;
  };

  test("an article's captures: a response, the revisit naming it, the changed recapture; warcio reads them back", async () => {
    const article = await articleAt(URL_A);
    const run = await runCli(['export', article.documentId, '--warc']);
    expect(run.stderr).toContain('wrote 2 response and 1 revisit record(s); left out 0 capture(s) of withheld articles and 0 without an address');
    expect(run.code).toBe(0);
    const records = await readWarc(run.stdoutBytes);
    expect(records.map((record) => [record.type, record.url ?? null, record.date])).toEqual([
      ['warcinfo', null, expect.any(String)],
      ['response', URL_A, '2020-07-04T02:00:00Z'],
      ['revisit', URL_A, '2020-07-05T02:00:00Z'],
      ['response', URL_A, '2020-07-06T02:00:00Z'],
    ]);
    expect(records[0].payload.toString('utf8')).toContain('software: Kuaizhao');
    const [, first, revisit, changed] = records;
    // The payload is the page as captured, and its digest is the one the record states.
    expect(first.status).toBe(200);
    expect(first.payload.toString('utf8')).toContain('巴西联邦政府希望通过这个研究');
    expect(changed.payload.toString('utf8')).toContain('巴西联邦政府表示将通过这个研究');
    expect(first.headers.get('WARC-Payload-Digest')).toBe(sha1(first.payload));
    // What replay tools need of a revisit: the profile, the response it repeats, and that response's digest.
    expect(revisit.headers.get('WARC-Profile')).toBe('http://netpreserve.org/warc/1.1/revisit/identical-payload-digest');
    expect(revisit.headers.get('WARC-Refers-To-Target-URI')).toBe(URL_A);
    expect(revisit.headers.get('WARC-Refers-To-Date')).toBe('2020-07-04T02:00:00Z');
    expect(revisit.headers.get('WARC-Payload-Digest')).toBe(first.headers.get('WARC-Payload-Digest'));
    expect(changed.headers.get('WARC-Payload-Digest')).not.toBe(first.headers.get('WARC-Payload-Digest'));
  });

  test('--all writes every capture, and warcio\'s own indexer lists them', async () => {
    const run = await runCli(['export', '--all', '--warc']);
    expect(run.code).toBe(0);
    const records = await readWarc(run.stdoutBytes);
    expect(records.filter((record) => record.type === 'response').map((record) => record.url)).toEqual(expect.arrayContaining([URL_A, URL_B]));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-warc-')), 'archive.warc.gz');
    dirs.push(path.dirname(file));
    fs.writeFileSync(file, run.stdoutBytes);
    const cdx = execFileSync(process.execPath, [path.resolve(__dirname, '../../node_modules/warcio/dist/cli.js'), 'cdx-index', file], { encoding: 'utf8' });
    // One CDXJ line a capture (the warcinfo has none), keyed by address and time, as pywb looks them up.
    const lines = cdx.trim().split('\n').map((line) => {
      const [key, time, json] = line.split(' ');
      return { key, time, ...JSON.parse(json) };
    });
    expect(lines).toHaveLength(records.length - 1);
    const ofA = lines.filter((line) => line.url === URL_A);
    expect(ofA.map((line) => [line.time, line.mime])).toEqual([
      ['20200704020000', 'text/html'],
      ['20200705020000', 'warc/revisit'],
      ['20200706020000', 'text/html'],
    ]);
    expect(ofA[1].digest).toBe(ofA[0].digest);
    expect(ofA[0].key).toBe('com,163)/news/article/fgkq8j6j0001899o.html');
  });

  test('an unknown article is refused by name; a malformed call prints the usage', async () => {
    const unknown = await runCli(['export', 'no-such-article', '--warc']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe('no article with slug or documentId "no-such-article"\n');
    const usage = await runCli(['export', 'a', 'b', '--warc']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--all --warc');
  });
});

describe('reading in threads', () => {
  const FIXTURES = ['netease-1', 'gmw-1', 'chinanews-1', 'ifeng-1', 'qq-1', 'youth-1', 'bbc-chinese-1', 'qq-list-1'];
  /** A crawl of many pages: each fixture at several addresses, revisits of pages just read (still in flight) and of older ones, an image, a list page. */
  async function bigCrawl(): Promise<Buffer> {
    const entries = (digests: string[]): WarcEntry[] => {
      const list: WarcEntry[] = [{ type: 'warcinfo', info: { software: 'Browsertrix-Crawler 1.0' } }];
      for (let i = 0; i < 24; i += 1) {
        const url = `https://news.example.cn/${i}.html`;
        list.push({ type: 'response', url, date: `2021-01-01T00:${String(i).padStart(2, '0')}:00Z`, contentType: 'text/html; charset=utf-8', body: fixtureHtml(`${FIXTURES[i % FIXTURES.length]}.html`) });
        if (i % 5 === 1) list.push({ type: 'revisit', url, date: `2021-01-02T00:${String(i).padStart(2, '0')}:00Z`, refersToDigest: digests[list.length - 1] ?? '' });
        if (i % 7 === 3) list.push({ type: 'revisit', url: 'https://news.example.cn/1.html', date: `2021-01-03T00:${String(i).padStart(2, '0')}:00Z`, refersToDigest: digests[1] ?? '' });
        if (i % 6 === 2) list.push({ type: 'response', url: `https://news.example.cn/${i}.png`, date: '2021-01-01T01:00:00Z', contentType: 'image/png', body: Buffer.from([0x89, 0x50]) });
      }
      return list;
    };
    const first = await writeWarc(entries([]));
    return (await writeWarc(entries(first.digests))).bytes;
  }
  const readAll = async (file: string, threads: number): Promise<InputItem[]> => {
    const readers = startHtmlReaders(threads);
    const items: InputItem[] = [];
    try {
      for await (const item of readInputs([file], undefined, { readers })) items.push(item);
    } finally {
      await readers.close();
    }
    return items;
  };

  test('a WARC read by two threads gives the same items, in the same order, as read on one', async () => {
    const [file] = files({ 'big.warc.gz': await bigCrawl() });
    const inline = await readAll(file, 0);
    const threaded = await readAll(file, 2);
    expect(inline.map((item) => item.kind)).toEqual(expect.arrayContaining(['article', 'failure', 'skipped']));
    expect(inline.filter((item) => item.kind === 'article' && item.origin.line > 0).length).toBeGreaterThan(24);
    expect(threaded).toEqual(inline);
  });

  test('npm run import reads in threads by default; --threads sets how many, and a bad count is a usage error', async () => {
    const [file] = files({ 'threads.warc.gz': await bigCrawl() });
    const runs = await Promise.all([[], ['--threads', '2'], ['--threads', '0']].map((threads) => runCli(['import', ...threads, '--dry-run', file])));
    // The three list pages fail by name; threaded or not, the run reports the same.
    expect(runs[0].stdout).toMatch(/^created \d+, updated \d+, unchanged \d+, failed 3 \(skipped: 4 not an HTML page; dry run/);
    expect(runs[0].stderr.match(/^\S+threads\.warc\.gz:\d+: record \d+ at byte \d+ \(https:\/\/news\.example\.cn\/\d+\.html\): no readable article/gm)).toHaveLength(3);
    expect(runs.map((run) => run.stdout)).toEqual([runs[0].stdout, runs[0].stdout, runs[0].stdout]);
    const bad = await runCli(['import', '--threads', 'many', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--threads needs a number from 0 to 64');
  });
});

describe('a WARC cut short', () => {
  test('keeps the whole records before the break and fails naming the file and byte offset', async () => {
    const { bytes, offsets } = await crawl('https://tech.gmw.cn/cut-short.htm');
    const [file] = files({ 'cut.warc.gz': bytes.subarray(0, offsets[4] + 100) });
    const report = await importFiles(app, [file], THREADED);
    expect(report.failed).toBe(1);
    expect(report.failures[0].path).toBe(file);
    expect(report.failures[0].message).toContain(`byte ${offsets[4]}`);
    expect(await articleAt('https://tech.gmw.cn/cut-short.htm')).toMatchObject({ title: '宇航员在太空中喝酒会怎么样？后果很严重' });
  });
});

describe('importing HTML files', () => {
  test('GBK and Big5 pages are archived with their text right; a page with no article is refused by name', async () => {
    const report = await importFiles(
      app,
      files({
        'gbk.html': reencoded(fixtureHtml('youth-1.html'), 'gbk'),
        'big5.htm': reencoded(fixtureHtml('held-out/pixnet-1.html'), 'big5', false),
        'front.html': fixtureHtml('qq-list-1.html'),
      }),
      OPTIONS,
    );
    expect(report).toMatchObject({ created: 2, failed: 1, layouts: { 'HTML page': 2 } });
    expect(report.failures[0].path).toMatch(/front\.html$/);
    expect(report.failures[0].message).toMatch(/^no readable article/);
    const titles = (await app.db.query(ARTICLE).findMany({ where: { publishedAt: null }, select: ['title'] })).map((row: { title: string }) => row.title);
    expect(titles).toEqual(expect.arrayContaining(['海外留学生看两会：出国前后关注点大不同', '新竹尖石_美樹營地賞楓 (2)']));
  });
});
