/**
 * The snapshot page format: a plain-text capture of an aggregator's article
 * page (see the seed in data/seed/). `parseSnapshotPage` reads it into a plain
 * record with a small state machine over lines; `renderSnapshotPage` prints a
 * record back so that rendering a parsed seed reproduces it byte for byte.
 */
import { crawlerFromAttribution, isAttributionLine, renderAttribution, SITE_DISCLAIMER } from './attribution';
import { findBeijingTimeAt, formatBeijingTime, parseBeijingTime, type FoundBeijingTime } from './beijing-time';
import { CONTRIBUTOR_LABELS, extractByline, roleForLabel } from './byline';
import { FIELD_LABELS, FOOTER_LABELS, type FooterField } from './page-labels';
import { escapeRegExp } from './text';

export interface RelatedItem {
  title: string | null;
  excerpt: string;
  /** ISO UTC. */
  date: string | null;
  /** As printed, e.g. `2022-12-15 22:55`. */
  dateText: string | null;
}

export interface SnapshotRecord {
  title: string;
  category: string | null;
  /** ISO UTC. */
  sourcePublishedAt: string | null;
  /** As printed, so a page is rendered back with its own precision. */
  sourcePublishedAtText?: string | null;
  /** The aggregator that carried the article (来源). */
  source: string | null;
  /** The outlet that wrote it (本文转自). */
  reprintedFrom: string | null;
  kicker: string | null;
  byline: string | null;
  paragraphs: string[];
  attribution: string | null;
  /** The crawler named by the attribution line. */
  capturedBy: string | null;
  /** ISO UTC. */
  snapshotAt: string | null;
  originalUrl: string | null;
  relatedLinks: RelatedItem[];
}

export interface ParseWarning {
  line: number;
  message: string;
}

export class SnapshotParseError extends Error {
  readonly line: number;
  readonly reason: string;

  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'SnapshotParseError';
    this.line = line;
    this.reason = reason;
  }
}

// ---------------------------------------------------------------------------
// Labels: the seed layout's selection from the one label table (page-labels.ts).

type MetaField = 'category' | 'publishedAt' | 'source' | 'reprintedFrom';

const META_FIELDS: readonly MetaField[] = ['category', 'publishedAt', 'source', 'reprintedFrom'];

/** The label this archive prints for a field. */
const printedLabel = (field: MetaField): string => FIELD_LABELS[field].seedLayout[0];

const META_FIELD_NAMES: Readonly<Record<MetaField, string>> = {
  category: 'category',
  publishedAt: 'publication time',
  source: 'source',
  reprintedFrom: 'reprinted-from outlet',
};

/** The site navigation's first bullet ("my subscriptions"); the next one is the category. */
const NAV_HOME = '我的订阅';
const NAV_BULLET = /^\s*•\s*(.*)$/;
const MORE_ABOUT = /^更多(?:关于|關於)(.*?)的(?:资讯|資訊)\s*[:：]?$/;
const DISCLAIMER = /^本站信息快照|非[营營]利公共服[务務]/;
const EXCERPT_OPENING = /^(?:\.{3}|…)/;
const HEADER_SEPARATOR = '\u00a0';
/** Lines allowed between the metadata and the repeated headline to count as the kicker. */
const MAX_KICKER_LINES = 2;

const longestFirst = (labels: string[]): string[] => [...labels].sort((a, b) => b.length - a.length);
const alternation = (labels: readonly string[]): string => labels.map(escapeRegExp).join('|');

const META_FIELD_BY_LABEL = new Map<string, MetaField>(
  META_FIELDS.flatMap((field) => FIELD_LABELS[field].seedLayout.map((label) => [label, field] as [string, MetaField])),
);
const FOOTER_FIELD_BY_LABEL = new Map<string, FooterField>(
  (Object.keys(FOOTER_LABELS) as FooterField[]).flatMap((field) =>
    FOOTER_LABELS[field].map((label) => [label, field] as [string, FooterField]),
  ),
);

const KNOWN_FIELD_LABELS = alternation(longestFirst([...META_FIELD_BY_LABEL.keys(), ...CONTRIBUTOR_LABELS]));
// A known label anywhere (fields may run together: `06:58:00来源:`), or an
// unknown Han label after whitespace (`浏览次数:5`), each followed by a colon.
const FIELD_LABEL = new RegExp(`(${KNOWN_FIELD_LABELS})\\s*[:：]|(?<=^|\\s)(\\p{Script=Han}{1,8})\\s*[:：]`, 'gu');
const FOOTER_LABEL = new RegExp(`^(${alternation(longestFirst([...FOOTER_FIELD_BY_LABEL.keys()]))})\\s*[:：]\\s*(.*)$`);

// ---------------------------------------------------------------------------
// Line classification: what a line looks like, whatever the phase.

interface Field {
  label: string;
  /** A metadata field, a byline role label, or null for an unknown label. */
  kind: MetaField | 'contributor' | null;
  value: string;
  /** `label:value` as printed. */
  raw: string;
}

type Line =
  | { kind: 'blank' }
  | { kind: 'nav'; item: string }
  | { kind: 'more'; category: string }
  | { kind: 'attribution' }
  | { kind: 'footer'; field: FooterField; label: string; value: string }
  | { kind: 'disclaimer' }
  | { kind: 'meta'; leadingDate: FoundBeijingTime | null; fields: Field[] }
  | { kind: 'date'; found: FoundBeijingTime }
  | { kind: 'text' };

function splitFields(text: string): { before: string; fields: Field[] } {
  const matches = [...text.matchAll(FIELD_LABEL)];
  const fields = matches.map((match, i): Field => {
    const start = match.index ?? 0;
    const end = i + 1 < matches.length ? matches[i + 1].index ?? text.length : text.length;
    const label = match[1] ?? match[2];
    const kind: Field['kind'] = match[1] === undefined ? null : META_FIELD_BY_LABEL.get(label) ?? 'contributor';
    return { label, kind, value: text.slice(start + match[0].length, end).trim(), raw: text.slice(start, end).trim() };
  });
  const first = matches.length > 0 ? matches[0].index ?? 0 : text.length;
  return { before: text.slice(0, first).trim(), fields };
}

/** Fields of a metadata line, or null when the line does not open with a known label. */
function metaFields(text: string): Field[] | null {
  const { before, fields } = splitFields(text);
  return before === '' && fields.length > 0 && fields[0].kind !== null ? fields : null;
}

function classify(raw: string): Line {
  const text = raw.trim();
  if (text === '') return { kind: 'blank' };
  const nav = NAV_BULLET.exec(raw);
  if (nav) return { kind: 'nav', item: nav[1].trim() };
  const more = MORE_ABOUT.exec(text);
  if (more) return { kind: 'more', category: more[1].trim() };
  if (isAttributionLine(text)) return { kind: 'attribution' };
  const footer = FOOTER_LABEL.exec(text);
  if (footer) {
    const field = FOOTER_FIELD_BY_LABEL.get(footer[1]) as FooterField;
    return { kind: 'footer', field, label: footer[1], value: footer[2].trim() };
  }
  if (DISCLAIMER.test(text)) return { kind: 'disclaimer' };

  const leadingDate = findBeijingTimeAt(text);
  if (leadingDate) {
    const rest = leadingDate.rest.trim();
    if (rest === '') return { kind: 'date', found: leadingDate };
    const fields = metaFields(rest);
    return fields ? { kind: 'meta', leadingDate, fields } : { kind: 'text' };
  }
  const fields = metaFields(text);
  return fields ? { kind: 'meta', leadingDate: null, fields } : { kind: 'text' };
}

const SENTENCE_PUNCTUATION = /[，。！？；,!?;]/;
const MAX_CREDIT_VALUE = 20;

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** `(x)` or `（x）` without its brackets and the spaces inside them; other text as it is. */
function unbracketed(text: string): string {
  // Not /^[(（]\s*(.*?)\s*[)）]$/: its lazy group re-scans the spaces from every position.
  if (text.length < 2 || !'(（'.includes(text[0]) || !')）'.includes(text[text.length - 1])) return text;
  const inner = text.slice(1, -1);
  return LINE_TERMINATOR.test(inner) ? text : inner.trim();
}

/** `责任编辑:王五` or `（责任编辑：王五）` printed under the body: credits, not a paragraph. */
function creditsOf(text: string): string[] | null {
  const inner = unbracketed(text.trim());
  const fields = metaFields(inner);
  if (!fields) return null;
  const isCredit = (field: Field): boolean =>
    field.kind === 'contributor' &&
    field.value !== '' &&
    field.value.length <= MAX_CREDIT_VALUE &&
    !SENTENCE_PUNCTUATION.test(field.value);
  return fields.every(isCredit) ? fields.map((field) => field.raw) : null;
}

const sameText = (a: string, b: string): boolean => a.replace(/\s+/g, ' ') === b.replace(/\s+/g, ' ');

// ---------------------------------------------------------------------------
// The reader: one pass over the lines, one handler per phase.

type Phase = 'nav' | 'headline' | 'meta' | 'body' | 'footer' | 'related' | 'end';

interface DraftRelated {
  title: string | null;
  excerpt: string | null;
  found: FoundBeijingTime | null;
  line: number;
}

class PageReader {
  phase: Phase = 'nav';
  readonly warnings: ParseWarning[] = [];

  title: string | null = null;
  titleLine = 0;
  metaLine: number | null = null;
  footerLine: number | null = null;
  /** Lines that prove this is a snapshot page: metadata, attribution, snapshot time. */
  evidence = 0;

  readonly meta: Partial<Record<MetaField, string | null>> = {};
  publishedAtText: string | null = null;
  publishedAt: string | null = null;
  navCategory: string | null = null;
  moreCategory: string | null = null;
  readonly credits: string[] = [];

  kicker: string | null = null;
  /** Lines seen before the headline repeat is ruled in or out. */
  leadIn: string[] = [];
  headlineRepeatOpen = true;
  readonly paragraphs: string[] = [];

  attribution: string | null = null;
  snapshotAt: string | null = null;
  snapshotLabelSeen = false;
  originalUrl: string | null = null;
  readonly related: DraftRelated[] = [];
  current: DraftRelated | null = null;

  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  read(line: Line, text: string, n: number): void {
    switch (this.phase) {
      case 'nav':
        return this.readNav(line, text, n);
      case 'headline':
        return this.readHeadline(line, text, n);
      case 'meta':
        return this.readMeta(line, text, n);
      case 'body':
        return this.readBody(line, text, n);
      case 'footer':
        return this.readFooter(line, text, n);
      case 'related':
        return this.readRelated(line, text, n);
      case 'end':
        if (line.kind !== 'blank') this.warn(n, 'ignored text after the closing "more about" line');
    }
  }

  readNav(line: Line, text: string, n: number): void {
    if (line.kind === 'blank') return;
    if (line.kind === 'nav') {
      if (line.item !== NAV_HOME && line.item !== '') this.navCategory = line.item;
      return;
    }
    this.phase = 'headline';
    this.read(line, text, n);
  }

  readHeadline(line: Line, text: string, n: number): void {
    if (line.kind === 'blank') return;
    if (line.kind !== 'text') throw new SnapshotParseError(n, 'no headline found');
    this.title = text;
    this.titleLine = n;
    this.phase = 'meta';
  }

  readMeta(line: Line, text: string, n: number): void {
    if (line.kind === 'blank') return;
    if (line.kind === 'date') {
      this.markMeta(n);
      this.setPublishedAt(line.found, n);
      return;
    }
    if (line.kind === 'meta') {
      this.markMeta(n);
      // The fields after a leading date are read below, not reported as leftovers.
      if (line.leadingDate) this.setPublishedAt({ ...line.leadingDate, rest: '' }, n);
      for (const field of line.fields) this.applyField(field, n);
      return;
    }
    this.phase = 'body';
    this.read(line, text, n);
  }

  markMeta(n: number): void {
    this.evidence += 1;
    this.metaLine ??= n;
  }

  applyField(field: Field, n: number): void {
    if (field.kind === null) {
      this.warn(n, `ignored unknown field ${field.label}`);
      return;
    }
    if (field.value === '') {
      this.warn(n, `empty value for ${field.label}`);
      if (field.kind !== 'contributor') this.meta[field.kind] ??= null;
      return;
    }
    if (field.kind === 'contributor') {
      this.credits.push(field.raw);
      return;
    }
    if (field.kind === 'publishedAt') {
      const found = findBeijingTimeAt(field.value);
      if (!found) {
        this.warn(n, `unreadable date for ${field.label}: ${field.value}`);
        this.meta.publishedAt ??= null;
        return;
      }
      this.setPublishedAt(found, n);
      return;
    }
    if (this.meta[field.kind]) {
      this.warn(n, `ignored second ${field.label}`);
      return;
    }
    this.meta[field.kind] = field.value;
  }

  setPublishedAt(found: FoundBeijingTime, n: number): void {
    if (this.publishedAt) {
      this.warn(n, `ignored second publication time ${found.text}`);
      return;
    }
    const rest = found.rest.trim();
    if (rest !== '') this.warn(n, `ignored text after the publication time: ${rest}`);
    this.meta.publishedAt = found.text;
    this.publishedAt = found.date.toISOString();
    this.publishedAtText = found.text;
  }

  readBody(line: Line, text: string, n: number): void {
    if (line.kind === 'blank') return;
    if (line.kind === 'attribution' || line.kind === 'footer' || line.kind === 'disclaimer' || line.kind === 'more') {
      this.closeLeadIn();
      this.phase = 'footer';
      this.footerLine = n;
      this.read(line, text, n);
      return;
    }
    const credits = creditsOf(text);
    if (credits) {
      this.credits.push(...credits);
      return;
    }
    if (this.headlineRepeatOpen && this.title !== null && sameText(text, this.title)) {
      // The body repeats the headline: what came between metadata and it is the kicker.
      this.takeKicker(n);
      return;
    }
    if (this.headlineRepeatOpen && this.leadIn.length > 0 && extractByline(text) !== null) {
      // A dateline opens the lead paragraph: what came before it is the kicker.
      this.takeKicker(n);
    }
    if (this.headlineRepeatOpen && this.leadIn.length < MAX_KICKER_LINES) {
      this.leadIn.push(text);
      return;
    }
    this.closeLeadIn();
    this.paragraphs.push(text);
  }

  takeKicker(n: number): void {
    if (this.leadIn.length > 1) this.warn(n, `joined ${this.leadIn.length} lines above the body into the kicker`);
    this.kicker = this.leadIn.length > 0 ? this.leadIn.join(' ') : null;
    this.leadIn = [];
    this.headlineRepeatOpen = false;
  }

  /** Neither a headline repeat nor a dateline came: the lines held back were body paragraphs. */
  closeLeadIn(): void {
    this.paragraphs.push(...this.leadIn);
    this.leadIn = [];
    this.headlineRepeatOpen = false;
  }

  readFooter(line: Line, text: string, n: number): void {
    switch (line.kind) {
      case 'blank':
      case 'disclaimer':
        return;
      case 'attribution':
        this.evidence += 1;
        this.attribution = text;
        return;
      case 'footer':
        return this.applyFooter(line.field, line.label, line.value, n);
      case 'more':
        this.moreCategory = line.category || null;
        this.phase = 'end';
        return;
      default:
        this.phase = 'related';
        this.read(line, text, n);
    }
  }

  applyFooter(field: FooterField, label: string, value: string, n: number): void {
    if (field === 'originalUrl') {
      this.originalUrl = value || null;
      return;
    }
    this.evidence += 1;
    this.snapshotLabelSeen = true;
    if (value === '') {
      this.warn(n, `empty value for ${label}`);
      return;
    }
    const found = findBeijingTimeAt(value);
    if (!found) {
      this.warn(n, `unreadable date for ${label}: ${value}`);
      return;
    }
    if (found.rest.trim() !== '') this.warn(n, `ignored text after the snapshot time: ${found.rest.trim()}`);
    this.snapshotAt = found.date.toISOString();
  }

  readRelated(line: Line, text: string, n: number): void {
    switch (line.kind) {
      case 'blank':
        return;
      case 'more':
        this.closeRelatedItem();
        this.moreCategory = line.category || null;
        this.phase = 'end';
        return;
      case 'attribution':
      case 'footer':
      case 'disclaimer':
        this.warn(n, 'ignored a footer line inside the related list');
        return;
      case 'date': {
        const item = this.current ?? this.openRelatedItem(n);
        if (item.found) {
          this.warn(n, `ignored a second date for one related item: ${line.found.text}`);
          return;
        }
        item.found = line.found;
        this.closeRelatedItem();
        return;
      }
      default:
        if (EXCERPT_OPENING.test(text)) {
          // An item may open with its excerpt when it has no title.
          const item = this.current && this.current.excerpt === null ? this.current : this.openRelatedItem(n);
          item.excerpt = text;
        } else {
          this.openRelatedItem(n).title = text;
        }
    }
  }

  openRelatedItem(n: number): DraftRelated {
    this.closeRelatedItem();
    this.current = { title: null, excerpt: null, found: null, line: n };
    return this.current;
  }

  closeRelatedItem(): void {
    if (this.current) this.related.push(this.current);
    this.current = null;
  }

  finish(lastLine: number): { record: SnapshotRecord; warnings: ParseWarning[] } {
    this.closeLeadIn();
    this.closeRelatedItem();
    if (this.title === null) throw new SnapshotParseError(lastLine, 'no headline found');
    if (this.evidence === 0) {
      throw new SnapshotParseError(1, 'not a snapshot page: no metadata, attribution or snapshot time found');
    }
    if (this.paragraphs.length === 0) throw new SnapshotParseError(this.footerLine ?? lastLine, 'no body paragraphs found');

    const metaLine = this.metaLine ?? this.titleLine;
    const endLine = this.footerLine ?? lastLine;
    const category = this.resolveCategory(metaLine);
    for (const field of ['publishedAt', 'source'] as const) {
      if (!(field in this.meta)) this.warn(metaLine, `missing ${META_FIELD_NAMES[field]} (${printedLabel(field)})`);
    }
    if (this.attribution === null) this.warn(endLine, 'missing attribution line');
    const capturedBy = this.attribution === null ? null : crawlerFromAttribution(this.attribution);
    if (this.attribution !== null && capturedBy === null) this.warn(endLine, 'attribution names no crawler');
    if (!this.snapshotLabelSeen) this.warn(endLine, `missing snapshot time (${FOOTER_LABELS.snapshotAt[0]})`);

    const lead = extractByline(this.paragraphs[0]);
    const bylineParts = [...(lead ? [lead] : []), ...this.credits];

    return {
      record: {
        title: this.title,
        category,
        sourcePublishedAt: this.publishedAt,
        sourcePublishedAtText: this.publishedAtText,
        source: this.meta.source ?? null,
        reprintedFrom: this.meta.reprintedFrom ?? null,
        kicker: this.kicker,
        byline: bylineParts.length > 0 ? bylineParts.join(' ') : null,
        paragraphs: this.paragraphs,
        attribution: this.attribution,
        capturedBy,
        snapshotAt: this.snapshotAt,
        originalUrl: this.originalUrl,
        relatedLinks: this.related.map((item) => this.toRelatedItem(item)),
      },
      warnings: [...this.warnings].sort((a, b) => a.line - b.line),
    };
  }

  /** The header's category, else the navigation's, else the closing link's; disagreements are reported. */
  resolveCategory(metaLine: number): string | null {
    const printed = this.meta.category ?? null;
    const fallback = this.navCategory ?? this.moreCategory;
    for (const other of new Set([this.navCategory, this.moreCategory])) {
      if (printed && other && other !== printed) this.warn(metaLine, `category ${printed} disagrees with ${other} elsewhere on the page`);
    }
    if (printed) return printed;
    if (fallback) {
      this.warn(metaLine, `category taken from the page navigation: ${fallback}`);
      return fallback;
    }
    if (!('category' in this.meta)) this.warn(metaLine, `missing category (${printedLabel('category')})`);
    return null;
  }

  toRelatedItem(item: DraftRelated): RelatedItem {
    if (item.excerpt === null) this.warn(item.line, 'related item without an excerpt');
    if (item.found === null) this.warn(item.line, 'related item without a date');
    return {
      title: item.title,
      excerpt: item.excerpt ?? '',
      date: item.found ? item.found.date.toISOString() : null,
      dateText: item.found ? item.found.text : null,
    };
  }
}

/**
 * The longest line a page may have. The seed's longest paragraph is a few hundred characters; a
 * line of hundreds of thousands is not a news page, and refusing it bounds the work per line.
 */
export const MAX_LINE_LENGTH = 20_000;

/** Lines without BOM, line-ending style or trailing whitespace (trimEnd: /\s+$/ is quadratic on long runs of spaces). */
function pageLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd());
}

export function parseSnapshotPage(text: string): { record: SnapshotRecord; warnings: ParseWarning[] } {
  const lines = pageLines(text);
  const long = lines.findIndex((line) => line.length > MAX_LINE_LENGTH);
  if (long !== -1) {
    throw new SnapshotParseError(long + 1, `line too long: ${lines[long].length} characters, at most ${MAX_LINE_LENGTH}`);
  }
  if (lines.every((line) => line.trim() === '')) throw new SnapshotParseError(1, 'empty page');
  const reader = new PageReader();
  lines.forEach((line, i) => reader.read(classify(line), line.trim(), i + 1));
  return reader.finish(lines.length);
}

// ---------------------------------------------------------------------------
// Whether a page is in the seed layout, so that this reader applies.

// The seed's category label (类别, 類別) marks it; 栏目 and 分类 head other layouts' pages too.
const SEED_MARKERS = new RegExp(
  `^(?:${alternation(FOOTER_LABELS.snapshotAt)})\\s*[:：]|^(?:${alternation(FIELD_LABELS.category.seedLayout.slice(0, 2))})\\s*[:：]|^•\\s*${escapeRegExp(NAV_HOME)}\\s*$`,
);

/**
 * True when a page carries the seed layout's own furniture (its `类别:` header, the crawler's
 * attribution line, the snapshot time, the site navigation): the seed reader applies.
 */
export function hasSnapshotMarkers(text: string): boolean {
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end).trim();
    if (line !== '' && (SEED_MARKERS.test(line) || isAttributionLine(line))) return true;
    if (end === -1) break;
    start = end + 1;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Rendering: the seed's layout, blocks separated by one blank line.

/** The printed date text when it still says the same instant, else the instant in Beijing time. */
function printedTime(iso: string | null, text: string | null | undefined): string {
  if (iso === null) return '';
  if (text && parseBeijingTime(text)?.toISOString() === iso) return text;
  return formatBeijingTime(new Date(iso));
}

/** Credits that are not printed at the start of the lead paragraph get their own line. */
function creditLine(record: SnapshotRecord): string | null {
  if (!record.byline) return null;
  const lead = extractByline(record.paragraphs[0] ?? '');
  let rest = record.byline;
  if (lead && rest === lead) return null;
  if (lead && rest.startsWith(`${lead} `)) rest = rest.slice(lead.length + 1);
  return metaFields(rest)?.every((field) => roleForLabel(field.label) !== null) ? rest : `作者:${rest}`;
}

function relatedLines(item: RelatedItem): string[] {
  const lines: string[] = [];
  if (item.title) lines.push(item.title);
  if (item.excerpt) lines.push(item.excerpt);
  const date = printedTime(item.date, item.dateText);
  if (date) lines.push(date);
  return lines;
}

const [CATEGORY_LABEL, PUBLISHED_LABEL, SOURCE_LABEL, REPRINTED_LABEL] = META_FIELDS.map(printedLabel);

/**
 * One block of the seed's layout, in page order: what it is and its lines as printed. The text
 * rendering (renderSnapshotPage) and the HTML one (snapshot-html.ts) print the same blocks.
 */
export type PageBlock =
  | { kind: 'nav'; lines: string[] }
  | { kind: 'title' | 'meta' | 'reprinted' | 'credits' | 'kicker' | 'headline' | 'paragraph' | 'attribution' | 'snapshotAt' | 'disclaimer' | 'originalUrl'; lines: [string] }
  | { kind: 'related'; items: string[][]; more: string | null };

export function snapshotPageBlocks(record: SnapshotRecord): PageBlock[] {
  const blocks: PageBlock[] = [];
  blocks.push({ kind: 'nav', lines: record.category ? [`• ${NAV_HOME}`, `  • ${record.category}`] : [`• ${NAV_HOME}`] });
  blocks.push({ kind: 'title', lines: [record.title] });
  blocks.push({
    kind: 'meta',
    lines: [
      [
        `${CATEGORY_LABEL}:${record.category ?? ''}`,
        `${PUBLISHED_LABEL}:${printedTime(record.sourcePublishedAt, record.sourcePublishedAtText)}`,
        `${SOURCE_LABEL}:${record.source ?? ''}`,
      ].join(HEADER_SEPARATOR),
    ],
  });
  if (record.reprintedFrom) blocks.push({ kind: 'reprinted', lines: [`${REPRINTED_LABEL}:${record.reprintedFrom}`] });
  const credits = creditLine(record);
  if (credits) blocks.push({ kind: 'credits', lines: [credits] });
  if (record.kicker) blocks.push({ kind: 'kicker', lines: [record.kicker] });
  blocks.push({ kind: 'headline', lines: [record.title] });
  for (const paragraph of record.paragraphs) blocks.push({ kind: 'paragraph', lines: [paragraph] });
  blocks.push({ kind: 'attribution', lines: [record.attribution ?? renderAttribution(null, record.capturedBy)] });
  blocks.push({ kind: 'snapshotAt', lines: [`${FOOTER_LABELS.snapshotAt[0]}:${printedTime(record.snapshotAt, null)}`] });
  blocks.push({ kind: 'disclaimer', lines: [SITE_DISCLAIMER] });
  blocks.push({ kind: 'originalUrl', lines: [`${FOOTER_LABELS.originalUrl[0]}:${record.originalUrl ?? ''}`] });
  const items = record.relatedLinks.map(relatedLines).filter((lines) => lines.length > 0);
  const more = record.category ? `更多关于${record.category}的资讯:` : null;
  if (items.length > 0 || more) blocks.push({ kind: 'related', items, more });
  return blocks;
}

export function renderSnapshotPage(record: SnapshotRecord): string {
  return snapshotPageBlocks(record)
    .map((block) =>
      // The related list and the closing category link form one block, with no blank lines.
      block.kind === 'related' ? [...block.items.flat(), ...(block.more ? [block.more] : [])].join('\n') : block.lines.join('\n'),
    )
    .join('\n\n');
}
