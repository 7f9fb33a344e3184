/**
 * The re-decoding checks' own server on 127.0.0.1 (the shared one sends `no-store`, which keeps every page out of
 * the HTTP cache): serves the lying pages of redecode-pages.ts at /rd/<name>, cacheable as ordinary pages are
 * (`Cache-Control: max-age=600`), and counts the requests for each address (path and query), so a check can
 * assert that a page was fetched exactly once.
 */
import { createServer } from 'node:http';
import { buildPages, type ServedPage } from './redecode-pages';

export interface RedecodeServer {
  base: string;
  pages: Map<string, ServedPage>;
  /** Requests seen for `pathAndQuery` (e.g. `/rd/gbk-as-utf8.html?v=3`). */
  count(pathAndQuery: string): number;
}

let started: Promise<RedecodeServer> | null = null;

export function redecodeServer(): Promise<RedecodeServer> {
  return (started ??= new Promise((ok) => {
    const pages = buildPages();
    const counts = new Map<string, number>();
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const key = url.pathname + url.search;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const page = url.pathname.startsWith('/rd/') ? pages.get(url.pathname.slice(4)) : undefined;
      if (!page || req.method !== 'GET') { res.writeHead(404, { 'cache-control': 'no-store' }).end('not found'); return; }
      res.writeHead(200, { 'content-type': page.contentType, 'content-length': page.body.length, 'cache-control': 'max-age=600' });
      res.end(Buffer.from(page.body));
    });
    // The runner exits when its checks are done: this server must not keep it alive.
    server.unref();
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      ok({ base: `http://127.0.0.1:${port}`, pages, count: (k) => counts.get(k) ?? 0 });
    });
  }));
}
