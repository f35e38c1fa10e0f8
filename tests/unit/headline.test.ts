/**
 * The headline decision both readers share (src/core/headline.ts), and the HTML reader using it:
 * what is never a headline, and how candidates rank.
 */
import { headlineScore, isBylineOrNotice } from '../../src/core/headline';
import { readHtmlArticle } from '../../src/core/html-article';
import { parseNewsPage } from '../../src/core/news-page';

describe('what is never a headline', () => {
  test.each([
    ['出品|深網·騰訊新聞小滿工作室'],
    ['作者｜张三'],
    ['不提供二次转载'],
    ['未经授权禁止转载'],
    ['刘焕勇 老刘说NLP'],
    ['首页 > 新闻 > 正文'],
    ['当前位置：首页 > 国内'],
  ])('%s', (text) => expect(isBylineOrNotice(text)).toBe(true));

  test.each([['江门纺织服装企业走进佛山'], ['洛伦兹变换适用于低速「对洛伦兹变换的理解」'], ['美国新冠肺炎确诊病例超278万例 死亡129227例']])('%s is a headline', (text) =>
    expect(isBylineOrNotice(text)).toBe(false),
  );
});

describe('ranking candidates', () => {
  test('position and repetition each count; a keyword run and a line of separators count against', () => {
    const title = '江门纺织服装企业走进佛山';
    expect(headlineScore({ text: title, nearest: true, repeated: false })).toBeGreaterThan(headlineScore({ text: title, nearest: false, repeated: false }));
    expect(headlineScore({ text: title, nearest: false, repeated: true })).toBeGreaterThan(headlineScore({ text: title, nearest: false, repeated: false }));
    expect(headlineScore({ text: '纺织,服装,佛山,江门,企业', nearest: false, repeated: false })).toBeLessThan(headlineScore({ text: title, nearest: false, repeated: false }));
    expect(headlineScore({ text: '新闻 | 国内 | 广东 | 江门 | 企业', nearest: false, repeated: false })).toBeLessThan(headlineScore({ text: title, nearest: false, repeated: false }));
  });
});

const body = '<p>江门市纺织服装企业昨日组团走进佛山，与当地企业开展产业对接，共商合作发展之路，现场签约项目十余个。</p><p>参加活动的企业负责人表示，两地产业互补性强，合作前景广阔，今后将进一步加强交流与合作。</p>';

describe('the same decision in both readers', () => {
  test('HTML: a credit line in an h1 the <title> repeats is passed over for the headline', () => {
    const html = `<html><head><title>出品|深網工作室 江门纺织服装企业走进佛山</title><meta property="og:title" content="江门纺织服装企业走进佛山"></head><body><h1>出品|深網工作室</h1><h1>江门纺织服装企业走进佛山</h1><div class="article">${body}</div></body></html>`;
    expect(readHtmlArticle(html).record.title).toBe('江门纺织服装企业走进佛山');
  });

  test('HTML: a <title> that is a reprint notice is not taken when nothing else names the page', () => {
    const html = `<html><head><title>未经授权禁止转载</title></head><body><div class="article">${body}</div></body></html>`;
    expect(() => readHtmlArticle(html)).toThrow('no headline');
  });

  test('text: a producer credit above the headline is passed over; a headline followed by 时间…来源… is read', () => {
    const page = ['出品|深網·騰訊新聞小滿工作室', '江门纺织服装企业走进佛山', '时间:2022-12-15 17:59:34来源:搜狐', '', ...body.replace(/<\/?p>/g, '\n').split('\n').filter(Boolean)].join('\n');
    const { record } = parseNewsPage(page);
    expect(record.title).toBe('江门纺织服装企业走进佛山');
    expect(record.source).toBe('搜狐');
    expect(record.sourcePublishedAt).toBe('2022-12-15T09:59:34.000Z');
  });
});
