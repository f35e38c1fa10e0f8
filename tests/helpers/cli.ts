import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve(__dirname, '../../scripts/cli.js');
const APP_DIR = path.resolve(__dirname, '../..');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Standard output as written, for a command that writes bytes (a WARC). */
  stdoutBytes: Buffer;
  stderr: string;
}

/**
 * Runs `node scripts/cli.js <args>` as a child process against the database the test booted
 * (startStrapi put its settings and secrets in process.env, which the child inherits).
 */
export function startCli(args: string[]): { child: ChildProcess; done: Promise<CliRun> } {
  // pg warns about Strapi's own overlapping queries; the tests read the command's stderr, not that.
  const env = { ...process.env, NODE_OPTIONS: '--no-deprecation' };
  const child = spawn(process.execPath, [CLI, ...args], { cwd: APP_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk) => out.push(chunk));
  child.stderr!.on('data', (chunk) => err.push(chunk));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stdoutBytes: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
  return { child, done };
}

export const runCli = (args: string[]): Promise<CliRun> => startCli(args).done;
