/**
 * One autocannon run in its own process (scripts/bench-load.js), so the load generator does not
 * share the server's event loop: for the benchmarks that load a served archive (bench:load,
 * bench:related).
 */
import { fork } from 'node:child_process';
import path from 'node:path';

/** dist/src/bench → the project root. */
const LOAD_RUNNER = path.join(path.resolve(__dirname, '../../..'), 'scripts', 'bench-load.js');

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** `connections` clients asking for `paths` in turn on `url` for `duration` seconds. */
export function measureLoad(url: string, paths: string[], connections: number, duration: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_RUNNER, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (result) => {
      child.kill();
      resolve(result as Load);
    });
    child.once('error', reject);
    child.send({ url, paths, duration, connections });
  });
}
