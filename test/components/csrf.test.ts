// The site's CSRF header, declared on the tags: Django's csrftoken cookie sent back as
// X-CSRFToken, Rails' <meta name="csrf-token"> as X-CSRF-Token. The test server refuses pushes
// without the header (403), as the site's CSRF middleware would.
import { expect, fixture } from '@open-wc/testing';
import '../../components/define.js';
import { csrfHeaders, csrfSource } from '../../components/shared/csrf.js';
import { csrfToken } from '../../components/shared/csrf-token.js';
import { cookieValue } from '../../src/cookie.js';
import { OfflineReview } from '../../src/index.js';
import { api, pushes, signIn, unique } from '../support/server.js';
import { useEngineSuite } from './helpers.js';

const made: OfflineReview[] = [];

/** Mounts a `<sync-indicator>` of a fresh user with `attributes`; resolves the engine it made. */
async function tagEngine(attributes: string): Promise<OfflineReview> {
  const user = unique('u');
  const db = unique('db');
  signIn(user);
  await fixture(`<sync-indicator user="${user}" db-name="${db}" ${attributes}></sync-indicator>`);
  // Without options of its own, for() gives the engine the tag made.
  const engine = OfflineReview.for({ userId: user, dbName: db });
  made.push(engine);
  await engine.ready;
  return engine;
}

/** Records one answer and syncs; resolves the answer's id. */
async function answerAndSync(engine: OfflineReview): Promise<string> {
  const { session } = await engine.startSession({ deckId: 'deck', itemIds: ['a', 'b'], mode: 'grade' });
  const answer = await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 300 });
  await engine.sync();
  return answer.id;
}

describe('CSRF headers from the tags', () => {
  useEngineSuite();
  beforeEach(() => api.log({ clear: true }));
  afterEach(() => {
    for (const engine of made.splice(0)) engine.close();
    document.cookie = 'csrftoken=; path=/; max-age=0';
    document.querySelector('meta[name="csrf-token"]')?.remove();
  });

  it('Django: the csrftoken cookie as X-CSRFToken, read again before each request', async () => {
    await api.fault({ match: '/sync', mode: 'status', status: 403, unlessHeader: 'x-csrftoken' });
    document.cookie = 'csrftoken=first-token; path=/';
    const engine = await tagEngine('csrf-header="X-CSRFToken" csrf-cookie="csrftoken"');
    const id = await answerAndSync(engine);
    expect(engine.state.pending).to.equal(0);
    expect((await api.serverState(engine.userId)).answers.map((answer) => answer.id)).to.deep.equal([id]);
    document.cookie = 'csrftoken=rotated-token; path=/';
    await answerAndSync(engine);
    const sent = (await pushes()).filter((entry) => entry.status === 200).map((entry) => entry.headers?.['x-csrftoken']);
    expect(sent[0]).to.equal('first-token');
    expect(sent.at(-1)).to.equal('rotated-token');
  });

  it('Rails: <meta name="csrf-token"> as X-CSRF-Token', async () => {
    await api.fault({ match: '/sync', mode: 'status', status: 403, unlessHeader: 'x-csrf-token' });
    document.head.insertAdjacentHTML('beforeend', '<meta name="csrf-token" content="rails-token">');
    const engine = await tagEngine('csrf-header="X-CSRF-Token" csrf-meta="csrf-token"');
    await answerAndSync(engine);
    expect(engine.state.pending).to.equal(0);
    expect((await pushes()).at(-1)?.headers?.['x-csrf-token']).to.equal('rails-token');
  });

  it('without the attributes the site\'s check refuses the push, and the answers stay queued', async () => {
    await api.fault({ match: '/sync', mode: 'status', status: 403, unlessHeader: 'x-csrftoken' });
    document.cookie = 'csrftoken=a-token; path=/';
    const engine = await tagEngine('');
    await answerAndSync(engine);
    expect(engine.state.lastError?.code).to.equal('forbidden');
    expect(engine.state.pending).to.be.greaterThan(0);
  });

  it('a script\'s own engine, made first with its headers, is the one the tags use', async () => {
    const user = unique('u');
    const db = unique('db');
    const headers = (): HeadersInit => ({ 'X-CSRFToken': 'from-script' });
    const engine = OfflineReview.for({ userId: user, dbName: db, headers });
    made.push(engine);
    await fixture(`<sync-indicator user="${user}" db-name="${db}" csrf-header="X-CSRFToken" csrf-cookie="csrftoken"></sync-indicator>`);
    expect(OfflineReview.for({ userId: user, dbName: db })).to.equal(engine);
  });

  it('reads the attributes, the cookie and the meta tag (units)', async () => {
    const element = (attributes: Record<string, string>): Element => {
      const el = document.createElement('div');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      return el;
    };
    expect(csrfSource(element({ 'csrf-header': 'X-CSRFToken' }))).to.equal(null);
    expect(csrfSource(element({ 'csrf-cookie': 'csrftoken' }))).to.equal(null);
    const source = csrfSource(element({ 'csrf-header': 'X-CSRFToken', 'csrf-cookie': 'csrftoken' }))!;
    expect(source).to.deep.equal({ header: 'X-CSRFToken', cookie: 'csrftoken', meta: null });
    expect(csrfHeaders(source)).to.equal(csrfHeaders({ ...source }));
    expect(csrfToken(source)).to.equal(null);
    expect(await csrfHeaders(source)()).to.deep.equal({});
    expect(cookieValue('csrftoken', 'a=1; csrftoken=x%20y; b=2')).to.equal('x y');
    expect(cookieValue('csrftoken', 'csrftoken=%E0%A4%A')).to.equal('%E0%A4%A');
    expect(cookieValue('csrftoken', 'xcsrftoken=1; novalue')).to.equal(null);
  });
});
