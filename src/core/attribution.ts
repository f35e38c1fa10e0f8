/**
 * The attribution wording printed under every snapshot, and the site-wide
 * disclaimer. The only place these sentences are spelled out.
 */

export const ARCHIVE_NAME = 'Kuaizhao';

/** The seed's wording, with the crawler's name as a placeholder. */
export const DEFAULT_ATTRIBUTION_TEMPLATE =
  '以上内容为资讯信息快照,由{crawler}爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。';

/**
 * When nobody says which crawler captured a page (an article typed in by an
 * editor), the archive names itself: the sentence stays true to the site's
 * wording and never credits a crawler that did not do the work.
 */
export const FALLBACK_CRAWLER = ARCHIVE_NAME;

/** The seed's site-wide notice: non-profit public service; write to us to have content removed. */
export const SITE_DISCLAIMER = '本站信息快照查询为非营利公共服务,如有侵权请联系我们进行删除。';

const CRAWLER_PLACEHOLDER = /\{crawler\}/g;

export function renderAttribution(template: string | null | undefined, crawler: string | null | undefined): string {
  const wording = template?.trim() || DEFAULT_ATTRIBUTION_TEMPLATE;
  const name = crawler?.trim() || FALLBACK_CRAWLER;
  return wording.replace(CRAWLER_PLACEHOLDER, name);
}

// 由<crawler>爬虫 ("by the <crawler> crawler"), Simplified or Traditional.
const CRAWLER_IN_LINE = /由\s*(\S+?)\s*爬[虫蟲]/;
const ATTRIBUTION_OPENING = /^以上(?:内容|內容)/;

/** The crawler named by an attribution line, e.g. `td.fyun.cc`. */
export function crawlerFromAttribution(line: string): string | null {
  return CRAWLER_IN_LINE.exec(line)?.[1] ?? null;
}

/** Whether a page line is the attribution sentence (any crawler, either script). */
export function isAttributionLine(line: string): boolean {
  const text = line.trim();
  return ATTRIBUTION_OPENING.test(text) || (/快照/.test(text) && CRAWLER_IN_LINE.test(text));
}
