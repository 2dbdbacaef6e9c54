/**
 * The frame of every demo page: the stylesheet, the CDN file that defines the tags, the site's
 * header (name, navigation, who is signed in) and the demo-only sign-in form. Plain semantic
 * HTML a site can copy: a header with a nav list, one main, a footer.
 */
import { html, type Raw } from './html.js';
import { STYLESHEET } from './assets.js';

/** One entry of the site's navigation. */
export interface NavEntry {
  href: string;
  label: string;
}

/** The site's navigation, in order. A page names its own entry in `layout({ current })`. */
export const NAV: readonly NavEntry[] = [
  { href: '/', label: 'Decks' },
  { href: '/stats', label: 'Statistics' },
  { href: '/indicator', label: 'Sync states' },
];

/** Options of layout. */
export interface LayoutOptions {
  title: string;
  user: string | null;
  body: Raw;
  /** The nav entry of this page (its href), marked aria-current. */
  current?: string;
  /** `review` on a page whose main content is a review session: on a phone it comes first. */
  bodyClass?: string;
  /** Module scripts of this page (same-origin URLs: the policy allows no inline script). */
  scripts?: readonly string[];
}

function header(user: string | null, current: string | undefined): Raw {
  return html`<header class="site-header">
  <a class="brand" href="/">offline-review</a>
  <nav aria-label="Site"><ul>${NAV.map(
    (entry) => html`<li><a href="${entry.href}"${entry.href === current ? html` aria-current="page"` : ''}>${entry.label}</a></li>`,
  )}</ul></nav>
  ${user ? html`<div class="account"><span>Signed in as <strong>${user}</strong></span>
    <form method="post" action="/sign-out"><button type="submit" class="quiet">Sign out</button></form></div>` : ''}
</header>`;
}

/** A whole page: `<!doctype html>` and the frame around `body`. */
export function layout(options: LayoutOptions): string {
  const { title, user, body, current, bodyClass, scripts = [] } = options;
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · offline-review demo</title>
<link rel="stylesheet" href="${STYLESHEET.href}">
<script type="module" src="/dist/cdn/offline-review.js"></script>
${scripts.map((src) => html`<script type="module" src="${src}"></script>
`)}</head>
<body${bodyClass ? html` class="${bodyClass}"` : ''}>
<a class="skip-link" href="#main">Skip to content</a>
${header(user, current)}
${user ? '' : html`<!-- The tags with no user: this device forgets the previous learner's cached pages. -->
<sync-indicator hidden></sync-indicator>`}
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site-footer">A demo of offline-review: reviews keep working offline and sync when the network is back.</footer>
</body>
</html>`}`;
}

/** The demo's sign-in: a name in a cookie, no password (DEMO ONLY). */
export function signInForm(): Raw {
  return html`<section class="panel demo-only sign-in" aria-labelledby="sign-in-title">
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
