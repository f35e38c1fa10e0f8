import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env } from '@strapi/utils';
import databaseConfig, { reusePreparedStatements, sqliteBootDone } from '../../config/database';

const saved = { ...process.env };
const cwd = process.cwd();
let dir: string;

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-config-')));
  process.chdir(dir);
  for (const key of ['DATABASE_CLIENT', 'DATABASE_FILENAME', 'DATABASE_URL']) delete process.env[key];
});
afterEach(() => {
  process.chdir(cwd);
  process.env = { ...saved };
  fs.rmSync(dir, { recursive: true, force: true });
});

test('with no settings at all, SQLite lives in .tmp/data.db and its folder is created', () => {
  const { connection } = databaseConfig({ env });
  expect(connection.client).toBe('sqlite');
  expect(connection.connection).toEqual({ filename: path.join(dir, '.tmp', 'data.db') });
  expect(fs.statSync(path.join(dir, '.tmp')).isDirectory()).toBe(true);
});

test('an empty DATABASE_FILENAME falls back to the default instead of failing to open', () => {
  process.env.DATABASE_FILENAME = '';
  expect(databaseConfig({ env }).connection.connection).toEqual({ filename: path.join(dir, '.tmp', 'data.db') });
});

test('a DATABASE_FILENAME in a missing folder gets its folder', () => {
  process.env.DATABASE_FILENAME = 'var/db/archive.db';
  expect(databaseConfig({ env }).connection.connection).toEqual({ filename: path.join(dir, 'var', 'db', 'archive.db') });
  expect(fs.statSync(path.join(dir, 'var', 'db')).isDirectory()).toBe(true);
});

test('DATABASE_CLIENT=postgres connects with DATABASE_URL', () => {
  process.env.DATABASE_CLIENT = 'postgres';
  process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kuaizhao';
  const { connection } = databaseConfig({ env });
  expect(connection.client).toBe('postgres');
  expect(connection.connection).toEqual({ connectionString: 'postgres://postgres@127.0.0.1:5432/kuaizhao', ssl: false });
});

test('an unknown DATABASE_CLIENT is refused by name', () => {
  process.env.DATABASE_CLIENT = 'mysql';
  expect(() => databaseConfig({ env })).toThrow('DATABASE_CLIENT must be "sqlite" or "postgres", not "mysql"');
});

describe('reusePreparedStatements', () => {
  const Database = require('better-sqlite3');
  let db: any;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  test('the same SQL reuses its compiled statement; other SQL gets its own; the cache stays bounded', () => {
    reusePreparedStatements(db, 2);
    const first = db.prepare('SELECT 1 AS n');
    expect(db.prepare('SELECT 1 AS n')).toBe(first);
    expect(db.prepare('SELECT 2 AS n')).not.toBe(first);
    db.prepare('SELECT 3 AS n');
    // Full at two: cleared, so the first is compiled again.
    expect(db.prepare('SELECT 1 AS n')).not.toBe(first);
  });

  test('a reused statement gives fresh results, with new bindings and after the table changed', () => {
    reusePreparedStatements(db, 10);
    db.prepare('CREATE TABLE t (a INTEGER)').run();
    db.prepare('INSERT INTO t (a) VALUES (?)').run(1);
    db.prepare('INSERT INTO t (a) VALUES (?)').run(2);
    expect(db.prepare('SELECT * FROM t WHERE a >= ? ORDER BY a').all(1)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(db.prepare('SELECT * FROM t WHERE a >= ? ORDER BY a').all(2)).toEqual([{ a: 2 }]);
    db.prepare('ALTER TABLE t ADD COLUMN b TEXT').run();
    db.prepare("UPDATE t SET b = 'x'").run();
    expect(db.prepare('SELECT * FROM t WHERE a >= ? ORDER BY a').all(2)).toEqual([{ a: 2, b: 'x' }]);
  });
});

describe('SQLite transactions begin with the write lock while the app boots, deferred after', () => {
  const Database = require('better-sqlite3');
  let file: string;
  const open = (configured: boolean) => {
    const db = new Database(file);
    if (configured) {
      const { pool } = databaseConfig({ env }).connection as any;
      pool.afterCreate(db, (error: Error | null) => {
        if (error) throw error;
      });
    }
    db.pragma('busy_timeout = 0');
    return db;
  };
  beforeEach(() => {
    file = path.join(dir, 'locks.db');
    const db = open(true);
    db.prepare('CREATE TABLE t (a INTEGER)').run();
    db.close();
  });

  test("knex's deferred BEGIN: a transaction that read, then writes after another process committed, fails at once", () => {
    const reader = open(false);
    const other = open(false);
    reader.prepare('BEGIN;').run();
    reader.prepare('SELECT count(*) FROM t').get();
    other.prepare('INSERT INTO t VALUES (1)').run();
    expect(() => reader.prepare('INSERT INTO t VALUES (2)').run()).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY_SNAPSHOT' }));
    reader.close();
    other.close();
  });

  test('while booting, configured as the app configures it, the same transaction holds the lock from BEGIN: the other writer waits, it does not', () => {
    const writer = open(true);
    const other = open(true);
    writer.prepare('BEGIN;').run();
    expect(writer.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    // The other process is the one to wait (here with no busy timeout: refused at once).
    expect(() => other.prepare('INSERT INTO t VALUES (1)').run()).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    writer.prepare('INSERT INTO t VALUES (2)').run();
    writer.prepare('COMMIT;').run();
    other.prepare('INSERT INTO t VALUES (1)').run();
    expect(other.prepare('SELECT a FROM t ORDER BY a').all()).toEqual([{ a: 1 }, { a: 2 }]);
    writer.close();
    other.close();
  });

  test('once booted, a transaction begins deferred: a reader in one does not wait for a writer holding the lock', () => {
    const writer = open(true);
    const reader = open(true);
    try {
      sqliteBootDone();
      writer.prepare('BEGIN;').run();
      writer.prepare('INSERT INTO t VALUES (3)').run();
      reader.prepare('BEGIN;').run();
      expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
      reader.prepare('COMMIT;').run();
      writer.prepare('COMMIT;').run();
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('kuaizhao.sqlite.booted')];
      writer.close();
      reader.close();
    }
  });
});
