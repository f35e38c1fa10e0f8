/**
 * `node scripts/cli.js bench-load [--duration 20] [--import 1000] [--slow-bodies 10]`: a benchmark, not a test.
 * Serves a fresh archive (SQLite in a temp file; PostgreSQL when DATABASE_CLIENT=postgres and
 * DATABASE_URL name a server, a database created per run and dropped) and loads it as a busy
 * public site would: 50 clients on GET /api/articles and 10 on GET /api/articles/:id/related, for
 * --duration seconds, first alone, then while `import` writes --import new articles from another
 * process. Prints req/s, p99 and errors for each endpoint and both runs, and the ratio. With
 * --slow-bodies N, a third run (and the import's) has N attackers' sockets send POST /graphql headers promising a
 * body and then trickle it a byte at a time (a socket the server closes is opened again).
 * The load generator runs in its own processes (scripts/bench-load.js, autocannon), so it does not
 * share the server's event loop.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { measureLoad, type Load } from '../bench/autocannon';
import { syntheticPage } from '../bench/synthetic-pages';
import { listInputFiles } from '../import/input';
import { importFiles } from '../import/run-import';
import { ARTICLE } from '../db/uids';
import { VISIBLE_ARTICLE_WHERE } from '../db/visibility';
import { EXIT_USAGE, numberOption, runCommand } from './app';
import { createThrowawayDatabase, databaseClientFromEnv } from '../testing/throwaway-app';

const APP_DIR = path.resolve(__dirname, '../../..');
const CLI = path.join(APP_DIR, 'scripts', 'cli.js');
/** Articles in the archive before the load starts. */
const BASE = 200;

function writePages(dir: string, from: number, to: number, total: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = from; i < to; i += 1) fs.writeFileSync(path.join(dir, `${String(i).padStart(6, '0')}.txt`), syntheticPage(i, total));
}

/** The import command in another process, as an operator would run it next to the server. */
function runImport(dir: string): Promise<{ code: number | null; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'import', dir], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Body bytes each slow socket promises, and how often it sends one. */
const SLOW_BODY_BYTES = 1000;
const SLOW_BODY_TICK_MS = 200;

/** `count` sockets trickling POST /graphql bodies until stopped; returns how the server answered them. */
function slowBodies(port: number, count: number): { stop: () => Record<string, number> } {
  const answers: Record<string, number> = {};
  let stopped = false;
  const sockets = new Set<net.Socket>();
  const open = () => {
    if (stopped) return;
    const socket = net.connect(port, '127.0.0.1');
    sockets.add(socket);
    let answered = false;
    socket.on('data', (data) => {
      if (answered) return;
      answered = true;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data.toString())?.[1] ?? 'other';
      answers[status] = (answers[status] ?? 0) + 1;
    });
    socket.on('error', () => {});
    socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${SLOW_BODY_BYTES}\r\n\r\n{`);
    const timer = setInterval(() => socket.writable && socket.write(' '), SLOW_BODY_TICK_MS);
    socket.on('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
      open();
    });
  };
  for (let i = 0; i < count; i += 1) open();
  return {
    stop() {
      stopped = true;
      for (const socket of sockets) socket.destroy();
      return answers;
    },
  };
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const row = (label: string, endpoint: string, m: Load) =>
  `${label.padEnd(16)} ${endpoint.padEnd(13)} ${fixed(m.requestsPerSecond).padStart(8)} req/s  p99 ${String(m.p99).padStart(6)} ms  ` +
  `errors ${m.errors + m.non2xx} (${m.non2xx} non-2xx, ${m.errors} failed)  ${m.total} requests`;

async function main(args: string[]): Promise<number> {
  const duration = numberOption(args, 'duration', 20);
  const imports = numberOption(args, 'import', 1000);
  const slow = numberOption(args, 'slow-bodies', 0);
  if (!(duration > 0) || !Number.isInteger(imports) || imports < 1 || !Number.isInteger(slow) || slow < 0) {
    process.stderr.write('usage: node scripts/cli.js bench-load [--duration <seconds>] [--import <articles>] [--slow-bodies <sockets>]\n');
    return EXIT_USAGE;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-bench-load-'));
  const database = await createThrowawayDatabase(databaseClientFromEnv(), { prefix: 'kuaizhao_bench_load' });
  Object.assign(process.env, database.env, { LOG_LEVEL: 'error', HOST: '127.0.0.1', PORT: '0' });
  const total = BASE + imports;
  writePages(path.join(tmp, 'base'), 0, BASE, total);
  writePages(path.join(tmp, 'import'), BASE, total, total);

  const strapi = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  try {
    await strapi.load();
    await importFiles(strapi, listInputFiles([path.join(tmp, 'base')]).files, { publish: true, dryRun: false });
    await strapi.server.mount();
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    const address = strapi.server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
    const url = `http://127.0.0.1:${address.port}`;
    const ids: string[] = (
      await strapi.db.query(ARTICLE).findMany({ where: VISIBLE_ARTICLE_WHERE, select: ['documentId'], limit: 100 })
    ).map((r: { documentId: string }) => r.documentId);
    const relatedPaths = ids.map((id) => `/api/articles/${id}/related`);

    const run = async () => {
      const [articles, related] = await Promise.all([measureLoad(url, ['/api/articles'], 50, duration), measureLoad(url, relatedPaths, 10, duration)]);
      return { articles, related };
    };
    process.stderr.write(`${database.client === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${BASE} articles served; load alone for ${duration} s...\n`);
    const alone = await run();
    let slowRun: { articles: Load; related: Load; answers: Record<string, number> } | null = null;
    if (slow > 0) {
      process.stderr.write(`load for ${duration} s while ${slow} sockets trickle POST /graphql bodies...\n`);
      const attackers = slowBodies(address.port, slow);
      const measured = await run();
      slowRun = { ...measured, answers: attackers.stop() };
    }
    process.stderr.write(`${database.client === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: load for ${duration} s while importing ${imports} articles from another process...\n`);
    const importing = runImport(path.join(tmp, 'import'));
    // The attackers stay on during the import: its writes and their sockets together.
    const importAttackers = slow > 0 ? slowBodies(address.port, slow) : null;
    const during = await run();
    const importAnswers = importAttackers?.stop();
    const imported = await importing;
    const duringLabel = slow > 0 ? `import + ${slow} slow` : 'during import';

    const lines = [
      `bench:load on ${database.client === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${duration} s per run, 50 clients on /api/articles, 10 on /related`,
      row('alone', '/api/articles', alone.articles),
      row('alone', '/related', alone.related),
      ...(slowRun
        ? [
            row(`${slow} slow bodies`, '/api/articles', slowRun.articles),
            row(`${slow} slow bodies`, '/related', slowRun.related),
            `slow-body sockets answered: ${Object.entries(slowRun.answers).map(([status, n]) => `${n} × ${status}`).join(', ') || 'none'}`,
          ]
        : []),
      row(duringLabel, '/api/articles', during.articles),
      row(duringLabel, '/related', during.related),
      ...(importAnswers ? [`slow-body sockets answered during the import: ${Object.entries(importAnswers).map(([status, n]) => `${n} × ${status}`).join(', ') || 'none'}`] : []),
      `import of ${imports} articles: exit ${imported.code}, ${fixed(imported.seconds)} s (${fixed(imports / imported.seconds)} articles/s, overlapping the load for the first ${duration} s)`,
      `during / alone req/s: /api/articles ${fixed(during.articles.requestsPerSecond / alone.articles.requestsPerSecond, 2)}x, ` +
        `/related ${fixed(during.related.requestsPerSecond / alone.related.requestsPerSecond, 2)}x`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await strapi.destroy().catch(() => {});
    await database.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

runCommand(main);
