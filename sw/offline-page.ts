/**
 * The last resort of a navigation: no network, no cached copy of the page. The site's own
 * offline page when it named one (cached at install), else a small built-in page. Runs in the
 * worker and in pages.
 */

/** Marks responses made by the worker itself, so a page (or a test) can tell them apart. */
export const OFFLINE_HEADER = 'X-Offline-Review';

/** The built-in offline page: no external resources, since there is no network. */
export const BUILTIN_OFFLINE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Offline</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}</style>
</head><body><main><h1>You are offline</h1>
<p>This page has not been saved for offline use yet. Pages you have opened before still work,
and your review answers are kept on this device and sent when the network is back.</p>
<p><a href="">Try again</a></p></main></body></html>`;

/**
 * Caches the site's offline page (at install). Resolves true when it was cached, false when it
 * could not be fetched: a missing offline page must not stop the worker from installing, since
 * the built-in one stands in for it.
 */
export async function cacheOfflinePage(url: string | null, cacheName: string, storage: CacheStorage = caches): Promise<boolean> {
  if (!url) return false;
  try {
    const response = await fetch(url, { cache: 'reload', credentials: 'same-origin' });
    if (!response.ok) return false;
    await (await storage.open(cacheName)).put(url, response);
    return true;
  } catch {
    return false;
  }
}

/**
 * The response for a navigation that neither the network nor the cache could answer: the
 * cached offline page of the site, else the built-in page (status 503, so that nothing caches
 * it as the real page). Never rejects because of a missing page.
 */
export async function offlineFallback(url: string | null, cacheName: string, storage: CacheStorage = caches): Promise<Response> {
  if (url) {
    const cached = await (await storage.open(cacheName)).match(url);
    if (cached) return cached;
  }
  return new Response(BUILTIN_OFFLINE_HTML, {
    status: 503,
    statusText: 'Offline',
    headers: { 'Content-Type': 'text/html; charset=utf-8', [OFFLINE_HEADER]: 'offline-page' },
  });
}
