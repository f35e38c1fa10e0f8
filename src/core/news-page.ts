/**
 * The general news page: a crawler's plain-text capture of a Chinese news page of any layout
 * (portals, WeChat mirrors, government sites, Traditional-Chinese papers, forums), read into the
 * same record as the seed layout (`parseSnapshotPage`). Around the article such pages carry
 * navigation, site names, counters, share buttons, editor credits and related lists; the reader
 * finds the header (a date or a labelled field), the title just above it, and the paragraphs
 * after it, and says in warnings what it could not find.
 *
 * Every step is a bounded scan over lines or characters: no regular expression here can
 * backtrack over an unbounded stretch of input, so no page, however noisy, can stall an import.
 */
import { CONTRIBUTOR_LABELS, extractByline } from './byline';
import { headlineScore, isBylineOrNotice } from './headline';
import { FIELD_LABELS, labelsOf, LIST_OPENINGS, PAGE_TOOLS, type FieldKind } from './page-labels';
import { printedDates, type PrintedDate } from './printed-date';
import { SnapshotParseError, type ParseWarning, type SnapshotRecord } from './snapshot-page';
import { charLength, escapeRegExp } from './text';

// ---------------------------------------------------------------------------
// Labels: every layout's, from the one label table (page-labels.ts).

const KIND_BY_LABEL = new Map<string, FieldKind>(
  (Object.keys(FIELD_LABELS) as FieldKind[]).flatMap((kind) => labelsOf(kind).map((label) => [label, kind] as [string, FieldKind])),
);
/** Time labels that may stand without a colon before a date (`InvFish 发表于 2022-11-14`). */
const TIME_LABELS_BY_LENGTH = [...KIND_BY_LABEL.entries()]
  .filter(([, kind]) => kind === 'publishedAt' || kind === 'updatedAt' || kind === 'otherTime')
  .map(([label]) => label)
  .sort((a, b) => b.length - a.length);
const MAX_LABEL_LENGTH = 8;

// ---------------------------------------------------------------------------
// Character classes and small scanners (all linear).

const HAN = /\p{Script=Han}/u;
const isHan = (ch: string): boolean => HAN.test(ch);
const isLabelChar = (ch: string): boolean => isHan(ch) || /[A-Za-z]/.test(ch);
const SENTENCE_END = /[。！？!?；;]/;
const SENTENCE_MARK = /[。！？!?；;，,]/;
const SPACES = /[\s\u00a0\u3000]+/g;

const hanCount = (text: string): number => {
  let n = 0;
  for (const ch of text) if (isHan(ch)) n += 1;
  return n;
};

/** `text` without trailing characters from `set`: a loop, where `/[…]+$/` would go quadratic. */
function trimEndOf(text: string, set: string): string {
  let end = text.length;
  while (end > 0 && (set.includes(text[end - 1]) || text[end - 1].trim() === '')) end -= 1;
  return text.slice(0, end);
}

/** Latin-1 letters where Chinese should be: GBK bytes read as Latin-1 (`ÏûÏ¢£º`). */
function isMojibake(text: string): boolean {
  let latin1 = 0;
  let visible = 0;
  for (const ch of text) {
    if (ch.trim() === '') continue;
    visible += 1;
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xa1 && code <= 0xff) latin1 += 1;
    else if (code === 0xfffd) latin1 += 1;
  }
  return latin1 >= 3 && latin1 * 10 >= visible * 3;
}

/** A stray tag (`<i class="icon">`, `</p>`) from a capture that kept some markup. */
const HTML_TAG = /<\/?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,200})?\/?>/;
const stripTags = (text: string): string => text.replace(/<\/?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,200})?\/?>/g, '').trim();

interface Field {
  label: string;
  kind: FieldKind | null;
  value: string;
}

/**
 * `label:value` fields of a line, fields running together (`15:03阅读:127来源:国知局`). A label is
 * the run of Han or Latin letters just before a colon (at most eight), so `两会速递:…` is an
 * unknown label and `发布日期` inside `文档序号:26939716发布日期` is found.
 */
function fieldsOf(text: string): { before: string; fields: Field[] } {
  const starts: { labelStart: number; colon: number; label: string }[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch !== ':' && ch !== '：') continue;
    // `15:03`: a colon between digits is a clock, not a label.
    if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
    let j = i;
    while (j > 0 && i - j < MAX_LABEL_LENGTH && isLabelChar(text[j - 1])) j -= 1;
    let label = text.slice(j, i).trim();
    // `http://`: not a label.
    if (label === '' || /^https?$/i.test(label) || text.slice(i + 1, i + 3) === '//') continue;
    // Keep the longest known label that ends the run (`文档序号:26939716发布日期` → 发布日期).
    for (let k = 0; k < label.length && !KIND_BY_LABEL.has(label); k += 1) {
      if (KIND_BY_LABEL.has(label.slice(k))) {
        j += k;
        label = label.slice(k);
        break;
      }
    }
    starts.push({ labelStart: j, colon: i, label });
  }
  const fields = starts.map(({ colon, label }, n): Field => {
    const end = n + 1 < starts.length ? starts[n + 1].labelStart : text.length;
    return { label, kind: KIND_BY_LABEL.get(label) ?? null, value: text.slice(colon + 1, end).trim() };
  });
  return { before: starts.length > 0 ? text.slice(0, starts[0].labelStart).trim() : text, fields };
}

/** The longest time label the text before a date ends with (`… 发表于 `, `日期:`, ` date `). */
function timeLabelBefore(prefix: string): FieldKind | null {
  const text = trimEndOf(prefix, ' :：');
  for (const label of TIME_LABELS_BY_LENGTH) {
    if (text.endsWith(label)) {
      const before = text[text.length - label.length - 1];
      // `date` must be a word of its own, not the end of `update`.
      if (/^[A-Za-z]/.test(label) && before !== undefined && /[A-Za-z]/.test(before)) continue;
      return KIND_BY_LABEL.get(label) ?? null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// What a line is. Noise is dropped wherever it stands; trailers end the body.

const BREADCRUMB_OPENING = /^(?:当前位置|當前位置|您的位置|您现在的位置|您當前的位置|你的位置|位置)\s*[:：]?/;
const BREADCRUMB_SEPARATORS = /[>＞»›]/g;
const COUNTER = /^(?:\d+\s*(?:人)?(?:阅读|閱讀|浏览|瀏覽|点击|點擊|评论|評論|赞|讚|收藏|转发|轉發|分享)|.{0,30}(?:预计阅读|預計閱讀|阅读时长|閱讀時長|需浏览|共\s*\d+\s*字)|.{0,40}\d+\s*人(?:阅读|閱讀))/;
const COUNTER_INSIDE = /(?:阅读|閱讀|浏览|瀏覽|点击|點擊|查看|回复)\s*[:：]?\s*\d+/;
const SHARE_OR_CHROME = new RegExp(`^(?:${PAGE_TOOLS.map(escapeRegExp).join('|')})\\s*$`);
/** The site's furniture around the article: dropped wherever it stands. */
const CHROME = /隱私權|隐私政策|隱私政策|隐私声明|隱私聲明|打印本页|打印本頁|关闭窗口|關閉窗口|字号[:：]?\s*\[|【打\s?印】|马上注册|馬上註冊|您需要 ?登录|本帖最后由|调查问题加载中|若长时间无响应/;
/** The site's footer: after the article, it ends the body. */
const BOILERPLATE = /版权所有|版權所有|版权声明|版權聲明|未经授权|未經授權|未经许可|未經許可|转载请注明|轉載請註明|Copyright|All Rights Reserved|©|免责声明|免責聲明|不代表本[站网網]|僅代表作者|仅代表作者|文明上网|理性发言/i;
const TRAILER_OPENING = new RegExp(`^(?:${LIST_OPENINGS.join('|')}|相關\\(guān\\)熱詞|上一篇|下一篇|网友评论|網友評論|发表评论|参与评论)`);
const PHOTO_CREDIT = /(?:摄|攝|供图|供圖|图片来源|圖片來源|资料图|資料圖|视觉中国|視覺中國)[)）]?\s*$/;
const TEASER = /^[\[【(（]?\s*(?:摘要|导读|導讀)\s*[\]】)）:：]/;
const TRUNCATED = /(?:\.{3}|…)\s*$/;
const BRACKETED_NAME = /^[[【]\s*([^\]】]{2,20})\s*[\]】]$/;

const CREDIT_LABELS = CONTRIBUTOR_LABELS.filter((label) => label.length > 1);
const MAX_CREDIT_LENGTH = 40;

/** `(记者 刘超)`, `责任编辑:【刘湃】`, `编辑/张丽`, `□全媒体记者 王建成 文/图`: who made it, not what it says. */
function isCredit(text: string): boolean {
  if (charLength(text) > MAX_CREDIT_LENGTH || SENTENCE_MARK.test(text.replace(/[、]/g, ''))) return false;
  const labelled =
    /(?:^|\s)文\s*[/／]|[/／]\s*图$/.test(text) ||
    CREDIT_LABELS.some((label) => {
      const at = text.indexOf(label);
      // The label opens the line or a bracket, or follows an outlet (`新华社记者`): not `畅谈记者节`.
      return at >= 0 && (at === 0 || /[\s(（【\[/□社报報台网網体體]/.test(text[at - 1]));
    });
  // A dated or sourced line is the header, even when it names the author too.
  return labelled && printedDates(text).length === 0 && !fieldsOf(text).fields.some((field) => field.kind !== null && field.kind !== 'author');
}

function isBreadcrumb(text: string): boolean {
  if (BREADCRUMB_OPENING.test(text)) return true;
  const separators = text.match(BREADCRUMB_SEPARATORS)?.length ?? 0;
  return separators >= 1 && charLength(text) <= 60 && !SENTENCE_END.test(text) && /^(?:首页|首頁|主页|主頁|网站首页|新闻|新聞)|[>＞»›]\s*$|[>＞»›]\s*正文/.test(text);
}

/** The last useful segment of a breadcrumb (`首页 > 生活资讯 > 生活百科 >` → 生活百科). */
function breadcrumbCategory(text: string): string | null {
  const segments = text
    .replace(BREADCRUMB_OPENING, '')
    .split(BREADCRUMB_SEPARATORS)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '' && !/^(?:正文|首页|首頁|主页|主頁|网站首页|详情|詳情|内容|列表)$/.test(segment));
  const last = segments.at(-1);
  return last && charLength(last) <= 20 ? last : null;
}

type LineKind = 'blank' | 'noise' | 'nav' | 'trailer' | 'footer' | 'credit' | 'text';

interface PageLine {
  n: number;
  text: string;
  kind: LineKind;
}

function classify(raw: string): LineKind {
  let text = raw;
  if (text === '') return 'blank';
  if (HTML_TAG.test(text)) {
    text = stripTags(text);
    // Markup with a little text around it is a fragment of the page's chrome.
    if (text === '' || charLength(text) < 30) return 'noise';
  }
  if (isMojibake(text)) return 'noise';
  // `•`, `|`, `——` alone: separators between the header's items.
  if (/^[•·●◆■▪|｜\-–—*]+$/.test(text)) return 'noise';
  if (/^[•·●◆■▪\-–—*]\s*\S/.test(raw) && charLength(text) <= 40 && !SENTENCE_END.test(text)) return 'nav';
  if (isBreadcrumb(text)) return 'nav';
  if (SHARE_OR_CHROME.test(text)) return 'noise';
  if (TRAILER_OPENING.test(text)) return 'trailer';
  if (CHROME.test(text)) return 'noise';
  if (BOILERPLATE.test(text)) return 'footer';
  if (COUNTER.test(text)) return 'noise';
  if (charLength(text) <= 30 && COUNTER_INSIDE.test(text) && !SENTENCE_END.test(text)) return 'noise';
  if (isCredit(text.replace(/^[□■◎○]+/, ''))) return 'credit';
  return 'text';
}

/**
 * A line of running text, not a headline: a full stop inside it, or long with commas, or long
 * and dense. Headlines end in `?`/`!`/`。。。` and carry commas, so those alone do not count.
 */
function isParagraph(text: string): boolean {
  const inner = trimEndOf(text, '。！？!?；;….”"」』）)');
  const length = charLength(inner);
  // One full stop at the end (not `。。。`): a sentence.
  if (length >= 15 && /[^。]。[”"」』）)]?$/.test(text)) return true;
  if (length >= 15 && /[。！？!?；;]/.test(inner)) return true;
  if (length >= 60 && /[，,]/.test(inner)) return true;
  const spaces = inner.split(' ').length - 1;
  // `索引【视频转换】小日本4/TE4XP 索引【…】`: a menu, however long.
  const separators = inner.match(/[/|｜【】>]/g)?.length ?? 0;
  return length >= 60 && hanCount(inner) >= 20 && spaces * 10 <= length && separators < 4;
}

// ---------------------------------------------------------------------------
// The header: the first line that carries a date or a labelled field.

interface HeaderLine {
  index: number;
  publishedAt: { found: PrintedDate; kind: FieldKind | null } | null;
  fields: Field[];
  /** Text before a bare date (`央视新闻客户端 2024-02-27 08:02`): the name beside the date. */
  nameBeforeDate: string | null;
  /** Text after the date (`2024-08-01 19:15:26 … 标题`, `15:14黃培昭…`). */
  afterDate: string;
}

const HEADER_KINDS = new Set<FieldKind>(['publishedAt', 'updatedAt', 'source', 'reprintedFrom', 'author', 'category']);
const MAX_HEADER_REST = 40;
const MAX_HEADER_LINE_LENGTH = 300;

function readHeaderLine(text: string, index: number, next: string | null): HeaderLine | null {
  // A header is a short line; a long one is text, and reading it as fields would only cost time.
  if (text.length > MAX_HEADER_LINE_LENGTH) return null;
  const { fields } = fieldsOf(text);
  const known = fields.filter((field) => field.kind !== null && field.kind !== 'ignored');
  const dates = printedDates(text);
  let publishedAt: HeaderLine['publishedAt'] = null;
  let nameBeforeDate: string | null = null;
  let afterDate = '';
  if (dates.length > 0) {
    const first = dates[0];
    const kind = timeLabelBefore(text.slice(0, first.start));
    const before = text.slice(0, first.start).trim();
    const rest = text.slice(first.end);
    const restText = rest.replace(/[(（][^)）]{0,30}[)）]/g, '').trim();
    const labelled = kind !== null || known.some((field) => field.kind === 'publishedAt' || field.kind === 'updatedAt');
    // A bare date counts as the header only on a short line that is not a sentence.
    const bare = !SENTENCE_MARK.test(text.replace(/[|｜]/g, '')) && charLength(before) + charLength(restText) <= MAX_HEADER_REST + 20;
    if (!labelled && !bare && !(kind === null && known.length > 0)) return null;
    if (kind === 'otherTime' && known.length === 0) return null;
    publishedAt = kind === 'otherTime' ? null : { found: first, kind: kind ?? (known.length > 0 ? labelKindOfDate(text, first) : null) };
    afterDate = rest.replace(/^\s*[(（][^)）]{0,30}[)）]/, '').trim();
    if (kind === null && before !== '' && fieldsOf(before).fields.length === 0) nameBeforeDate = before;
  } else if (known.some((field) => HEADER_KINDS.has(field.kind as FieldKind))) {
    // `发布日期:` with its value on the next line (government sites' tables).
    const open = known.find((field) => (field.kind === 'publishedAt' || field.kind === 'updatedAt') && field.value === '');
    const nextDates = open && next !== null ? printedDates(next) : [];
    if (open && nextDates.length > 0) publishedAt = { found: nextDates[0], kind: open.kind };
    // `发布日期:` and nothing else (an e-paper's empty form): no header.
    if (!publishedAt && !known.some((field) => field.value !== '' && HEADER_KINDS.has(field.kind as FieldKind))) return null;
  } else {
    return null;
  }
  return { index, publishedAt, fields: known, nameBeforeDate, afterDate };
}

function labelKindOfDate(text: string, date: PrintedDate): FieldKind | null {
  const { fields } = fieldsOf(text.slice(0, date.end));
  const last = fields.at(-1);
  return last && (last.kind === 'publishedAt' || last.kind === 'updatedAt') ? last.kind : null;
}

// ---------------------------------------------------------------------------
// The title: the strongest title-like line above the header.

const MIN_TITLE_LENGTH = 5;
const MAX_TITLE_LENGTH = 100;
const TITLE_SEARCH_LINES = 40;
/** How far down a title's repeat is looked for (the body's first lines). */
const REPEAT_SEARCH_LINES = 200;

/** `关切******`: decoration after a title. */
const cleanTitle = (text: string): string => {
  const trimmed = trimEndOf(text, '*＊# ');
  return text.length - trimmed.length >= 2 ? trimmed : text.trim();
};

function isTitleLike(line: PageLine): boolean {
  if (line.kind !== 'text') return false;
  const text = line.text;
  const length = charLength(text);
  if (length < MIN_TITLE_LENGTH || length > MAX_TITLE_LENGTH || hanCount(text) < 2) return false;
  if (isBylineOrNotice(text)) return false;
  if (/[^。][。；;]\s*$/.test(text) || printedDates(text).length > 0) return false;
  const { fields } = fieldsOf(text);
  // `通版阅读请点击:`, `来源:…`: a field, not a title.
  if (fields.some((field) => field.kind !== null) || /[:：]\s*$/.test(text)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// The reader.

export interface NewsPageResult {
  record: SnapshotRecord;
  warnings: ParseWarning[];
}

function pageLines(text: string): PageLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => {
      // Runs of spaces shrink to one, wide gaps to two: `来源: 漢網   進入電子報` keeps its gap.
      const text = raw.replace(SPACES, (run) => (run.length > 1 ? '  ' : ' ')).trim();
      return { n: i + 1, text, kind: classify(text === '' ? '' : raw.trim()) };
    });
}

const MAX_HEADER_SEARCH = 120;
/** Lines after the header line that may still belong to it (bylines, a second date, a source). */
const MAX_HEADER_BLOCK_LINES = 30;
const MAX_LINES_FROM_PARAGRAPH_TO_HEADER = 15;

/** `注册时间` on its own line, its date on the next (a forum's user card). */
const isOtherTimeLabel = (text: string | undefined): boolean =>
  text !== undefined && KIND_BY_LABEL.get(trimEndOf(text, ':：').replace(/^[•·●◆■▪\-–—*]\s*/, '')) === 'otherTime';

const stripBullet = (text: string): string => text.replace(/^[•·●◆■▪\-–—*]\s*/, '');

/**
 * The header line and the first paragraph. A header below a paragraph counts only when a
 * title-like line stands between them (a cookie banner above the headline, not a body date).
 */
function findHeader(content: PageLine[]): { header: HeaderLine | null; firstParagraph: number } {
  let firstParagraph = -1;
  let titleSinceParagraph = false;
  for (let i = 0; i < content.length && i < MAX_HEADER_SEARCH; i += 1) {
    const line = content[i];
    if (firstParagraph >= 0 && i - firstParagraph > MAX_LINES_FROM_PARAGRAPH_TO_HEADER) break;
    if ((line.kind === 'text' || line.kind === 'nav') && (firstParagraph < 0 || titleSinceParagraph)) {
      const found = readHeaderLine(stripBullet(line.text), i, content[i + 1]?.text ?? null);
      if (found && !isOtherTimeLabel(content[i - 1]?.text)) return { header: found, firstParagraph };
    }
    if (line.kind === 'text' && isParagraph(line.text)) {
      if (firstParagraph < 0) firstParagraph = i;
      titleSinceParagraph = false;
    } else if (firstParagraph >= 0 && isTitleLike(line)) {
      titleSinceParagraph = true;
    }
  }
  return { header: null, firstParagraph };
}

/** The title: the best title-like line above the anchor, else the rest of the header line after its date. */
function findTitle(content: PageLine[], anchor: number, header: HeaderLine | null): { title: string | null; index: number } {
  let index = -1;
  let best = -Infinity;
  let nearestSeen = false;
  const top = content.slice(0, REPEAT_SEARCH_LINES);
  for (let i = anchor - 1; i >= 0 && anchor - i <= TITLE_SEARCH_LINES; i -= 1) {
    const line = content[i];
    if (!isTitleLike(line)) continue;
    // `• 发文字号:` then `镇政发〔2024〕7号`: a field's value on its own line.
    if (/[:：]$/.test(content[i - 1]?.text ?? '')) continue;
    const repeated = top.some((other, j) => j !== i && other.text.length <= line.text.length + 8 && other.text.includes(line.text));
    const score = headlineScore({ text: line.text, nearest: !nearestSeen, repeated });
    nearestSeen = true;
    if (score > best) {
      best = score;
      index = i;
    }
  }
  if (index >= 0) return { title: cleanTitle(content[index].text), index };
  const rest = header?.afterDate ?? '';
  const restIsTitle =
    charLength(rest) >= MIN_TITLE_LENGTH && hanCount(rest) >= 2 && !SENTENCE_END.test(rest) && !fieldsOf(rest).fields.some((field) => field.kind !== null);
  return { title: restIsTitle ? cleanTitle(rest) : null, index: -1 };
}

interface HeaderFields {
  publishedAt: { found: PrintedDate; kind: FieldKind | null; line: number } | null;
  source: string | null;
  reprintedFrom: string | null;
  category: string | null;
  authors: string[];
  /** The line of a `[Newtalk新聞]` source, which belongs to the header, not the body. */
  sourceLineIndex: number;
  /** The first line after the header block. */
  end: number;
}

/** The header block: from the title to the first paragraph after the header line. */
function readHeaderBlock(content: PageLine[], header: HeaderLine, titleIndex: number, title: string): HeaderFields {
  const block: HeaderFields = { publishedAt: null, source: null, reprintedFrom: null, category: null, authors: [], sourceLineIndex: -1, end: 0 };
  let i = titleIndex >= 0 ? titleIndex + 1 : header.index;
  for (; i < content.length && i <= header.index + MAX_HEADER_BLOCK_LINES; i += 1) {
    const line = content[i];
    const next = content[i + 1]?.text ?? null;
    if (i > header.index && line.kind === 'text' && isParagraph(line.text) && readHeaderLine(line.text, i, next) === null) break;
    if (line.kind === 'credit' && i <= header.index + 6) block.authors.push(line.text);
    if (line.kind !== 'text' && line.kind !== 'nav') continue;
    const found = i === header.index ? header : readHeaderLine(stripBullet(line.text), i, next);
    if (found) {
      takeHeaderFields(block, found, line.n);
      if (i === header.index) takeNamesBesideDate(block, content, header, i, titleIndex, title);
      continue;
    }
    const bracketed = BRACKETED_NAME.exec(line.text);
    if (bracketed && !block.source && i <= header.index + 2) {
      block.source = bracketed[1].trim();
      block.sourceLineIndex = i;
    }
  }
  block.end = i;
  return block;
}

function takeHeaderFields(block: HeaderFields, found: HeaderLine, n: number): void {
  if (found.publishedAt) {
    const better = block.publishedAt === null || (block.publishedAt.kind !== 'publishedAt' && found.publishedAt.kind === 'publishedAt');
    if (better) block.publishedAt = { ...found.publishedAt, line: n };
  }
  for (const field of found.fields) {
    const value = cleanValue(field.value);
    if (!value) continue;
    if (field.kind === 'source') block.source ??= value;
    else if (field.kind === 'reprintedFrom') block.reprintedFrom ??= value;
    else if (field.kind === 'author') block.authors.push(`${field.label}:${value}`);
    else if (field.kind === 'category') block.category ??= value;
  }
  if (found.nameBeforeDate && !block.source) block.source = nameBeside(found.nameBeforeDate);
}

/** Names printed beside the header's date: the outlet on the line above, authors run on after it. */
function takeNamesBesideDate(block: HeaderFields, content: PageLine[], header: HeaderLine, i: number, titleIndex: number, title: string): void {
  if (!header.publishedAt) return;
  const line = content[i];
  // A bare date alone on its line: the short line just above it may name the account or outlet.
  if (header.nameBeforeDate === null && header.afterDate === '' && printedDates(line.text)[0]?.start === 0) {
    const above = content[i - 1];
    if (above && i - 1 !== titleIndex && above.kind === 'text' && !block.source) {
      const name = nameBeside(above.text);
      if (name && charLength(name) <= 12) block.source = name;
    }
  }
  // `2022-05-11 15:14黃培昭辛斌…`: names run on after the date.
  const after = header.afterDate;
  if (after && hanCount(after) >= 2 && !title.includes(after) && charLength(after) <= 30 && !SENTENCE_MARK.test(after) && fieldsOf(after).fields.length === 0) {
    block.authors.push(after);
  }
}

/** The category: a labelled one above the title, else the last segment of a breadcrumb. */
function findCategory(content: PageLine[], before: number, labelledBefore: number): string | null {
  let fromBreadcrumb: string | null = null;
  for (let i = 0; i < before && i < content.length; i += 1) {
    const line = content[i];
    if (line.kind === 'nav' && !fromBreadcrumb && isBreadcrumb(line.text)) fromBreadcrumb = breadcrumbCategory(line.text);
    if (line.kind === 'text' && i < labelledBefore) {
      const field = fieldsOf(line.text).fields.find((f) => f.kind === 'category' && f.value !== '');
      if (field) return cleanValue(field.value);
    }
  }
  return fromBreadcrumb;
}

interface Body {
  paragraphs: string[];
  credits: string[];
  /** The line where the site's part after the article begins, if any. */
  endLine: number | null;
}

/** The body: up to two headings just above the first paragraph (`1 引言`), then every line until credits, a related list or a footer. */
function readBody(content: PageLine[], from: number, headerEnd: number, title: string): Body {
  const body: Body = { paragraphs: [], credits: [], endLine: null };
  const isLead = (i: number): boolean => {
    const line = content[i];
    return (
      i > headerEnd && line.kind === 'text' && !isTitleRepeat(line.text, title) && readHeaderLine(line.text, i, null) === null &&
      !PHOTO_CREDIT.test(line.text) && !line.text.startsWith('@') && charLength(line.text) <= 40
    );
  };
  const leadStart = isLead(from - 1) ? (isLead(from - 2) ? from - 2 : from - 1) : from;
  for (let i = leadStart; i < from; i += 1) body.paragraphs.push(content[i].text);
  for (let i = from; i < content.length; i += 1) {
    const line = content[i];
    if (line.kind === 'trailer' || (line.kind === 'footer' && body.paragraphs.length > 0)) {
      body.endLine = line.n;
      break;
    }
    if (line.kind === 'credit') {
      body.credits.push(line.text);
      if (body.paragraphs.length > 0 && /编辑|編輯|责编|責編/.test(line.text)) {
        body.endLine = line.n;
        // Credits close the article; more credits may follow, anything else is the site's.
        for (let j = i + 1; j < content.length && content[j].kind === 'credit'; j += 1) body.credits.push(content[j].text);
        break;
      }
      continue;
    }
    if (line.kind !== 'text') continue;
    const text = HTML_TAG.test(line.text) ? stripTags(line.text) : line.text;
    if (isTitleRepeat(text, title)) continue;
    if (body.paragraphs.length === 0 && (PHOTO_CREDIT.test(text) || (TEASER.test(text) && TRUNCATED.test(text)))) continue;
    body.paragraphs.push(text);
  }
  return body;
}

const sentenceCount = (paragraphs: string[]): number =>
  paragraphs.reduce((n, p) => n + Math.max(charLength(p) >= 15 ? 1 : 0, p.split(SENTENCE_END).filter((s) => charLength(s.trim()) >= 4).length), 0);

export function parseNewsPage(text: string): NewsPageResult {
  const lines = pageLines(text);
  if (lines.every((line) => line.kind === 'blank')) throw new SnapshotParseError(1, 'empty page');
  const content = lines.filter((line) => line.kind !== 'blank');

  const { header, firstParagraph } = findHeader(content);
  const anchor = header ? header.index : firstParagraph;
  if (anchor < 0) throw new SnapshotParseError(1, 'no title found: no dated header and no paragraph to stand under one');
  const { title, index: titleIndex } = findTitle(content, anchor, header);
  if (title === null) throw new SnapshotParseError(content[anchor].n, 'no title found above the first dated line or paragraph');
  const titleLine = titleIndex >= 0 ? content[titleIndex].n : content[anchor].n;

  const fields: HeaderFields = header
    ? readHeaderBlock(content, header, titleIndex, title)
    : { publishedAt: null, source: null, reprintedFrom: null, category: null, authors: [], sourceLineIndex: -1, end: firstParagraph };
  const category = fields.category ?? findCategory(content, fields.end, titleIndex >= 0 ? titleIndex : anchor);
  const headerEnd = Math.max(titleIndex, header ? header.index : -1, fields.sourceLineIndex);
  const body = readBody(content, fields.end, headerEnd, title);
  if (body.paragraphs.length === 0 || sentenceCount(body.paragraphs) < 2) {
    throw new SnapshotParseError(content[Math.min(fields.end, content.length - 1)]?.n ?? titleLine, 'no body: fewer than two sentences under the title');
  }

  const warnings: ParseWarning[] = [];
  const headerLine = header ? content[header.index].n : titleLine;
  const { publishedAt, source, reprintedFrom } = fields;
  if (!publishedAt) warnings.push({ line: headerLine, message: 'missing publication time' });
  else if (publishedAt.kind === 'updatedAt') warnings.push({ line: publishedAt.line, message: `publication time taken from the update time ${publishedAt.found.text}` });
  if (!source && !reprintedFrom) warnings.push({ line: headerLine, message: 'missing source' });
  if (body.endLine !== null) warnings.push({ line: body.endLine, message: 'ignored the page after the article (credits, related list, site footer)' });

  const leadByline = extractByline(body.paragraphs[0]);
  // A Set, not indexOf: a page of ten thousand credit lines must not go quadratic.
  const bylineParts = [...new Set([...fields.authors, ...(leadByline ? [leadByline] : []), ...body.credits].map((part) => part.trim()).filter((part) => part !== ''))];

  return {
    record: {
      title,
      category,
      sourcePublishedAt: publishedAt ? publishedAt.found.date.toISOString() : null,
      sourcePublishedAtText: publishedAt ? publishedAt.found.text : null,
      source,
      reprintedFrom,
      kicker: null,
      byline: bylineParts.length > 0 ? bylineParts.join(' ') : null,
      paragraphs: body.paragraphs,
      attribution: null,
      capturedBy: null,
      snapshotAt: null,
      originalUrl: null,
      relatedLinks: [],
    },
    warnings,
  };
}

const isTitleRepeat = (text: string, title: string): boolean => {
  if (text.length > title.length + 10) return false;
  const squashed = text.replace(SPACES, '');
  const squashedTitle = title.replace(SPACES, '');
  return squashed === squashedTitle || squashed === `正在阅读:${squashedTitle}`;
};

/** A field value without what runs on after it: wide gaps, `|`, an embedded date, brackets. */
function cleanValue(value: string): string | null {
  let text = value.split(/\s{2,}|[|｜]/)[0] ?? '';
  const date = printedDates(text)[0];
  if (date) text = text.slice(0, date.start);
  text = text.replace(/^[【[]\s*|\s*[】\]]$/g, '').trim();
  return text === '' ? null : text;
}

/** The outlet or account printed beside a date: its last word, if it looks like a name. */
function nameBeside(text: string): string | null {
  if (/:\/\/|www\.|\.com|\.cn/i.test(text)) return null;
  const words = text.split(' ').filter((word) => word !== '');
  const last = words.at(-1) ?? '';
  if (last === '' || charLength(last) > 20 || SENTENCE_MARK.test(last) || !/[\p{L}]/u.test(last)) return null;
  if (/^[•·|｜\-–—]+$/.test(last)) return null;
  return last;
}
