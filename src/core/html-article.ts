/**
 * The HTML article reader: a news page as a crawler saved it, read into the same snapshot record
 * the text readers produce, so an HTML page goes through the one import path.
 *
 * What the page says of itself comes first (JSON-LD `NewsArticle`, Open Graph and `article:*`
 * meta, the `publishdate`/`PubDate`/`source` meta of Chinese CMSs), then what it shows: the
 * visible `h1` reconciled with `<title>` (whose site name is cut), the time and 来源 printed near
 * the headline, credits (作者, 编译, 记者), the breadcrumb. The body is Mozilla Readability's
 * choice of the main block, cleaned of what Chinese portals put around an article (原标题,
 * 责任编辑, share buttons, 扫码 prompts, 相关阅读 lists).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseBeijingTime } from './beijing-time';
import { headlineScore, isBylineOrNotice } from './headline';
import { labelsOf } from './page-labels';
import type { ParseWarning, SnapshotRecord } from './snapshot-page';
import { escapeRegExp } from './text';

export type ArticleLanguage = 'zh-Hans' | 'zh-Hant';

export interface HtmlArticle {
  record: SnapshotRecord;
  warnings: ParseWarning[];
  language: ArticleLanguage;
}

/** A page with no article to read (a front page, a list, an error page). */
export class HtmlArticleError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'HtmlArticleError';
  }
}

/** Fewer Chinese characters than this in the body is not an article (a list, a login page). */
const MIN_BODY_CHARACTERS = 80;
const MIN_PARAGRAPHS = 2;

/** What the reader uses of linkedom's DOM (its types assume a browser's global scope). */
interface Element {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): Element | null;
  querySelectorAll(selectors: string): Iterable<Element>;
}
interface Doc extends Element {
  body: Element | null;
}

const parseDocument = (html: string): Doc => (parseHTML(html) as unknown as { document: Doc }).document;

/**
 * What no reading looks at, cut before the page is parsed: scripts (JSON-LD kept), styles,
 * comments and inline SVG. Readability drops them anyway, but a DOM of them is most of a portal
 * page's parsing cost (and of its garbage): a large page parses three times faster without.
 */
const UNREAD = /<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->|<svg\b[^>]*>[\s\S]*?<\/svg\s*>/gi;
export const withoutUnread = (html: string): string => html.replace(UNREAD, '');

const clean = (text: string | null | undefined): string =>
  (text ?? '').replace(/[\u00a0\u3000\s]+/g, ' ').trim();

/** A page's `<meta>` contents by key (property, name or itemprop, lower case), first non-empty one each: one walk of the page. */
const metaOfPage = new WeakMap<Doc, Map<string, string>>();
function metasOf(document: Doc): Map<string, string> {
  let metas = metaOfPage.get(document);
  if (!metas) {
    metas = new Map();
    for (const meta of document.querySelectorAll('meta')) {
      const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '').trim().toLowerCase();
      const content = clean(meta.getAttribute('content'));
      if (key && content && !metas.has(key)) metas.set(key, content);
    }
    metaOfPage.set(document, metas);
  }
  return metas;
}

const metaContent = (document: Doc, ...names: string[]): string | null => {
  const metas = metasOf(document);
  for (const name of names) {
    const content = metas.get(name.toLowerCase());
    if (content) return content;
  }
  return null;
};

// ---------------------------------------------------------------------------
// JSON-LD

interface LinkedData {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  publisher: string | null;
}

const NEWS_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|BlogPosting|AnalysisNewsArticle)$/;

const nameOf = (value: unknown): string | null => {
  if (typeof value === 'string') return clean(value) || null;
  if (Array.isArray(value)) return value.map(nameOf).filter(Boolean).join(' ') || null;
  if (value && typeof value === 'object' && 'name' in value) return nameOf((value as { name: unknown }).name);
  return null;
};

function linkedData(document: Doc): LinkedData | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const nodes: unknown[] = Array.isArray(parsed) ? parsed : [parsed, ...(((parsed as any)?.['@graph'] as unknown[]) ?? [])];
    for (const node of nodes) {
      if (!node || typeof node !== 'object') continue;
      const types = ([] as unknown[]).concat((node as any)['@type']);
      if (!types.some((type) => typeof type === 'string' && NEWS_TYPES.test(type))) continue;
      const item = node as Record<string, unknown>;
      return {
        headline: nameOf(item.headline),
        datePublished: typeof item.datePublished === 'string' ? item.datePublished : null,
        author: nameOf(item.author),
        publisher: nameOf(item.publisher),
      };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Title

/** What separates a headline from the channel and site names in `<title>`. */
const TITLE_SEPARATOR = /\s*(?:[_|｜]|\s[-–—]\s|--|——|::|\s@\s|-(?=[^-]*(?:网|網|报|報|新闻|新聞|PIXNET)))\s*/;

const siteNameCut = (title: string): string => clean(title.split(TITLE_SEPARATOR)[0]);

/**
 * The headline: of the visible headings that `<title>` or the page's metadata repeats (a site's
 * logo is often an `h1` as well), the best by the shared headline score (core/headline.ts);
 * else the metadata's, else `<title>` with the site name cut. A byline, credit, notice or
 * breadcrumb is never taken, wherever it stands.
 */
function findTitle(document: Doc, data: LinkedData | null): { title: string | null; heading: Element | null } {
  const pageTitle = clean(document.querySelector('title')?.textContent);
  const declared = [data?.headline, metaContent(document, 'og:title', 'twitter:title', 'ArticleTitle')].filter((t): t is string => !!t);
  const repeated = (text: string) => pageTitle.startsWith(text) || declared.some((title) => title.startsWith(text) || text.startsWith(siteNameCut(title)));
  let best: { text: string; heading: Element; score: number } | null = null;
  let first = true;
  for (const heading of document.querySelectorAll('h1, h2, .title, #title')) {
    const text = clean(heading.textContent);
    if (text.length < 4 || text.length > 120 || isBylineOrNotice(text)) continue;
    const candidate = { text, nearest: first, repeated: repeated(text) };
    first = false;
    if (!candidate.repeated) continue;
    const score = headlineScore(candidate);
    if (!best || score > best.score) best = { text, heading, score };
  }
  if (best) return { title: best.text, heading: best.heading };
  const fallback = [...declared.map(siteNameCut), pageTitle ? siteNameCut(pageTitle) : ''].find((title) => title.length >= 4 && !isBylineOrNotice(title));
  return { title: fallback || null, heading: null };
}

// ---------------------------------------------------------------------------
// Times

// BBC's Chinese pages print the clock in GMT (格林尼治标准时间); everything else naive is Beijing time.
const CHINESE_DATE =
  /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?(?:[\sT,，]*(格林尼治标准时间|格林威治標準時間|GMT)?\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?/;
const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0');
/** The Beijing calendar day of an instant: a date-only declaration means that day. */
const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** A date as Chinese pages print it (`2019年02月20日 02:26:00`, `2020-07-04 12:10`), Beijing time. */
function readPrintedTime(text: string): { iso: string; hasClock: boolean } | null {
  const match = CHINESE_DATE.exec(text);
  if (!match) return null;
  const [, y, mo, d, gmt, h, mi, s] = match;
  const naive = h ? `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${mi}:${pad(s)}${gmt ? 'Z' : ''}` : `${y}-${pad(mo)}-${pad(d)}`;
  const date = parseBeijingTime(naive);
  return date ? { iso: date.toISOString(), hasClock: !!h } : null;
}

/** A time the metadata gives: ISO with its zone, or naive (Beijing). */
function readDeclaredTime(value: string | null): { iso: string; hasClock: boolean } | null {
  if (!value) return null;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : null;
  if (iso && !Number.isNaN(iso.getTime())) return { iso: iso.toISOString(), hasClock: true };
  return readPrintedTime(value);
}

// ---------------------------------------------------------------------------
// Header text near the headline: time, source, author

const labelPattern = (labels: readonly string[]) => labels.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|');
const SOURCE_LABEL = new RegExp(`(?:${labelPattern(labelsOf('source'))})\\s*[:：]\\s*([^\\s:：|]{2,30})`);
const AUTHOR_LABEL = /(?:作者|撰文|文)\s*[:：︱|/]\s*([\p{Script=Han}·]{2,4}(?:[ 、，,][\p{Script=Han}·]{2,4})*)/gu;
/** Words that follow an empty 作者 label on portal headers: the next label, not a name. */
const NOT_A_NAME = /^(?:责任编辑|責任編輯|编辑|編輯|来源|來源|记者|記者|作者|时间|時間|这是.*)$/;

/** The first author a labelled credit in `text` names (`作者：上官云 宋宇晟`, `作者︱春春`). */
function labelledAuthor(text: string): string | null {
  for (const match of text.matchAll(AUTHOR_LABEL)) {
    const names = match[1].split(/[ 、，,]/).filter((name) => !NOT_A_NAME.test(name));
    // A label word right after the colon means the field was empty.
    if (names.length > 0 && !NOT_A_NAME.test(match[1].split(/[ 、，,]/)[0])) return names.join(' ');
  }
  return null;
}
const CREDIT = /[（(]\s*(?:编译|編譯|记者|記者|作者|文)\s*[/:：]?\s*([\p{Script=Han}·]{2,4})/u;
/** What runs on after a source's name on portal headers. */
const SOURCE_TAIL = /(?:参与互动|參與互動|下载客户端|作者.*|责任编辑.*|編輯.*|编辑.*|\d.*)$/;

/** The visible text from the headline on, as far as the header reaches. */
function headerText(document: Doc, heading: Element | null): string {
  const body = clean(document.body?.textContent);
  if (!heading) return body.slice(0, 3000);
  const title = clean(heading.textContent);
  const at = body.indexOf(title);
  return at === -1 ? body.slice(0, 3000) : body.slice(at + title.length, at + title.length + 600);
}

// ---------------------------------------------------------------------------
// Body

/** Lines that are the portal's, not the article's. */
const FURNITURE = [
  /^[（(]?原标题[:：]/,
  /^[（(]?原標題[:：]/,
  /^[[【(（]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s*[:：]/,
  /^(?:分享到|分享至|扫码|掃碼|扫一扫|掃一掃|扫描二维码|长按二维码|打开.*客户端|点击.*客户端)/,
  /^(?:图片来源|圖片來源)[:：]/,
  /^(?:网友评论|網友評論|特别声明|特別聲明|版权声明|版權聲明|Notice:)/,
  // The credits block: 作者︱X, 出品︱X, 编译/X…
  /^(?:作者|撰文|出品|编译|編譯|校对|校對|审核|審核|监制|監製|策划|策劃)\s*[:：︱|/]\s*[\S ]{1,30}$/,
];
/** Everything from these on is a list of other articles or the comments. */
const LIST_HEADINGS = /^(?:相关阅读|相關閱讀|相关新闻|相關新聞|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热门推荐|熱門推薦|更多精彩|猜你喜欢|往期回顾|[[【]?值班总编推荐)/;
const TRAILING_CREDIT = /\s*[（(]\s*(?:编译|編譯|记者|記者|作者|文|编辑|編輯)\s*[/:：]?[^）)]{1,30}[）)]\s*$/;

const hanCount = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;

function bodyParagraphs(html: string, title: string | null): string[] {
  const document = parseDocument(`<!doctype html><html><body>${html}</body></html>`);
  const blocks: string[] = [];
  for (const node of document.querySelectorAll('p, h2, h3, h4, li, blockquote, div')) {
    // A div counts only for its own text (text not inside a child block).
    if (node.tagName === 'DIV' || node.tagName === 'LI') {
      if (node.querySelector('p, div, li, h2, h3, h4, blockquote')) continue;
    }
    const text = clean(node.textContent);
    if (text) blocks.push(text);
  }
  const paragraphs: string[] = [];
  for (const block of blocks) {
    if (LIST_HEADINGS.test(block)) break;
    if (FURNITURE.some((pattern) => pattern.test(block))) continue;
    if (title && block === title) continue;
    if (paragraphs.at(-1) === block) continue;
    paragraphs.push(block);
  }
  if (paragraphs.length > 0) paragraphs[paragraphs.length - 1] = paragraphs[paragraphs.length - 1].replace(TRAILING_CREDIT, '');
  return paragraphs.filter((paragraph) => paragraph !== '');
}

// ---------------------------------------------------------------------------
// Category, language

function findCategory(document: Doc): string | null {
  const crumbs = document.querySelector('[class*="crumb"], [id*="crumb"], [class*="bread"], [class*="position"], [class*="location"], .site-nav, .path');
  const links = crumbs ? [...crumbs.querySelectorAll('a')].map((a) => clean(a.textContent)).filter((text) => text && !/^(首页|首頁|正文|home)$/i.test(text)) : [];
  const section = metaContent(document, 'article:section', 'ColumnName', 'channel');
  return links.at(-1) ?? section ?? null;
}

/** Characters written one way in Simplified and another in Traditional, common in news text. */
const SIMPLIFIED = '这个们来说国会对时为学与发现开关经点长问应实体东车见书内电话过还进选区后专业际产业务党记钱将让认总统华约';
const TRADITIONAL = '這個們來說國會對時為學與發現開關經點長問應實體東車見書內電話過還進選區後專業際產業務黨記錢將讓認總統華約';

export function languageOf(text: string): ArticleLanguage {
  let simplified = 0;
  let traditional = 0;
  for (const char of text) {
    const s = SIMPLIFIED.indexOf(char);
    const t = TRADITIONAL.indexOf(char);
    if (s !== -1 && TRADITIONAL[s] !== char) simplified += 1;
    if (t !== -1 && SIMPLIFIED[t] !== char) traditional += 1;
  }
  return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
}

// ---------------------------------------------------------------------------

export interface HtmlReadOptions {
  /** The page's address (WARC-Target-URI), stored as the article's original URL. */
  url?: string | null;
}

/** Reads an HTML news page; throws HtmlArticleError when it holds no article. */
export function readHtmlArticle(html: string, options: HtmlReadOptions = {}): HtmlArticle {
  const document = parseDocument(withoutUnread(html));
  const warnings: ParseWarning[] = [];
  const data = linkedData(document);
  const { title, heading } = findTitle(document, data);
  if (!title) throw new HtmlArticleError('no headline: no h1, og:title or <title>');

  const header = headerText(document, heading);
  const declaredTime =
    readDeclaredTime(data?.datePublished ?? null) ??
    readDeclaredTime(metaContent(document, 'article:published_time', 'og:release_date', 'og:time', 'PubDate', 'publishdate', 'pubdate', 'datePublished'));
  const printedTime = readPrintedTime(header);
  // A date-only declaration gives way to the time printed under the headline on the same day.
  const time =
    declaredTime && (declaredTime.hasClock || !printedTime || beijingDay(printedTime.iso) !== beijingDay(declaredTime.iso)) ? declaredTime : (printedTime ?? declaredTime);
  if (!time) warnings.push({ line: 1, message: 'no publication time found' });

  const printedSource = SOURCE_LABEL.exec(header)?.[1]?.replace(SOURCE_TAIL, '') || null;
  const source = printedSource ?? metaContent(document, 'source', 'ContentSource', 'og:site_name') ?? null;

  // Readability changes the document it reads (it removes what it does not keep): what else is
  // read of the page is read first, and the page is parsed once.
  const category = findCategory(document);
  const pageCredit = CREDIT.exec(clean(document.body?.textContent))?.[1] ?? null;
  const article = new Readability(document as any, { charThreshold: 100 }).parse();
  const paragraphs = article?.content ? bodyParagraphs(article.content, title) : [];
  const bodyHan = paragraphs.reduce((sum, paragraph) => sum + hanCount(paragraph), 0);
  if (paragraphs.length < MIN_PARAGRAPHS || bodyHan < MIN_BODY_CHARACTERS) {
    throw new HtmlArticleError(`no readable article: ${paragraphs.length} paragraphs, ${bodyHan} Chinese characters of body`);
  }

  const bodyText = paragraphs.join('\n');
  const author =
    data?.author ??
    labelledAuthor(header) ??
    labelledAuthor(clean(article?.textContent)) ??
    CREDIT.exec(paragraphs.slice(-2).join('\n'))?.[1] ??
    pageCredit;

  const record: SnapshotRecord = {
    title,
    category,
    sourcePublishedAt: time?.iso ?? null,
    source,
    reprintedFrom: null,
    kicker: null,
    byline: author ? `作者：${author}` : null,
    paragraphs,
    attribution: null,
    capturedBy: null,
    snapshotAt: null,
    originalUrl: options.url ?? null,
    relatedLinks: [],
  };
  return { record, warnings, language: languageOf(`${title}\n${bodyText}`) };
}

/** The author a record's byline names (`作者：X`), as the reader wrote it. */
export const authorOfByline = (byline: string | null): string | null => byline?.replace(/^作者：/, '') ?? null;
