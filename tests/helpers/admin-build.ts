import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import globalSetup from './global-setup';

const APP_DIR = path.resolve(__dirname, '../..');
const ADMIN_INDEX = path.join(APP_DIR, 'dist', 'build', 'index.html');
const ADMIN_SOURCES = path.join(APP_DIR, 'src', 'admin');

function newestChange(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? newestChange(path.join(dir, entry.name)) : fs.statSync(path.join(dir, entry.name)).mtimeMs))
    .reduce((a, b) => Math.max(a, b), 0);
}

/** Browser tests need the compiled app and the built admin panel: build it when missing or older than src/admin. */
export default async function adminBuild(): Promise<void> {
  await globalSetup();
  const built = fs.existsSync(ADMIN_INDEX) ? fs.statSync(ADMIN_INDEX).mtimeMs : 0;
  if (built < newestChange(ADMIN_SOURCES)) {
    execFileSync(path.join(APP_DIR, 'node_modules', '.bin', 'strapi'), ['build'], { cwd: APP_DIR, stdio: 'inherit' });
  }
}
