/**
 * The HTML article reader on real pages (tests/fixtures/html, labels written by hand before the
 * reader): exact values where it reads them right, and the accuracy per field over all pages and
 * over the pages held out from tuning (held-out/), printed as a table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { authorOfByline, HtmlArticleError, languageOf, readHtmlArticle } from '../../src/core/html-article';
import { decodeHtml } from '../../src/core/html-charset';
import { HTML_FIXTURES } from '../helpers/crawl-files';

interface Label {
  article?: false;
  title: string;
  publishedAt: string | null;
  source: string | null;
  author: string | null;
  language: 'zh-Hans' | 'zh-Hant';
  bodyFirst: string | null;
  bodyLast: string | null;
}

const pagesIn = (dir: string) =>
  fs.readdirSync(dir).filter((name) => name.endsWith('.html')).map((name) => path.join(dir, name));
const tuned = pagesIn(HTML_FIXTURES);
const heldOut = pagesIn(path.join(HTML_FIXTURES, 'held-out'));
const labelOf = (file: string): Label => JSON.parse(fs.readFileSync(file.replace(/\.html$/, '.label.json'), 'utf8'));
const read = (file: string) => readHtmlArticle(decodeHtml(fs.readFileSync(file)).text);

const FIELDS = {
  title: (label: Label, got: ReturnType<typeof read>) => got.record.title === label.title,
  time: (label: Label, got: ReturnType<typeof read>) => got.record.sourcePublishedAt === label.publishedAt,
  source: (label: Label, got: ReturnType<typeof read>) => got.record.source === label.source,
  author: (label: Label, got: ReturnType<typeof read>) => authorOfByline(got.record.byline) === label.author,
  'body start': (label: Label, got: ReturnType<typeof read>) => label.bodyFirst !== null && (got.record.paragraphs[0] ?? '').startsWith(label.bodyFirst),
  language: (label: Label, got: ReturnType<typeof read>) => got.language === label.language,
};

function accuracy(files: string[]) {
  const articles = files.filter((file) => labelOf(file).article !== false);
  const right = Object.fromEntries(Object.keys(FIELDS).map((field) => [field, 0])) as Record<keyof typeof FIELDS, number>;
  for (const file of articles) {
    let got: ReturnType<typeof read>;
    try {
      got = read(file);
    } catch {
      continue;
    }
    for (const [field, check] of Object.entries(FIELDS)) if (check(labelOf(file), got)) right[field as keyof typeof FIELDS] += 1;
  }
  return { pages: articles.length, right };
}

describe('reading the labelled pages', () => {
  test.each([
    ['netease-1.html', { title: '美国新冠肺炎确诊病例超278万例 死亡129227例', sourcePublishedAt: '2020-07-03T17:55:04.000Z', source: '央视新闻客户端' }],
    ['ifeng-1.html', { title: '故宫，你低调点！故宫：不，实力已不允许我继续低调', sourcePublishedAt: '2019-02-19T18:26:00.000Z', source: '中国新闻网', byline: '作者：上官云 宋宇晟', category: '大陆' }],
    ['youth-1.html', { title: '海外留学生看两会：出国前后关注点大不同', sourcePublishedAt: '2017-03-10T00:42:00.000Z', source: '人民日报海外版' }],
    ['bbc-chinese-1.html', { title: '港特首梁振英就住宅违建事件道歉', sourcePublishedAt: '2012-12-10T10:41:00.000Z' }],
    ['gmw-1.html', { title: '宇航员在太空中喝酒会怎么样？后果很严重', source: '网易科学人', byline: '作者：春春', category: '探索者' }],
  ])('%s: headline, time, source and credits as labelled', (name, expected) => {
    expect(read(path.join(HTML_FIXTURES, name)).record).toMatchObject(expected);
  });

  test('a body starts after the 原标题 line and ends before the credits and the site notice', () => {
    const { paragraphs } = read(path.join(HTML_FIXTURES, 'netease-1.html')).record;
    expect(paragraphs[0]).toBe(
      '根据约翰斯·霍普金斯大学的最新数据统计，截至美东时间7月3日16时33分，美国新冠肺炎确诊病例超过278万例，为2780916例，死亡病例为129227例。新增确诊病例数较当日9时33分公布的数据增长了40563例。',
    );
    expect(paragraphs.at(-1)).toBe('巴西联邦政府希望通过这个研究，帮助地方政府制定相应的经济活动开放或限制措施。');
  });

  test('a page saved as UTF-8 that still declares gb2312 is read as UTF-8', () => {
    expect(read(path.join(HTML_FIXTURES, 'qq-1.html')).record.title).toBe('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶');
  });

  test('a channel front page is refused: no readable article', () => {
    expect(() => read(path.join(HTML_FIXTURES, 'qq-list-1.html'))).toThrow(HtmlArticleError);
  });

  test('tells Traditional from Simplified', () => {
    expect(languageOf('這個國家的發展')).toBe('zh-Hant');
    expect(languageOf('这个国家的发展')).toBe('zh-Hans');
  });
});

describe('accuracy on the labelled pages', () => {
  test('prints the accuracy per field, all pages and held-out, and reads every title of the held-out pages', () => {
    const all = accuracy([...tuned, ...heldOut]);
    const held = accuracy(heldOut);
    const rows = Object.keys(FIELDS).map(
      (field) => `| ${field} | ${all.right[field as keyof typeof FIELDS]}/${all.pages} | ${held.right[field as keyof typeof FIELDS]}/${held.pages} |`,
    );
    console.log(['| field | all pages | held-out |', '| --- | --- | --- |', ...rows].join('\n'));
    expect(all.right.title / all.pages).toBeGreaterThanOrEqual(0.85);
    expect(held.right.title).toBe(held.pages);
  });
});
