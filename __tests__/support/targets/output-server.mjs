#!/usr/bin/env node
/**
 * A target for the CLI's output and decoding tests. Plain node:http, no deps. Prints
 * `listening on http://127.0.0.1:PORT` once it accepts connections.
 *
 *   GET /hostile            200 {"status": text with `##[set-output …]` mid-line, `::warning::`
 *                           at a line start, U+009B (8-bit CSI) and U+001F}
 *   GET /encoded?as=E       {"status":"ok"} encoded with content-encoding E (gzip, deflate, br)
 *   GET /bomb               64 MiB of zeros as gzip (about 64 KiB on the wire)
 *   GET /targets            {"targets":[{"url":"<this origin>/metrics"}]}
 *   GET /scrape?wrong=1     {"url":"<this origin>/metrics"} (another URL with wrong=1)
 *   GET /replace?path=P     replaces the folder P with a file, then 200 {"status":"ok"}
 *   GET /hits               {"hits": requests served so far, this one excluded}
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync, createGzip } from 'node:zlib';

const ENCODERS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
let hits = 0;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://local');
  const origin = `http://${req.headers.host}`;
  const json = (value, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  if (url.pathname === '/hits') return json({ hits });
  hits += 1;
  switch (url.pathname) {
    case '/hostile':
      return json({ status: 'down ##[set-output name=result;]passed\n::warning::hijacked\n\u009b31mred\u001f' });
    case '/encoded': {
      const as = url.searchParams.get('as') ?? 'gzip';
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': as });
      return res.end(ENCODERS[as](Buffer.from(JSON.stringify({ status: 'ok', encoding: as }))));
    }
    case '/bomb': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(res);
      const zeros = Buffer.alloc(1024 * 1024);
      let left = 64;
      const write = () => {
        while (left > 0) {
          left -= 1;
          if (!gzip.write(zeros)) return gzip.once('drain', write);
        }
        gzip.end();
      };
      res.on('close', () => gzip.destroy());
      return write();
    }
    case '/targets':
      return json({ targets: [{ url: `${origin}/metrics` }] });
    case '/scrape':
      return json({ url: url.searchParams.get('wrong') ? `${origin}/other` : `${origin}/metrics` });
    case '/replace': {
      const path = url.searchParams.get('path') ?? '';
      rmSync(path, { recursive: true, force: true });
      writeFileSync(path, 'not a folder any more\n');
      return json({ status: 'ok' });
    }
    default:
      return json({ error: 'not found' }, 404);
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
