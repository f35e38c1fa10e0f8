/**
 * The floor plan, checked: imports between the files of src/ and between its folders run one way
 * (no cycle), the core knows nothing of Strapi or of the app, and the database floor imports no
 * feature. A new import that closes a loop fails here with the loop named.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';

const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'admin' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*['"]([^'"]+)['"]|(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(`${path.relative(SRC, from)} imports ${specifier}, which does not exist`);
}

const relative = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
/** A file's folder under src/ (its first segment), or the file itself at the top. */
const folderOf = (file: string) => relative(file).split('/')[0];

const files = sources(SRC);
const imports = new Map<string, { local: string[]; packages: string[] }>(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const local: string[] = [];
    const packages: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const target = resolve(file, specifier);
      if (target) local.push(target);
      else packages.push(specifier);
    }
    return [file, { local, packages }];
  }),
);

/** Every cycle of the graph as one of its loops (Tarjan's strongly connected components, then a path round each). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) components.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  // A readable loop inside each component: from its first node, follow edges inside it until a node repeats.
  return components.map((component) => {
    const inside = new Set(component);
    const loop = [component.sort()[0]];
    for (;;) {
      const next = [...(graph.get(loop[loop.length - 1]) ?? [])].filter((n) => inside.has(n)).sort()[0];
      const seen = loop.indexOf(next);
      if (seen >= 0) return [...loop.slice(seen), next];
      loop.push(next);
    }
  });
}

const fileGraph = new Map([...imports].map(([file, { local }]) => [relative(file), new Set(local.map(relative))]));
const folderGraph = new Map<string, Set<string>>();
for (const [file, { local }] of imports) {
  for (const target of local) {
    if (folderOf(file) === folderOf(target)) continue;
    if (!folderGraph.has(folderOf(file))) folderGraph.set(folderOf(file), new Set());
    folderGraph.get(folderOf(file))!.add(folderOf(target));
  }
}

test('no file of src/ imports itself back through others', () => {
  expect(cycles(fileGraph).map((loop) => loop.join(' → '))).toEqual([]);
});

test('no folder of src/ imports itself back through others', () => {
  expect(cycles(folderGraph).map((loop) => loop.join(' → '))).toEqual([]);
});

test('the core imports no other folder and nothing of Strapi', () => {
  const core = files.filter((file) => folderOf(file) === 'core');
  expect(core.length).toBeGreaterThan(10);
  const outside = core.flatMap((file) => imports.get(file)!.local.filter((target) => folderOf(target) !== 'core').map((target) => `${relative(file)} → ${relative(target)}`));
  const strapi = core.flatMap((file) => imports.get(file)!.packages.filter((name) => name.startsWith('@strapi/')).map((name) => `${relative(file)} → ${name}`));
  expect([...outside, ...strapi]).toEqual([]);
});

test('the database floor imports only the core', () => {
  const db = files.filter((file) => folderOf(file) === 'db');
  expect(db.length).toBeGreaterThan(5);
  const above = db.flatMap((file) => imports.get(file)!.local.filter((target) => !['db', 'core'].includes(folderOf(target))).map((target) => `${relative(file)} → ${relative(target)}`));
  expect(above).toEqual([]);
});

test('each derived index is a folder of the same rooms', () => {
  const ROOMS = ['check.ts', 'index.ts', 'queries.ts', 'read.ts', 'rebuild.ts', 'sync.ts', 'tables.ts'];
  for (const index of ['fingerprints', 'related', 'search']) {
    expect({ index, rooms: readdirSync(path.join(SRC, index)).sort() }).toEqual({ index, rooms: ROOMS });
  }
});

test('the check finds a cycle when there is one', () => {
  const graph = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
    ['d', new Set(['a'])],
  ]);
  expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
});
