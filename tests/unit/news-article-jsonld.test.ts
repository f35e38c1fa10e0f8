import { newsArticleJsonLd } from '../../src/core/news-article-jsonld';
import { parseContributors } from '../../src/core/byline';

const ARCHIVED_AT = 'https://kuaizhao.example/api/articles/abcdefghijklmnopqrstuvwx';

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
    { archivedAt: ARCHIVED_AT, keywords: ['江门', '区域'] },
  );
  expect(jsonLd).toEqual({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: '打破镇域行政边界 撬动区域平衡发展',
    datePublished: '2024-05-02T22:58:00.000Z',
    dateCreated: '2024-05-03T00:45:09.000Z',
    author: [
      { '@type': 'Person', name: '李霭莹', jobTitle: 'reporter' },
      { '@type': 'Person', name: '肖艳霞', jobTitle: 'correspondent' },
    ],
    sourceOrganization: { '@type': 'Organization', name: '南方日报', url: 'https://www.southcn.com/' },
    publisher: { '@type': 'Organization', name: '每日看点快看' },
    creditText: '以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。',
    articleSection: '国内',
    inLanguage: 'zh-CN',
    archivedAt: ARCHIVED_AT,
    keywords: ['江门', '区域'],
  });
});

test('what the article does not know is left out, not written as null', () => {
  expect(newsArticleJsonLd({ title: '标题', contributors: [], category: null }, { archivedAt: ARCHIVED_AT, keywords: [] })).toEqual({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: '标题',
    inLanguage: 'zh-CN',
    archivedAt: ARCHIVED_AT,
  });
});
