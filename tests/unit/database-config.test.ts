import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env } from '@strapi/utils';
import databaseConfig from '../../config/database';

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
