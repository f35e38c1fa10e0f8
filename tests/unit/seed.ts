/** The real seed page (data/seed), the base every fixture is derived from. */
import { readFileSync } from 'fs';
import path from 'path';

export const SEED_PATH = path.resolve(__dirname, '../../data/seed/000_857c31f54b16bc80.txt');

export const seedText: string = readFileSync(SEED_PATH, 'utf8');

export const seedLines: string[] = seedText.split('\n');

/** The seed with one exact piece of text replaced; fails loudly if the piece is not there. */
export function seedWith(search: string, replacement: string): string {
  if (!seedText.includes(search)) throw new Error(`seed does not contain: ${search}`);
  return seedText.replace(search, () => replacement);
}

/** The seed with its 1-based lines from..to (inclusive) removed. */
export function seedWithoutLines(from: number, to: number): string {
  return [...seedLines.slice(0, from - 1), ...seedLines.slice(to)].join('\n');
}
