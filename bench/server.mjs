#!/usr/bin/env node
/**
 * The benchmark's stand-in service: plain node:http on 127.0.0.1, answering every
 * request after a fixed delay with a small JSON body (`{"ok":true,"path":"/x?i=N"}`).
 * Run as its own process by bench/smoke-overhead.mjs so its event loop never competes
 * with the process being measured.
 *
 *   node bench/server.mjs [--delay-ms 100]
 *
 * Prints `listening on http://127.0.0.1:PORT` once it accepts connections; exits on
 * SIGTERM or when its stdin closes (so it never outlives the bench).
 */
import { createServer } from 'node:http';

const arg = process.argv.indexOf('--delay-ms');
const delayMs = arg > 0 ? Number(process.argv[arg + 1]) : 100;

const server = createServer((req, res) => {
  setTimeout(() => {
    const body = JSON.stringify({ ok: true, path: req.url });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }, delayMs);
});
// More than the 50 concurrent clients, and keep-alive longer than any round.
server.maxConnections = 1024;
server.keepAliveTimeout = 30_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.stdin.on('end', stop).resume();
