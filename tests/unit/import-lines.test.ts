import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listInputFiles, MAX_JSON_DEPTH, MAX_LINE_BYTES, nestsDeeperThan, readInputs, splitLines, type FileLine, type InputItem } from '../../src/import/input';

async function* chunksOf(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.isBuffer(part) ? part : Buffer.from(part);
}

async function lines(chunks: AsyncIterable<Buffer>, maxBytes?: number): Promise<(string | number)[]> {
  const out: (string | number)[] = [];
  for await (const read of splitLines(chunks, maxBytes)) out.push('bytes' in read ? read.bytes.toString() : read.tooLong);
  return out;
}

/** `{"link":{"link":…}}`, `depth` objects deep. */
const nested = (depth: number) => `${'{"link":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('splitLines', () => {
  test('splits on LF, drops a CR before it, joins a line cut across chunks', async () => {
    expect(await lines(chunksOf('a\r\nb', 'c\r', '\nd'))).toEqual(['a', 'bc', 'd']);
  });

  test('numbers every line, blank ones included', async () => {
    const numbers: number[] = [];
    for await (const read of splitLines(chunksOf('a\n\nb\n'))) numbers.push(read.line);
    expect(numbers).toEqual([1, 2, 3]);
  });

  test('a line over the cap is counted, not kept, and the next line is read', async () => {
    expect(await lines(chunksOf('short\n', 'x'.repeat(6), 'x'.repeat(6), '\nafter'), 10)).toEqual(['short', 12, 'after']);
  });

  test('refuses a 20 MB line in linear time', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    async function* twentyMegabytes(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"title":"前"}\n');
      for (let i = 0; i < 80; i += 1) yield chunk;
      yield Buffer.from('\n{"title":"后"}');
    }
    const started = Date.now();
    const read: FileLine[] = [];
    for await (const line of splitLines(twentyMegabytes())) read.push(line);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(read.map((line) => ('bytes' in line ? [line.line, line.bytes.toString()] : [line.line, line.tooLong]))).toEqual([
      [1, '{"title":"前"}'],
      [2, 80 * 256 * 1024],
      [3, '{"title":"后"}'],
    ]);
  });
});

describe('nestsDeeperThan', () => {
  test('counts brackets outside strings only', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ title: '[[[[{{{{', body: ['\\"[[[['] }), 2)).toBe(false);
  });

  test('the cap lets an article through and stops 50,000 levels', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(50_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('reading NDJSON with hostile lines', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-lines-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function readFile(name: string, content: string | Buffer): Promise<string[]> {
    fs.writeFileSync(path.join(dir, name), content);
    const items: InputItem[] = [];
    for await (const item of readInputs(listInputFiles([dir]).files)) items.push(item);
    return items.map((item) => `${path.basename(item.origin.path)}:${item.origin.line}: ${item.kind === 'article' ? item.record.title : item.reason}`);
  }

  test('a line nested 50,000 deep is refused by its line, the lines around it are read', async () => {
    expect(await readFile('deep.ndjson', `{"title":"前"}\n{"title":"深","relatedLinks":${nested(50_000)}}\n{"title":"后"}\n`)).toEqual([
      'deep.ndjson:1: 前',
      `deep.ndjson:2: nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects: not an article`,
      'deep.ndjson:3: 后',
    ]);
  });

  test('a line over MAX_LINE_BYTES is refused by its line, the lines around it are read', async () => {
    const long = `{"title":"长","body":"${'长'.repeat(3 * 1024 * 1024)}"}`;
    const size = Buffer.byteLength(long);
    expect(size).toBeGreaterThan(MAX_LINE_BYTES);
    expect(await readFile('long.ndjson', `{"title":"前"}\n${long}\n{"title":"后"}`)).toEqual([
      'long.ndjson:1: 前',
      `long.ndjson:2: line longer than ${MAX_LINE_BYTES} bytes (${size}): not read`,
      'long.ndjson:3: 后',
    ]);
  });
});
