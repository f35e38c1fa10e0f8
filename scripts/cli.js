#!/usr/bin/env node
// Runs a command of src/cli/ (`node scripts/cli.js import <paths...>`). The app is TypeScript
// compiled to dist/, so the command compiles it first when dist/ is missing or older than the
// source, and creates .env (secrets) on a fresh clone. Everything it prints goes to stderr:
// stdout belongs to the command (`export` prints a page byte for byte).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SOURCES = ['src', 'config'].map((dir) => path.join(ROOT, dir));
// tsc re-emits only what changed, so compare with the newest compiled file, not one file.
const COMPILED = ['src', 'config'].map((dir) => path.join(ROOT, 'dist', dir));

const [command, ...args] = process.argv.slice(2);
const commands = fs
  .readdirSync(path.join(ROOT, 'src', 'cli'))
  .filter((file) => file.endsWith('.ts') && file !== 'app.ts')
  .map((file) => file.replace(/\.ts$/, ''));
if (!commands.includes(command)) {
  process.stderr.write(`usage: node scripts/cli.js <${commands.join('|')}> [arguments]\n`);
  process.exit(2);
}

function newestFile(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(ROOT, 'src', 'admin')) newest = Math.max(newest, newestFile(full));
    } else if (/\.(ts|js|json)$/.test(entry.name)) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

async function main() {
  const compiled = path.join(ROOT, 'dist', 'src', 'cli', `${command}.js`);
  const stale = !fs.existsSync(compiled) || Math.max(...SOURCES.map(newestFile)) > Math.max(...COMPILED.map(newestFile));
  if (stale) {
    process.stderr.write('compiling the app...\n');
    const log = console.log;
    console.log = (...line) => process.stderr.write(`${line.join(' ')}\n`);
    await require('@strapi/strapi').compileStrapi({ appDir: ROOT });
    console.log = log;
  }
  const envFile = path.join(ROOT, '.env');
  if (!process.env.APP_KEYS && !fs.existsSync(envFile)) {
    execFileSync(process.execPath, [path.join(__dirname, 'ensure-env.js')], { stdio: ['ignore', 2, 2] });
  }
  // As `strapi start` does; variables already set win.
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  // The app runs from its root (config paths such as .tmp/data.db are relative to it); a command
  // that takes paths reads them from where it was typed (INIT_CWD under `npm run`).
  const viaNpm = (process.env.npm_lifecycle_script || '').includes('scripts/cli.js');
  process.env.KUAIZHAO_CWD = (viaNpm && process.env.INIT_CWD) || process.cwd();
  process.chdir(ROOT);
  process.argv = [process.argv[0], compiled, ...args];
  require(compiled);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
