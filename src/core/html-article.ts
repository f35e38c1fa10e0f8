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
import { bareCreditNames, CONTRIBUTOR_LABELS, extractByline, reportCreditNames, reporterNames, roleForLabel } from './byline';
import { headlineScore, isBylineOrNotice } from './headline';
import { labelsOf, LIST_OPENINGS, PAGE_TOOLS } from './page-labels';
import { firstPrintedDate, lastPrintedDate } from './printed-date';
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
  remove(): void;
  setAttribute(name: string, value: string): void;
}
interface Doc extends Element {
  body: Element | null;
}

/**
 * Tags with no text before `<!doctype>` or `<html>` (a corpus's `<text id=… encoding=…>`
 * wrapper): a browser passes over them, but linkedom makes the first one the document's root
 * and leaves the page's `<body>` empty, so they are cut.
 */
const LEADING_TAGS = /^(?:\s|<(?!!doctype|html\b)[^>]*>)+(?=<!doctype|<html\b)/i;
/**
 * Markup between `</head>` and `<body>` (an e-paper's floating `<SPAN>` layer): a browser opens the
 * body there and moves the `<body>` tag's attributes onto it, but linkedom opens an empty body and
 * nests the page's own `<body>` inside the stray element, so the body tag is moved up to `</head>`.
 */
const STRAY_BEFORE_BODY = /(<\/head\s*>)(\s*<(?!body\b)[\s\S]*?)(<body\b[^>]*>)/i;
/**
 * A fragment without `<html>` or `<body>` (a page saved as its article block) is read as a browser
 * shows it: as a body. A page that starts at `<head>` (a DOM saved by a browser extension drops the
 * `<html>` tag) gets the root a browser gives it: linkedom would make the head the root and leave
 * no body.
 */
const parsePage = (html: string): Doc => {
  if (!/<html\b|<body\b/i.test(html)) return parseDocument(`<!doctype html><html><body>${html}</body></html>`);
  let page = html.replace(LEADING_TAGS, '').replace(STRAY_BEFORE_BODY, '$1$3$2');
  // `<html>` without a `<body>` tag: a browser opens the body after the head (or the root's tag);
  // linkedom leaves none, and Readability cannot read a page without one.
  if (!/<body\b/i.test(page)) page = /<\/head\s*>/i.test(page) ? page.replace(/<\/head\s*>/i, '$&<body>') : page.replace(/<html\b[^>]*>/i, '$&<body>');
  const root = page.search(/<html\b/i);
  const opening = page.search(/<head\b|<body\b/i);
  return parseDocument(root !== -1 && (opening === -1 || root < opening) ? page : `<!doctype html><html>${page}</html>`);
};

const parseDocument = (html: string): Doc => (parseHTML(html) as unknown as { document: Doc }).document;

/**
 * What no reading looks at, cut before the page is parsed: scripts (JSON-LD kept), styles,
 * comments and inline SVG. Readability drops them anyway, but a DOM of them is most of a portal
 * page's parsing cost (and of its garbage): a large page parses three times faster without.
 */
const UNREAD = /<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->|<svg\b[^>]*>[\s\S]*?<\/svg\s*>/gi;
export const withoutUnread = (html: string): string => html.replace(UNREAD, '');

/**
 * The page as lines, the way it shows: a mark (U+2029) goes before every block tag and `<br>`,
 * and `clean` drops it, so no cleaned text changes and the page's lines are its text split at the
 * marks. Old portals print the header (time, 来源, 作者) and the credits as lines of a table, not
 * in marked-up elements, and only the lines tell them apart.
 */
const LINE_MARK = '\u2029';
const BLOCK_TAG = /<(?=\/?(?:p|div|br|tr|td|th|li|h[1-6]|table|ul|ol|dl|dd|dt|section|article|header|footer|blockquote|center|form|hr)\b)/gi;
const markLines = (html: string): string => html.replace(BLOCK_TAG, `${LINE_MARK}<`);

/**
 * Text as it reads: spaces of every kind collapsed, and private-use characters dropped (a GBK
 * page's user-defined codes decode to them, and no font shows them as anything but a gap).
 */
const clean = (text: string | null | undefined): string =>
  (text ?? '').split(LINE_MARK).join('').replace(/[\u00a0\u3000\ue000-\uf8ff\s]+/g, ' ').trim();

const linesOf = (text: string | null | undefined): string[] => (text ?? '').split(LINE_MARK).map(clean).filter(Boolean);

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

/**
 * The writers a JSON-LD `author` names. An Organization is the outlet, not a writer (`{"@type":
 * "Organization", "name": "自由時報"}`); a name that is a printed credit line (`記者陳嘉寧／桃園機場報導`)
 * gives the names in it.
 */
const writerOf = (value: unknown): string | null => {
  const people = ([] as unknown[]).concat(value ?? []).filter((one) => !(one && typeof one === 'object' && ([] as unknown[]).concat((one as any)['@type']).includes('Organization')));
  const name = nameOf(people);
  return name && /記者|记者/.test(name) ? reporterNames(name) : name;
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
        author: writerOf(item.author),
        publisher: nameOf(item.publisher),
      };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Title

/** What separates a headline from the channel and site names in `<title>`. */
const TITLE_SEPARATOR = /\s*(?:[_|｜]|\s[-–—»>·]\s|--|——|::|\s@\s|-(?=[^-]*(?:网|網|报|報|新闻|新聞|PIXNET)))\s*/;

/** The page's only h1, when it reads as a headline (not a logo, a channel's name or a credit). */
function soleHeading(document: Doc, siteName: string | null): string | null {
  const headings = [...document.querySelectorAll('h1')].map((heading) => clean(heading.textContent)).filter(Boolean);
  const [text] = headings;
  return headings.length === 1 && text.length >= 8 && text.length <= 80 && hanCount(text) >= 6 && !isSiteName(text, siteName) && !isBylineOrNotice(text) ? text : null;
}

/** A heading's mark of what goes with the story (`(图)`, `[组图]`, `【视频】`), at either end. */
const MEDIA_MARKER = /^\s*[[【(（](?:图|圖|组图|組圖|多图|多圖|附图|附圖|图文|圖文|视频|視頻)[\]】)）]|[[【(（](?:图|圖|组图|組圖|多图|多圖|附图|附圖|图文|圖文|视频|視頻)[\]】)）]\s*$/g;

/** Text folded for comparison: NFKC (full-width ASCII as half-width), curly quotes straight, no spaces. */
const fold = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[“”„‟]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, '');

/**
 * `<title>` without a site's name before the headline (`多维博客 » 标题`, as a blog prints it): only
 * when the rest is one part, long enough to be no channel's name (`某某网_新闻中心` names the site).
 */
const withoutLeadingSite = (title: string): string => {
  const parts = title.split(TITLE_SEPARATOR).map(clean);
  // A bare hyphen after the site too (`某某网-标题`): TITLE_SEPARATOR splits at one only before a site.
  const hyphen = title.indexOf('-');
  const [site, rest] =
    parts.length === 2 ? parts : parts.length === 1 && hyphen > 0 ? [clean(title.slice(0, hyphen)), clean(title.slice(hyphen + 1))] : [];
  // A part without Chinese before a Chinese headline is the site's name too (`Joel on Software - 标题`).
  const latin = !!site && !!rest && hanCount(site) === 0 && hanCount(rest) >= 4;
  return site && rest && (SITE_NAME.test(site) || PAGE_TOOL.test(site) || LATIN_SITE_NAME.test(site) || latin) && rest.length >= 8 ? rest : title;
};
const siteNameCut = (title: string): string => clean(withoutLeadingSite(title).split(TITLE_SEPARATOR)[0]);
/** Every place a `<title>` may end its headline, a bare hyphen included (`标题-搜狐财经`). */
const TITLE_CUTS = /\s*(?:[_|｜]|\s[-–—»>·]\s|--|——|-|::|\s@\s)\s*/g;
/** Markup a CMS left in a declared title (`<meta name="ArticleTitle" content="…<div>…</div>">`). */
const withoutTags = (text: string): string => clean(text.replace(/<[^>]*>/g, ''));

/** Of a declared title's or `<title>`'s possible cuts, the longest the page shows: the headline as printed. */
function shownCut(titles: string[], shown: string): string | null {
  for (const whole of titles) {
    const title = withoutLeadingSite(whole);
    // A keyword list after the headline (`标题,地铁,通车 - 某某网`) is cut at its commas too, and a
    // site's name in brackets after it (`标题【某某网】`) at the bracket.
    const cuts = [title, ...[...title.matchAll(TITLE_CUTS), ...title.matchAll(/[,，【]/g)].map((match) => clean(title.slice(0, match.index)))];
    const cut = cuts.sort((a, b) => b.length - a.length).find((text) => text.length >= 4 && !isBylineOrNotice(text) && shown.includes(text));
    if (cut) return cut;
  }
  return null;
}

const URL_LINE = /^(?:https?:\/\/|www\.)\S*$|(?:-->|>>|＞＞)/i;
/** A page with neither a heading nor a `<title>` (saved fragments of old portals): the line above the first printed time. */
function lineAboveTime(lines: string[]): string | null {
  const at = lines.findIndex((line) => firstPrintedDate(line)?.hasClock);
  for (let i = at - 1; i >= Math.max(0, at - 3); i -= 1) {
    const line = lines[i];
    if (URL_LINE.test(line) || isBylineOrNotice(line)) continue;
    if (line.length >= 6 && line.length <= 80 && hanCount(line) >= 4 && !isTextLine(line)) return line;
  }
  return null;
}

/** The first place a breadcrumb names (`网易娱乐 > 电影版区 > 周黎明留言板`): the site. */
const BREADCRUMB_ROOT = /^([^\s>＞»›]{2,12})\s*[>＞»›]\s*\S/;
/** A paragraph as a body has them: a long line that ends a sentence. */
const isParagraphLine = (line: string) => hanCount(line) >= 30 && SENTENCE_END.test(line);
/** A board's label before a post's title (`主题： 标题`). */
const TOPIC_LABEL = /^(?:主题|主題|标题|標題|帖子主题|帖子主題)\s*[:：]\s*/;
/** A board's or a long story's page number after the headline in `<title>` (`标题(页 1)`, `标题（第2页）`). */
const PAGE_MARK = /\s*[(（]\s*(?:第\s*\d+\s*[页頁]|[页頁]\s*\d+)\s*[)）]/g;
/** `谢谢您访问〖某某中心〗`, `欢迎光临某某网`: a `<title>` that greets the visitor names only the site. */
const GREETING = /^(?:谢谢|謝謝|感谢|感謝|欢迎|歡迎)(?:您|你)?(?:访问|訪問|光临|光臨|来到|來到)/;
/** What a page template prints where a value is missing. */
const MISSING_VALUE = /^(?:undefined|null|NaN|none|\$\{[^}]*\}|\{\{[^}]*\}\})$/i;
/** A line of the text itself, however the page wraps it: a sentence ends inside it or a clause at its end, or it is too long for a headline. */
const isTextLine = (line: string) => /。/.test(line) || /[，、；,;]$/.test(line) || hanCount(line) >= 30;
/** Display width, CJK characters counting two: a text hard-wrapped at a fixed width has lines of one width. */
const widthOf = (line: string) => [...line].reduce((width, char) => width + (/[\u2e80-\uffef]/.test(char) ? 2 : 1), 0);
const wrapsOn = (line: string, next: string | undefined) =>
  next !== undefined && widthOf(line) >= 40 && Math.abs(widthOf(line) - widthOf(next)) <= 0.15 * Math.max(widthOf(line), widthOf(next));
/** `——当代中国的精神危机`: a subtitle under the headline. */
const SUBTITLE = /^(?:——|--|―)/;
/** `一、理解文革`, `1.犬儒主义`, `（二）`: a section's heading inside the text. */
const SECTION = /^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])/;
/** `作者：`, `发布日期：`: a header's label with its value missing. */
const EMPTY_LABEL = /^\p{Script=Han}{2,6}\s*[:：]$/u;
/** How far above the text a headline may stand, past the header lines between them. */
const HEADER_LINES = 8;
/**
 * Under a <title> that names only the site (or when nothing else names a headline): the title-like
 * line above the text, past the header between them: a writer's name standing alone (`眉间尺`,
 * `duscha`), reporters, a date, a clock or a 来源 line, labels left empty (`作者：`), a subtitle
 * (`——…`) and the text's first section heading (`一、…`); without a board's `主题：` label. The text
 * starts at its first paragraph, or above it where the page hard-wraps its lines.
 */
function lineAboveBody(lines: string[]): string | null {
  const at = lines.findIndex(isParagraphLine);
  let header = 0;
  for (let i = at - 1; i >= 0 && header < HEADER_LINES; i -= 1) {
    const line = lines[i];
    // A line as wide as the text line below it is part of that text (until the header starts).
    if (isTextLine(line) || (header === 0 && wrapsOn(line, lines[i + 1]))) continue;
    header += 1;
    if (URL_LINE.test(line) || isBylineOrNotice(line) || BREADCRUMB_ROOT.test(line) || SOURCE_LABEL.test(line) || reporterNames(line)) continue;
    if (firstPrintedDate(line) || line.length <= 4 || hanCount(line) === 0 || EMPTY_LABEL.test(line) || SUBTITLE.test(line) || SECTION.test(line)) continue;
    const title = line.replace(TOPIC_LABEL, '');
    return title.length >= 6 && title.length <= 80 && hanCount(title) >= 4 && !isParagraphLine(title) ? title : null;
  }
  return null;
}

/** A name that is a site's or a channel's, not a headline: `og:site_name`, or short and ending like one (`某某日报网`, `新闻频道`). */
const SITE_NAME = /^[\p{Script=Han}A-Za-z0-9·]{2,10}(?:网|網|新闻|新聞|新闻中心|新聞中心|日报|日報|晚报|晚報|时报|時報|在线|在線|频道|頻道|电视台|電視台|博客|论坛|論壇|社区|社區)$/u;
/** `China-Pub blog`, `XX BBS`: a site's name in Latin letters that says what it is. */
const LATIN_SITE_NAME = /^[A-Za-z0-9][\w .'-]{0,30}\s?(?:blog|Blog|BLOG|bbs|BBS|Forum|forum)$/;
const isSiteName = (text: string, siteName: string | null) => text === siteName || SITE_NAME.test(text) || LATIN_SITE_NAME.test(text);
/**
 * A `<title>` that is a breadcrumb from the site's name (`世艺网>艺术教育`): where the page sits, not
 * what it says. Its places are all short: after a site's name, a headline is long (`多维博客 » 标题`).
 */
const crumbOfSite = (title: string, siteName: string | null) => {
  const [root, ...places] = title.split(/\s*[>＞»›]\s*/);
  return places.length > 0 && isSiteName(root, siteName) && places.every((place) => place.length > 0 && place.length < 8);
};

/** A heading that goes on past a declared headline (not with a subtitle): the declared headline. */
const headlineIn = (text: string, declared: readonly string[]): string =>
  declared.map(siteNameCut).find((title) => title.length >= 8 && text.length > title.length && text.startsWith(title) && !/^\s*[(（\[【:：—–-]/.test(text.slice(title.length))) ?? text;

/**
 * The headline: of the visible headings that `<title>` or the page's metadata repeats (a site's
 * logo is often an `h1` as well), the best by the shared headline score (core/headline.ts);
 * under a `<title>` that names only the site, the best heading or the line above the first
 * paragraph; else the metadata's, else `<title>` with the site name cut. A byline, credit, notice
 * or breadcrumb is never taken, wherever it stands.
 */
function findTitle(document: Doc, data: LinkedData | null, shown: string, lines: string[]): { title: string | null; heading: Element | null } {
  // A template's empty slot (`<title>undefined</title>`, `央视论坛 :: null`): the part is no headline,
  // and a <title> that lost its headline names only the site.
  const wholeTitle = clean(document.querySelector('title')?.textContent).replace(PAGE_MARK, '');
  const titleParts = wholeTitle.split(TITLE_SEPARATOR);
  const unfilled = titleParts.some((part) => MISSING_VALUE.test(clean(part)));
  const pageTitle = unfilled ? clean(titleParts.filter((part) => !MISSING_VALUE.test(clean(part))).join(' - ')) : wholeTitle;
  const siteName = metaContent(document, 'og:site_name');
  const declared = [data?.headline, metaContent(document, 'og:title', 'twitter:title', 'ArticleTitle')].filter((t): t is string => !!t).map(withoutTags);
  // A <title> cut short (`长标题的前半…_某某网`) repeats the heading it opens.
  const shortened = /^(.{6,}?)(?:…+|\.{3,})$/.exec(siteNameCut(pageTitle))?.[1];
  // A heading <title> opens with, or holds whole when long enough to be no channel's name: a site
  // or a label may open <title> (`【某某网】标题`, `独家：标题_某某网`).
  // Compared as written, whatever the width of the punctuation and the spacing (`：` in the heading,
  // `:` in <title>; “” and "").
  const folded = fold(pageTitle);
  // A heading that is a later part of <title> whole (`标题_国内新闻频道_新浪网` over `<h1>国内新闻频道`) is the channel's name.
  const laterParts = new Set(pageTitle.split(TITLE_SEPARATOR).slice(1).map(fold));
  const repeated = (text: string) => {
    // A heading with a media marker <title> leaves out (`标题(图)`, `[视频]标题`) repeats it as well.
    const heading = fold(text.replace(MEDIA_MARKER, ''));
    if (laterParts.has(heading)) return false;
    return (
      folded.startsWith(heading) ||
      (text.length >= 6 && folded.includes(heading)) ||
      (!!shortened && heading.startsWith(fold(shortened))) ||
      declared.some((title) => fold(title).startsWith(heading) || heading.startsWith(fold(siteNameCut(title))))
    );
  };
  // A <title> (and metadata) naming only the site repeats no headline: the page's own heading is the
  // headline. A site's name also opens the page's breadcrumb (`网易娱乐 > 电影版区 > 周黎明留言板`).
  const crumbRoots = new Set(lines.flatMap((line) => BREADCRUMB_ROOT.exec(line)?.[1] ?? []));
  const titles = [pageTitle, ...declared].filter(Boolean);
  // So does one that the page's 来源 line opens with (`<title>科普中国-辟谣文章` over `来源： 科普中国-科学原理`):
  // the publisher is never the headline.
  const sources = lines.flatMap((line) => SOURCE_LABEL.exec(line)?.[1] ?? []);
  const publisher = (title: string) => {
    const opening = clean(title.split(TITLE_CUTS)[0]);
    return opening.length >= 2 && sources.some((source) => source.startsWith(opening));
  };
  const siteOnly =
    (unfilled && declared.length === 0) ||
    (titles.length > 0 && titles.every((title) => isSiteName(siteNameCut(title), siteName) || crumbRoots.has(siteNameCut(title)) || publisher(title) || GREETING.test(title) || crumbOfSite(title, siteName)));
  // The site's logo in a heading: og:site_name (unless the metadata's headline says the same: a CMS
  // that fills og:site_name with the headline), or the start of a <title> that names only the site.
  const logo = (text: string) =>
    (text === siteName && !declared.some((title) => siteNameCut(title) === text)) || (siteOnly && !!pageTitle && pageTitle.startsWith(text));
  let best: { text: string; heading: Element; score: number } | null = null;
  let unrepeated: typeof best = null;
  let first = true;
  for (const heading of document.querySelectorAll('h1, h2, h3, .title, #title')) {
    // A heading that goes on past the headline its page declares holds a control beside it (a
    // text-to-speech button's `播报文章`): the headline is the declared one.
    const text = headlineIn(clean(heading.textContent), declared);
    // A heading with no Chinese in it on a Chinese page is a site's or a section's name (`Joel on Software`).
    if (text.length < 4 || text.length > 120 || hanCount(text) === 0 || isBylineOrNotice(text) || logo(text)) continue;
    const candidate = { text, nearest: first, repeated: repeated(text) };
    first = false;
    const score = headlineScore(candidate);
    if (!candidate.repeated) {
      if (!unrepeated || score > unrepeated.score) unrepeated = { text, heading, score };
      continue;
    }
    if (!best || score > best.score) best = { text, heading, score };
  }
  if (best) return { title: best.text, heading: best.heading };
  if (unrepeated && siteOnly) return { title: unrepeated.text, heading: unrepeated.heading };
  // Nothing names a headline (no <title>, no metadata): the line above the text does, before any heading.
  const aboveBody = siteOnly || titles.length === 0 ? lineAboveBody(lines) : null;
  if (aboveBody) return { title: aboveBody, heading: null };
  const fallback =
    shownCut([...declared, pageTitle].filter(Boolean), clean(shown)) ??
    // A <title> cut short (`标题的前半..._某某网`): the line the page prints it on whole.
    (shortened ? lines.find((line) => line.length <= shortened.length + 40 && fold(line).startsWith(fold(shortened))) : undefined) ??
    // A page's one h1, worded otherwise than a <title> the page does not show: the headline it shows.
    soleHeading(document, siteName) ??
    [...declared.map(siteNameCut), pageTitle ? siteNameCut(pageTitle) : ''].find((title) => title.length >= 4 && !isBylineOrNotice(title)) ??
    lineAboveTime(lines) ??
    lineAboveBody(lines);
  return { title: fallback || null, heading: null };
}

// ---------------------------------------------------------------------------
// Times

/** The Beijing calendar day of an instant: a date-only declaration means that day. */
const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** The first date `text` prints (printed-date.ts), or the last (the one nearest a headline below it), as an instant and whether it has a clock. */
function readPrintedTime(text: string, which: 'first' | 'last' = 'first'): { iso: string; hasClock: boolean } | null {
  const found = which === 'first' ? firstPrintedDate(text) : lastPrintedDate(text);
  return found ? { iso: found.date.toISOString(), hasClock: found.hasClock } : null;
}

/** `发布时间 2005/05/17 22:11:42`, `发表于：2020-01-02`: a date its label says is the publication's. */
const PUBLISHED_LABEL = new RegExp(`(?:${labelsOf('publishedAt').filter((label) => /\p{Script=Han}/u.test(label) && label.length >= 2).map(escapeRegExp).join('|')})\\s*[:：]?\\s*(?=\\d)`, 'u');
/** `本贴由大卫于2005年8月12日16:12:21在〖某版〗发表`: a board's line naming the poster and when. */
const POSTED_BY = /(?:本贴|本帖|本貼|此贴|此帖)?由\s*\S{1,20}?\s*于\s*(?=\d)/;
/** The first labelled publication time among `lines`. */
function labelledTime(lines: string[]): { iso: string; hasClock: boolean } | null {
  for (const line of lines) {
    const label = PUBLISHED_LABEL.exec(line) ?? POSTED_BY.exec(line);
    const found = label ? firstPrintedDate(line.slice(label.index)) : null;
    if (found && found.start <= label![0].length) return { iso: found.date.toISOString(), hasClock: found.hasClock };
  }
  return null;
}

/**
 * `<meta>` names a publication time goes by: Open Graph's and schema.org's, and what Chinese CMSs
 * write (`publishdate`, ifeng's `og:time`, Tencent's `apub:time`, Weibo cards' `weibo: article:create_at`).
 */
const PUBLISHED_METAS = [
  'article:published_time', 'og:release_date', 'og:time', 'PubDate', 'publishdate', 'pubdate', 'datePublished',
  'publish_time', 'publishtime', 'pubtime', 'publish-date', 'publication_date', 'article:published', 'apub:time',
  'weibo: article:create_at', 'dc.date.issued', 'dateCreated',
];

/** The machine-readable time of the first element `selector` finds (microdata's `content`, `<time datetime>`). */
function markedTime(document: Doc, selector: string): string | null {
  const element = document.querySelector(selector);
  return clean(element?.getAttribute('datetime') ?? element?.getAttribute('content')) || null;
}

/** A time the metadata gives: ISO with its zone, or naive (Beijing). */
function readDeclaredTime(value: string | null): { iso: string; hasClock: boolean } | null {
  if (!value) return null;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : null;
  if (iso && !Number.isNaN(iso.getTime())) return { iso: iso.toISOString(), hasClock: true };
  return readPrintedTime(value);
}

/**
 * A WeChat post prints its time with a script (`发表于` is empty in the page a crawler fetches): the
 * post's creation time is the script's `var ct = "1659274471"`, in Unix seconds.
 */
function wechatTime(html: string): { iso: string; hasClock: boolean } | null {
  const seconds = /\bvar\s+ct\s*=\s*"(\d{9,10})"/.exec(html)?.[1];
  return seconds ? { iso: new Date(Number(seconds) * 1000).toISOString(), hasClock: true } : null;
}

// ---------------------------------------------------------------------------
// Header text near the headline: time, source, author

const labelPattern = (labels: readonly string[]) => labels.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|');
const SOURCE_LABELS = labelPattern(labelsOf('source'));
const SOURCE_LABEL = new RegExp(`(?:${SOURCE_LABELS})\\s*[:：丨｜]\\s*[[【《]?\\s*([^\\s:：|\\]】》]{2,30})`);
/** A reporter's title before the name in an author field (`作者：记者王敬照`, `作者：本报通讯员 李四`). */
const REPORTER_TITLE = labelPattern(CONTRIBUTOR_LABELS.filter((label) => ['reporter', 'correspondent'].includes(roleForLabel(label) ?? '')));
const AUTHOR_LABEL = new RegExp(
  `(?:作者|撰文|执笔人|執筆人|文)\\s*[:：︱｜丨|/]\\s*(?:(?:本报|本報)?(?:${REPORTER_TITLE})\\s*)?([\\p{Script=Han}·]{2,4}(?:[ 、，,][\\p{Script=Han}·]{2,4})*)`,
  'gu',
);
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
const CREDIT = /[（(]\s*(?:\p{Script=Han}{0,6}?(?:记者|記者)|编译|編譯|作者|文)\s*[/:：]?\s*([\p{Script=Han}·]{2,4})/u;
/** What runs on after a source's name on portal headers, and the place a paper's name is followed by (`第一财经日报(上海)`). */
const SOURCE_TAIL = /(?:参与互动|參與互動|下载客户端|作者.*|责任编辑.*|編輯.*|编辑.*|(?<=\D)\d.*)$|[(（][^)）]{1,8}[)）]$/;
/** What a 来源 field holds when it names no source: `转载文章` (a reprint), `互联网` (the internet). */
const NO_SOURCE = /^(?:转载文章|轉載文章|转载|轉載|互联网|互聯網|网络|網絡|本站|原创|原創|网友|網友|未知|不详|不詳)$/;
const sourceName = (text: string | undefined): string | null => {
  const name = text?.replace(SOURCE_TAIL, '');
  // A label left empty reads on into the next field or stray markup (`来源： size="20"`): no name.
  if (!name || NO_SOURCE.test(name) || /[=<>"]/.test(name)) return null;
  // The label's pattern stops at a closing 》: `人民网-《人民日报》` keeps its pair.
  return name.includes('《') && !name.includes('》') ? `${name}》` : name;
};
/**
 * A source printed unlabelled right after the time (`2009年11月09日13:48  新浪娱乐`,
 * `2005年03月21日 11:21  《理财周刊》`, `2022-02-13 09:57 光明网`), unless what follows is the
 * next field or a page tool.
 */
const AFTER_TIME = /^\s*(?:更新)?\s*[《[【]?\s*([\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·—-]{1,11})\s*[》\]】]?(?=\s|$)/u;
const NOT_AFTER_TIME = /^(?:来源|來源|作者|编辑|編輯|责任|責任|记者|記者|我要|我来|发表|發表|评论|評論|网友|網友|打印|字号|字號|字体|字體|分享|收藏|关闭|關閉|星期|周[一二三四五六日]|阅读|閱讀|浏览|瀏覽|点击|點擊|大中小|更新|小字号|纠错|糾錯|时间|時間|发布|發佈|查看|订阅|訂閱|返回)/;
function sourceAfterTime(header: string, channels: readonly (string | null)[]): string | null {
  const time = firstPrintedDate(header);
  if (!time) return null;
  const name = AFTER_TIME.exec(header.slice(time.end))?.[1];
  // The page's own channel (`2018-02-21 18:03  社會`) is no source.
  return name && hanCount(name) >= 2 && !NOT_AFTER_TIME.test(name) && !channels.includes(name) ? sourceName(name) : null;
}
const TAIL_SOURCE = new RegExp(`(?:${SOURCE_LABELS})\\s*[:：]\\s*[[【《]?\\s*([\\p{Script=Han}A-Za-z·—-]{2,20})`, 'u');
const TRAILING_SOURCE = new RegExp(`\\s*(?:${SOURCE_LABELS})\\s*[:：]\\s*[[【《]?\\s*[\\p{Script=Han}A-Za-z·—-]{2,20}\\s*[\\]】》]?\\s*$`, 'u');

/**
 * The header: the lines under the headline. Of the lines that show the headline (a breadcrumb
 * may end with it too), the first with a printed time in the eight after it; failing that, the
 * first of them. An e-paper prints its issue date above the headline: `before` holds the three
 * lines above, read for a time only when the lines under it have none.
 */
interface Header {
  /** The header's lines, the rest of the headline's line first. */
  lines: string[];
  /** The same as one text (at most 600 characters). */
  after: string;
  before: string;
}
/**
 * A page tool's line between a headline and its time (page-labels.ts's PAGE_TOOLS, a font-size
 * picker `小 中 大`, `用LINE傳送`): not one of the header's eight.
 */
const PAGE_TOOL = new RegExp(`^(?:${PAGE_TOOLS.map(escapeRegExp).join('|')}|[小中大特]{1,4}|用\\S{1,8}(?:传送|傳送|分享))$`, 'i');
/** A reply's heading on a board (`Re:标题`, `回复：标题`): the post's title again, not its header. */
const REPLY = /^(?:re|回复|回覆)\s*[:：]/i;
/** An e-paper's list of its pages (`第A04版：小记者训练营`): the paper's navigation, not the article's header. */
const EDITION_PAGE = /^第\s*[A-Z]?\d{1,3}\s*版\s*[:：]/;
function headerText(lines: string[], title: string, shown: string): Header {
  const headerAt = (i: number): Header => {
    const next = lines.slice(i + 1, i + 41).filter((line) => !PAGE_TOOL.test(line) && !EDITION_PAGE.test(line)).slice(0, 8);
    const under = [lines[i].slice(lines[i].indexOf(title) + title.length).trim(), ...next].filter(Boolean);
    return { lines: under, after: under.join(' ').slice(0, 600), before: lines.slice(Math.max(0, i - 3), i).join(' ') };
  };
  let first: Header | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i].includes(title) || lines[i].length > title.length + 40 || REPLY.test(lines[i])) continue;
    const header = headerAt(i);
    // A time under the headline, or one with a clock on the lines just above it (a blog prints the
    // post's date over its title): a later line repeating the headline (a comment box's `《标题》已有1件评论`) does not date it.
    if (firstPrintedDate(header.after) || lastPrintedDate(header.before)?.hasClock) return header;
    first ??= header;
  }
  if (first) return first;
  const body = clean(shown);
  const at = body.indexOf(title);
  const after = at === -1 ? body.slice(0, 3000) : body.slice(at + title.length, at + title.length + 600);
  return { lines: [after], after, before: '' };
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
  // Page tools under an old portal's article.
  /^[【[]?(?:发送给朋友|發送給朋友|打印本文|发表评论|發表評論|返回页首|返回頁首|关闭窗口|關閉窗口|我来说两句|我來說兩句)/,
  // The credits block: 作者︱X, 出品︱X, 编译/X…
  /^(?:作者|撰文|出品|编译|編譯|校对|校對|审核|審核|监制|監製|策划|策劃)\s*[:：︱|/]\s*[\S ]{1,30}$/,
  // A player's or a widget's status (`正在为您切换到 高清 480P ,请稍候...`, `调查问题加载中，请稍候。`).
  /^.{0,30}(?:请稍候|請稍候|加载中|加載中|載入中|正在加载|正在載入|请刷新|請刷新|请重新整理|請重新整理)[^。！？]{0,20}。?$/,
];
/** Everything from these on is a list of other articles or the comments. */
const LIST_HEADINGS = new RegExp(`^(?:[■●]?\\s*(?:${LIST_OPENINGS.join('|')})|[[【]?值班总编推荐)`);
/** `·蔡依林热舞 (2005-04-27 18:03PM)`: an item of a list of other articles, with its date. */
/** `第1页/共1页 << 上一页 | 下一页 >>`: a pager, which ends an article (above it, it is skipped). */
const PAGER = /^第\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页|上一页.{0,6}下一页|上一頁.{0,6}下一頁/;
const LIST_ITEM = /^[·•]\s*\S.{2,60}[(（]\s*\d{2,4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?[^)）]{0,16}[)）]$/;
const TRAILING_CREDIT = /\s*[（(]\s*(?:\p{Script=Han}{0,6}?(?:记者|記者)|编译|編譯|作者|文|编辑|編輯)\s*[/:：]?[^）)]{1,30}[）)]\s*$/u;
/**
 * A paragraph that ends a sentence (a short bracket may follow: `。（完）`, `。（记者 张三）`); the
 * lines above the first one are a caption, a kicker, a subheading, a credit or a summary.
 */
const SENTENCE_END = /(?:[。！？!?…；;]|\.{3})[”"」』’）)]*(?:\s*[（(][^（()）]{1,12}[)）])?$/;
/** `资料图：…`, `…蔡雪婧/摄`, `▲…（圖／記者林悅翻攝）`: a photo's caption. */
const CAPTION = /^(?:资料图|資料圖|图片|圖片|图为|圖為|图|圖)\s*[:：]|^[▲▼△▽]|[/／]\s*(?:摄|攝)$|[（(](?:图|圖)\s*[/／:：][^（()）]{1,30}[）)]$/;
/** `新华社北京4月24日电　题：…`: a dateline (byline.ts reads it) that repeats the headline. */
const repeatsHeadline = (paragraph: string): boolean => {
  const dateline = extractByline(paragraph);
  return dateline !== null && /^\s*题\s*[:：]/.test(paragraph.slice(dateline.length));
};
const leadsIn = (paragraph: string) =>
  CAPTION.test(paragraph) || repeatsHeadline(paragraph) || (!SENTENCE_END.test(paragraph) && hanCount(paragraph) <= 60);

const hanCount = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;

/**
 * Where a site's notice after its story begins: Taiwan's suicide-report notice (`《蘋果》關心你`,
 * `●《ETNEWS新聞雲》提醒您，請給自己機會：`), an invitation to the site's app (`還想看更多新聞嗎？`), a
 * copyright notice's heading (`反侵权公告：`). What follows it is the site's, not the article's.
 */
const NOTICE_OPENING =
  /^[●■◆★]?\s*(?:《[^》]{1,16}》)?\S{0,12}?(?:關心您|關心你|关心您|关心你|提醒您|提醒你)[，,：:]|^(?:還想看更多新聞|还想看更多新闻)|^(?:反侵权公告|反侵權公告|版权声明|版權聲明|免责声明|免責聲明)\s*[:：]?$/;
/** `…釐清死因。（王煌忠／台中報導）《蘋果》關心你`: the notice's opening run onto the story's last line. */
const NOTICE_TAIL = /(?<=[。！？”」）)])\s*(?:《[^》]{1,16}》|[\p{Script=Han}A-Za-z]{2,12})(?:關心你|關心您|关心你|关心您)$/u;

/**
 * A text hard-wrapped at a fixed width (an old board's or an essay's, `<br>` after every 38
 * characters) joined back into its paragraphs: most of its long lines are one width, and a line
 * of that width that ends no sentence goes on in the next.
 */
function unwrapped(lines: string[]): string[] {
  const widths = lines.map(widthOf);
  const long = widths.filter((width) => width >= 40);
  // A line may fall short of the width by an indent or a mark kept off the next line's start.
  const near = (width: number, wrap: number) => width >= wrap - 6 && width <= wrap;
  const counts = new Map<number, number>();
  for (const width of long) counts.set(width, (counts.get(width) ?? 0) + 1);
  let wrap = 0;
  let most = 0;
  for (const width of counts.keys()) {
    let count = 0;
    for (let below = width - 6; below <= width; below += 1) count += counts.get(below) ?? 0;
    if (count > most) [wrap, most] = [width, count];
  }
  // Lines of prose: a list of links of one length has no commas in it.
  const atWrap = lines.filter((_, i) => near(widths[i], wrap));
  const prose = atWrap.filter((line) => /[，。、；：,]/.test(line)).length;
  if (most < 5 || most < 0.5 * long.length || prose < 0.7 * atWrap.length) return lines;
  const joined: string[] = [];
  let goesOn = false;
  lines.forEach((line, i) => {
    if (goesOn) joined[joined.length - 1] += line;
    else joined.push(line);
    goesOn = near(widths[i], wrap) && !SENTENCE_END.test(line);
  });
  return joined;
}

/** The article's paragraphs, and the lines above its first sentence that were set aside (`lead`). */
function bodyParagraphs(html: string, title: string | null): { paragraphs: string[]; lead: string[] } {
  const document = parseDocument(`<!doctype html><html><body>${html}</body></html>`);
  const blocks: string[] = [];
  for (const node of document.querySelectorAll('p, h2, h3, h4, li, blockquote, div')) {
    // A div counts only for its own text (text not inside a child block).
    if (node.tagName === 'DIV' || node.tagName === 'LI') {
      if (node.querySelector('p, div, li, h2, h3, h4, blockquote')) continue;
    }
    // Kept with its line marks: a block's `<br>`s split it into paragraphs.
    if (clean(node.textContent)) blocks.push(node.textContent ?? '');
  }
  const paragraphs: string[] = [];
  for (const block of unwrapped(blocks.flatMap(linesOf))) {
    if (LIST_HEADINGS.test(block) || LIST_ITEM.test(block) || (PAGER.test(block) && paragraphs.length >= MIN_PARAGRAPHS)) break;
    if (paragraphs.length >= MIN_PARAGRAPHS && (NOTICE_OPENING.test(block) || isBylineOrNotice(block))) break;
    if (paragraphs.length >= MIN_PARAGRAPHS && NOTICE_TAIL.test(block)) {
      paragraphs.push(block.replace(NOTICE_TAIL, ''));
      break;
    }
    if (PAGER.test(block)) continue;
    if (FURNITURE.some((pattern) => pattern.test(block))) continue;
    if (title && block === title) continue;
    if (paragraphs.at(-1) === block) continue;
    paragraphs.push(block);
  }
  // What stands above the first sentence is not the body (at most a few lines of it, besides a
  // video player's controls: `00:00 / 01:45`, `2.0X`, `倍速`, `高清`, `跳过片头`).
  let start = 0;
  let bare = 0;
  while (start < paragraphs.length - 1) {
    if (hanCount(paragraphs[start]) <= 4 && !SENTENCE_END.test(paragraphs[start])) bare += 1;
    else if (start >= 5 + bare || !leadsIn(paragraphs[start])) break;
    start += 1;
  }
  return { paragraphs: paragraphs.slice(start), lead: paragraphs.slice(0, start) };
}

/**
 * The story without what trails it: short lines that end no sentence (`本文来源：华夏时报 作者：杨中华`,
 * `记者 刘涛`, `[1] [2] [3]`, `#大家健康超能团#`, a promotion with its address) and photo captions.
 * The credits among them are read before (closingCredit, the reader's author and source rules).
 */
function withoutTrailer(paragraphs: string[]): string[] {
  let end = paragraphs.length;
  while (end > MIN_PARAGRAPHS) {
    const last = paragraphs[end - 1];
    if (!CAPTION.test(last) && (SENTENCE_END.test(last) || hanCount(last) > 60)) break;
    end -= 1;
  }
  return paragraphs.slice(0, end);
}

/** The writers a closing credit names, and the last paragraph without it (and without a closing 来源). */
function closingCredit(paragraphs: string[]): { paragraphs: string[]; credit: string | null } {
  const last = paragraphs.at(-1) ?? '';
  const bare = bareCreditNames(last);
  if (bare && /^[（(][^（()）]*[）)]$/.test(last.trim())) return { paragraphs: paragraphs.slice(0, -1), credit: bare };
  // The writers in brackets after the last sentence: `…新春佳节。（常书香 马丹阳 ）`, `…釐清死因。（王煌忠／台中報導）`.
  const bracket = /(?<=[。！？!?”」])\s*([（(][^（()）]*[）)])\s*$/.exec(last);
  const bracketNames = bracket ? (bareCreditNames(bracket[1]) ?? reportCreditNames(bracket[1])) : null;
  if (bracket && bracketNames) return { paragraphs: [...paragraphs.slice(0, -1), last.slice(0, bracket.index)], credit: bracketNames };
  const trimmed = last.replace(TRAILING_SOURCE, '').replace(TRAILING_CREDIT, '');
  return { paragraphs: [...paragraphs.slice(0, -1), trimmed].filter((paragraph) => paragraph !== ''), credit: bare ?? reporterNames(last) };
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
  const document = parsePage(markLines(withoutUnread(html)));
  const warnings: ParseWarning[] = [];
  const data = linkedData(document);
  // The JSON-LD kept for linkedData is no text of the page: its dates are not printed times.
  for (const script of [...document.querySelectorAll('script')]) script.remove();
  // Text a script reveals once the page has loaded (a WeChat post's body is `visibility: hidden`
  // until then): the reader runs no script, so it reads what the script would show.
  for (const hidden of document.querySelectorAll('[style*="visibility"]')) {
    hidden.setAttribute('style', (hidden.getAttribute('style') ?? '').replace(/visibility\s*:\s*hidden\s*;?/gi, ''));
  }
  // The page's text, walked once: a DOM walk is most of what reading costs after the parse.
  const shown = document.body?.textContent ?? '';
  const lines = linesOf(shown);
  const { title } = findTitle(document, data, shown, lines);
  if (!title) throw new HtmlArticleError('no headline: no h1, og:title or <title>');

  const { after: header, before: aboveHeadline, lines: headerLines } = headerText(lines, title, shown);
  const declaredTime =
    readDeclaredTime(data?.datePublished ?? null) ??
    readDeclaredTime(metaContent(document, ...PUBLISHED_METAS)) ??
    readDeclaredTime(markedTime(document, '[itemprop="datePublished"], time[pubdate]'));
  // A <time datetime> whose text is relative (`3小时前`) or short (`1月2日`): the page's first one, when nothing else dates it.
  // A date below the story's first paragraph is the header's only when none stands just above the headline.
  const story = headerLines.findIndex((line) => isParagraphLine(line) && !firstPrintedDate(line));
  const printedTime =
    readPrintedTime(story === -1 ? header : headerLines.slice(0, story).join(' ')) ??
    readPrintedTime(aboveHeadline, 'last') ??
    (story === -1 ? null : readPrintedTime(header)) ??
    (declaredTime ? null : readDeclaredTime(markedTime(document, 'time[datetime]')));
  // A date-only declaration gives way to the time printed under the headline on the same day, and
  // so does a declaration eight hours off the printed clock: Beijing's wall clock declared as UTC
  // (`2020-01-02T15:05:00Z` over `2020-01-02 15:05`), a zone the CMS got wrong.
  // The printed clock shows minutes: a declaration with seconds slips by eight hours and those seconds.
  const zoneSlip = !!declaredTime && !!printedTime?.hasClock && Math.abs(Math.abs(Date.parse(declaredTime.iso) - Date.parse(printedTime.iso)) - 8 * 3600_000) < 60_000;
  // A declared time later the same day than the clock printed by the headline is the portal's
  // repost or last update (新浪 declares 05:54 over a story it prints as published at 00:26): the
  // page was published when it says.
  const updated =
    !!declaredTime && !!printedTime?.hasClock && beijingDay(printedTime.iso) === beijingDay(declaredTime.iso) && Date.parse(declaredTime.iso) - Date.parse(printedTime.iso) >= 60_000;
  const headerTime =
    declaredTime && !zoneSlip && !updated && (declaredTime.hasClock || !printedTime || beijingDay(printedTime.iso) !== beijingDay(declaredTime.iso))
      ? declaredTime
      : (printedTime ?? declaredTime);

  // Readability changes the document it reads (it removes what it does not keep): what else is
  // read of the page is read first, and the page is parsed once.
  const category = findCategory(document);
  const printedSource = sourceName(SOURCE_LABEL.exec(header)?.[1]) ?? sourceAfterTime(header, [category, metaContent(document, 'article:section')]);

  const pageCredit = CREDIT.exec(clean(shown))?.[1] ?? null;
  const article = new Readability(document as any, { charThreshold: 100 }).parse();
  const { paragraphs: read, lead } = article?.content ? bodyParagraphs(article.content, title) : { paragraphs: [], lead: [] };
  const lastRead = read.at(-1) ?? '';
  const { paragraphs: credited, credit: closing } = closingCredit(read);
  const paragraphs = withoutTrailer(credited);
  const bodyHan = paragraphs.reduce((sum, paragraph) => sum + hanCount(paragraph), 0);
  if (paragraphs.length < MIN_PARAGRAPHS || bodyHan < MIN_BODY_CHARACTERS) {
    throw new HtmlArticleError(`no readable article: ${paragraphs.length} paragraphs, ${bodyHan} Chinese characters of body`);
  }

  // The lines of the page after the body: where a 来源 or a reporter's line closes an article.
  const lineOf = (paragraph: string) => {
    for (let i = lines.length - 1; i >= 0 && paragraph; i -= 1) if (lines[i].includes(paragraph.slice(0, 12))) return i;
    return -1;
  };
  const end = lineOf(lastRead);
  const afterBody = end === -1 ? [] : lines.slice(end + 1, end + 5);
  // Where Readability kept more than the story (a board's replies below the post): the lines after the story's own end too.
  const storyEnd = paragraphs.at(-1) === lastRead ? -1 : lineOf(paragraphs.at(-1) ?? '');
  // A post's time printed below it (`〓 网易娱乐 … 发布时间 2005/05/17 22:11:42 by 眉间尺 〓`), when none stands
  // above, or with the clock a date above it lacks (`2015-11-05` over the story, `发布于：2015-11-05 11:34` under it).
  const below = labelledTime([...read.slice(-3), ...(end === -1 ? [] : lines.slice(end + 1, end + 9)), ...(storyEnd === -1 ? [] : lines.slice(storyEnd + 1, storyEnd + 4))]);
  const clocked = !!headerTime && !headerTime.hasClock && !!below?.hasClock && beijingDay(below.iso) === beijingDay(headerTime.iso);
  const time = (clocked ? below : headerTime) ?? below ?? wechatTime(html);
  if (!time) warnings.push({ line: 1, message: 'no publication time found' });
  const source =
    printedSource ??
    sourceName(TAIL_SOURCE.exec([lastRead, ...afterBody].join(' '))?.[1]) ??
    sourceName(metaContent(document, 'source', 'ContentSource', 'og:site_name')?.replace(/^(?:来源|來源)[:：]/, '')) ??
    null;

  const bodyText = paragraphs.join('\n');
  const author =
    data?.author ??
    headerLines.map(labelledAuthor).find(Boolean) ??
    labelledAuthor(clean(article?.textContent)) ??
    CREDIT.exec([...paragraphs.slice(-2), lastRead].join('\n'))?.[1] ??
    closing ??
    read.map(reportCreditNames).find(Boolean) ??
    [...headerLines, ...lead, ...read.slice(0, 3), ...read.slice(-2), ...afterBody].map(reporterNames).find(Boolean) ??
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
