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

type Read = ReturnType<typeof read>;
const toTheMinute = (iso: string | null | undefined) => iso?.slice(0, 16) ?? null;

/** Each field's check, and the pages it is counted on: a time on the dated pages (to the minute), a body start where the label gives one. */
const FIELDS: Record<string, { counts?: (label: Label) => boolean; right: (label: Label, got: Read) => boolean }> = {
  title: { right: (label, got) => got.record.title === label.title },
  time: { counts: (label) => label.publishedAt !== null, right: (label, got) => toTheMinute(got.record.sourcePublishedAt) === toTheMinute(label.publishedAt) },
  source: { right: (label, got) => got.record.source === label.source },
  author: { right: (label, got) => authorOfByline(got.record.byline) === label.author },
  'body start': { counts: (label) => label.bodyFirst !== null, right: (label, got) => (got.record.paragraphs[0] ?? '').startsWith(label.bodyFirst ?? '') },
  // Where the article's last sentence is the body's end: no credits, notices or other articles after it.
  'body end': { counts: (label) => label.bodyLast !== null, right: (label, got) => (got.record.paragraphs.at(-1) ?? '').endsWith(label.bodyLast ?? '') },
  language: { right: (label, got) => got.language === label.language },
};

/** Right and counted, per field, over the article pages among `files` (a page the reader refuses counts wrong on every field). */
function accuracy(files: string[]) {
  const articles = files.filter((file) => labelOf(file).article !== false);
  const tally = Object.fromEntries(Object.keys(FIELDS).map((field) => [field, { right: 0, of: 0 }]));
  for (const file of articles) {
    const label = labelOf(file);
    let got: Read | null = null;
    try {
      got = read(file);
    } catch {
      got = null;
    }
    for (const [field, check] of Object.entries(FIELDS)) {
      if (check.counts && !check.counts(label)) continue;
      tally[field].of += 1;
      if (got && check.right(label, got)) tally[field].right += 1;
    }
  }
  return { pages: articles.length, tally };
}

describe('reading the labelled pages', () => {
  test.each([
    ['netease-1.html', { title: '美国新冠肺炎确诊病例超278万例 死亡129227例', sourcePublishedAt: '2020-07-03T17:55:04.000Z', source: '央视新闻客户端' }],
    ['ifeng-1.html', { title: '故宫，你低调点！故宫：不，实力已不允许我继续低调', sourcePublishedAt: '2019-02-19T18:26:00.000Z', source: '中国新闻网', byline: '作者：上官云 宋宇晟', category: '大陆' }],
    ['youth-1.html', { title: '海外留学生看两会：出国前后关注点大不同', sourcePublishedAt: '2017-03-10T00:42:00.000Z', source: '人民日报海外版' }],
    ['bbc-chinese-1.html', { title: '港特首梁振英就住宅违建事件道歉', sourcePublishedAt: '2012-12-10T10:41:00.000Z' }],
    ['gmw-1.html', { title: '宇航员在太空中喝酒会怎么样？后果很严重', source: '网易科学人', byline: '作者：春春', category: '探索者' }],
    // The time and `聯合報 記者陳嘉寧／桃園機場報導` stand below nine lines of page tools (分享, 列印, A-A+);
    // the JSON-LD author is that credit line, whose name is the writer.
    ['udn-1.html', { sourcePublishedAt: '2019-03-18T15:59:13.000Z', source: '聯合報', byline: '作者：陳嘉寧' }],
    // A JSON-LD author of @type Organization is the outlet: the writer is （王煌忠／台中報導） after the story.
    ['appledaily-tw-1.html', { title: '和男友口角鎖門吞藥 女墜樓不治', byline: '作者：王煌忠' }],
    ['ettoday-1.html', { byline: '作者：林悅' }],
    // `2018-02-21 18:03  社會`: the channel after the time (article:section) is no source; 社會中心 is a desk, no writer.
    ['setn-1.html', { title: '與母爭吵疑失足墜樓 男子送醫搶救不治', byline: null }],
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

  test('a photo caption opening with ▲ or closing with （圖／…） stands above the body, not in it', () => {
    expect(read(path.join(HTML_FIXTURES, 'ettoday-1.html')).record.paragraphs[0]).toMatch(/^44歲陳姓客運司機，7日凌晨以狗鍊/);
    expect(read(path.join(HTML_FIXTURES, 'setn-1.html')).record.source).not.toBe('社會');
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
  test('prints the accuracy per field, all pages and held-out, and holds the held-out floors', () => {
    const all = accuracy([...tuned, ...heldOut]);
    const held = accuracy(heldOut);
    const cell = ({ right, of }: { right: number; of: number }) => `${right}/${of} (${Math.round((100 * right) / of)}%)`;
    const rows = Object.keys(FIELDS).map((field) => `| ${field} | ${cell(all.tally[field])} | ${cell(held.tally[field])} |`);
    console.log([`| field | all ${all.pages} pages | held-out ${held.pages} |`, '| --- | --- | --- |', ...rows].join('\n'));
    expect(held.pages).toBe(20);
    expect(all.pages).toBeGreaterThanOrEqual(59);
    // Floors at the targets, which the reader met when it was done (2026-12-04: titles 95%,
    // times 90%, body starts 85%): a change that reads fewer of the held-out pages right fails
    // here. See the closing note of issue 22.
    const rate = (field: string) => held.tally[field].right / held.tally[field].of;
    expect(rate('title')).toBeGreaterThanOrEqual(0.95);
    expect(rate('time')).toBeGreaterThanOrEqual(0.9);
    expect(rate('body start')).toBeGreaterThanOrEqual(0.85);
    expect(rate('body end')).toBeGreaterThanOrEqual(0.8);
    expect(all.tally.title.right / all.tally.title.of).toBeGreaterThanOrEqual(0.95);
  });
});

describe('old portal pages: the page read as lines', () => {
  const page = (head: string, body: string) => `<html><head>${head}</head><body>${body}</body></html>`;
  const prose = (n: number) =>
    Array.from({ length: n }, (_, i) => `<p>这是正文的第${i + 1}段，记者在现场看到工人们正在加紧施工，预计今年年底全部完工并投入使用。</p>`).join('');

  test('the headline a <title> ends with a bare hyphen and the channel is the part the page shows', () => {
    const { record } = readHtmlArticle(page('<title>民间资本路在何方-搜狐财经</title>', `<table><tr><td>民间资本路在何方</td></tr><tr><td>时间：2004年10月21日14:18</td></tr></table>${prose(3)}`));
    expect(record.title).toBe('民间资本路在何方');
    expect(record.sourcePublishedAt).toBe('2004-10-21T06:18:00.000Z');
  });

  test('a page wrapped in a corpus tag before its <head> is read as a browser shows it', () => {
    const html = `<text id="http://auto.sohu.com/1.shtml" encoding="gb2312">\n<html><head><title>现代汽车再次提速-搜狐汽车</title></head><body><div>现代汽车再次提速</div><div>AUTO.SOHU.COM 2005年05月13日14:15</div>${prose(3)}</body></html></text>`;
    const { record } = readHtmlArticle(html);
    expect(record.title).toBe('现代汽车再次提速');
    expect(record.sourcePublishedAt).toBe('2005-05-13T06:15:00.000Z');
  });

  test('a page saved from its <head> on, without the <html> tag, is read as a browser shows it', () => {
    // A `<html` later in the page (a comment box's template) is not the page's root.
    const html = `<head><meta name="publishdate" content="2024-05-09"><title>地铁新线年底通车-某某网</title></head><body><h1>地铁新线年底通车</h1><div>2024-05-09 22:27:02 来源：新华网</div>${prose(3)}<textarea><html><body>评论</body></html></textarea></body>`;
    const { record } = readHtmlArticle(html);
    expect(record.title).toBe('地铁新线年底通车');
    expect(record.sourcePublishedAt).toBe('2024-05-09T14:27:02.000Z');
    expect(record.source).toBe('新华网');
  });

  test('a page with <html> but no <body> tag is read as a browser shows it (a body opened after the root)', () => {
    const { record } = readHtmlArticle(`<html><title>地铁新线年底通车_某某网</title><h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}</html>`);
    expect(record.title).toBe('地铁新线年底通车');
    expect(record.sourcePublishedAt).toBe('2020-01-02T07:05:00.000Z');
    expect(record.paragraphs).toHaveLength(3);
  });

  test('with neither a heading nor a <title>, the headline is the line above the first printed time', () => {
    const { record } = readHtmlArticle(page('', `<div>首页 &gt; 汽车</div><div>广汽回应现代合资内幕</div><div>http://www.qianlong.com/</div><div>2005-07-18 13:03:17</div>${prose(3)}`));
    expect(record.title).toBe('广汽回应现代合资内幕');
  });

  test('a source printed unlabelled after the time is read; a 来源 that names none (转载文章) gives way to the one closing the article', () => {
    const unlabelled = readHtmlArticle(page('<title>四年前中五百万_新浪网</title>', `<h1>四年前中五百万</h1><div>2009年11月09日13:48  《理财周刊》</div>${prose(3)}`));
    expect(unlabelled.record.source).toBe('理财周刊');
    const reprint = readHtmlArticle(page('<title>日本无性婚姻问题严重--雅虎新闻</title>', `<h1>日本无性婚姻问题严重</h1><div>2005-04-05 06:40更新 来源：转载文章</div>${prose(3)}<p>在离婚的理由中，女方抱怨的比例有所增加。来源：新闻晨报</p><div>发送给朋友</div>`));
    expect(reprint.record.source).toBe('新闻晨报');
    expect(reprint.record.paragraphs.at(-1)).toBe('在离婚的理由中，女方抱怨的比例有所增加。');
    const tools = readHtmlArticle(page('<title>薛凯琪新专辑</title>', `<h1>薛凯琪新专辑</h1><div>2005-04-05 06:40 我要评论(0)</div>${prose(3)}`));
    expect(tools.record.source).toBeNull();
  });

  test("a paper's place after its name is not part of it, a name starting with digits is kept whole", () => {
    const { record } = readHtmlArticle(page('<title>八部委如何玩转互联网+_网易财经</title>', `<h1>八部委如何玩转互联网+</h1><div>2015-05-21 05:03:58　来源:</div><div>21世纪经济报道(广州)</div>${prose(3)}`));
    expect(record.source).toBe('21世纪经济报道');
  });

  test('a reporter line above or below the body names the writers; 记者 in running prose does not', () => {
    const above = readHtmlArticle(page('<title>土豆不土土豆无土</title>', `<h1>土豆不土土豆无土</h1><div>2022-02-13 09:57</div><p>【新春走基层】</p><p>光明日报记者 王建宏 张文攀</p>${prose(3)}`));
    expect(authorOfByline(above.record.byline)).toBe('王建宏 张文攀');
    expect(above.record.paragraphs[0]).toMatch(/^这是正文的第1段/);
    const below = readHtmlArticle(page('<title>于欢出狱的一天</title>', `<h1>于欢出狱的一天</h1><div>2020-11-26 08:04</div>${prose(3)}<p>新京报记者 彭冲 山东冠县报道</p>`));
    expect(authorOfByline(below.record.byline)).toBe('彭冲');
    const bracketed = readHtmlArticle(page('<title>戏曲导演沈斌去世</title>', `<h1>戏曲导演沈斌去世</h1><div>2022-02-13 23:37</div>${prose(2)}<p>为戏曲导演艺术的发展起到极大推动作用。（总台记者 张倩）</p>`));
    expect(authorOfByline(bracketed.record.byline)).toBe('张倩');
    expect(bracketed.record.paragraphs.at(-1)).toBe('为戏曲导演艺术的发展起到极大推动作用。');
    const bare = readHtmlArticle(page('<title>新外科运动向我们走来</title>', `<h1>新外科运动向我们走来</h1>${prose(3)}<p>（袁源）</p>`));
    expect(authorOfByline(bare.record.byline)).toBe('袁源');
    expect(bare.record.paragraphs.at(-1)).toMatch(/^这是正文的第3段/);
    const none = readHtmlArticle(page('<title>工地建设加紧施工</title>', `<h1>工地建设加紧施工</h1><div>2022-02-13 23:37</div>${prose(3)}<p>完（图）</p>`));
    expect(none.record.byline).toBeNull();
  });

  test('captions, kickers, subheadings and a dateline repeating the headline above the first sentence are not the body', () => {
    // The dateline's headline is longer than a kicker (over 60 characters): set aside as a dateline, not as a short line.
    const { record } = readHtmlArticle(
      page('<title>中拉航天合作新篇章</title>', `<h1>中拉航天合作新篇章</h1><div>2024年04月24日23:52 | 来源：新华网</div><p>资料图：无性婚姻能走多远？</p><p>新华社北京4月24日电　题：促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向</p><p>新华社记者</p>${prose(3)}`),
    );
    expect(record.paragraphs[0]).toMatch(/^这是正文的第1段/);
    const sentenceFirst = readHtmlArticle(page('<title>一夜暴富以后</title>', `<h1>一夜暴富以后</h1><p>人生如戏。</p>${prose(3)}`));
    expect(sentenceFirst.record.paragraphs[0]).toBe('人生如戏。');
  });

  test('a month named in Chinese before an English day and year (WordPress: 十一月 6th, 2009) is a date; a 12-hour clock reads 下午 as afternoon', () => {
    const dateOnly = readHtmlArticle(page('<title>制造孤独的CEO</title>', `<h2>制造孤独的CEO</h2><span>其它内容</span> <div>十一月 6th, 2009</div>${prose(3)}`));
    expect(dateOnly.record.sourcePublishedAt).toBe('2009-11-05T16:00:00.000Z');
    const clock = readHtmlArticle(page('<title>制造孤独的CEO</title>', `<h2>制造孤独的CEO</h2><div>三月 12, 2010 at 3:05 下午</div>${prose(3)}`));
    expect(clock.record.sourcePublishedAt).toBe('2010-03-12T07:05:00.000Z');
    // An archive's month list (2009年十一月) names no day: no date.
    const archive = readHtmlArticle(page('<title>制造孤独的CEO</title>', `<h2>制造孤独的CEO</h2><div>2009年十一月</div>${prose(3)}`));
    expect(archive.record.sourcePublishedAt).toBeNull();
  });

  test('a 12-hour clock (下午3:05, 上午 10:00, 03:05 PM) and one-digit minutes before 分 are read on the 24-hour clock', () => {
    const at = (printed: string) => readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<h1>地铁新线年底通车</h1><div>${printed}</div>${prose(3)}`)).record.sourcePublishedAt;
    expect(at('2020年1月2日 下午3:05')).toBe('2020-01-02T07:05:00.000Z');
    expect(at('發布時間：2019/03/18 上午 10:00')).toBe('2019-03-18T02:00:00.000Z');
    expect(at('2019/03/18 上午 12:30')).toBe('2019-03-17T16:30:00.000Z');
    expect(at('2019-03-18 03:05 PM')).toBe('2019-03-18T07:05:00.000Z');
    expect(at('2020年1月2日15时5分')).toBe('2020-01-02T07:05:00.000Z');
    // A weekday between the date and the clock.
    expect(at('2019年02月20日 星期三 10:30')).toBe('2019-02-20T02:30:00.000Z');
    expect(at('2020年1月2日 週四 下午3:05')).toBe('2020-01-02T07:05:00.000Z');
    expect(at('2020-01-02 15:05')).toBe('2020-01-02T07:05:00.000Z');
  });

  test('a time the markup gives (microdata datePublished, <time datetime>) dates a page that prints none or a relative one', () => {
    const microdata = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<h1>地铁新线年底通车</h1><span itemprop="datePublished" content="2020-01-02T15:05:00+08:00">1月2日</span>${prose(3)}`));
    expect(microdata.record.sourcePublishedAt).toBe('2020-01-02T07:05:00.000Z');
    const time = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<h1>地铁新线年底通车</h1><time datetime="2020-01-02T07:05:00Z">3小时前</time>${prose(3)}`));
    expect(time.record.sourcePublishedAt).toBe('2020-01-02T07:05:00.000Z');
    for (const name of ['publish_time', 'apub:time', 'weibo: article:create_at']) {
      const meta = readHtmlArticle(page(`<title>地铁新线年底通车_某某网</title><meta name="${name}" content="2020-01-02 15:05:00">`, `<h1>地铁新线年底通车</h1>${prose(3)}`));
      expect(meta.record.sourcePublishedAt).toBe('2020-01-02T07:05:00.000Z');
    }
    // Beijing's wall clock declared as UTC (a CMS's zone slip): the printed clock is the time.
    const slipped = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title><meta property="article:published_time" content="2020-01-02T15:05:00Z">', `<h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(slipped.record.sourcePublishedAt).toBe('2020-01-02T07:05:00.000Z');
    // The same slip with the declaration's seconds, which the printed clock does not show.
    const withSeconds = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title><meta property="article:published_time" content="2020-01-02T15:05:42Z">', `<h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(withSeconds.record.sourcePublishedAt).toBe('2020-01-02T07:05:00.000Z');
    // JSON-LD in the body is the page's data, not its text: its dates are not printed times.
    const linked = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<script type="application/ld+json">{"@type":"NewsArticle","headline":"地铁新线年底通车","datePublished":"2020-01-02T00:21:04.000Z"}</script><h1>地铁新线年底通车</h1><div>2020年1月2日週四 上午8:21</div>${prose(3)}`));
    expect(linked.record.sourcePublishedAt).toBe('2020-01-02T00:21:04.000Z');
    // A declaration later the same day than the printed clock is the portal's repost or update.
    const reposted = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title><meta property="article:published_time" content="2020-01-02T05:54:20+08:00">', `<h1>地铁新线年底通车</h1><div>2020年01月02日 00:26 每日经济新闻</div>${prose(3)}`));
    expect(reposted.record.sourcePublishedAt).toBe('2020-01-01T16:26:00.000Z');
    // A printed time under the headline outranks a <time> elsewhere on the page.
    const printed = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<time datetime="2019-05-05T00:00:00Z">今天</time><h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(printed.record.sourcePublishedAt).toBe('2020-01-02T07:05:00.000Z');
  });

  test('a heading holding a control after the declared headline (a text-to-speech button) is read as the headline', () => {
    const { record } = readHtmlArticle(page('<title>丁俊晖身价过亿住英国富人区_快资讯</title><meta property="og:title" content="丁俊晖身价过亿住英国富人区">', `<h1><span>丁俊晖身价过亿住英国富人区</span><div>播报文章</div><div>语音播报文章，释放双眼</div></h1><div>2024-05-08 23:23</div>${prose(3)}`));
    expect(record.title).toBe('丁俊晖身价过亿住英国富人区');
    // A heading that goes on with a subtitle after a colon is the headline the page shows.
    const subtitled = readHtmlArticle(page('<meta property="og:title" content="丁俊晖身价过亿住英国富人区">', `<h1>丁俊晖身价过亿住英国富人区：他的另一面</h1><div>2024-05-08 23:23</div>${prose(3)}`));
    expect(subtitled.record.title).toBe('丁俊晖身价过亿住英国富人区：他的另一面');
  });

  test('a <title> that opens with the publisher the 来源 line names is no headline: the line above the header is', () => {
    const { record } = readHtmlArticle(page('<title>科普中国-辟谣文章</title>', `<div>热门关键词 食品安全 暴雨</div><div>徒手抓子弹真的存在吗？</div><div>来源： 科普中国-科学原理</div>${prose(3)}<div>时间：2019-09-24 17:08</div>`));
    expect(record.title).toBe('徒手抓子弹真的存在吗？');
    expect(record.source).toBe('科普中国-科学原理');
  });

  test("a blog's post: the site before the headline in <title>, the post's date above the headline, a comment's below", () => {
    const { record } = readHtmlArticle(page('<title>多维博客  » 播客热潮迅速蔓延 挑逗传统传媒业</title>', `<div>首页 | 时事 2006年12月27日（京港台时间）</div><div>Saturday, September 10th, 2005 10:56 am</div><div>播客热潮迅速蔓延 挑逗传统传媒业</div>${prose(3)}<h3>《播客热潮迅速蔓延 挑逗传统传媒业》已有1件评论</h3><div>September 19th, 2005 at 7:32 pm</div><p>好文章</p>`));
    expect(record.title).toBe('播客热潮迅速蔓延 挑逗传统传媒业');
    expect(record.sourcePublishedAt).toBe('2005-09-10T02:56:00.000Z');
     // A bare hyphen after the site's name.
    const hyphen = readHtmlArticle(page('<title>某某网-地铁新线年底通车市民出行更便捷</title>', `<table><tr><td><strong>地铁新线年底通车市民出行更便捷</strong></td></tr><tr><td>2020-01-02 15:05</td></tr></table>${prose(3)}`));
    expect(hyphen.record.title).toBe('地铁新线年底通车市民出行更便捷');
  });

  test("a template's empty slot in <title> (undefined, null) is no headline: the line above the first paragraph is, without a board's 主题： label", () => {
    const board = readHtmlArticle(page('<title>CCTV.com- 央视论坛 :: null</title>', `<div>首页 &gt; 央视社区 &gt; 央视论坛</div><div>主题： 你知道导游为什么热衷于让你去商场购物吗？</div><div>作者： 芊草凡凡 时间： 2005-08-22 19:13:18</div>${prose(3)}<div>您是本文第 154 个阅览者</div>`));
    expect(board.record.title).toBe('你知道导游为什么热衷于让你去商场购物吗？');
    expect(board.record.sourcePublishedAt).toBe('2005-08-22T11:13:18.000Z');
    const article = readHtmlArticle(page('<title>undefined</title>', `<div>当前位置： 首页 - &gt; 军事技术</div><div>飞行物理学常识</div>${prose(3)}`));
    expect(article.record.title).toBe('飞行物理学常识');
  });

  test('the line above the text is the headline past the header between them: a lone user name, empty labels, a date in other formats, reporters, a subtitle, a first section', () => {
    // A board's post under a <title> naming the site: the poster's Latin user name alone on its line.
    const board = readHtmlArticle(page('<title>网易娱乐</title>', `<div>网易娱乐 &gt; 明星俱乐部 &gt; 明星话题</div><div>惊爆某公司操控女星黑幕(转载)</div><div>duscha</div>${prose(3)}`));
    expect(board.record.title).toBe('惊爆某公司操控女星黑幕(转载)');
    // Labels left empty, stray markup and an American date between the heading and the text.
    const empty = readHtmlArticle(page('<title>欢迎访问〖某某中心〗</title>', `<div>首页</div><div>孙丰：巴黎举行座谈会</div><div>作者：</div><div>size="20"</div><div>来源：</div><div>size="20"</div><div>发布日期：</div><div>9/17/2004 5:54:13 AM</div>${prose(3)}`));
    expect(empty.record.title).toBe('孙丰：巴黎举行座谈会');
    // The empty 来源 reads on into the stray markup: that is no source.
    expect(empty.record.source).toBeNull();
    // A page with no <title> at all: the story's kicker, headline, reporters and date line above it.
    const reprint = readHtmlArticle(page('', `<h1>bjreader的博客</h1><div>拆房屡出命案 管理形同虚设</div><div>谁来为无序拆房“埋单”？</div><div>本报实习生 刘国栋 周炜</div><div>本报记者 王燕平 方云凤</div><div>2003-7-24 钱江晚报</div>${prose(3)}<div>作者： 流泉 2005年08月30日, 星期二 13:22</div>`));
    expect(reprint.record.title).toBe('谁来为无序拆房“埋单”？');
    // An essay hard-wrapped at a fixed width under its headline, the writer, a subtitle and a section's heading.
    const wrapped = [
      '人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它',
      '反过来又抑制了燃烧。拨开灰烬，你会看到重新燃烧的人心。当今中国最流行',
      '的是什么主义？答：犬儒主义。犬儒主义是个外来词，中文里本来没有现成的',
      '对应词汇，通常将它理解为讥诮嘲讽，愤世嫉俗，玩世不恭，这些理解大致不差。',
    ];
    const essay = readHtmlArticle(page('<title>显示</title>', `<div>犬儒病(上)</div><div>胡平</div><div>——当代中国的精神危机 (上)</div><div>一、犬儒主义的来龙去脉</div><p>${wrapped.join('<br>')}</p>${prose(3)}`));
    expect(essay.record.title).toBe('犬儒病(上)');
  });

  test('a text hard-wrapped at a fixed width is read in its paragraphs; a list of links of one length is not joined', () => {
    const wrapped = [
      '人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它',
      '反过来又抑制了燃烧。',
      '当今中国最流行的是什么主义？答：犬儒主义。犬儒主义是个外来词，中文里',
      '本来没有现成的对应词汇，通常将它理解为讥诮嘲讽，愤世嫉俗，玩世不恭。',
      '这些理解大致不差，不过，我们若想对犬儒一词有更完整的把握，有必要略略',
      '追溯一下它的起源和演变。我们知道，犬儒主义是古希腊的一个哲学流派，其',
      '代表人物是西诺普的狄奥根尼。这派哲学主张清心寡欲，鄙弃俗世的荣华富贵',
      '，力倡回归自然。',
    ];
    const essay = readHtmlArticle(page('<title>显示</title>', `<div>犬儒病(上)</div><div>胡平</div><p>${wrapped.join('<br>')}</p>`));
    // A line that ends a sentence at the width ends its paragraph: whether it went on is not known.
    expect(essay.record.paragraphs).toEqual([
      wrapped.slice(0, 2).join(''),
      wrapped.slice(2, 4).join(''),
      wrapped.slice(4).join(''),
    ]);
    // Headlines of related stories, each as wide as the next, stay one to a line (and end the body).
    const links = Array.from({ length: 8 }, (_, i) => `<p>省里第${i + 1}批重点项目集中开工建设 总投资超过百亿</p>`).join('');
    const listed = readHtmlArticle(page('<title>某某新闻标题_某某网</title>', `<h1>某某新闻标题</h1>${prose(3)}${links}`));
    expect(listed.record.paragraphs.some((paragraph) => paragraph.includes('百亿省里'))).toBe(false);
  });

  test("a board's post dated by the line naming its poster (本贴由X于…发表), below the post and above the replies Readability keeps", () => {
    const replies = Array.from({ length: 5 }, (_, i) => `<p>我的爱在哪 网友${i + 1} 16:31:00 1/31/06 (36${i})</p>`).join('');
    const { record } = readHtmlArticle(page('<title>许先生演讲精选</title>', `<div>许先生演讲精选</div><div>[ 回复本贴 ] [ 刷新 ]</div><div>${prose(12)}<div>本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.</div>${replies}</div>`));
    expect(record.sourcePublishedAt).toBe('2005-08-12T08:12:21.000Z');
  });

  test('<title> naming no headline: a greeting, a breadcrumb from the site, a Latin site name, a page number', () => {
    const crumb = readHtmlArticle(page('<title>世艺网>艺术教育</title>', `<div>您的位置：主页&gt;艺术教育&gt;院校招生资讯</div><div>中国艺术研究院博士生招生简章</div><div>一、培养目标：</div>${prose(3)}`));
    expect(crumb.record.title).toBe('中国艺术研究院博士生招生简章');
    // A breadcrumb's places are short; after a site's name a headline is long.
    const blog = readHtmlArticle(page('<title>某某博客 » 播客热潮迅速蔓延 挑逗传统传媒业</title>', `<h3>《播客热潮迅速蔓延 挑逗传统传媒业》已有1件评论</h3><div>播客热潮迅速蔓延 挑逗传统传媒业</div>${prose(3)}`));
    expect(blog.record.title).toBe('播客热潮迅速蔓延 挑逗传统传媒业');
    const latinBlog = readHtmlArticle(page('<title>China-Pub blog--洞庭一叶</title>', `<div>China-Pub blog--洞庭一叶</div><div>Blog名:洞庭一叶</div><div>陈天华《警世钟》</div><div>ggjjzhzz 发表于 2005-9-15 11:46:00</div>${prose(3)}`));
    expect(latinBlog.record.title).toBe('陈天华《警世钟》');
    // A site's name in Latin letters before a Chinese headline, printed atop the page too.
    const latinSite = readHtmlArticle(page('<title>Joel on Software - 给计算机系学生的建议</title>', `<div>Joel on Software - 给计算机系学生的建议</div><h2>Joel on Software</h2><div>给计算机系学生的建议</div><div>2005年1月2日</div>${prose(3)}`));
    expect(latinSite.record.title).toBe('给计算机系学生的建议');
    const paged = readHtmlArticle(page('<title>社会资本与下岗职工的再就业(页 1) - 学术前沿 - 某某论坛</title>', `<div>某某论坛 » 学术前沿 » 社会资本与下岗职工的再就业(页 1)</div><div>社会资本与下岗职工的再就业</div>${prose(3)}`));
    expect(paged.record.title).toBe('社会资本与下岗职工的再就业');
  });

  test('a date without a clock under the headline takes the clock of the labelled time below the story on that day', () => {
    const { record } = readHtmlArticle(page('<title>写给想在英国找工作的留学党-留学攻略</title>', `<h1>写给想在英国找工作的留学党</h1><div>2015-11-05 阅读：8169 作者:孙仲旻</div>${prose(3)}<div>标签： 留学经验分享 发布于：2015-11-05 11:34 编辑：Alice</div>`));
    expect(record.sourcePublishedAt).toBe('2015-11-05T03:34:00.000Z');
    // A labelled time on another day is another event's: the date above stands.
    const other = readHtmlArticle(page('<title>写给想在英国找工作的留学党-留学攻略</title>', `<h1>写给想在英国找工作的留学党</h1><div>2015-11-05 阅读：8169</div>${prose(3)}<div>发布于：2015-12-01 11:34</div>`));
    expect(other.record.sourcePublishedAt).toBe('2015-11-04T16:00:00.000Z');
  });

  test("a widget's status line and a video player's controls above the story are not its start", () => {
    const { record } = readHtmlArticle(page('<title>太空养鱼项目进展顺利_某某网</title>', `<h1>太空养鱼项目进展顺利</h1><div>来源： 光明日报 2024-05-20 03:15</div><div>调查问题加载中，请稍候。</div><div>若长时间无响应，请刷新本页面</div><div>00:00 / 01:45</div><div>倍速</div><div>2.0X</div><div>高清</div><div>超清</div><div>跳过片头</div>${prose(3)}`));
    expect(record.paragraphs[0]).toMatch(/^这是正文的第1段/);
  });

  test('a private-use character (a GBK user-defined code) is no part of the headline', () => {
    const { record } = readHtmlArticle(page('<title>投身外交(3)_读书频道_新浪网</title>', `<div>投身外交(3)\ue004</div><div>罗银胜</div>${prose(3)}`));
    expect(record.title).toBe('投身外交(3)');
  });

  test("a WeChat post as a crawler fetches it: the body hidden until a script shows it, the time in the script's var ct", () => {
    const html = `<html><head><title></title><meta property="og:title" content="绥德：33名退役军人被表彰"><script>var ct = "1659274471";</script></head><body><h1>绥德：33名退役军人被表彰</h1><div>掌上绥德</div><em id="publish_time"></em><div id="js_content" style="visibility: hidden;">${prose(4)}</div></body></html>`;
    const { record } = readHtmlArticle(html);
    expect(record.title).toBe('绥德：33名退役军人被表彰');
    expect(record.sourcePublishedAt).toBe('2022-07-31T13:34:31.000Z');
    expect(record.paragraphs).toHaveLength(4);
  });

  test("a heading that is a later part of <title> is the channel's name; a blog's post title may be an h3", () => {
    const channel = readHtmlArticle(page('<title>地铁新线年底通车_国内新闻频道_新浪网</title>', `<h1>国内新闻频道</h1><h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(channel.record.title).toBe('地铁新线年底通车');
    const blog = readHtmlArticle(page('<title>某某的博客: 地铁新线年底通车</title>', `<h3>博客公告</h3><h3 class="post-title">地铁新线年底通车</h3><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(blog.record.title).toBe('地铁新线年底通车');
  });

  test('an old page without a heading: <title> with a channel or a page tool first, a keyword list, or cut short', () => {
    const nav = '<table><tr><td><a>首页</a> | <a>新闻</a> | <a>体育</a></td></tr></table>';
    const read = (title: string, headline = '地铁新线年底通车市民出行更便捷') =>
      readHtmlArticle(page(`<title>${title}</title>`, `${nav}<div>${headline}</div><div>2005-05-13 14:15</div>${prose(3)}`)).record.title;
    expect(read('某某网新闻中心-地铁新线年底通车市民出行更便捷')).toBe('地铁新线年底通车市民出行更便捷');
    expect(read('打印本页 - 地铁新线年底通车市民出行更便捷')).toBe('地铁新线年底通车市民出行更便捷');
    expect(read('地铁新线年底通车市民出行更便捷,地铁,通车,交通 - 某某网')).toBe('地铁新线年底通车市民出行更便捷');
    expect(read('地铁新线年底通车 市民出行..._某某网', '地铁新线年底通车 市民出行更便捷')).toBe('地铁新线年底通车 市民出行更便捷');
    expect(read('地铁新线年底通车市民出行更便捷【某某网】')).toBe('地铁新线年底通车市民出行更便捷');
  });

  test("a page's one h1, worded otherwise than a <title> the page does not show, is the headline it shows", () => {
    const { record } = readHtmlArticle(page('<title>北京：地铁新线年底通车_某某网</title>', `<h1>年底前北京地铁新线将通车运营</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(record.title).toBe('年底前北京地铁新线将通车运营');
    // A logo's h1 is not one.
    const logo = readHtmlArticle(page('<title>北京：地铁新线年底通车_某某网</title>', `<h1>某某日报网</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(logo.record.title).toBe('北京：地铁新线年底通车');
  });

  test('a heading with a media marker <title> leaves out ((图), [视频]) is the headline as the page shows it', () => {
    const photo = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<h1>地铁新线年底通车(图)</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(photo.record.title).toBe('地铁新线年底通车(图)');
    const video = readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<h1>[视频]地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(video.record.title).toBe('[视频]地铁新线年底通车');
  });

  test('the heading is the headline when <title> repeats it with other punctuation widths or quotes', () => {
    const colon = readHtmlArticle(page('<title>美联储维持利率不变:年内或再加息_某某网</title>', `<div>首页 | 新闻</div><h1>美联储维持利率不变：年内或再加息</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(colon.record.title).toBe('美联储维持利率不变：年内或再加息');
    const quoted = readHtmlArticle(page('<title>"双减"一年后的校外培训_某某网</title>', `<h1>“双减”一年后的校外培训</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(quoted.record.title).toBe('“双减”一年后的校外培训');
  });

  test('a <title> opening with the site in brackets, or naming only the site, gives way to the heading the page shows', () => {
    const bracketed = readHtmlArticle(page('<title>【某某网】地铁新线年底通车</title>', `<h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(bracketed.record.title).toBe('地铁新线年底通车');
    const siteOnly = readHtmlArticle(page('<title>某某日报网</title>', `<div>某某日报网</div><h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(siteOnly.record.title).toBe('地铁新线年底通车');
    const logo = readHtmlArticle(page('<title>某某日报网</title><meta property="og:site_name" content="某某日报">', `<h1>某某日报</h1><h2>地铁新线年底通车</h2><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(logo.record.title).toBe('地铁新线年底通车');
    // A <title> cut short repeats the heading it opens.
    const shortened = readHtmlArticle(page('<title>城市地铁新线年底通车 市民…_某某网</title>', `<div>某某网</div><h1>城市地铁新线年底通车 市民出行更方便</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(shortened.record.title).toBe('城市地铁新线年底通车 市民出行更方便');
    // A label opening <title> before the headline the page shows.
    const labelled = readHtmlArticle(page('<title>独家：地铁新线年底通车_某某网</title>', `<h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}`));
    expect(labelled.record.title).toBe('地铁新线年底通车');
    // » · > between a headline and the site, when no heading repeats it.
    for (const separator of [' » ', ' · ', ' > ']) {
      const cut = readHtmlArticle(page(`<title>地铁新线年底通车${separator}某某网</title>`, `<div>地铁新线年底通车</div><div>2020-01-02 15:05</div>${prose(3)}`));
      expect(cut.record.title).toBe('地铁新线年底通车');
    }
  });

  test("markup between </head> and <body> (an e-paper's floating layer) does not hide the page: the header under the headline is read", () => {
    const html = `<html><head><title>她跟学生较着劲儿成长--大河网</title></head>\n<span id=leveldiv title=点击查看内容></span>\n<body onload="init()"><div>第A01版：头版</div><div>她跟学生较着劲儿成长</div><div>第A04版：小记者训练营</div><div>2022年02月12日</div><h1>她跟学生较着劲儿成长</h1><p>河南商报记者马俊峰/文</p>${prose(3)}</body></html>`;
    const { record } = readHtmlArticle(html);
    expect(record.sourcePublishedAt).toBe('2022-02-11T16:00:00.000Z');
    // The paper's page list (第A04版：小记者训练营) is navigation, not a reporter's credit.
    expect(authorOfByline(record.byline)).toBe('马俊峰');
  });

  test('a source or an author after 丨 or ｜ (来源丨新华网, 文｜张三), and an e-paper credit after □ or ■, are read', () => {
    const header = (line: string, lead = '') =>
      readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<h1>地铁新线年底通车</h1><div>${line}</div>${lead}${prose(3)}`)).record;
    expect(header('2020-01-02 15:05 来源丨新华网').source).toBe('新华网');
    expect(header('2020-01-02 15:05 来源｜新华网').source).toBe('新华网');
    expect(authorOfByline(header('2020-01-02 15:05', '<p>文｜张三</p>').byline)).toBe('张三');
    expect(authorOfByline(header('2020-01-02 15:05', '<p>□本报记者 张三</p>').byline)).toBe('张三');
    // The correspondent's credit after the reporter's ends the reporter's names.
    expect(authorOfByline(header('2020-01-02 15:05', '<p>■本报记者 张三 通讯员 李四</p>').byline)).toBe('张三');
  });

  test("a board's post: <title> naming only the site (the breadcrumb's first place), the post's title above its first paragraph, its time below it, replies after", () => {
    const html = page(
      '<title>网易娱乐</title>',
      `<div>网易娱乐</div><div>网易娱乐 &gt; 电影版区 &gt; 周黎明留言板</div><table><tr><td><b>《清洁》：东方式内敛与摇滚现实绘</b></td></tr><tr><td>眉间尺</td></tr></table>${prose(3)}<div>文：眉间尺</div><div>〓 网易娱乐 周黎明留言板 发布时间 2005/05/17 22:11:42 by 眉间尺 〓</div><div>Re:《清洁》：东方式内敛与摇滚现实绘</div><div>alex</div><p>很喜欢片中迷离的音乐。</p><div>〓 网易娱乐 周黎明留言板 发布时间 2005/07/19 23:32:41 by alex 〓</div>`,
    );
    const { record } = readHtmlArticle(html);
    expect(record.title).toBe('《清洁》：东方式内敛与摇滚现实绘');
    // The post's own time, not the reply's under `Re:` + its title.
    expect(record.sourcePublishedAt).toBe('2005-05-17T14:11:42.000Z');
  });

  test("an author field holding a reporter's title (作者：记者王敬照) names the reporter", () => {
    const { record } = readHtmlArticle(page('<title>话剧巡演结束</title>', `<h1>话剧巡演结束</h1><div>2012-06-04 09:20:26 稿件来源：河北日报</div>${prose(3)}<div>作者： 记者王敬照</div><div>编辑： 王华军</div>`));
    expect(authorOfByline(record.byline)).toBe('王敬照');
  });

  test('the body ends at its last sentence: trailing credits, pagers, tags and promotions, a site notice, and the writers in brackets after it are not the body', () => {
    const story = (tail: string) =>
      readHtmlArticle(page('<title>地铁新线年底通车_某某网</title>', `<h1>地铁新线年底通车</h1><div>2020-01-02 15:05</div>${prose(3)}${tail}`)).record;
    const last = '这是正文的第3段，记者在现场看到工人们正在加紧施工，预计今年年底全部完工并投入使用。';
    for (const tail of [
      '<p>本文来源：华夏时报 作者：杨中华 责任编辑：NF055</p>',
      '<p>记者 刘涛</p>',
      '<p>[1] [2] [3] [4]</p>',
      '<p>#大家健康超能团# @大家健康</p>',
      '<p>看明星八卦、查影讯电视节目，上手机新浪网娱乐频道 ent.sina.cn</p>',
      '<p>▲▼警消到場時高姓男子已無生命跡象。（圖／翻攝畫面）</p>',
      '<p>●《ETNEWS新聞雲》提醒您，請給自己機會：</p><p>自殺解決不了問題，卻留給家人無比悲痛。請珍惜生命。</p><p>生命線協談專線：1995</p>',
      '<p>反侵权公告：</p><p>未经书面许可，擅自转载本报社作品的，将涉嫌侵犯著作权人合法权益。</p>',
      '<p>【本文中文相关权益归某某公司独家所有。未经授权，不得转载、摘编等。】</p><p>您认为这篇文章与这家公司相关度高吗？</p>',
    ]) {
      expect(story(tail).paragraphs.at(-1)).toBe(last);
    }
    // The notice's opening run onto the story's last line, and the writers in brackets after it.
    const glued = story('<p>警方已勘驗現場，將進一步釐清死因。（王煌忠／台中報導）《蘋果》關心你</p><p>自殺解決不了問題，卻留給家人無比悲痛。請珍惜生命。</p>');
    expect(glued.paragraphs.at(-1)).toBe('警方已勘驗現場，將進一步釐清死因。');
    expect(authorOfByline(glued.byline)).toBe('王煌忠');
    const named = story('<p>大家用别具一格的形式表达了决心，过一个平安、祥和的新春佳节。（常书香 马丹阳 ）</p>');
    expect(named.paragraphs.at(-1)).toBe('大家用别具一格的形式表达了决心，过一个平安、祥和的新春佳节。');
    expect(authorOfByline(named.byline)).toBe('常书香 马丹阳');
    // The trailing credits still name the writer and the source.
    const credited = story('<p>本文来源：华夏时报 作者：杨中华</p>');
    expect([credited.source, authorOfByline(credited.byline)]).toEqual(['华夏时报', '杨中华']);
  });

  test('a pager or a list of dated links ends the body; a pager above it is skipped', () => {
    const { record } = readHtmlArticle(
      page('<title>夫妻生活有名无实</title>', `<h1>夫妻生活有名无实</h1><div>第1页/共1页</div>${prose(3)}<div>第1页/共1页 &lt;&lt; 上一页 | 下一页 &gt;&gt;</div><p>[头条] 另一条新闻的标题在这里</p>`),
    );
    expect(record.paragraphs).toHaveLength(3);
    const listed = readHtmlArticle(page('<title>薛凯琪再拿巨星开涮</title>', `<h1>薛凯琪再拿巨星开涮</h1>${prose(3)}<div>·蔡依林热舞 (2005-04-27 18:03PM)<br>·另一条 (2005-04-27 17:03PM)</div>`));
    expect(listed.record.paragraphs).toHaveLength(3);
  });
});
