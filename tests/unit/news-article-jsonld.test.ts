import { newsArticleJsonLd } from '../../src/core/news-article-jsonld';
import { parseContributors } from '../../src/core/byline';

const ARCHIVED_AT = 'https://kuaizhao.example/api/articles/abcdefghijklmnopqrstuvwx';
const ARCHIVE = { name: 'Kuaizhao', homepage: 'https://kuaizhao.example' };
const MAIN_ENTITY = { '@type': 'WebPage', '@id': ARCHIVED_AT };

test('the seed article as a NewsArticle: byline people, outlet, aggregator, times, key terms', () => {
  const jsonLd = newsArticleJsonLd(
    {
      title: '打破镇域行政边界 撬动区域平衡发展',
      sourcePublishedAt: '2024-05-02T22:58:00.000Z',
      snapshotAt: '2024-05-03T00:45:09.000Z',
      originalUrl: null,
      attribution: '以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。',
      contributors: parseContributors('南方日报讯 (记者/李霭莹 通讯员/肖艳霞)'),
      category: { name: '国内' },
      source: { name: '每日看点快看', homepage: null },
      reprintedFrom: { name: '南方日报', homepage: 'https://www.southcn.com/' },
    },
    { archivedAt: ARCHIVED_AT, archive: ARCHIVE, keywords: ['江门', '区域'] },
  );
  expect(jsonLd).toEqual({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: '打破镇域行政边界 撬动区域平衡发展',
    datePublished: '2024-05-02T22:58:00.000Z',
    dateCreated: '2024-05-03T00:45:09.000Z',
    dateModified: '2024-05-03T00:45:09.000Z',
    author: [
      { '@type': 'Person', name: '李霭莹', jobTitle: 'reporter' },
      { '@type': 'Person', name: '肖艳霞', jobTitle: 'correspondent' },
    ],
    sourceOrganization: { '@type': 'Organization', name: '南方日报', url: 'https://www.southcn.com/' },
    publisher: { '@type': 'Organization', name: '每日看点快看' },
    mainEntityOfPage: MAIN_ENTITY,
    creditText: '以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。',
    articleSection: '国内',
    inLanguage: 'zh-Hans',
    archivedAt: ARCHIVED_AT,
    keywords: ['江门', '区域'],
  });
});

test('what the article does not know is left out, not written as null', () => {
  expect(newsArticleJsonLd({ title: '标题', contributors: [], category: null }, { archivedAt: ARCHIVED_AT, archive: ARCHIVE, keywords: [] })).toEqual({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: '标题',
    // Google asks for a publisher with a name: a copy whose carrier is unknown is this archive's.
    publisher: { '@type': 'Organization', name: 'Kuaizhao', url: 'https://kuaizhao.example' },
    mainEntityOfPage: MAIN_ENTITY,
    inLanguage: 'zh-Hans',
    archivedAt: ARCHIVED_AT,
  });
});

describe("Google's NewsArticle properties from what the article knows", () => {
  const context = { archivedAt: ARCHIVED_AT, archive: ARCHIVE, keywords: [] };

  test('a byline printed but not parsed into contributors still names its author', () => {
    const jsonLd = newsArticleJsonLd({ title: '标题', byline: '原文作者:Lunamos', contributors: [] }, context);
    expect(jsonLd.author).toEqual([{ '@type': 'Person', name: 'Lunamos', jobTitle: 'author' }]);
  });

  test('editors are credited, not authors; with no writer named, the outlet is the author', () => {
    const jsonLd = newsArticleJsonLd(
      {
        title: '标题',
        contributors: parseContributors('责任编辑:王五'),
        reprintedFrom: { name: '南方日报', homepage: null },
        source: { name: '每日看点快看', homepage: null },
      },
      context,
    );
    expect(jsonLd.author).toEqual([{ '@type': 'Organization', name: '南方日报' }]);
    expect(jsonLd.publisher).toEqual({ '@type': 'Organization', name: '每日看点快看' });
  });

  test('with neither outlet nor aggregator, the site of the original address; an unsafe address names nothing', () => {
    const site = newsArticleJsonLd({ title: '标题', originalUrl: 'https://www.example.com.tw/news/1.html' }, context);
    expect(site.publisher).toEqual({ '@type': 'Organization', name: 'example.com.tw', url: 'https://www.example.com.tw' });
    const unsafe = newsArticleJsonLd({ title: '标题', originalUrl: 'javascript:alert(1)//example.com' }, context);
    expect(JSON.stringify([unsafe.author, unsafe.publisher])).not.toContain('javascript');
    expect(unsafe.publisher).toEqual(newsArticleJsonLd({ title: '标题' }, context).publisher);
  });

  test('dateModified is when the stored article last changed', () => {
    const jsonLd = newsArticleJsonLd({ title: '标题', snapshotAt: '2024-05-03T00:45:09.000Z', updatedAt: '2024-06-01T00:00:00.000Z' }, context);
    expect([jsonLd.dateCreated, jsonLd.dateModified]).toEqual(['2024-05-03T00:45:09.000Z', '2024-06-01T00:00:00.000Z']);
  });

  test.each([
    ['a Taiwan page', '國民黨主席朱立倫今天表示', ['兩岸關係的發展需要對話，經濟與民生問題應優先處理。'], 'zh-Hant'],
    ['a Hong Kong page', '香港特區政府公佈施政報告', ['行政長官表示會繼續推動經濟發展。'], 'zh-Hant'],
    ['the seed', '打破镇域行政边界 撬动区域平衡发展', ['最近,江门举办八镇联动发展产业对接会。'], 'zh-Hans'],
  ])('inLanguage of %s is %s', (_what, title, paragraphs, language) => {
    expect(newsArticleJsonLd({ title, paragraphs }, context).inLanguage).toBe(language);
  });
});
