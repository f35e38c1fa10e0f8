import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syntheticPage } from '../../src/bench/synthetic-pages';

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

/** `total` synthetic pages in the seed layout (bench/synthetic-pages.ts), numbered from `offset`: page-0000.txt… */
export function syntheticPageFiles(total: number, offset = 0): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < total; i += 1) files[`page-${String(i).padStart(4, '0')}.txt`] = syntheticPage(offset + i, offset + total);
  return files;
}
