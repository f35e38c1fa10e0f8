/**
 * The importer's input: files and directories (recursively) of pages (.txt: the seed's snapshot
 * layout or any other news page layout) and NDJSON / JSON Lines (.ndjson, .jsonl), read one
 * article at a time so memory does not grow with the input.
 * Every article comes with where it was read (`path:line`); what cannot be read is a failure with
 * its reason, and reading goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ArticleInput } from '../core/article-input';
import { ArticleLineError, parseArticleLine } from '../core/article-line';
import { crawlReaderOf, isCrawlFile, type CrawlLayout, type CrawlReadOptions } from './crawl-input';
import { parseNewsPage } from '../core/news-page';
import { hasSnapshotMarkers, parseSnapshotPage, SnapshotParseError, type ParseWarning, type SnapshotRecord } from '../core/snapshot-page';
import { unreadableText } from '../core/text-bytes';

export interface Origin {
  path: string;
  line: number;
}

/** How an article was read: the report counts them, and names the layout of every page. */
export type InputLayout = 'snapshot page' | 'news page' | 'NDJSON line' | CrawlLayout;

export type InputItem =
  | { kind: 'article'; origin: Origin; record: ArticleInput; warnings: { line: number; message: string }[]; layout: InputLayout }
  | { kind: 'failure'; origin: Origin; reason: string }
  /** Read and deliberately not archived (a WARC's redirect, image, error page): counted by reason. */
  | { kind: 'skipped'; origin: Origin; reason: string };

/**
 * The layouts a page may be in, in the order they are tried: the one decision of which reader
 * applies. The seed's reader when the page carries its furniture (header, attribution, snapshot
 * time), the general news page reader for everything else.
 */
export const PAGE_LAYOUTS: readonly {
  layout: InputLayout;
  matches: (text: string) => boolean;
  read: (text: string) => { record: SnapshotRecord; warnings: ParseWarning[] };
  /** Said in the report for every page read this way (the seed layout, the default, says nothing). */
  note: string | null;
}[] = [
  { layout: 'snapshot page', matches: hasSnapshotMarkers, read: parseSnapshotPage, note: null },
  { layout: 'news page', matches: () => true, read: parseNewsPage, note: 'read as a general news page (not the seed layout)' },
];

const pageLayoutOf = (text: string) => PAGE_LAYOUTS.find((entry) => entry.matches(text)) ?? PAGE_LAYOUTS[PAGE_LAYOUTS.length - 1];

const PAGE_EXTENSIONS = new Set(['.txt']);
const LINES_EXTENSIONS = new Set(['.ndjson', '.jsonl']);
/** A snapshot page is a few kilobytes; anything this large is not one. */
const MAX_PAGE_BYTES = 10 * 1024 * 1024;

export const isInputFile = (file: string) => {
  const extension = path.extname(file).toLowerCase();
  return PAGE_EXTENSIONS.has(extension) || LINES_EXTENSIONS.has(extension) || isCrawlFile(file);
};

export class InputPathError extends Error {}

/**
 * The files to read, in a stable order: named files as given, directories walked recursively
 * (files of other types inside them are skipped). A path that does not exist is a usage error.
 */
export function listInputFiles(paths: string[]): { files: string[]; bytes: number } {
  const files: string[] = [];
  let bytes = 0;
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isInputFile(full)) add(full);
    }
  };
  const add = (file: string) => {
    files.push(file);
    bytes += fs.statSync(file).size;
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new InputPathError(`${given}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(given);
    else add(given);
  }
  return { files, bytes };
}

async function* readPage(file: string): AsyncGenerator<InputItem> {
  const at = (line: number): Origin => ({ path: file, line });
  const { size } = fs.statSync(file);
  if (size === 0) return yield { kind: 'failure', origin: at(1), reason: 'empty file' };
  if (size > MAX_PAGE_BYTES) return yield { kind: 'failure', origin: at(1), reason: `too large for a snapshot page (${size} bytes)` };
  // Synchronous: a page is a few kilobytes, and a promise per read costs more than the read.
  const bytes = fs.readFileSync(file);
  const unreadable = unreadableText(bytes);
  if (unreadable) return yield { kind: 'failure', origin: at(unreadable.line), reason: unreadable.reason };
  const text = bytes.toString('utf8');
  const { layout, read, note } = pageLayoutOf(text);
  try {
    const { record, warnings } = read(text);
    yield { kind: 'article', origin: at(1), record, warnings: note ? [{ line: 1, message: note }, ...warnings] : warnings, layout };
  } catch (error) {
    if (!(error instanceof SnapshotParseError)) throw error;
    yield { kind: 'failure', origin: at(error.line), reason: error.reason };
  }
}

/**
 * The longest NDJSON line read: a real article is tens of kilobytes. A longer line is refused
 * without being held whole, and reading goes on at the next line.
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/**
 * The deepest nesting of arrays and objects an NDJSON line may have. An article's deepest value
 * is a nested list in its body blocks, a dozen levels; code that walks parsed JSON recursively
 * overflows the stack on tens of thousands.
 */
export const MAX_JSON_DEPTH = 64;

/** One line of a file: its bytes (line ending removed), or its length when over the cap. */
export type FileLine = { line: number; bytes: Buffer } | { line: number; tooLong: number };

/**
 * The lines of a stream of chunks, each byte looked at once: a line's pieces are kept as they
 * arrive and joined once at its end, and a line over `maxBytes` is counted, not kept.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine> {
  let pieces: Buffer[] = [];
  let length = 0;
  let line = 0;
  const add = (piece: Buffer) => {
    if (length + piece.length <= maxBytes) pieces.push(piece);
    else pieces = [];
    length += piece.length;
  };
  const end = (): FileLine => {
    line += 1;
    const result: FileLine = length > maxBytes ? { line, tooLong: length } : { line, bytes: pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, length) };
    pieces = [];
    length = 0;
    return result;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      add(chunk.subarray(start, newline));
      start = newline + 1;
      const result = end();
      if ('bytes' in result && result.bytes.at(-1) === 0x0d) result.bytes = result.bytes.subarray(0, -1);
      yield result;
    }
    // Copied: a slice would keep the whole chunk alive while the line waits for its end.
    if (start < chunk.length) add(Buffer.from(chunk.subarray(start)));
  }
  if (length > 0) {
    const result = end();
    if ('bytes' in result && result.bytes.at(-1) === 0x0d) result.bytes = result.bytes.subarray(0, -1);
    yield result;
  }
}

/**
 * Whether the JSON text nests arrays and objects deeper than `max`: one pass over the brackets
 * outside strings, before anything parses it.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i += 1; // backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return false;
}

function readLine(file: string, bytes: Buffer, line: number): InputItem | null {
  const at: Origin = { path: file, line };
  const unreadable = unreadableText(bytes);
  if (unreadable) return { kind: 'failure', origin: at, reason: unreadable.reason };
  let text = bytes.toString('utf8');
  if (line === 1) text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return null;
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return { kind: 'failure', origin: at, reason: `nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects: not an article` };
  }
  try {
    const { record, warnings } = parseArticleLine(text);
    return { kind: 'article', origin: at, record, warnings: warnings.map((message) => ({ line, message })), layout: 'NDJSON line' };
  } catch (error) {
    if (!(error instanceof ArticleLineError)) throw error;
    return { kind: 'failure', origin: at, reason: error.reason };
  }
}

async function* readLines(file: string): AsyncGenerator<InputItem> {
  let lines = 0;
  let articles = 0;
  for await (const read of splitLines(fs.createReadStream(file, { highWaterMark: 256 * 1024 }))) {
    lines = read.line;
    if ('tooLong' in read) {
      articles += 1;
      yield { kind: 'failure', origin: { path: file, line: read.line }, reason: `line longer than ${MAX_LINE_BYTES} bytes (${read.tooLong}): not read` };
      continue;
    }
    const item = readLine(file, read.bytes, read.line);
    if (item) {
      articles += 1;
      yield item;
    }
  }
  if (articles === 0) yield { kind: 'failure', origin: { path: file, line: Math.max(lines, 1) }, reason: 'empty file: no articles' };
}

/** Reads every article of `files` in order; `onFileRead` reports each file's size once it is read. */
export async function* readInputs(files: string[], onFileRead?: (bytes: number) => void, crawl: CrawlReadOptions = {}): AsyncGenerator<InputItem> {
  for (const file of files) {
    const extension = path.extname(file).toLowerCase();
    const crawlReader = crawlReaderOf(file, crawl);
    if (PAGE_EXTENSIONS.has(extension)) yield* readPage(file);
    else if (LINES_EXTENSIONS.has(extension)) yield* readLines(file);
    else if (crawlReader) yield* crawlReader();
    else yield { kind: 'failure', origin: { path: file, line: 1 }, reason: 'not a page (.txt, .html, .htm), NDJSON file (.ndjson, .jsonl) or WARC (.warc, .warc.gz)' };
    onFileRead?.(fs.statSync(file).size);
  }
}
