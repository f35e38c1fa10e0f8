/**
 * Synthetic snapshot pages in the seed's layout, for the import benchmark and for tests that need
 * many distinct pages: varied titles, categories, sources, bodies and related items, deterministic
 * in the page number. Rendered with the real renderer, so every page reads back into its record.
 */
import { formatBeijingTime } from '../core/beijing-time';
import { renderSnapshotPage, type RelatedItem, type SnapshotRecord } from '../core/snapshot-page';

const CATEGORIES = ['国内', '国际', '财经', '科技', '体育', '娱乐'];
const AGGREGATORS = ['每日看点快看', '今日头条', '网易新闻', '腾讯新闻', '凤凰资讯'];
const OUTLETS = ['南方日报', '人民日报', '新华社', '羊城晚报', '江门日报', '广州日报', '北京青年报', '澎湃新闻'];
const CRAWLERS = ['td.fyun.cc', 'kz.crawler.cn', 'spider.example.com'];
const PLACES = ['江门', '佛山', '广州', '深圳', '珠海', '东莞', '中山', '惠州', '肇庆', '汕头'];
const TOPICS = ['产业转型', '区域协调', '乡村振兴', '科技创新', '营商环境', '交通建设', '文旅融合', '海洋经济', '绿色发展', '民生保障'];
const ACTIONS = ['加力提速', '精准发力', '多措并举', '统筹推进', '创新探索', '扎实推进'];
const REPORTERS = ['李霭莹', '王福强', '陈晓明', '张丽', '刘洋', '黄志军', '周敏'];
const SENTENCES = [
  '活动不仅探讨了产业转型升级的新趋势,还促进了两地产业链和供应链协同发展。',
  '形成镇域间优势互补、良性互动、协同发展的区域经济发展新格局。',
  '以镇域经济跃升推动东西部城乡区域协调发展。',
  '具有区位居中、空间潜力大、交通便利、产业基础好等优势。',
  '力争在3年内累计完成工业投资超1000亿元。',
  '将有效规避资源浪费,具有示范意义。',
  '相关负责人表示,接下来将重点发展新能源电池、新一代信息技术等主导产业。',
];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];
const BASE_TIME = Date.UTC(2024, 0, 1, 0, 0, 0);
const MINUTE = 60_000;

/** The i-th page's headline: unique per i, pronounceable, like a real one. */
export function syntheticTitle(i: number): string {
  return `${pick(PLACES, i)}${pick(ACTIONS, i * 7 + 3)}${pick(TOPICS, i * 3 + 1)} 第${i + 1}期`;
}

/** The i-th page's publication time (ISO UTC), whole minutes. */
export function syntheticPublishedAt(i: number): string {
  return new Date(BASE_TIME + i * 37 * MINUTE).toISOString();
}

function relatedItems(i: number, total: number): RelatedItem[] {
  const count = 3 + (i % 7);
  return Array.from({ length: count }, (_, k) => {
    // Mostly other pages of the same run (so targets resolve, some only once they arrive later).
    const other = (i * 31 + k * 17 + 1) % Math.max(total, 1);
    const date = syntheticPublishedAt(other);
    const minuteOnly = k % 4 === 3;
    return {
      title: k % 5 === 4 ? null : syntheticTitle(other),
      excerpt: `...${pick(SENTENCES, i + k)}${pick(PLACES, other)}${pick(TOPICS, other)}`,
      date,
      dateText: formatBeijingTime(new Date(date), minuteOnly ? 'minute' : 'second'),
    };
  });
}

export function syntheticRecord(i: number, total: number): SnapshotRecord {
  const crawler = pick(CRAWLERS, i);
  const outlet = pick(OUTLETS, i * 5 + 2);
  const byline = `${outlet}讯 (记者/${pick(REPORTERS, i)} 通讯员/${pick(REPORTERS, i + 3)})`;
  const paragraphs = Array.from({ length: 3 + (i % 6) }, (_, p) =>
    [pick(PLACES, i + p), pick(TOPICS, i + p * 2), '。', pick(SENTENCES, i + p), pick(SENTENCES, i * 3 + p), `(${i}-${p})`].join(''),
  );
  paragraphs[0] = `${byline}${paragraphs[0]}`;
  const publishedAt = syntheticPublishedAt(i);
  return {
    title: syntheticTitle(i),
    category: pick(CATEGORIES, i),
    sourcePublishedAt: publishedAt,
    source: pick(AGGREGATORS, i * 3),
    reprintedFrom: i % 9 === 8 ? null : outlet,
    kicker: i % 4 === 0 ? null : `${pick(PLACES, i + 1)}推进${pick(TOPICS, i + 2)},促进区域一体化发展`,
    byline,
    paragraphs,
    attribution: `以上内容为资讯信息快照,由${crawler}爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。`,
    capturedBy: crawler,
    snapshotAt: new Date(Date.parse(publishedAt) + (60 + (i % 300)) * MINUTE).toISOString(),
    originalUrl: null,
    relatedLinks: relatedItems(i, total),
  };
}

/** The i-th of `total` synthetic pages, as text. */
export function syntheticPage(i: number, total: number): string {
  return renderSnapshotPage(syntheticRecord(i, total));
}
