/**
 * Gets a document's own bytes again, from its own address, and nothing else.
 *
 * - `cache`: the HTTP cache only (`cache: 'only-if-cached'`, `mode: 'same-origin'`). A miss is an error and sends
 *   nothing on the network, so the automatic path may ask at any time. Firefox keeps the page's cache entry to the
 *   page's own principal: only `content.fetch` (the page-principal fetch Firefox gives content scripts) finds it;
 *   the content script's own `fetch` never does. Chromium's content-script fetch finds it in a top-level document
 *   (never in a frame). A response stored with `Vary: Accept` is found only with the Accept header of the
 *   navigation, so on a miss the browsers' navigation Accept headers are tried too.
 * - `user`: after the cache, one ordinary same-origin GET of the address (`cache: 'force-cache'`): only on the
 *   user's click in the popup. In Firefox the content script's own fetch makes it, which the page's Content
 *   Security Policy does not govern.
 * - `file:` documents are read where the browser lets the extension read local files (Chromium's "Allow access to
 *   file URLs", Firefox's local-file access); reading a file sends nothing anywhere.
 *
 * A page Content Security Policy without the page's own origin in connect-src blocks `content.fetch` in Firefox,
 * and reports it: a policy in a `<meta>` element is read first and the cache is then not asked. A policy sent as a
 * header cannot be read by an extension without another permission (see the README).
 */
/** Larger documents are not re-decoded: decoding and parsing them twice would stall the page. */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/** The navigation Accept headers of Chromium (with and without JPEG XL) and Firefox, for entries stored with `Vary: Accept`. */
const NAVIGATION_ACCEPT = [
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
];

export type BytesSource = 'cache' | 'network' | 'file';

export type PageBytes =
  | { ok: true; bytes: Uint8Array; source: BytesSource }
  | { ok: false; why: string; miss?: boolean };

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;


/**
 * Whether a `<meta http-equiv="Content-Security-Policy">` forbids fetching the page's own origin: its connect-src
 * (or default-src when it has none) lists neither 'self', *, the scheme nor the origin.
 */
export function metaPolicyBlocksSelf(doc: Document, origin: string): boolean {
  for (const meta of doc.querySelectorAll('meta[http-equiv]')) {
    if (meta.getAttribute('http-equiv')?.trim().toLowerCase() !== 'content-security-policy') continue;
    const directives = new Map<string, string[]>();
    for (const part of (meta.getAttribute('content') ?? '').split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources.map((s) => s.toLowerCase()));
    }
    const sources = directives.get('connect-src') ?? directives.get('default-src');
    if (!sources) continue;
    const scheme = origin.slice(0, origin.indexOf(':') + 1);
    const allowed = sources.some((s) => s === "'self'" || s === '*' || s === scheme || s === origin.toLowerCase() || s === `${origin.toLowerCase()}/`);
    if (!allowed) return true;
  }
  return false;
}

/** Copies a response's bytes into this world (Firefox hands page-compartment buffers that cannot be sliced). */
async function bytesOf(res: Response): Promise<Uint8Array> {
  const buf = await res.arrayBuffer();
  const view = new Uint8Array(buf);
  const out = new Uint8Array(view.length);
  out.set(view);
  return out;
}

function acceptable(res: Response, url: string, contentType: string): string | null {
  if (!res.ok || res.status !== 200) return `status ${res.status}`;
  // The address must not have led elsewhere (a login page) since the page was loaded.
  if (res.url && res.url.split('#')[0] !== url) return 'the address now leads elsewhere';
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type && type !== contentType) return `the address now serves ${type}`;
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_PAGE_BYTES) return 'too large';
  return null;
}

export interface BytesRequest {
  win: Window;
  mode: 'cache' | 'user';
  /** Firefox's page-principal fetch (`content.fetch`), null elsewhere: see redecode-client.ts for how it is kept. */
  pageFetch: FetchFn | null;
}

/** The document's bytes, or why not. Never throws. */
export async function fetchPageBytes({ win, mode, pageFetch }: BytesRequest): Promise<PageBytes> {
  const { location, document: doc } = win;
  const url = location.href.split('#')[0];
  const contentType = doc.contentType;
  const protocol = location.protocol;
  const firefoxPage = pageFetch;
  const ownFetch: FetchFn = (u, init) => fetch(u, init);
  const get = async (fn: FetchFn, init: RequestInit, source: BytesSource): Promise<PageBytes> => {
    try {
      const res = await fn(url, init);
      const bad = acceptable(res, url, contentType);
      if (bad) return { ok: false, why: bad };
      const bytes = await bytesOf(res);
      return bytes.length > MAX_PAGE_BYTES ? { ok: false, why: 'too large' } : { ok: true, bytes, source };
    } catch (err) {
      // A cache miss (only-if-cached) and a network failure both reject with a TypeError.
      return { ok: false, why: err instanceof Error ? err.message : String(err), miss: init.cache === 'only-if-cached' };
    }
  };

  if (protocol === 'file:') return get(firefoxPage ?? ownFetch, { mode: 'same-origin' }, 'file');
  if (protocol !== 'http:' && protocol !== 'https:') return { ok: false, why: `a ${protocol} document has no address to read again` };

  // The cache: Firefox's page-principal fetch unless a meta policy would block (and report) it; Chromium's own.
  const cacheFetch = firefoxPage ? (metaPolicyBlocksSelf(doc, location.origin) ? null : firefoxPage) : ownFetch;
  let last: PageBytes = { ok: false, why: 'the page\'s Content Security Policy forbids reading it from the cache', miss: true };
  if (cacheFetch) {
    for (const accept of [null, ...NAVIGATION_ACCEPT]) {
      const init: RequestInit = { cache: 'only-if-cached', mode: 'same-origin', credentials: 'include', ...(accept ? { headers: { Accept: accept } } : {}) };
      last = await get(cacheFetch, init, 'cache');
      if (last.ok || !last.miss) break;
    }
  }
  if (last.ok || mode === 'cache') return last;
  return get(ownFetch, { cache: 'force-cache', mode: 'same-origin', credentials: 'include' }, 'network');
}
