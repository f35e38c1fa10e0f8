// Runs one autocannon measurement in its own process (so the load generator does not share the
// server's event loop) and sends the summary back to the parent: see src/bench/autocannon.ts.
const autocannon = require('autocannon');

process.on('message', async ({ url, paths, duration, connections }) => {
  let next = 0;
  const result = await autocannon({
    url,
    duration,
    connections,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  process.send({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  });
});
