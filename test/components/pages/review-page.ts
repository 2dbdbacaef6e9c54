// A page with one scheduled <review-session> (three inline cards), for tests that need a page
// of their own: one that reloads, or whose modules were never loaded. Query: user, db, deck.
// It hands the test the page's own grades part (each document has its own modules).
import '../../../components/define.js';
import { grades } from '../../../components/review-session/review-parts.js';

/** What the test reads from the page. */
export interface ReviewPage {
  grades: typeof grades;
}

const params = new URLSearchParams(location.search);
const items = [1, 2, 3].map((n) => ({ id: `card-${n}`, contentType: 'vocabulary', prompt: `prompt ${n}`, answer: `answer ${n}`, version: 1 }));
const el = document.createElement('review-session');
el.setAttribute('user', params.get('user') ?? 'nobody');
el.setAttribute('db-name', params.get('db') ?? 'offline-review');
el.setAttribute('deck', params.get('deck') ?? 'deck');
el.setAttribute('schedule', 'review');
const script = document.createElement('script');
script.type = 'application/json';
script.textContent = JSON.stringify(items);
el.append(script);
document.body.append(el);
(window as Window & { reviewPage?: ReviewPage }).reviewPage = { grades };
