/**
 * The demo's pages: plain server-rendered HTML that uses only the tags, as a CMS would print
 * them. Every interpolated value is escaped by `html`; inline items go through jsonForScript.
 */
import type { DueCounts } from '../server-schedule.js';
import type { Deck } from './decks.js';
import { html, jsonForScript, raw, type Raw } from './html.js';
import { layout, signInForm } from './layout.js';

/** The worker URL the tags register: the site's one-line file, told about the offline page. */
export const WORKER_URL = '/offline-review-sw.js?offline=%2Foffline';

function deckList(decks: Deck[], level: 'h2' | 'h3', due?: ReadonlyMap<string, DueCounts>): Raw {
  // Counted on the server (GET /due's figures), so the list needs no JavaScript.
  const counts = (deck: Deck) => {
    const c = due?.get(deck.id);
    return c ? html`<strong class="due" data-deck="${deck.id}">${c.due} due, ${c.new} new</strong> · ` : '';
  };
  const title = (deck: Deck) => {
    const link = html`<a href="/decks/${encodeURIComponent(deck.id)}">${deck.title}</a>`;
    return level === 'h2' ? html`<h2>${link}</h2>` : html`<h3>${link}</h3>`;
  };
  return html`<ul class="decks">${decks.map(
    (deck) => html`<li>${title(deck)}
      <p>${deck.description}</p>
      <p class="meta">${counts(deck)}${deck.items.length} cards · <a href="/decks/${encodeURIComponent(deck.id)}/src">loaded by URL</a></p></li>`,
  )}</ul>`;
}

/** The languages the tags have words for, by `lang`, named in their own language. */
export const LABEL_LANGUAGES: Readonly<Record<string, string>> = { en: 'English', ja: '日本語' };

/**
 * A `<review-session>` with its items inline (what a CMS prints), or loaded from `src`. It
 * schedules (what is due today) unless `drill` asks for every card once, in deck order.
 */
export function reviewSession(options: { deck: Deck; user: string; mode: string; bySrc: boolean; drill?: boolean; tokenUrl?: string; lang?: string }): Raw {
  const { deck, user, mode, bySrc, drill = false, tokenUrl, lang } = options;
  const schedule = html`${drill ? html` schedule="drill"` : ''}${tokenUrl ? html` token-url="${tokenUrl}"` : ''}${lang ? html` lang="${lang}"` : ''}`;
  if (bySrc) {
    return html`<review-session deck="${deck.id}" user="${user}" mode="${mode}"${schedule} src="/decks/${encodeURIComponent(deck.id)}.json" sw="${WORKER_URL}"></review-session>`;
  }
  return html`<review-session deck="${deck.id}" user="${user}" mode="${mode}"${schedule} sw="${WORKER_URL}"><script type="application/json">${raw(jsonForScript(deck.items))}</script></review-session>`;
}

/** `/`: sign-in (signed out), or the deck list, the indicator and today's deck (signed in). */
export function indexPage(options: { user: string | null; decks: Deck[]; featured: Deck | undefined; due?: ReadonlyMap<string, DueCounts> }): string {
  const { user, decks, featured, due } = options;
  if (!user) {
    return layout({ title: 'Welcome', user, current: '/', body: html`<h1>offline-review demo</h1>
<p class="lead">Flashcard reviews that keep working without a network and sync when it comes back.</p>
${signInForm()}
<h2>Decks</h2>
${deckList(decks, 'h3')}` });
  }
  return layout({ title: 'Decks', user, current: '/', body: html`<div class="deck-head"><h1>Your decks</h1>
<sync-indicator user="${user}"></sync-indicator></div>
${deckList(decks, 'h2', due)}
<p><a href="/stats">Your review statistics</a></p>
${featured ? html`<h2>Today: ${featured.title}</h2>
${reviewSession({ deck: featured, user, mode: featured.mode, bySrc: false })}` : ''}` });
}

/** A link of a two-way switch, marked as the current page when it is. */
function option(href: string, label: string, current: boolean): Raw {
  return html`<a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a>`;
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
  /** The language of the tags' words (a key of LABEL_LANGUAGES); default the deck's, else English. */
  lang?: string | undefined;
}): string {
  const { user, deck, mode, bySrc, drill = false, tokenUrl } = options;
  if (!user) return layout({ title: deck.title, user, body: html`<h1>${deck.title}</h1>${signInForm()}` });
  const lang = options.lang ?? deck.lang ?? 'en';
  const base = `/decks/${encodeURIComponent(deck.id)}${bySrc ? '/src' : ''}`;
  /** This page with some of its choices changed. */
  const href = (change: { mode?: string; drill?: boolean; tokens?: boolean; lang?: string }) => {
    const query = new URLSearchParams({ mode: change.mode ?? mode });
    if (change.drill ?? drill) query.set('schedule', 'drill');
    if (change.tokens ?? tokenUrl !== undefined) query.set('auth', 'token');
    const chosen = change.lang ?? lang;
    if (chosen !== (deck.lang ?? 'en')) query.set('lang', chosen);
    return `${base}?${query}`;
  };
  const tags = html`${tokenUrl ? html` token-url="${tokenUrl}"` : ''}${lang === 'en' ? '' : html` lang="${lang}"`}`;
  // The session first, then what the page shows and how to change it.
  const body = html`<div class="deck-head"><h1>${deck.title}</h1>
<sync-indicator user="${user}"${tags}></sync-indicator></div>
${reviewSession({ deck, user, mode, bySrc, drill, ...(tokenUrl ? { tokenUrl } : {}), ...(lang === 'en' ? {} : { lang }) })}
<section class="panel about" aria-labelledby="about-title">
<h2 id="about-title">About this deck</h2>
<p>${deck.description}</p>
<p>Mode: <span class="switch">${option(href({ mode: 'grade' }), 'grade yourself', mode === 'grade')}
${option(href({ mode: 'typed' }), 'type the answer', mode === 'typed')}</span></p>
<p>Schedule: <span class="switch">${option(href({ drill: false }), 'what is due today', !drill)}
${option(href({ drill: true }), 'every card once', drill)}</span></p>
<p>The tags' words: <span class="switch">${Object.entries(LABEL_LANGUAGES).map(
    ([code, name]) => html`<a href="${href({ lang: code })}" lang="${code}"${code === lang ? html` aria-current="page"` : ''}>${name}</a>
`,
  )}</span></p>
<p class="muted">${bySrc ? 'The items of this page are loaded from a URL (src) and cached for offline use.' : 'The items of this page are printed inline, as a CMS would.'}
${tokenUrl
    ? html`It signs in to the sync API with short-lived tokens from <code>${tokenUrl}</code> (as a PHP or Django site would): <a href="${href({ tokens: false })}">use the demo cookie instead</a>.`
    : html`It signs in to the sync API with the demo's cookie (DEMO ONLY): <a href="${href({ tokens: true })}">use tokens instead</a>.`}</p>
</section>`;
  return layout({ title: deck.title, user, body, bodyClass: 'review' });
}

/** `/stats`: the learner's `<review-stats>` (figures made on the device, so offline too). */
export function statsPage(options: { user: string | null }): string {
  const { user } = options;
  const body = user
    ? html`<div class="deck-head"><h1>Your statistics</h1>
<sync-indicator user="${user}"></sync-indicator></div>
<review-stats user="${user}"></review-stats>
<p class="muted">Made on this device from your answers on every device (once they synced), so this page works offline too.</p>`
    : html`<h1>Your statistics</h1>${signInForm()}`;
  return layout({ title: 'Statistics', user, current: '/stats', body });
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
