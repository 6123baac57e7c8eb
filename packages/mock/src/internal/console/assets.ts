import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * The console's files, built into the package's `dist/console/` (see the `build` script). From
 * `dist/internal/console/` and from `src/internal/console/` alike, three levels up is the package.
 */
const CONSOLE_DIR = new URL('../../../dist/console/', import.meta.url);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** `/` is the page; its scripts and styles live under `/console/`. */
export function isConsolePath(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html' || pathname.startsWith('/console/');
}

interface Asset {
  readonly bytes: Uint8Array;
  readonly type: string;
  readonly etag: string;
}

const cache = new Map<string, Asset>();

async function load(name: string): Promise<Asset | null> {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const extension = name.slice(name.lastIndexOf('.') + 1);
  const type = CONTENT_TYPES[extension];
  // Only plain names of known types: no `..`, no sub-folders, nothing but the built files.
  if (type === undefined || !/^[a-z0-9-]+\.[a-z]+$/.test(name)) return null;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(new URL(name, CONSOLE_DIR)));
  } catch {
    return null; // not built (yet): looked up again next time
  }
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
  const asset = { bytes, type, etag };
  cache.set(name, asset);
  return asset;
}

/**
 * Serves the console: `GET /` (the page) and `GET /console/<file>`. The files have no hash in their
 * names, so every answer says `no-cache` with an `ETag`: a browser keeps them and revalidates
 * (304), and a newer `@kf/mock` is picked up on the next load.
 */
export async function answerConsole(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('the console is read with GET\n', {
      status: 405,
      headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const pathname = new URL(request.url).pathname;
  const name =
    pathname === '/' || pathname === '/index.html' ? 'index.html' : pathname.slice('/console/'.length);
  const asset = await load(name);
  if (asset === null) {
    const message =
      name === 'index.html'
        ? 'the console is not built: run `pnpm --filter @kf/mock build`\n'
        : `no console file ${pathname}\n`;
    return new Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const headers = {
    'content-type': asset.type,
    'cache-control': 'no-cache',
    etag: asset.etag,
    'x-content-type-options': 'nosniff',
  };
  if (request.headers.get('if-none-match') === asset.etag)
    return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : asset.bytes, {
    headers: { ...headers, 'content-length': String(asset.bytes.byteLength) },
  });
}
