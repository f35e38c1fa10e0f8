import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputPathError, listInputFiles, readInputs, type InputItem } from '../../src/import/input';
import { seedText } from '../helpers/seed';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-input-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
};

async function readAll(paths: string[]): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(listInputFiles(paths).files)) items.push(item);
  return items;
}

const where = (item: InputItem) => `${path.relative(dir, item.origin.path)}:${item.origin.line}`;

describe('reading the import input', () => {
  test('walks directories recursively in name order, skipping other file types', async () => {
    write('b/2.txt', seedText);
    write('a.ndjson', '{"title": "一"}');
    write('b/1.jsonl', '{"title": "二"}');
    write('b/notes.md', '# not input');
    expect((await readAll([dir])).map(where)).toEqual(['a.ndjson:1', 'b/1.jsonl:1', 'b/2.txt:1']);
  });

  test('a named path that does not exist is a usage error', () => {
    expect(() => listInputFiles([path.join(dir, 'missing')])).toThrow(InputPathError);
  });

  test('reads NDJSON lines with CRLF endings, a BOM and blank lines, numbering lines as in the file', async () => {
    const file = write('a.ndjson', '\uFEFF{"title": "一"}\r\n\r\n{"title": "二"}\r\n');
    const items = await readAll([file]);
    expect(items.map(where)).toEqual(['a.ndjson:1', 'a.ndjson:3']);
    expect(items.map((item) => (item.kind === 'article' ? item.record.title : null))).toEqual(['一', '二']);
  });

  test('reads a line longer than one read chunk', async () => {
    const body = '长'.repeat(200_000); // 600 kB of UTF-8: the line spans several 256 kB chunks
    const file = write('long.ndjson', `${JSON.stringify({ title: '短' })}\n${JSON.stringify({ title: '长', body: [body] })}\n{"title": "尾"}`);
    const items = await readAll([file]);
    expect(items.map((item) => (item.kind === 'article' ? [item.record.title, item.record.paragraphs.join('').length] : item))).toEqual([
      ['短', 0],
      ['长', 200_000],
      ['尾', 0],
    ]);
  });

  test('an invalid byte fails its own NDJSON line only', async () => {
    const file = write('a.ndjson', Buffer.concat([Buffer.from('{"title": "一"}\n{"title": "'), Buffer.from([0xff]), Buffer.from('"}\n{"title": "三"}')]));
    const items = await readAll([file]);
    expect(items.map((item) => [where(item), item.kind === 'article' ? item.record.title : item.reason])).toEqual([
      ['a.ndjson:1', '一'],
      ['a.ndjson:2', 'invalid UTF-8 (byte 0xFF at offset 11)'],
      ['a.ndjson:3', '三'],
    ]);
  });

  test('a page that cannot be read fails at the line the parser names', async () => {
    const file = write('x.txt', '• 我的订阅\n\n类别:国内\n');
    const [item] = await readAll([file]);
    expect(item.kind === 'failure' && [where(item), item.reason]).toEqual(['x.txt:3', 'no headline found']);
  });

  test('a page with the seed furniture is read in the seed layout, any other page as a general news page', async () => {
    write('seed.txt', seedText);
    write('news.txt', fs.readFileSync(path.resolve(__dirname, '../fixtures/pages/dzllzg-1.txt'), 'utf8'));
    const items = await readAll([dir]);
    expect(items.map((item) => (item.kind === 'article' ? [where(item), item.layout, item.record.title] : [where(item)]))).toEqual([
      ['news.txt:1', 'news page', '汇聚起强大的主流思想舆论力量'],
      ['seed.txt:1', 'snapshot page', '打破镇域行政边界 撬动区域平衡发展'],
    ]);
  });

  test('a page read as a general news page says so first among its warnings', async () => {
    write('news.txt', fs.readFileSync(path.resolve(__dirname, '../fixtures/pages/jianshu-1.txt'), 'utf8'));
    const [item] = await readAll([dir]);
    expect(item.kind === 'article' && item.warnings).toEqual([
      { line: 1, message: 'read as a general news page (not the seed layout)' },
      { line: 3, message: 'missing publication time' },
    ]);
  });
});
