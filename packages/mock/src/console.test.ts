import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from './__fixtures__/console-build.js';
import type { KfMockServer } from './server.js';
import { start } from './server.js';

let server: KfMockServer;
beforeAll(async () => {
  ensureConsoleBuilt();
  server = await start();
}, 60_000);
afterAll(() => server.close());

describe('the console at /', () => {
  it('serves the page, its script and its styles with their content types', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/console/main.js">');
    const script = await fetch(`${server.url}/console/main.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // The page's modules load each other by relative URL, all under /console/.
    expect(await script.text()).toContain("from './api.js'");
    const styles = await fetch(`${server.url}/console/console.css`);
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(styles.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets the browser keep the files and revalidate them (ETag, 304)', async () => {
    const first = await fetch(`${server.url}/console/main.js`);
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await fetch(`${server.url}/console/main.js`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves nothing but the built files', async () => {
    for (const path of [
      '/console/nope.js',
      '/console/..%2F..%2Fpackage.json',
      '/console/../server.js',
      '/console/a/b.js',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
    }
    const post = await fetch(`${server.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves the API and the control API where they were', async () => {
    const control = await fetch(`${server.url}/__kf_mock`);
    const { routes } = (await control.json()) as { routes: { path: string }[] };
    expect(routes.map((route) => route.path)).toContain('/__kf_mock/events');
    const unknown = await fetch(`${server.url}/cgi-bin/kf/nope`);
    expect(await unknown.json()).toMatchObject({ errcode: 404 });
  });
});
