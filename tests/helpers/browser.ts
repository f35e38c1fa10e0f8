import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/** Debian's package (what CI installs); any other binary can be named with CHROMIUM_PATH. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Ours: headless, and kept off a network this machine does not have. */
const OUR_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumBinary {
  executablePath: string;
  args: string[];
  /** Where it came from, for the message when it does not start. */
  origin: 'CHROMIUM_PATH' | 'debian' | 'npm';
}

/** `--name=value` and `--name` are the same switch; ours win, theirs fill in the rest, in order. */
export function mergeArgs(theirs: readonly string[], ours: readonly string[]): string[] {
  const name = (arg: string) => arg.split('=')[0];
  const taken = new Set(ours.map(name));
  return [...theirs.filter((arg) => !taken.has(name(arg))), ...ours];
}

/**
 * The Chromium of the npm package @sparticuz/chromium (installed by `npm ci`), for a machine
 * without Debian's. The package ships the binary brotli-compressed; `executablePath()` unpacks
 * it into os.tmpdir() and reuses whatever is at `<tmpdir>/chromium` — also a half-written file
 * from a run unpacking at the same moment, or another version's. So it unpacks in a child process
 * whose TMPDIR is a fresh directory, renamed into place when complete: a directory per package
 * version, appearing all at once, shared by every later run (about 2 s the first time).
 */
export async function npmChromium(): Promise<ChromiumBinary> {
  // The package exports no ./package.json; its entry point is build/cjs/index.cjs.
  const entry = require.resolve('@sparticuz/chromium');
  const packageDir = path.resolve(path.dirname(entry), '../..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const dir = path.join(os.tmpdir(), `kuaizhao-chromium-${version}`);
  const executablePath = path.join(dir, 'chromium');
  if (!fs.existsSync(executablePath)) {
    const staging = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}`;
    fs.mkdirSync(staging);
    try {
      const unpack = `require(${JSON.stringify(entry)}).executablePath().then((p) => process.stdout.write(p))`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', unpack], { env: { ...process.env, TMPDIR: staging } });
      if (stdout !== path.join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout}, expected ${staging}`);
      fs.renameSync(staging, dir);
    } catch (error) {
      // Another run renamed its copy into place first: use that one.
      if (!fs.existsSync(executablePath)) throw error;
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  return { executablePath, args: mergeArgs(packagedChromium.args, OUR_ARGS), origin: 'npm' };
}

/** CHROMIUM_PATH when set, else Debian's Chromium when installed, else the one from npm. */
export async function findChromium(): Promise<ChromiumBinary> {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    // A path someone set on purpose and got wrong should fail, not be quietly replaced.
    if (!fs.existsSync(named)) throw new Error(`CHROMIUM_PATH is ${named}, which does not exist`);
    return { executablePath: named, args: OUR_ARGS, origin: 'CHROMIUM_PATH' };
  }
  if (fs.existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, args: OUR_ARGS, origin: 'debian' };
  return npmChromium();
}

/** A headless Chromium for the browser tests, from wherever findChromium finds one. */
export async function launchChromium(binary?: ChromiumBinary): Promise<Browser> {
  const { executablePath, args, origin } = binary ?? (await findChromium());
  try {
    return await chromium.launch({ executablePath, args });
  } catch (error) {
    throw Object.assign(new Error(`Chromium (${origin}) at ${executablePath} did not start; set CHROMIUM_PATH to use another`), { cause: error });
  }
}
