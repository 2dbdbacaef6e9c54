/**
 * `/indicator`, the Sync states page: every state `<sync-indicator>` can be in, each shown by
 * an indicator given that state (its `status` property, set by demo/sync-states.js from the
 * `data-status` attribute), full and compact, with what it means. No faults and no developer
 * tools: a site owner sees what learners will see. Signed in, the live indicator is on top.
 */
import type { SyncState } from '../../src/index.js';
import { initialSyncState } from '../../src/sync/sync-state.js';
import { SYNC_STATES_SCRIPT } from './assets.js';
import { html, type Raw } from './html.js';
import { layout, signInForm } from './layout.js';
import { LABEL_LANGUAGES } from './pages.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A state as the page writes it: times are offsets from now (ms), made absolute in the page. */
type ShownState = Partial<SyncState>;

const QUIET: SyncState = { ...initialSyncState(true), lastSyncedAt: -2 * MINUTE };

/** Each state: its name, the state shown, what it means, and attributes of the tag it needs. */
const STATES: Array<{ name: string; status: ShownState; meaning: string; signIn?: boolean }> = [
  { name: 'Synced', status: {}, meaning: 'Everything answered on this device is on the server.' },
  {
    name: 'Syncing',
    status: { syncing: true, pending: 80, pendingAnswers: 78, sent: 41, total: 121, sentAnswers: 40, totalAnswers: 118 },
    meaning: 'Answers are being sent; the count is of answers, not of the records that carry them.',
  },
  { name: 'Waiting', status: { pending: 3, pendingAnswers: 2 }, meaning: 'Answers (and another change: a session) wait for the next sync.' },
  {
    name: 'Offline',
    status: { online: false, pending: 12, pendingAnswers: 12 },
    meaning: 'The device has no network. Answers wait on this device and go when it is back.',
  },
  {
    name: "Can't reach the server",
    status: { pending: 5, pendingAnswers: 5, lastError: { kind: 'unreachable', code: 'network', message: 'Failed to fetch' }, nextRetryAt: 45 * SECOND },
    meaning: 'The device is online but the sync server does not answer; it tries again by itself and says when.',
  },
  {
    name: 'Server error, retrying later',
    status: { pending: 4, pendingAnswers: 4, lastError: { kind: 'server-error', code: 'server-error', message: 'HTTP 503' }, nextRetryAt: 90 * MINUTE },
    meaning: 'The server failed; the answers are kept and sent again at the time shown.',
  },
  {
    name: 'Refused, with the reason',
    status: {
      deadLetters: 2,
      deadLetterAnswers: 2,
      refusal: { code: 'forbidden', message: 'This deck is closed for new answers.', status: 403 },
    },
    meaning: "The server refused answers and said why. The learner sends them again or discards them; nothing goes silently.",
  },
  {
    name: 'Sign-in needed',
    status: { pending: 6, pendingAnswers: 6, paused: true, lastError: { kind: 'auth', code: 'auth-required', message: 'HTTP 401' } },
    meaning: 'The session with the site expired (401). With sign-in-url the indicator links to the sign-in page; answers wait.',
    signIn: true,
  },
  {
    name: 'Storage full',
    status: { pending: 1, pendingAnswers: 1, lastError: { kind: 'storage-full', code: 'storage-full', message: 'QuotaExceededError' } },
    meaning: 'The device refused to store more. The review says so on the card; nothing accepted was lost.',
  },
  { name: 'Update available', status: { updateAvailable: true }, meaning: 'A new version of the site’s worker is ready; reloading activates it.' },
];

function indicator(status: ShownState, options: { compact: boolean; signIn: boolean; lang: string }): Raw {
  return html`<sync-indicator${options.compact ? html` compact` : ''}${options.signIn ? html` sign-in-url="/"` : ''}${
    options.lang === 'en' ? '' : html` lang="${options.lang}"`
  } data-status="${JSON.stringify({ ...QUIET, ...status })}"></sync-indicator>`;
}

/** The Sync states page for `user` (or signed out), the tags' words in `lang` (en or ja). */
export function syncStatesPage(options: { user: string | null; lang?: string | undefined }): string {
  const { user } = options;
  const lang = options.lang && Object.hasOwn(LABEL_LANGUAGES, options.lang) ? options.lang : 'en';
  const body = html`<h1>Sync states</h1>
<p class="lead">What <code>&lt;sync-indicator&gt;</code> tells a learner, in each state it can be in. Each
indicator below is given its state through its <code>status</code> property; the live one follows
this device.</p>
${user
    ? html`<p>Your indicator right now, full and compact:
<sync-indicator user="${user}"></sync-indicator>
<sync-indicator user="${user}" compact></sync-indicator></p>`
    : signInForm()}
<p>The tags' words: <span class="switch">${Object.entries(LABEL_LANGUAGES).map(
    ([code, name]) => html`<a href="/indicator${code === 'en' ? '' : `?lang=${code}`}" lang="${code}"${code === lang ? html` aria-current="page"` : ''}>${name}</a>
`,
  )}</span></p>
<div class="table-scroll">
<table class="states">
<thead><tr><th scope="col">State</th><th scope="col">Indicator</th><th scope="col">Compact</th><th scope="col">What it means</th></tr></thead>
<tbody>${STATES.map(
    (state) => html`<tr><th scope="row">${state.name}</th>
<td>${indicator(state.status, { compact: false, signIn: state.signIn === true, lang })}</td>
<td>${indicator(state.status, { compact: true, signIn: state.signIn === true, lang })}</td>
<td>${state.meaning}</td></tr>
`,
  )}</tbody>
</table>
</div>
<p class="muted">Pages can style the indicator through its reflected attributes <code>state</code>
(<code>synced</code>, <code>syncing</code>, <code>offline</code>, <code>unreachable</code>, <code>error</code>)
and <code>pending</code>, e.g. <code>sync-indicator[state="offline"]</code>.</p>`;
  return layout({ title: 'Sync states', user, current: '/indicator', body, scripts: [SYNC_STATES_SCRIPT.href] });
}
