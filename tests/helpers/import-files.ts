import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SEED_FILE = path.resolve(__dirname, '../../data/seed/000_857c31f54b16bc80.txt');
export const SEED_PAGE = fs.readFileSync(SEED_FILE, 'utf8');
export const SEED_SLUG = 'da-po-zhen-yu-xing-zheng-bian-jie-qiao-dong-qu-yu-ping-heng-fa-zhan';

/** A new temporary directory holding `files` (name → text or bytes); removed by the caller. */
export function writeFiles(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-import-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export const ndjson = (...lines: unknown[]): string => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
