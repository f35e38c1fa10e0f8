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
const FALLBACK_CRAWLER = ARCHIVE_NAME;

/** The seed's site-wide notice: non-profit public service; write to us to have content removed. */
export const SITE_DISCLAIMER = '本站信息快照查询为非营利公共服务,如有侵权请联系我们进行删除。';

const CRAWLER_PLACEHOLDER = /\{crawler\}/g;

export function renderAttribution(template: string | null | undefined, crawler: string | null | undefined): string {
  const wording = template?.trim() || DEFAULT_ATTRIBUTION_TEMPLATE;
  const name = crawler?.trim() || FALLBACK_CRAWLER;
  return wording.replace(CRAWLER_PLACEHOLDER, name);
}

const ATTRIBUTION_OPENING = /^以上(?:内容|內容)/;
const WHITESPACE = /\s/;
const isSpace = (ch: string): boolean => WHITESPACE.test(ch);
const CRAWLER_WORDS = ['爬虫', '爬蟲'];
const crawlerWordAt = (line: string, at: number): boolean => CRAWLER_WORDS.some((word) => line.startsWith(word, at));

/**
 * The crawler named by an attribution line, e.g. `td.fyun.cc` in 由td.fyun.cc爬虫 ("by the
 * td.fyun.cc crawler"): the text between 由 and the first 爬虫 (or 爬蟲) of the same run of
 * non-space characters, or of that run when whitespace and 爬虫 follow it. The same answer as
 * /由\s*(\S+?)\s*爬[虫蟲]/ in one pass: that pattern backtracks quadratically on a long line of 由.
 */
export function crawlerFromAttribution(line: string): string | null {
  const n = line.length;
  for (let i = line.indexOf('由'); i !== -1; ) {
    let start = i + 1;
    while (start < n && isSpace(line[start])) start += 1;
    let end = start;
    while (end < n && !isSpace(line[end])) end += 1;
    for (let k = start + 1; k < end; k += 1) if (crawlerWordAt(line, k)) return line.slice(start, k);
    if (end > start) {
      let after = end;
      while (after < n && isSpace(line[after])) after += 1;
      if (crawlerWordAt(line, after)) return line.slice(start, end);
    }
    // A later 由 inside the same run would find the same nothing: go on from the run's last character.
    i = line.indexOf('由', Math.max(i + 1, end - 1));
  }
  return null;
}

/** Whether a page line is the attribution sentence (any crawler, either script). */
export function isAttributionLine(line: string): boolean {
  const text = line.trim();
  return ATTRIBUTION_OPENING.test(text) || (text.includes('快照') && crawlerFromAttribution(text) !== null);
}
