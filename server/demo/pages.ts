/**
 * The demo's pages: plain server-rendered HTML that uses only the tags, as a CMS would print
 * them. Every interpolated value is escaped by `html`; inline items go through jsonForScript.
 */
import type { DueCounts } from '../server-schedule.js';
import type { Deck } from './decks.js';
import { html, jsonForScript, raw, type Raw } from './html.js';

/** The worker URL the tags register: the site's one-line file, told about the offline page. */
export const WORKER_URL = '/offline-review-sw.js?offline=%2Foffline';

const STYLE = `
  :root { color-scheme: light dark; font: 1rem/1.5 system-ui, sans-serif; }
  body { max-width: 44rem; margin: 0 auto; padding: 1rem; }
  header { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; justify-content: space-between; }
  .demo-only { border: 2px dashed #c60; padding: .5rem .75rem; border-radius: .5rem; }
  nav a { margin-right: .75rem; }
  ul.decks { padding-left: 1.2rem; }
  form.inline { display: inline; }
  review-session { display: block; margin: 1rem 0; }
`;

/** The page frame: the CDN file that defines the tags, navigation, and who is signed in. */
export function layout(options: { title: string; user: string | null; body: Raw }): string {
  const { title, user, body } = options;
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · offline-review demo</title>
<style>${raw(STYLE)}</style>
<script type="module" src="/dist/cdn/offline-review.js"></script>
</head>
<body>
<header>
  <nav><a href="/">Decks</a><a href="/indicator">Sync states</a></nav>
  ${user ? html`<span>Signed in as <strong>${user}</strong>
    <form class="inline" method="post" action="/sign-out"><button type="submit">Sign out</button></form></span>` : ''}
</header>
${user ? '' : html`<!-- The tags with no user: this device forgets the previous learner's cached pages. -->
<sync-indicator hidden></sync-indicator>`}
<main>
${body}
</main>
</body>
</html>`}`;
}

function signInForm(): Raw {
  return html`<section class="demo-only" aria-labelledby="sign-in-title">
  <h2 id="sign-in-title">Sign in (DEMO ONLY)</h2>
  <p><strong>DEMO ONLY:</strong> there is no password. The name you type is stored in a cookie
  (<code>offline_review_user</code>) and anyone can use any name. A real site uses its own sign-in.</p>
  <form method="post" action="/sign-in">
    <label for="name">Your name</label>
    <input id="name" name="name" required maxlength="100" autocomplete="username">
    <button type="submit">Sign in</button>
  </form>
</section>`;
}

function deckList(decks: Deck[], due?: ReadonlyMap<string, DueCounts>): Raw {
  // Counted on the server (GET /due's figures), so the list needs no JavaScript.
  const counts = (deck: Deck) => {
    const c = due?.get(deck.id);
    return c ? html` <strong class="due" data-deck="${deck.id}">${c.due} due, ${c.new} new</strong>` : '';
  };
  return html`<ul class="decks">${decks.map(
    (deck) => html`<li><a href="/decks/${encodeURIComponent(deck.id)}">${deck.title}</a>${counts(deck)} — ${deck.description}
      (${deck.items.length} cards; <a href="/decks/${encodeURIComponent(deck.id)}/src">loaded by URL</a>)</li>`,
  )}</ul>`;
}

/**
 * A `<review-session>` with its items inline (what a CMS prints), or loaded from `src`. It
 * schedules (what is due today) unless `drill` asks for every card once, in deck order.
 */
export function reviewSession(options: { deck: Deck; user: string; mode: string; bySrc: boolean; drill?: boolean; tokenUrl?: string }): Raw {
  const { deck, user, mode, bySrc, drill = false, tokenUrl } = options;
  const schedule = html`${drill ? html` schedule="drill"` : ''}${tokenUrl ? html` token-url="${tokenUrl}"` : ''}`;
  if (bySrc) {
    return html`<review-session deck="${deck.id}" user="${user}" mode="${mode}"${schedule} src="/decks/${encodeURIComponent(deck.id)}.json" sw="${WORKER_URL}"></review-session>`;
  }
  return html`<review-session deck="${deck.id}" user="${user}" mode="${mode}"${schedule} sw="${WORKER_URL}"><script type="application/json">${raw(jsonForScript(deck.items))}</script></review-session>`;
}

/** `/`: sign-in (signed out), or the deck list, the indicator and today's deck (signed in). */
export function indexPage(options: { user: string | null; decks: Deck[]; featured: Deck | undefined; due?: ReadonlyMap<string, DueCounts> }): string {
  const { user, decks, featured, due } = options;
  if (!user) {
    return layout({ title: 'Welcome', user, body: html`<h1>offline-review demo</h1>
<p>Flashcard reviews that keep working without a network and sync when it comes back.</p>
${signInForm()}
<h2>Decks</h2>
${deckList(decks)}` });
  }
  return layout({ title: 'Decks', user, body: html`<h1>Your decks</h1>
<sync-indicator user="${user}"></sync-indicator>
${deckList(decks, due)}
${featured ? html`<h2>Today: ${featured.title}</h2>
${reviewSession({ deck: featured, user, mode: featured.mode, bySrc: false })}` : ''}` });
}

/** `/decks/<id>` (inline items) and `/decks/<id>/src` (items loaded by URL). */
export function deckPage(options: {
  user: string | null;
  deck: Deck;
  mode: string;
  bySrc: boolean;
  drill?: boolean;
  /** The site's token URL: the tags sign in to the sync API with its tokens. */
  tokenUrl?: string | undefined;
}): string {
  const { user, deck, mode, bySrc, drill = false, tokenUrl } = options;
  const auth = tokenUrl ? html` token-url="${tokenUrl}"` : '';
  const base = `/decks/${encodeURIComponent(deck.id)}${bySrc ? '/src' : ''}`;
  const body = user
    ? html`<h1>${deck.title}</h1>
<p>${deck.description}</p>
<p>Mode: <a href="${base}?mode=grade" aria-current="${mode === 'grade' ? 'page' : 'false'}">grade yourself</a> ·
<a href="${base}?mode=typed" aria-current="${mode === 'typed' ? 'page' : 'false'}">type the answer</a>.
Schedule: <a href="${base}?mode=${mode}" aria-current="${drill ? 'false' : 'page'}">what is due today</a> (spaced repetition) ·
<a href="${base}?mode=${mode}&amp;schedule=drill" aria-current="${drill ? 'page' : 'false'}">every card once</a> (drill).
${bySrc ? 'The items of this page are loaded from a URL (src) and cached for offline use.' : 'The items of this page are printed inline, as a CMS would.'}</p>
<p>${tokenUrl
      ? html`This page signs in to the sync API with short-lived tokens from <code>${tokenUrl}</code> (as a PHP or Django site would): <a href="${base}">use the demo cookie instead</a>.`
      : html`This page signs in to the sync API with the demo's cookie (DEMO ONLY): <a href="${base}?auth=token">use tokens instead</a>.`}</p>
<sync-indicator user="${user}"${auth}></sync-indicator>
${reviewSession({ deck, user, mode, bySrc, drill, ...(tokenUrl ? { tokenUrl } : {}) })}`
    : html`<h1>${deck.title}</h1>${signInForm()}`;
  return layout({ title: deck.title, user, body });
}

/** `/indicator`: the indicator, full and compact, and what each of its states means. */
export function indicatorPage(options: { user: string | null }): string {
  const { user } = options;
  const states: Array<[string, string]> = [
    ['synced', 'Everything answered on this device is on the server ("All changes saved").'],
    ['offline', 'No network: answers wait on this device ("Offline — 12 answers waiting").'],
    ['syncing', 'Answers are being sent ("Syncing 120 of 500").'],
    ['error', 'The server refused or failed: a retry button, and dead letters to retry or discard.'],
  ];
  const body = html`<h1>Sync states</h1>
${user ? html`<p>The live indicator for ${user}, full and compact:</p>
<p><sync-indicator user="${user}"></sync-indicator></p>
<p><sync-indicator user="${user}" compact></sync-indicator></p>` : signInForm()}
<p>Pages can style it through its reflected attributes <code>state</code> and <code>pending</code>,
e.g. <code>sync-indicator[state="offline"]</code>. To see each state, answer a few cards, then switch
the network off and on in your browser's developer tools.</p>
<table>
<thead><tr><th scope="col">state</th><th scope="col">meaning</th></tr></thead>
<tbody>${states.map(([state, meaning]) => html`<tr><td><code>${state}</code></td><td>${meaning}</td></tr>`)}</tbody>
</table>`;
  return layout({ title: 'Sync states', user, body });
}

/** `/offline`: the page the worker shows for a page it has never cached. */
export function offlinePage(): string {
  return layout({ title: 'Offline', user: null, body: html`<h1>You are offline</h1>
<p>This page has not been opened on this device before, so there is no saved copy. Pages you
have opened still work offline, and your answers are kept here and sent when the network is back.</p>
<p><a href="/">Back to your decks</a></p>` });
}

/** A 404 page. */
export function notFoundPage(user: string | null): string {
  return layout({ title: 'Not found', user, body: html`<h1>Not found</h1><p><a href="/">Back to the decks</a></p>` });
}
