import fs from 'node:fs';
import path from 'node:path';
import { SECRET_NAMES } from '../../src/security/secrets';

/**
 * Every environment variable the app reads (config/, src/, scripts/) is documented: in .env.example,
 * or, for a benchmark-only knob, in the README. The names are found in the source text by the ways
 * this code base reads the environment; a new way of reading it needs a new pattern here.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['config', 'src', 'scripts'];

/** Read only by the benchmarks; documented in the README's benchmark table, not in .env.example. */
const BENCHMARK_ONLY = ['BENCH_PROFILE', 'BENCH_SQL', 'BENCH_NODE_ARGS', 'KUAIZHAO_RELATED_INDEXING'];

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const QUOTED = (group: string) => `['"\`](${group})['"\`]`;
const PATTERNS = [
  // Strapi's config helper: env('X'), env('X', default), env.int('X'), env.bool('X'), env.array('X')…
  new RegExp(`\\benv(?:\\.[a-zA-Z]+)?\\(\\s*${QUOTED(NAME)}`, 'g'),
  // process.env.X (read, or set for code that reads it)
  new RegExp(`\\bprocess\\.env\\.(${NAME})`, 'g'),
  // process.env['X']
  new RegExp(`\\bprocess\\.env\\[\\s*${QUOTED(NAME)}\\s*\\]`, 'g'),
  // X of an environment record handed around (`env.DATABASE_URL`, `database.env.DATABASE_FILENAME`)
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
];
/** process.env[CONSTANT]: the constant is resolved through its `const CONSTANT = 'X'`. */
const BY_CONSTANT = new RegExp(`\\bprocess\\.env\\[\\s*([A-Z][A-Z0-9_]*)\\s*\\]`, 'g');
const CONSTANT = new RegExp(`\\bconst\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*${QUOTED(NAME)}`, 'g');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

/** The environment variables named in these sources, each with the files that read it. */
export function namesRead(sources: Record<string, string>): Map<string, string[]> {
  const constants = new Map<string, string>();
  for (const text of Object.values(sources)) for (const [, constant, value] of text.matchAll(CONSTANT)) constants.set(constant, value);
  const found = new Map<string, string[]>();
  const add = (name: string, file: string) => found.set(name, [...new Set([...(found.get(name) ?? []), file])]);
  for (const [file, text] of Object.entries(sources)) {
    for (const pattern of PATTERNS) for (const [, name] of text.matchAll(pattern)) add(name, file);
    for (const [, constant] of text.matchAll(BY_CONSTANT)) {
      const name = constants.get(constant);
      if (name === undefined) throw new Error(`${file}: process.env[${constant}]: no \`const ${constant} = '…'\` to resolve it`);
      add(name, file);
    }
  }
  return found;
}

function appSources(): Record<string, string> {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  return Object.fromEntries(files.map((file) => [path.relative(ROOT, file), fs.readFileSync(file, 'utf8')]));
}

function appNamesRead(): Map<string, string[]> {
  const found = namesRead(appSources());
  // assertRealSecrets(process.env) reads each of SECRET_NAMES (src/security/secrets.ts).
  for (const name of SECRET_NAMES) found.set(name, [...(found.get(name) ?? []), 'src/security/secrets.ts']);
  return found;
}

/** Names set (`NAME=…`) or shown commented out (`# NAME=…`) in .env.example. */
function documentedNames(): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(new RegExp(`^#?\\s*(${NAME})=`, 'gm'))].map(([, name]) => name));
}

const readme = () => fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test('the extraction finds each way of reading the environment', () => {
  const found = namesRead({
    'config/a.ts': "env('A'); env.int(\"B\", 1); env.bool(`C`, false); env.array('D', [])",
    'src/b.ts': "process.env.E; process.env['F']; const SWITCH = 'G'; process.env[SWITCH]; env.H",
  });
  expect([...found.keys()].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
  expect(() => namesRead({ 'src/c.ts': 'process.env[UNKNOWN]' })).toThrow('process.env[UNKNOWN]');
});

test('the extraction sees the settings of config/ and src/', () => {
  const found = appNamesRead();
  for (const name of ['DATABASE_HOST', 'REQUEST_QUEUE_ENABLED', 'ADMIN_COOKIE_SECURE', 'JWT_SECRET', 'KUAIZHAO_RELATED_INDEXING', 'KUAIZHAO_CWD']) {
    expect(found.has(name)).toBe(true);
  }
});

test('every environment variable read is in .env.example or a benchmark knob of the README', () => {
  const documented = documentedNames();
  const undocumented = [...appNamesRead()]
    .filter(([name]) => !documented.has(name) && !BENCHMARK_ONLY.includes(name))
    .map(([name, files]) => `${name} (read in ${files.join(', ')})`);
  expect(undocumented).toEqual([]);
});

test('the benchmark knobs are in the README and read by the code', () => {
  const found = appNamesRead();
  expect(BENCHMARK_ONLY.filter((name) => !readme().includes(`\`${name}\``))).toEqual([]);
  expect(BENCHMARK_ONLY.filter((name) => !found.has(name))).toEqual([]);
});

test('every name in .env.example is read by the code', () => {
  const found = appNamesRead();
  expect([...documentedNames()].filter((name) => !found.has(name))).toEqual([]);
});
