/**
 * `node scripts/cli.js bench-reprints [--n 300] [--copies 100] [--seed 12]`: how well the SimHash
 * recognises reprints (core/simhash.ts), without a database.
 *
 * - Recall and precision on generated copies with k random character edits in the body
 *   (k = 1…10: a character replaced, deleted or inserted, plus punctuation variants, which must not
 *   count): of the real seed page (many random copies) and of synthetic pages in its layout (one
 *   each). A copy is recalled when its original is within 3 bits; any other original within 3 bits
 *   is a false match.
 * - Real pages (src/bench/real-pages.ts): the seed, its real copy and the real news pages of tests/fixtures/pages, read
 *   by the importer's reader and fingerprinted as stored. Every pair: the pairs that are one story
 *   (by reading them) found or missed, any other pair within 3 bits a false match, the nearest.
 * - Distinct synthetic pages: every pair of originals within 3 bits is a false match. They
 *   (src/bench/synthetic-pages.ts) are built from seven sentences, ten places and ten topics, so
 *   many of them share most of their words: the share of terms (Jaccard) is printed beside.
 * - Lookup: candidates by the four 16-bit blocks (the index) against a scan of every fingerprint
 *   (the baseline), same answers, time per lookup and the ratio.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { syntheticRecord } from '../bench/synthetic-pages';
import { readRealPages, REAL_PAGE_DIRS, realPairs, type RealPair } from '../bench/real-pages';
import { fingerprintBlocks, hammingDistance, NEAR_DUPLICATE_BITS, sameStory, simhash, weightedTerms, type Fingerprint, type FingerprintText } from '../core/simhash';
import { parseSnapshotPage } from '../core/snapshot-page';
import { UsageError, EXIT_OK, EXIT_USAGE } from './app';

const ROOT = path.resolve(__dirname, '../../..');
const SEED_PAGE = path.join(ROOT, 'data/seed/000_857c31f54b16bc80.txt');
const REAL_COPY = path.join(ROOT, 'tests/fixtures/reprints/001_seed_reprint_fenghuang.txt');
const MAX_EDITS = 10;

interface Options {
  n: number;
  copies: number;
  seed: number;
}

function parseArgs(args: string[]): Options {
  const options: Options = { n: 300, copies: 100, seed: 12 };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '') as keyof Options;
    const value = Number(args[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 1) throw new UsageError(`unknown option or bad value: ${args[i]} ${args[i + 1] ?? ''}`);
    options[name] = value;
  }
  return options;
}

/** mulberry32: a small deterministic generator, so a run can be repeated exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN = /\p{Script=Han}/u;
const PUNCTUATION_VARIANTS: [string, string][] = [[',', '，'], ['“', '"'], ['”', '"'], [':', '：'], ['。', '.']];

/** The text with k character edits in its body (replace, delete, insert a Han character) and some punctuation swapped. */
function editedCopy(text: FingerprintText, k: number, next: () => number, pool: string[]): FingerprintText {
  const paragraphs = text.paragraphs.map((p) => Array.from(p));
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  for (let edit = 0; edit < k; edit += 1) {
    const paragraph = pick(paragraphs.filter((p) => p.length > 0));
    const at = Math.floor(next() * paragraph.length);
    const kind = Math.floor(next() * 3);
    if (kind === 0) paragraph[at] = pick(pool);
    else if (kind === 1) paragraph.splice(at, 1);
    else paragraph.splice(at, 0, pick(pool));
  }
  const swapped = paragraphs.map((p) => p.join('')).map((p) => PUNCTUATION_VARIANTS.reduce((s, [from, to]) => (next() < 0.5 ? s.split(from).join(to) : s), p));
  return { title: text.title, paragraphs: swapped };
}

class BlockIndex {
  private readonly blocks = [new Map<number, number[]>(), new Map<number, number[]>(), new Map<number, number[]>(), new Map<number, number[]>()];
  constructor(private readonly fingerprints: Fingerprint[]) {
    fingerprints.forEach((fingerprint, id) => {
      fingerprintBlocks(fingerprint).forEach((block, i) => {
        const list = this.blocks[i].get(block) ?? [];
        list.push(id);
        this.blocks[i].set(block, list);
      });
    });
  }
  near(fingerprint: Fingerprint): number[] {
    const candidates = new Set<number>();
    fingerprintBlocks(fingerprint).forEach((block, i) => this.blocks[i].get(block)?.forEach((id) => candidates.add(id)));
    return [...candidates].filter((id) => sameStory(fingerprint, this.fingerprints[id])).sort((a, b) => a - b);
  }
  scan(fingerprint: Fingerprint): number[] {
    return this.fingerprints.flatMap((other, id) => (sameStory(fingerprint, other) ? [id] : []));
  }
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);

/** Every pair of the real pages: one story where it should be, and nowhere else. Returns the number of wrong answers. */
async function realPagesReport(): Promise<number> {
  const { pages, refused } = await readRealPages(ROOT);
  const pairs = realPairs(pages);
  const same = pairs.filter((pair) => pair.sameStory);
  const distinct = pairs.filter((pair) => !pair.sameStory);
  const missed = same.filter((pair) => pair.distance > NEAR_DUPLICATE_BITS);
  const falseMatches = distinct.filter((pair) => pair.distance <= NEAR_DUPLICATE_BITS);
  const show = (pair: RealPair) => `${path.basename(pair.a)} ~ ${path.basename(pair.b)} ${pair.distance} bits`;
  console.log(`real pages (${REAL_PAGE_DIRS.join(', ')}): ${pages.length} read, ${refused.length} refused by the reader (no title), ${pairs.length} pairs`);
  console.log(`  one story (${same.length} pairs): ${same.map(show).join('; ')}; missed (> ${NEAR_DUPLICATE_BITS} bits): ${missed.length}`);
  console.log(`  distinct (${distinct.length} pairs): false matches (<= ${NEAR_DUPLICATE_BITS} bits): ${falseMatches.length}${falseMatches.length ? ` (${falseMatches.map(show).join('; ')})` : ''}; nearest: ${distinct.length ? show(distinct[0]) : 'n/a'}`);
  console.log('');
  return missed.length + falseMatches.length;
}

async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  const next = random(options.seed);
  const seed = parseSnapshotPage(readFileSync(SEED_PAGE, 'utf8')).record;
  const realCopy = parseSnapshotPage(readFileSync(REAL_COPY, 'utf8')).record;
  const originals: FingerprintText[] = [seed, ...Array.from({ length: options.n }, (_, i) => syntheticRecord(i, options.n))];
  const pool = Array.from(seed.paragraphs.join('')).filter((c) => HAN.test(c));

  let started = performance.now();
  const fingerprints = originals.map(simhash);
  const perFingerprint = (performance.now() - started) / originals.length;
  const index = new BlockIndex(fingerprints);

  console.log(`bench-reprints: ${originals.length} originals (the seed + ${options.n} synthetic pages), ${options.copies} originals copied per k, generator seed ${options.seed}`);
  console.log(`simhash: ${perFingerprint.toFixed(2)} ms per article (jieba + TF-IDF, 64 bits)`);
  console.log(`real copy (${path.relative(ROOT, REAL_COPY)}) vs seed: ${hammingDistance(simhash(seed), simhash(realCopy))} bits (same story when <= 3)`);
  console.log('');
  const realWrong = await realPagesReport();
  const queries: Fingerprint[] = [];
  /** Copies with k edits of the given originals (`repeat` copies each): recall, precision, distances. */
  const table = (label: string, sources: number[], repeat: number) => {
    console.log(label);
    console.log(' k | copies | recall | precision | mean distance | max distance');
    for (let k = 1; k <= MAX_EDITS; k += 1) {
      let recalled = 0;
      let falseMatches = 0;
      let distances = 0;
      let maxDistance = 0;
      let copies = 0;
      for (const id of sources) {
        for (let r = 0; r < repeat; r += 1) {
          const copy = simhash(editedCopy(originals[id], k, next, pool));
          queries.push(copy);
          copies += 1;
          const matches = index.near(copy);
          const distance = hammingDistance(copy, fingerprints[id]);
          distances += distance;
          maxDistance = Math.max(maxDistance, distance);
          if (matches.includes(id)) recalled += 1;
          falseMatches += matches.filter((other) => other !== id).length;
        }
      }
      console.log(
        `${String(k).padStart(2)} | ${String(copies).padStart(6)} | ${percent(recalled, copies).padStart(6)} | ${percent(recalled, recalled + falseMatches).padStart(9)} | ${(distances / copies).toFixed(2).padStart(13)} | ${String(maxDistance).padStart(12)}`,
      );
    }
    console.log('');
  };
  table(`copies of the real seed page (${options.copies} random copies per k; a false match is a synthetic page within 3 bits):`, [0], options.copies);
  const synthetic = Array.from({ length: Math.min(options.copies, options.n) }, (_, i) => i + 1);
  table(`copies of ${synthetic.length} synthetic pages (one copy each per k):`, synthetic, 1);

  const termSets = originals.map((text) => new Set(weightedTerms(text).keys()));
  const jaccard = (a: number, b: number) => {
    const shared = [...termSets[a]].filter((term) => termSets[b].has(term)).length;
    return shared / (termSets[a].size + termSets[b].size - shared);
  };
  let pairs = 0;
  let falsePairs = 0;
  let closeOverlap = 0;
  let allOverlap = 0;
  let seedFalse = 0;
  let seedNearest = 64;
  for (let a = 0; a < originals.length; a += 1) {
    for (let b = a + 1; b < originals.length; b += 1) {
      pairs += 1;
      const distance = hammingDistance(fingerprints[a], fingerprints[b]);
      const overlap = jaccard(a, b);
      allOverlap += overlap;
      if (distance <= 3) {
        falsePairs += 1;
        closeOverlap += overlap;
      }
      if (a === 0) {
        seedNearest = Math.min(seedNearest, distance);
        if (distance <= 3) seedFalse += 1;
      }
    }
  }
  console.log(`the real seed page vs ${options.n} synthetic pages: ${seedFalse} within 3 bits, nearest ${seedNearest} bits`);
  console.log(
    `distinct pages, all ${pairs} pairs: ${falsePairs} within 3 bits (${percent(falsePairs, pairs)}); shared terms (Jaccard) ${percent(closeOverlap, falsePairs)} for those, ${percent(allOverlap, pairs)} over all pairs`,
  );

  // Lookup: the block index against a scan of every fingerprint, same answers required.
  const rounds = Math.max(1, Math.floor(20000 / queries.length));
  let same = true;
  for (const query of queries) same &&= JSON.stringify(index.near(query)) === JSON.stringify(index.scan(query));
  started = performance.now();
  for (let r = 0; r < rounds; r += 1) for (const query of queries) index.scan(query);
  const scan = (performance.now() - started) / (rounds * queries.length);
  started = performance.now();
  for (let r = 0; r < rounds; r += 1) for (const query of queries) index.near(query);
  const blocks = (performance.now() - started) / (rounds * queries.length);
  console.log(`lookup over ${originals.length} fingerprints: scan ${(scan * 1000).toFixed(1)} µs, block index ${(blocks * 1000).toFixed(1)} µs, ratio ${(scan / blocks).toFixed(1)}x, same answers: ${same ? 'yes' : 'NO'}`);
  return same && realWrong === 0 ? EXIT_OK : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nusage: node scripts/cli.js bench-reprints [--n 300] [--copies 100] [--seed 12]\n`);
    process.exitCode = EXIT_USAGE;
  },
);
