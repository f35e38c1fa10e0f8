import {
  parseSnapshotPage,
  renderSnapshotPage,
  SnapshotParseError,
  SnapshotRecord,
} from '../../src/core/snapshot-page';
import { seedLines, seedText, seedWith, seedWithoutLines } from '../helpers/seed';

const { record: seedRecord, warnings: seedWarnings } = parseSnapshotPage(seedText);
const header = seedLines[5];
const read = (text: string): SnapshotRecord => parseSnapshotPage(text).record;
const warningsOf = (text: string) => parseSnapshotPage(text).warnings;
const withHeader = (replacement: string): string => seedWith(header, replacement);

function parseErrorOf(text: string): SnapshotParseError {
  try {
    parseSnapshotPage(text);
  } catch (error) {
    if (error instanceof SnapshotParseError) return error;
    throw error;
  }
  throw new Error('the page was parsed');
}

describe('parsing the seed page', () => {
  test('reads the headline', () => {
    expect(seedRecord.title).toBe('打破镇域行政边界 撬动区域平衡发展');
  });

  test('reads the category', () => {
    expect(seedRecord.category).toBe('国内');
  });

  test('reads the publication time as Beijing time', () => {
    expect(seedRecord.sourcePublishedAt).toBe('2024-05-02T22:58:00.000Z');
  });

  test('keeps the publication time as printed', () => {
    expect(seedRecord.sourcePublishedAtText).toBe('2024-05-03 06:58:00');
  });

  test('reads the aggregator as the source', () => {
    expect(seedRecord.source).toBe('每日看点快看');
  });

  test('reads the outlet it was reprinted from', () => {
    expect(seedRecord.reprintedFrom).toBe('南方日报');
  });

  test('reads the kicker printed above the repeated headline', () => {
    expect(seedRecord.kicker).toBe('江门推进中部八镇联动,促进工业重镇区域一体化发展');
  });

  test('reads the byline opening the lead paragraph', () => {
    expect(seedRecord.byline).toBe('南方日报讯 (记者/李霭莹 通讯员/肖艳霞)');
  });

  test('reads the seven body paragraphs, without the repeated headline', () => {
    expect(seedRecord.paragraphs).toEqual([14, 16, 18, 20, 22, 24, 26].map((line) => seedLines[line - 1]));
  });

  test('leaves the byline at the start of the lead paragraph', () => {
    expect(seedRecord.paragraphs[0].startsWith('南方日报讯 (记者/李霭莹 通讯员/肖艳霞)“目前行业在降本方面')).toBe(true);
  });

  test('reads the attribution line', () => {
    expect(seedRecord.attribution).toBe(seedLines[27]);
  });

  test('reads the crawler from the attribution line', () => {
    expect(seedRecord.capturedBy).toBe('td.fyun.cc');
  });

  test('reads the snapshot time as Beijing time', () => {
    expect(seedRecord.snapshotAt).toBe('2024-05-03T00:45:09.000Z');
  });

  test('reads the empty original address as null', () => {
    expect(seedRecord.originalUrl).toBeNull();
  });

  test('reads the related titles in page order, null where an item opens with its excerpt', () => {
    expect(seedRecord.relatedLinks.map((item) => item.title)).toEqual([
      '江门:税惠服务提档升级 助力强县兴镇富村',
      '以“桥”为媒打造产业要素集聚新高地',
      '连续3年产值大增 年均增幅达52%',
      '精准发力产业转移 助力培育经济强县强镇',
      '第一届中国区域品牌博览会将在广东江门开平举办',
      '科创热土 满眼“新”机',
      null,
      null,
      '多措并举扶持企业发展',
    ]);
  });

  test('reads a related item with its excerpt as printed and its date', () => {
    expect(seedRecord.relatedLinks[0]).toEqual({
      title: '江门:税惠服务提档升级 助力强县兴镇富村',
      excerpt: seedLines[36],
      date: '2024-01-09T08:40:00.000Z',
      dateText: '2024-01-09 16:40:00',
    });
  });

  test('reads a related item without a title', () => {
    expect(seedRecord.relatedLinks[6]).toEqual({
      title: null,
      excerpt: seedLines[53],
      date: '2023-02-16T17:47:00.000Z',
      dateText: '2023-02-17 01:47:00',
    });
  });

  test('reads a related date printed without seconds', () => {
    expect(seedRecord.relatedLinks[4]).toMatchObject({ date: '2022-12-15T14:55:00.000Z', dateText: '2022-12-15 22:55' });
  });

  test('keeps the leading dots of every excerpt', () => {
    expect(seedRecord.relatedLinks.every((item) => item.excerpt.startsWith('...'))).toBe(true);
  });

  test('reports no warnings', () => {
    expect(seedWarnings).toEqual([]);
  });
});

describe('rendering', () => {
  test('renders the parsed seed back byte for byte', () => {
    expect(renderSnapshotPage(seedRecord)).toBe(seedText);
  });

  test.each([
    ['without 本文转自', seedWithoutLines(8, 9)],
    ['without a kicker', seedWithoutLines(10, 11)],
    ['without related items', seedWithoutLines(36, 60)],
    ['with an original address', seedWith('信息原文地址:', '信息原文地址:https://news.example.com/2024/05/03/jiangmen.html')],
    ['in another category', seedText.replace(/国内/g, '国际')],
  ])('renders a page %s back byte for byte', (_name, page) => {
    expect(renderSnapshotPage(read(page))).toBe(page);
  });

  test('prints a publication time without printed text in Beijing time to the second', () => {
    const page = renderSnapshotPage({ ...seedRecord, sourcePublishedAt: '2024-05-02T23:00:00.000Z', sourcePublishedAtText: undefined });
    expect(page.split('\n')[5]).toBe('类别:国内\u00a0发布时间:2024-05-03 07:00:00\u00a0来源:每日看点快看');
  });

  test('prints the time itself when the printed text no longer matches it', () => {
    const page = renderSnapshotPage({ ...seedRecord, sourcePublishedAt: '2024-05-02T23:00:00.000Z' });
    expect(page.split('\n')[5]).toBe('类别:国内\u00a0发布时间:2024-05-03 07:00:00\u00a0来源:每日看点快看');
  });

  test('prints the default attribution for the crawler when the record has no attribution line', () => {
    const page = renderSnapshotPage({ ...seedRecord, attribution: null });
    expect(page).toBe(seedText);
  });

  test('prints credits that are not in the lead paragraph on a line of their own', () => {
    const page = renderSnapshotPage({ ...seedRecord, byline: `${seedRecord.byline} 责任编辑:王五` });
    expect(page.split('\n').slice(7, 11)).toEqual(['本文转自:南方日报', '', '责任编辑:王五', '']);
  });

  test('reads printed credits back into the same record', () => {
    const record = { ...seedRecord, byline: `${seedRecord.byline} 作者:张三 责任编辑:王五` };
    expect(read(renderSnapshotPage(record))).toEqual(record);
  });

  test('prints a byline absent from the lead paragraph as an author credit', () => {
    const record = { ...seedRecord, byline: '张三', paragraphs: seedRecord.paragraphs.slice(1) };
    expect(read(renderSnapshotPage(record)).byline).toBe('作者:张三');
  });

  test('omits the category bullet and closing link when there is no category', () => {
    const page = renderSnapshotPage({ ...seedRecord, category: null });
    expect([page.split('\n')[0], page.split('\n')[4], page.split('\n').pop()]).toEqual([
      '• 我的订阅',
      '类别:\u00a0发布时间:2024-05-03 06:58:00\u00a0来源:每日看点快看',
      '2024-05-30 04:16:00',
    ]);
  });

  test('reads a page without a category back into the same record', () => {
    const record = { ...seedRecord, category: null };
    expect(read(renderSnapshotPage(record))).toEqual(record);
  });

  test('reads a page with empty header values back into the same record', () => {
    const record = { ...seedRecord, source: null, sourcePublishedAt: null, sourcePublishedAtText: null };
    expect(read(renderSnapshotPage(record))).toEqual(record);
  });
});

describe('reading variants of the seed layout', () => {
  test('reads CRLF line endings', () => {
    expect(read(seedText.replace(/\n/g, '\r\n'))).toEqual(seedRecord);
  });

  test('reads a page starting with a UTF-8 byte order mark', () => {
    expect(read(`\uFEFF${seedText}`)).toEqual(seedRecord);
  });

  test('reads ASCII spaces instead of no-break spaces between header fields', () => {
    expect(read(seedText.replace(/\u00a0/g, ' '))).toEqual(seedRecord);
  });

  test('reads several spaces between header fields', () => {
    expect(read(seedText.replace(/\u00a0/g, '   '))).toEqual(seedRecord);
  });

  test('reads full-width colons after labels', () => {
    const page = withHeader(header.replace(/:/g, '：').replace('06：58：00', '06:58:00')).replace('本文转自:', '本文转自：');
    expect(read(page.replace('快照生成时间:', '快照生成时间：'))).toEqual(seedRecord);
  });

  test('reads lines with trailing whitespace', () => {
    expect(read(seedText.replace(/\n/g, ' \t\u3000\n'))).toEqual(seedRecord);
  });

  test('reads a filled original address', () => {
    const page = seedWith('信息原文地址:', '信息原文地址:https://news.example.com/a/1.html');
    expect(read(page).originalUrl).toBe('https://news.example.com/a/1.html');
  });

  test('reads a page without 本文转自 without warnings', () => {
    const { record, warnings } = parseSnapshotPage(seedWithoutLines(8, 9));
    expect([record.reprintedFrom, warnings]).toEqual([null, []]);
  });

  test('reads a page without related items', () => {
    expect(read(seedWithoutLines(36, 60)).relatedLinks).toEqual([]);
  });

  test('reads another category', () => {
    expect(read(seedText.replace(/国内/g, '国际')).category).toBe('国际');
  });

  test('reads a kicker from the line before a dateline when the headline is not repeated', () => {
    const record = read(seedWithoutLines(12, 13));
    expect([record.kicker, record.byline, record.paragraphs.length]).toEqual([seedRecord.kicker, seedRecord.byline, 7]);
  });
});

describe('reading other layouts', () => {
  test('reads 所属栏目 and 时间 labels', () => {
    const record = read(withHeader('所属栏目:国内 时间:2024-05-03 06:58:00 来源:每日看点快看'));
    expect([record.category, record.sourcePublishedAt, record.source]).toEqual(['国内', '2024-05-02T22:58:00.000Z', '每日看点快看']);
  });

  test('reads Traditional labels 類別, 發布時間 and 來源', () => {
    expect(read(withHeader('類別:国内\u00a0發布時間:2024-05-03 06:58:00\u00a0來源:每日看点快看'))).toEqual(seedRecord);
  });

  test('reads 稿件来源 as the outlet the article was reprinted from', () => {
    const record = read(seedWith('本文转自:南方日报', '稿件来源:南方日报'));
    expect(record.reprintedFrom).toBe('南方日报');
  });

  test('reads 作者 and 责任编辑 fields into the byline after the printed dateline', () => {
    const record = read(withHeader(`${header}\u00a0作者:张三\u00a0责任编辑:王五`));
    expect(record.byline).toBe('南方日报讯 (记者/李霭莹 通讯员/肖艳霞) 作者:张三 责任编辑:王五');
  });

  test('reads a bracketed editor credit under the body into the byline, not the paragraphs', () => {
    const record = read(seedWith(seedLines[25], `${seedLines[25]}\n\n（责任编辑：王五）`));
    expect([record.byline, record.paragraphs.length]).toEqual(['南方日报讯 (记者/李霭莹 通讯员/肖艳霞) 责任编辑：王五', 7]);
  });

  test('keeps a question-and-answer paragraph opening with 记者 in the body', () => {
    const question = '记者:八镇联动发展的关键是什么?下一步,江门将如何推进?';
    const record = read(seedWith(seedLines[25], `${seedLines[25]}\n\n${question}`));
    expect(record.paragraphs[7]).toBe(question);
  });

  test('reads a slashed date', () => {
    const record = read(withHeader('类别:国内 发布时间:2024/09/01 来源:每日看点快看'));
    expect([record.sourcePublishedAt, record.sourcePublishedAtText]).toEqual(['2024-08-31T16:00:00.000Z', '2024/09/01']);
  });

  test('reads a bracketed date with spaces', () => {
    const record = read(withHeader('类别:国内 发布时间:( 2025-05-25 ) 来源:每日看点快看'));
    expect([record.sourcePublishedAt, record.sourcePublishedAtText]).toEqual(['2025-05-24T16:00:00.000Z', '2025-05-25']);
  });

  test('reads a date without a time as Beijing midnight', () => {
    expect(read(withHeader('类别:国内 发布时间:2024-05-03 来源:每日看点快看')).sourcePublishedAt).toBe('2024-05-02T16:00:00.000Z');
  });

  test('reads a date run together with the next field', () => {
    const record = read(withHeader('类别:国内 发布时间:2024-05-03 06:58:00来源:每日看点快看'));
    expect([record.sourcePublishedAt, record.source]).toEqual(['2024-05-02T22:58:00.000Z', '每日看点快看']);
  });

  test('reads an unlabelled bracketed date opening the header line', () => {
    const record = read(withHeader('( 2025-05-25 )类别:国内 来源:每日看点快看'));
    expect([record.sourcePublishedAt, record.category, record.source]).toEqual(['2025-05-24T16:00:00.000Z', '国内', '每日看点快看']);
  });

  test('reads header fields printed on separate lines', () => {
    const record = read(withHeader('类别:国内\n时间:2024-05-03 06:58:00\n来源:每日看点快看'));
    expect(record).toEqual(seedRecord);
  });

  test('reads a page in Traditional Chinese', () => {
    const page = seedText
      .replace('类别:', '類別:')
      .replace('发布时间:', '發布時間:')
      .replace('来源:', '來源:')
      .replace('本文转自:', '本文轉自:')
      .replace('以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录', '以上內容為資訊信息快照,由td.fyun.cc爬蟲進行採集並收錄')
      .replace('快照生成时间:', '快照生成時間:')
      .replace('更多关于国内的资讯:', '更多關於国内的資訊:');
    const record = read(page);
    expect([record.category, record.source, record.reprintedFrom, record.capturedBy, record.snapshotAt, record.relatedLinks.length]).toEqual([
      '国内',
      '每日看点快看',
      '南方日报',
      'td.fyun.cc',
      '2024-05-03T00:45:09.000Z',
      9,
    ]);
  });
});

describe('warnings', () => {
  test('reads an empty source as null and warns with the line number', () => {
    const { record, warnings } = parseSnapshotPage(seedWith('来源:每日看点快看', '来源:'));
    expect([record.source, warnings]).toEqual([null, [{ line: 6, message: 'empty value for 来源' }]]);
  });

  test('warns once about an empty snapshot time', () => {
    const { record, warnings } = parseSnapshotPage(seedWith('快照生成时间:2024-05-03 08:45:09', '快照生成时间:'));
    expect([record.snapshotAt, warnings]).toEqual([null, [{ line: 30, message: 'empty value for 快照生成时间' }]]);
  });

  test('warns about every header field missing, at the line where the metadata starts', () => {
    expect(warningsOf(seedWithoutLines(6, 7))).toEqual([
      { line: 6, message: 'category taken from the page navigation: 国内' },
      { line: 6, message: 'missing publication time (发布时间)' },
      { line: 6, message: 'missing source (来源)' },
    ]);
  });

  test('warns about a missing attribution and snapshot time at the end of the body', () => {
    expect(warningsOf(seedWithoutLines(28, 31))).toEqual([
      { line: 28, message: 'missing attribution line' },
      { line: 28, message: 'missing snapshot time (快照生成时间)' },
    ]);
  });

  test('warns about an unknown header field and ignores it', () => {
    const { record, warnings } = parseSnapshotPage(withHeader(`${header}\u00a0浏览次数:5`));
    expect([record, warnings]).toEqual([seedRecord, [{ line: 6, message: 'ignored unknown field 浏览次数' }]]);
  });

  test('warns about an unreadable publication time', () => {
    const { record, warnings } = parseSnapshotPage(withHeader('类别:国内 发布时间:昨天 来源:每日看点快看'));
    expect([record.sourcePublishedAt, warnings]).toEqual([null, [{ line: 6, message: 'unreadable date for 发布时间: 昨天' }]]);
  });

  test('warns about text left after the publication time', () => {
    const { record, warnings } = parseSnapshotPage(withHeader('类别:国内 发布时间:2024-05-03 06:58:00阅读 来源:每日看点快看'));
    expect([record.sourcePublishedAt, warnings]).toEqual([
      '2024-05-02T22:58:00.000Z',
      [{ line: 6, message: 'ignored text after the publication time: 阅读' }],
    ]);
  });

  test('warns once when the header category disagrees with the navigation and the closing link', () => {
    expect(warningsOf(withHeader(header.replace('类别:国内', '类别:国际')))).toEqual([
      { line: 6, message: 'category 国际 disagrees with 国内 elsewhere on the page' },
    ]);
  });

  test('warns about a related item without a date', () => {
    expect(warningsOf(seedWithoutLines(38, 38))).toEqual([{ line: 36, message: 'related item without a date' }]);
  });
});

describe('pages that cannot be read', () => {
  test('a page without a headline fails at the first line', () => {
    const error = parseErrorOf(seedWithoutLines(1, 5));
    expect([error.line, error.reason, error.message]).toEqual([1, 'no headline found', 'line 1: no headline found']);
  });

  test('a page without body paragraphs fails where the body should be', () => {
    expect(parseErrorOf(seedWithoutLines(10, 27)).message).toBe('line 10: no body paragraphs found');
  });

  test('an empty text fails', () => {
    expect(parseErrorOf('').message).toBe('line 1: empty page');
  });

  test('a text of blank lines fails', () => {
    expect(parseErrorOf('\r\n  \n\uFEFF').message).toBe('line 1: empty page');
  });

  test('a text that is not a snapshot page fails', () => {
    expect(parseErrorOf('# Kuaizhao\n\nA Strapi app that archives snapshot pages.').message).toBe(
      'line 1: not a snapshot page: no metadata, attribution or snapshot time found',
    );
  });

  test('the error is an Error named SnapshotParseError', () => {
    const error = parseErrorOf('');
    expect([error instanceof Error, error.name]).toEqual([true, 'SnapshotParseError']);
  });
});
