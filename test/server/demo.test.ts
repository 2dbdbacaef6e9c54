// The demo site: pages with the tags, escaping of every value (deck content and user names),
// demo sign-in, decks as JSON, the one-line worker file, /dist/ static files, and startup.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { cleanName } from '../../server/demo/app.js';
import { chooseEncoding } from '../../server/demo/compression.js';
import { makeAnswer, makeSession, sessionWithAnswers } from '../../server/conformance/fixtures.js';
import { loadDecks, type Deck } from '../../server/demo/decks.js';
import { escapeHtml, jsonForScript } from '../../server/demo/html.js';
import { startDemoServer } from '../../server/demo/serve.js';
import { isOfflineReviewError } from '../../src/errors.js';
import { useDemoApp } from './demo-fixture.js';

const decksDir = join(import.meta.dirname, '../../demo/decks');
const hostile: Deck = {
  id: 'hostile',
  title: 'Hostile <i>deck</i>',
  description: 'x" onmouseover="alert(1)',
  mode: 'grade',
  items: [{ id: 'h1', contentType: 'text', prompt: '</script><img src=x onerror=alert(1)>', answer: '<!-- <script>', version: 1 }],
};

// Bundle-like text: compressible, as minified JavaScript is.
const ENTRY = `const tags=${JSON.stringify(['review-session', 'sync-indicator'])};\n`.repeat(200);
const CHUNK = 'export class ReviewSessionElement extends HTMLElement{connectedCallback(){this.render()}}\n'.repeat(200);

describe('demo site', () => {
  const demo = useDemoApp({ decks: [...loadDecks(decksDir), hostile], featuredDeck: 'jp-basics' }, (dist) => {
    mkdirSync(join(dist, 'sw'));
    writeFileSync(join(dist, 'sw', 'offline-review-sw.js'), '/* worker */');
    writeFileSync(join(dist, 'app.js'), 'export {}');
  });

  const get = (path: string, user?: string, init: RequestInit = {}) =>
    demo.app(new Request(`http://demo.local${path}`, { ...init, headers: user ? { cookie: `offline_review_user=${encodeURIComponent(user)}` } : {} }));

  it('seeds real-looking decks: Japanese vocabulary with readings, and more', () => {
    const decks = loadDecks(decksDir);
    const jp = decks.find((d) => d.id === 'jp-basics')!;
    assert.ok(jp.items.length >= 20);
    assert.equal(new Set(jp.items.map((i) => i.id)).size, jp.items.length);
    assert.ok(jp.items.every((i) => typeof i.extra?.reading === 'string' && i.answer.includes(String(i.extra.reading))));
    assert.ok(decks.length >= 2);
    const bad = mkdtempSync(join(tmpdir(), 'offline-review-decks-'));
    writeFileSync(join(bad, 'x.json'), JSON.stringify({ id: 'y', items: [] }));
    assert.throws(() => loadDecks(bad), (e) => isOfflineReviewError(e, 'invalid-input'));
    rmSync(bad, { recursive: true, force: true });
  });

  it('shows the demo-only sign-in when signed out, and the tags when signed in', async () => {
    const out = await (await get('/')).text();
    assert.match(out, /DEMO ONLY/);
    assert.match(out, /<form method="post" action="\/sign-in">/);
    assert.doesNotMatch(out, /<review-session/);
    const response = await get('/', 'Ann<b>');
    assert.match(response.headers.get('content-security-policy')!, /script-src 'self'/);
    const page = await response.text();
    assert.match(page, /<script type="module" src="\/dist\/cdn\/offline-review.js"><\/script>/);
    assert.match(page, /<sync-indicator user="Ann&lt;b&gt;"><\/sync-indicator>/);
    assert.match(page, /<review-session deck="jp-basics" user="Ann&lt;b&gt;" mode="grade" sw="\/offline-review-sw.js\?offline=%2Foffline"><script type="application\/json">\[/);
    assert.doesNotMatch(page, /<b>/);
  });

  it('lists each deck with its due counts from the server (no JavaScript), as GET /api/review/due gives them', async () => {
    const user = `due-${Date.now()}`;
    const deck = loadDecks(decksDir).find((d) => d.id === 'jp-basics')!;
    const first = await (await get('/', user)).text();
    assert.match(first, new RegExp(`<strong class="due" data-deck="jp-basics">0 due, ${deck.items.length} new</strong>`));
    const session = makeSession(user, [deck.items[0]!.id]);
    const answer = makeAnswer(session, deck.items[0]!.id, { answeredAt: Date.now() - 3_600_000, correct: false });
    const push = await demo.app(new Request('http://demo.local/api/review/sync', {
      method: 'POST',
      headers: { cookie: `offline_review_user=${user}`, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ protocol: 1, clientId: 'c', mutations: sessionWithAnswers(session, [answer]) }),
    }));
    assert.equal(push.status, 200);
    const after = await (await get('/', user)).text();
    assert.match(after, new RegExp(`<strong class="due" data-deck="jp-basics">1 due, ${deck.items.length - 1} new</strong>`));
    const counts = (await (await get('/api/review/due?deck=jp-basics', user)).json()) as { due: number; total: number };
    assert.deepEqual([counts.due, counts.total], [1, deck.items.length]);
  });

  it('escapes deck content: inline JSON cannot close its script, titles are text', async () => {
    const page = await (await get('/decks/hostile', 'u')).text();
    assert.match(page, /Hostile &lt;i&gt;deck&lt;\/i&gt;/);
    assert.match(page, /x&quot; onmouseover=&quot;alert\(1\)/);
    const json = /<script type="application\/json">(.*?)<\/script>/s.exec(page)![1]!;
    assert.doesNotMatch(json, /</);
    assert.deepEqual(JSON.parse(json), hostile.items);
    assert.equal(page.match(/<\/script>/g)!.length, 2, 'only the CDN script and the JSON element close');
    assert.equal(jsonForScript('\u2028&>'), '"\\u2028\\u0026\\u003e"');
    assert.equal(escapeHtml(`'"&`), '&#39;&quot;&amp;');
  });

  it('serves deck pages inline and by src, with a mode switch, and decks as JSON', async () => {
    const typed = await (await get('/decks/jp-basics?mode=typed', 'u')).text();
    assert.match(typed, /<review-session deck="jp-basics" user="u" mode="typed"/);
    const bySrc = await (await get('/decks/hiragana/src', 'u')).text();
    assert.match(bySrc, /<review-session deck="hiragana" user="u" mode="typed" src="\/decks\/hiragana.json" sw="[^"]+"><\/review-session>/);
    const signedOut = await (await get('/decks/hiragana')).text();
    assert.match(signedOut, /Sign in/);
    // The deck page schedules (the tag's default); ?schedule=drill asks for every card once.
    assert.doesNotMatch(typed, /schedule="drill"/);
    const drill = await (await get('/decks/jp-basics/src?schedule=drill', 'u')).text();
    assert.match(drill, /<review-session deck="jp-basics" user="u" mode="grade" schedule="drill" lang="ja" src=/);
    const items = (await (await get('/decks/hiragana.json')).json()) as unknown[];
    assert.equal(items.length, 20);
    assert.equal((await get('/decks/nope')).status, 404);
    assert.equal((await get('/indicator', 'u')).status, 200);
    assert.match(await (await get('/indicator', 'u')).text(), /<sync-indicator user="u" compact><\/sync-indicator>/);
    assert.match(await (await get('/indicator')).text(), /Sign in/);
    // The statistics page: the tag for the learner, linked from the deck list and the navigation.
    const stats = await (await get('/stats', 'u')).text();
    assert.match(stats, /<review-stats user="u"><\/review-stats>/);
    assert.match(stats, /<a href="\/stats" aria-current="page">Statistics<\/a>/);
    assert.match(await (await get('/', 'u')).text(), /<a href="\/stats">Your review statistics<\/a>/);
    assert.match(await (await get('/stats')).text(), /Sign in/);
    assert.match(await (await get('/offline')).text(), /You are offline/);
    assert.equal((await get('/', 'u', { method: 'PUT' })).status, 405);
    assert.equal((await get('/favicon.ico')).status, 204);
  });

  it('links every page to its stylesheet by a versioned URL that may be cached for a year', async () => {
    for (const path of ['/', '/decks/jp-basics', '/indicator', '/stats', '/offline', '/nope']) {
      const page = await (await get(path, 'u')).text();
      const href = /<link rel="stylesheet" href="(\/demo\.css\?v=[0-9a-f]{12})">/.exec(page)?.[1];
      assert.ok(href, `${path} links the stylesheet`);
      assert.doesNotMatch(page, /<style>/, `${path} has no inline styles to copy around`);
      const css = await get(href);
      assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
      assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(await css.text(), /prefers-color-scheme: dark/);
    }
    // The bare path or an old version is served too, but checked again each time.
    assert.equal((await get('/demo.css')).headers.get('cache-control'), 'no-cache');
    assert.equal((await get('/demo.css?v=0')).headers.get('cache-control'), 'no-cache');
  });

  it('puts the session before what the deck page explains, and marks the page a review page', async () => {
    const page = await (await get('/decks/jp-basics', 'u')).text();
    assert.match(page, /<body class="review">/);
    const session = page.indexOf('<review-session');
    assert.ok(session > 0 && session < page.indexOf('id="about-title"'));
    assert.match(page, /<a href="\/decks\/jp-basics\?mode=grade" aria-current="page">grade yourself<\/a>/);
    assert.match(page, /<a href="\/decks\/jp-basics\?mode=grade&amp;schedule=drill">every card once<\/a>/);
    assert.match(await (await get('/indicator', 'u')).text(), /<a href="\/indicator" aria-current="page">Sync states<\/a>/);
    assert.doesNotMatch(await (await get('/', 'u')).text(), /<body class=/);
    // The first Tab stop skips the site's navigation to the content, where the session is first.
    const firstLink = page.indexOf('<a ');
    assert.equal(page.slice(firstLink, page.indexOf('</a>', firstLink) + 4), '<a class="skip-link" href="#main">Skip to content</a>');
    assert.match(page, /<main id="main" tabindex="-1">/);
  });

  it("gives the Japanese deck's tags lang=\"ja\" (their Japanese words), with a switch to English and back", async () => {
    const ja = await (await get('/decks/jp-basics', 'u')).text();
    assert.match(ja, /<sync-indicator user="u" lang="ja"><\/sync-indicator>/);
    assert.match(ja, /<review-session deck="jp-basics" user="u" mode="grade" lang="ja" sw=/);
    assert.match(ja, /<html lang="en">/, 'the page around the tags stays English');
    assert.match(ja, /<a href="\/decks\/jp-basics\?mode=grade&amp;lang=en" lang="en">English<\/a>/);
    assert.match(ja, /<a href="\/decks\/jp-basics\?mode=grade" lang="ja" aria-current="page">日本語<\/a>/);
    const en = await (await get('/decks/jp-basics?lang=en&mode=typed', 'u')).text();
    assert.doesNotMatch(en, /<(review-session|sync-indicator)[^>]* lang=/);
    assert.match(en, /<review-session deck="jp-basics" user="u" mode="typed" sw=/);
    assert.match(en, /<a href="\/decks\/jp-basics\?mode=grade&amp;lang=en">grade yourself<\/a>/, 'the other switches keep the language');
    // A deck without a language is English unless asked; an unknown language is ignored.
    assert.match(await (await get('/decks/hiragana?lang=ja', 'u')).text(), /<review-session deck="hiragana" user="u" mode="typed" lang="ja" sw=/);
    assert.match(await (await get('/decks/hiragana?lang=xx', 'u')).text(), /<review-session deck="hiragana" user="u" mode="typed" sw=/);
    assert.match(await (await get('/', 'u')).text(), /<review-session deck="jp-basics" user="u" mode="grade" sw=/, 'the English home page keeps English words');
  });

  it('shows every indicator state on the Sync states page, each given through data-status, with no developer tools', async () => {
    const page = await (await get('/indicator', 'u')).text();
    const script = /<script type="module" src="(\/sync-states\.js\?v=[0-9a-f]{12})"><\/script>/.exec(page)?.[1];
    assert.ok(script, 'the page loads its script (same origin: the policy allows no inline script)');
    const served = await get(script);
    assert.equal(served.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(await served.text(), /indicator\.status = status/);
    const rows = [...page.matchAll(/<tr><th scope="row">([^<]+)<\/th>\s*<td><sync-indicator([^>]*) data-status="([^"]+)"><\/sync-indicator><\/td>\s*<td><sync-indicator compact[^>]* data-status="([^"]+)">/g)];
    const names = rows.map((row) => row[1]!.replace('&#39;', "'"));
    assert.deepEqual(names, ['Synced', 'Syncing', 'Waiting', 'Offline', "Can't reach the server", 'Server error, retrying later', 'Refused, with the reason', 'Sign-in needed', 'Storage full', 'Update available']);
    const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const states = rows.map((row) => JSON.parse(unescape(row[3]!)) as Record<string, unknown>);
    for (const state of states) assert.deepEqual(Object.keys(state).sort(), Object.keys(states[0]!).sort(), 'every state is complete');
    assert.equal(states[3]!.online, false);
    assert.deepEqual(states[6]!.refusal, { code: 'forbidden', message: 'This deck is closed for new answers.', status: 403 });
    assert.equal(states[7]!.paused, true);
    assert.match(rows[7]![2]!, /sign-in-url="\/"/, 'the sign-in state links to the sign-in page');
    assert.doesNotMatch(rows[0]![2]!, /user=/, 'the shown states need no engine');
    // The tags' words in Japanese on request; signed out, the states are still shown.
    assert.match(await (await get('/indicator?lang=ja', 'u')).text(), /<sync-indicator lang="ja" data-status=/);
    const signedOut = await (await get('/indicator')).text();
    assert.match(signedOut, /Sign in/);
    assert.match(signedOut, /<th scope="row">Offline<\/th>/);
  });

  it('signs in with a name cookie (demo only) and out again', async () => {
    const form = (name: string) => demo.app(new Request('http://demo.local/sign-in', { method: 'POST', body: new URLSearchParams({ name }) }));
    const ok = await form('  Yuki  Tanaka ');
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('set-cookie'), 'offline_review_user=Yuki-Tanaka; Path=/; SameSite=Lax; Max-Age=31536000');
    assert.equal((await form('   ')).status, 400);
    assert.equal(cleanName('a\u0007'), null);
    assert.equal(cleanName(5), null);
    const out = await demo.app(new Request('http://demo.local/sign-out', { method: 'POST' }));
    assert.match(out.headers.get('set-cookie')!, /Max-Age=0/);
  });

  it('serves the one-line worker file, /dist/ files and the API', async () => {
    const worker = await get('/offline-review-sw.js');
    assert.equal(worker.headers.get('service-worker-allowed'), '/');
    assert.equal((await worker.text()).trim(), "importScripts('/dist/sw/offline-review-sw.js');");
    const sw = await get('/dist/sw/offline-review-sw.js');
    assert.equal(sw.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(sw.headers.get('service-worker-allowed'), '/');
    assert.equal((await get('/dist/app.js')).status, 200);
    assert.equal((await get('/dist/missing.js')).status, 404);
    assert.equal((await get('/dist/..%2F..%2Fpackage.json')).status, 404);
    assert.equal((await get('/dist/%E0%A4%A')).status, 400);
    assert.equal((await get('/api/review/changes', 'u')).status, 200);
    assert.equal((await get('/api/review/changes')).status, 401);
  });
});

describe('demo site: compression and cache headers', () => {
  let distDir = '';
  const demo = useDemoApp({ decks: loadDecks(decksDir), featuredDeck: 'jp-basics' }, (dist) => {
    distDir = dist;
    mkdirSync(join(dist, 'cdn', 'chunks'), { recursive: true });
    writeFileSync(join(dist, 'cdn', 'offline-review.js'), ENTRY);
    writeFileSync(join(dist, 'cdn', 'chunks', 'review-session-Ab1_-xYz.js'), CHUNK);
    writeFileSync(join(dist, 'cdn', 'chunks', 'review-session-Ab1_-xYz.js.map'), '{"version":3}');
    writeFileSync(join(dist, 'cdn', 'chunks', 'notes.js'), CHUNK);
  });
  const get = (path: string, acceptEncoding?: string) =>
    demo.app(new Request(`http://demo.local${path}`, { headers: { cookie: 'offline_review_user=u', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }));
  const body = async (response: Response) => Buffer.from(await response.arrayBuffer());

  it('compresses bundles, pages and decks with brotli or gzip as the client accepts, and says it varies', async () => {
    const gz = await get('/dist/cdn/offline-review.js', 'gzip, deflate');
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.match(gz.headers.get('vary')!, /Accept-Encoding/);
    const gzBytes = await body(gz);
    assert.ok(gzBytes.length < ENTRY.length / 4, `gzip ${gzBytes.length} of ${ENTRY.length} bytes`);
    assert.equal(gunzipSync(gzBytes).toString(), ENTRY);
    // Served again from the compressed copy: the same bytes.
    assert.deepEqual(await body(await get('/dist/cdn/offline-review.js', 'gzip')), gzBytes);

    const br = await get('/dist/cdn/chunks/review-session-Ab1_-xYz.js', 'gzip, deflate, br, zstd');
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(brotliDecompressSync(await body(br)).toString(), CHUNK);

    const plain = await get('/dist/cdn/offline-review.js');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.match(plain.headers.get('vary')!, /Accept-Encoding/);
    assert.equal((await body(plain)).toString(), ENTRY);

    const page = await get('/decks/jp-basics', 'gzip');
    assert.equal(page.headers.get('content-encoding'), 'gzip');
    assert.match(gunzipSync(await body(page)).toString(), /<review-session deck="jp-basics"/);
    const deck = await get('/decks/jp-basics.json', 'br');
    assert.equal(deck.headers.get('content-encoding'), 'br');
    assert.ok(Array.isArray(JSON.parse(brotliDecompressSync(await body(deck)).toString())));
    // The API answers as the reference server's handler does, uncompressed.
    assert.equal((await get('/api/review/changes', 'gzip')).headers.get('content-encoding'), null);
  });

  it('serves the compressed copy of the bytes on disk now: a rebuild that keeps the size and mtime is not served stale', async () => {
    const file = join(distDir, 'cdn', 'chunks', 'rebuilt.js');
    const before = CHUNK.replace(/render/g, 'paint1');
    const after = CHUNK.replace(/render/g, 'paint2');
    const when = new Date('2026-11-30T12:00:00Z');
    writeFileSync(file, before);
    utimesSync(file, when, when);
    assert.equal(gunzipSync(await body(await get('/dist/cdn/chunks/rebuilt.js', 'gzip'))).toString(), before);
    // Same length, same modification time: all a stat would see of the rebuild.
    writeFileSync(file, after);
    utimesSync(file, when, when);
    assert.equal(gunzipSync(await body(await get('/dist/cdn/chunks/rebuilt.js', 'gzip'))).toString(), after);
    assert.equal(brotliDecompressSync(await body(await get('/dist/cdn/chunks/rebuilt.js', 'br'))).toString(), after);
  });

  it('refuses a coding the client rates q=0, and takes * as both', () => {
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('gzip;q=0, br;q=0'), null);
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*, br;q=0'), 'gzip');
    assert.equal(chooseEncoding(null), null);
  });

  it('lets browsers keep the hashed chunks for a year, and revalidate the entry and the pages', async () => {
    const immutable = 'public, max-age=31536000, immutable';
    assert.equal((await get('/dist/cdn/chunks/review-session-Ab1_-xYz.js')).headers.get('cache-control'), immutable);
    assert.equal((await get('/dist/cdn/chunks/review-session-Ab1_-xYz.js.map')).headers.get('cache-control'), immutable);
    assert.equal((await get('/dist/cdn/chunks/notes.js')).headers.get('cache-control'), 'no-cache', 'no hash in the name');
    assert.equal((await get('/dist/cdn/offline-review.js')).headers.get('cache-control'), 'no-cache');
    assert.equal((await get('/decks/jp-basics')).headers.get('cache-control'), 'no-cache');
    assert.equal((await get('/offline-review-sw.js')).headers.get('cache-control'), 'no-cache');
  });
});

describe('startDemoServer', () => {
  it('listens, serves the pages and closes the store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'offline-review-demo-'));
    try {
      const demo = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir, distDir: dataDir, decksDir });
      assert.equal(demo.storeKind, 'pglite');
      const response = await fetch(demo.url.replace('localhost', '127.0.0.1'));
      assert.equal(response.status, 200);
      await demo.close();
      await assert.rejects(startDemoServer({ port: -1, dataDir, distDir: dataDir, decksDir }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
