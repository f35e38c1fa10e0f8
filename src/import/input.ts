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
import { parseNewsPage } from '../core/news-page';
import { hasSnapshotMarkers, parseSnapshotPage, SnapshotParseError, type ParseWarning, type SnapshotRecord } from '../core/snapshot-page';
import { unreadableText } from '../core/text-bytes';

export interface Origin {
  path: string;
  line: number;
}

/** How an article was read: the report counts them, and names the layout of every page. */
export type InputLayout = 'snapshot page' | 'news page' | 'NDJSON line';

export type InputItem =
  | { kind: 'article'; origin: Origin; record: ArticleInput; warnings: { line: number; message: string }[]; layout: InputLayout }
  | { kind: 'failure'; origin: Origin; reason: string };

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
  return PAGE_EXTENSIONS.has(extension) || LINES_EXTENSIONS.has(extension);
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

function readLine(file: string, bytes: Buffer, line: number): InputItem | null {
  const at: Origin = { path: file, line };
  const unreadable = unreadableText(bytes);
  if (unreadable) return { kind: 'failure', origin: at, reason: unreadable.reason };
  let text = bytes.toString('utf8');
  if (line === 1) text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return null;
  try {
    const { record, warnings } = parseArticleLine(text);
    return { kind: 'article', origin: at, record, warnings: warnings.map((message) => ({ line, message })), layout: 'NDJSON line' };
  } catch (error) {
    if (!(error instanceof ArticleLineError)) throw error;
    return { kind: 'failure', origin: at, reason: error.reason };
  }
}

async function* readLines(file: string): AsyncGenerator<InputItem> {
  let rest: Buffer = Buffer.alloc(0);
  let line = 0;
  let articles = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let end = buffer.indexOf(0x0a); end !== -1; end = buffer.indexOf(0x0a, start)) {
      line += 1;
      const item = readLine(file, buffer.subarray(start, end > start && buffer[end - 1] === 0x0d ? end - 1 : end), line);
      start = end + 1;
      if (item) {
        articles += 1;
        yield item;
      }
    }
    rest = Buffer.from(buffer.subarray(start));
  }
  if (rest.length > 0) {
    line += 1;
    const item = readLine(file, rest.at(-1) === 0x0d ? rest.subarray(0, -1) : rest, line);
    if (item) {
      articles += 1;
      yield item;
    }
  }
  if (articles === 0) yield { kind: 'failure', origin: { path: file, line: Math.max(line, 1) }, reason: 'empty file: no articles' };
}

/** Reads every article of `files` in order; `onFileRead` reports each file's size once it is read. */
export async function* readInputs(files: string[], onFileRead?: (bytes: number) => void): AsyncGenerator<InputItem> {
  for (const file of files) {
    const extension = path.extname(file).toLowerCase();
    if (PAGE_EXTENSIONS.has(extension)) yield* readPage(file);
    else if (LINES_EXTENSIONS.has(extension)) yield* readLines(file);
    else yield { kind: 'failure', origin: { path: file, line: 1 }, reason: 'not a page (.txt) or NDJSON file (.ndjson, .jsonl)' };
    onFileRead?.(fs.statSync(file).size);
  }
}
