// The test server's API: the real reference server's handler, mounted in the test runner, with
// faults injected on purpose (docs/testing.md, "The browser suite"). Tests steer it through
// `executeServerCommand` (see test/support/server.ts for the typed helpers).
//
// Faults are rules: the first rule whose `match` fits the request applies, `times` times
// (default: until cleared). Modes:
//   down             destroy the socket: fetch rejects with a TypeError, as when offline
//   status           answer `status` (with Retry-After when `retryAfter` is set)
//   delay            wait `delayMs`, then serve normally
//   commit-then-drop serve it (the server commits), then destroy the socket: the answer is lost
//   hang             never answer (until the socket is closed by the client or a clear)
//   cut-body         answer 200 with the head and part of a body, then destroy the socket
//                    (after `delayMs`, default 50 ms): the answer is cut off mid-way
//   stall-body       answer 200 with the head and part of a body, then nothing (until a clear)
//   hold-body        serve it, but send the head and half of the body only; the rest goes on
//                    `{ release: true }` (a clear cuts it): a client is still reading the answer
//   hold             (fault paths only) answer nothing until `{ release: true }`, then serve it
//                    (a clear cuts it): a page fetch still waiting for its head

import { SignJWT } from 'jose';

const DEFAULT_BASE = '/api/review';
/** Classic WebDriver's codes of the modifier keys a chord may hold. */
const WEBDRIVER_KEYS = { Control: '\uE009', Shift: '\uE008', Alt: '\uE00A', Meta: '\uE03D' };
/** The test site's token URL: a JWT for the demo cookie's user (HS256, see tokenKey), else 401. */
export const TOKEN_PATH = '/test/token';
/** The test site's HS256 key of a generation (a rotation makes a new one). */
const tokenKey = (generation) => `offline-review test secret ${generation}, never a real one`;
const TOKEN_ISSUER = 'offline-review-test-site';
const TOKEN_AUDIENCE = 'offline-review-test';

/** Reads a Node request body to a Buffer. */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

// `faultPaths`: other path prefixes (e.g. the service worker tests' scope, /test/sw/scope/)
// whose requests the fault rules may also cut; there only rules with a `match` apply, so a
// rule meant for every API request never cuts a page.
export function createApiPlugin({ basePath = DEFAULT_BASE, faultPaths = [] } = {}) {
  /** @type {Array<Record<string, any>>} */
  let faults = [];
  /** @type {Array<Record<string, any>>} */
  let log = [];
  const hanging = new Set();
  /**
   * The requests held by `hold` and `hold-body` now, by socket: the path and what sends the
   * rest, on `{ release: true }`.
   */
  const held = new Map();
  /** Holds a request on `socket` until released; one whose socket closes (the page went) is no longer held. */
  const hold = (socket, entry) => {
    held.set(socket, entry);
    socket.once('close', () => {
      if (held.get(socket) === entry) held.delete(socket);
    });
  };
  /** The token URL's behaviour, set by tests: lifetime, a user to mint for, its status; the generation the server takes. */
  const TOKEN_DEFAULTS = { ttlSeconds: 300, subject: null, status: 200, generation: 0 };
  let tokens = { ...TOKEN_DEFAULTS };
  let serverPromise = null;
  /**
   * The offline switch (WebKit, where classic WebDriver cannot take the device offline): while
   * on, every request of the API, the token URL and the fault paths is cut, as for a device
   * with no network.
   */
  let offlineSwitch = false;

  async function getServer() {
    serverPromise ??= (async () => {
      const server = await import('../../server/index.ts');
      const store = await server.createPGliteStore();
      // A bearer token, checked by the reference server's JWT authenticator (jose) with the
      // current key, else the demo cookie. `revoke` rotates the key: older tokens get 401.
      const verifiers = new Map();
      const authenticate = (request) => {
        if (!request.headers.has('authorization')) return server.demoAuthenticate(request);
        let verify = verifiers.get(tokens.generation);
        if (!verify) {
          verify = server.createJwtAuthenticator({ secret: tokenKey(tokens.generation), issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
          verifiers.set(tokens.generation, verify);
        }
        return verify(request);
      };
      const handler = server.createHandler({ store, authenticate, basePath });
      return { server, store, handler };
    })();
    return serverPromise;
  }

  function takeFault(path, method, header = () => undefined, body = '') {
    const index = faults.findIndex((rule) => {
      if (rule.match && !path.includes(rule.match)) return false;
      // A CSRF check: the rule spares requests that carry this header.
      if (rule.unlessHeader && header(rule.unlessHeader)) return false;
      if (rule.method && rule.method !== method) return false;
      if (rule.bodyIncludes && !body.includes(rule.bodyIncludes)) return false;
      return true;
    });
    if (index < 0) return null;
    const rule = faults[index];
    if (typeof rule.times === 'number') {
      rule.times -= 1;
      if (rule.times <= 0) faults.splice(index, 1);
    }
    return rule;
  }

  async function callHandler(method, url, headers, body) {
    const { handler } = await getServer();
    const request = new Request(url, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    });
    return handler(request);
  }

  /** Faults for a non-API path (pages, static files): down, hang, status or delay, then serve. */
  async function pathFault(ctx, next) {
    const entry = { method: ctx.method, path: ctx.path, query: ctx.querystring, at: Date.now(), bytes: 0 };
    log.push(entry);
    const index = faults.findIndex((rule) => rule.match && ctx.path.includes(rule.match) && (!rule.method || rule.method === ctx.method));
    const fault = index < 0 ? null : faults[index];
    if (fault && typeof fault.times === 'number' && --fault.times <= 0) faults.splice(index, 1);
    entry.fault = fault?.mode ?? null;
    if (fault?.mode === 'down' || fault?.mode === 'hang') {
      ctx.respond = false;
      if (fault.mode === 'down') ctx.req.socket.destroy();
      else hanging.add(ctx.req.socket);
      return;
    }
    // Never from the browser's HTTP cache: every fetch of these paths must reach the faults.
    // The runner's outer cache middleware sets a year's max-age after every inner middleware,
    // so the header is set when the head is written. `no-cache` (with no validator, every use
    // is a full request), not `no-store`: the worker never keeps a `no-store` page.
    const writeHead = ctx.res.writeHead;
    ctx.res.writeHead = function noStore(...args) {
      this.setHeader('Cache-Control', fault?.headers?.['Cache-Control'] ?? 'no-cache');
      this.removeHeader('ETag');
      this.removeHeader('Last-Modified');
      return writeHead.apply(this, args);
    };
    if (fault?.mode === 'hold') {
      hanging.add(ctx.req.socket);
      await new Promise((resolve) => hold(ctx.req.socket, { path: ctx.path, finish: resolve }));
    }
    if (fault?.mode === 'status') {
      // With `body`, a page of the site made up by the test (`delayMs`: answered that late;
      // `headers`: e.g. its Cache-Control).
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      ctx.status = fault.status;
      entry.status = fault.status;
      if (fault.body !== undefined) {
        ctx.type = 'text/html';
        ctx.body = String(fault.body);
        for (const [name, value] of Object.entries(fault.headers ?? {})) ctx.set(name, value);
      }
      return;
    }
    if (fault?.mode === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    await next();
    entry.status = ctx.status;
  }

  /** The test site's token URL, as a PHP or Django site would serve it from its own session. */
  async function tokenEndpoint(ctx) {
    const entry = { method: ctx.method, path: ctx.path, query: ctx.querystring, at: Date.now(), bytes: 0, fault: null };
    log.push(entry);
    const cookie = /(?:^|;\s*)offline_review_user=([^;]*)/.exec(ctx.get('cookie') ?? '')?.[1];
    const user = tokens.subject ?? (cookie ? decodeURIComponent(cookie) : null);
    ctx.set('Cache-Control', 'no-store');
    if (tokens.status !== 200 || !user) {
      ctx.status = tokens.status !== 200 ? tokens.status : 401;
      entry.status = ctx.status;
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + tokens.ttlSeconds)
      .sign(new TextEncoder().encode(tokenKey(tokens.generation)));
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ token });
    entry.status = 200;
  }

  async function middleware(ctx, next) {
    if (offlineSwitch && (ctx.path === TOKEN_PATH || ctx.path.startsWith(basePath) || faultPaths.some((prefix) => ctx.path.startsWith(prefix)))) {
      log.push({ method: ctx.method, path: ctx.path, query: ctx.querystring, at: Date.now(), bytes: 0, fault: 'offline' });
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (ctx.path === TOKEN_PATH) return tokenEndpoint(ctx);
    if (!ctx.path.startsWith(basePath)) {
      return faultPaths.some((prefix) => ctx.path.startsWith(prefix)) ? pathFault(ctx, next) : next();
    }
    const method = ctx.method;
    const body = await readBody(ctx.req);
    const entry = { method, path: ctx.path, query: ctx.querystring, at: Date.now(), bytes: body.length };
    // Headers a client chooses (CSRF token, content type, accept), for tests of the client.
    entry.headers = {};
    for (const name of ['accept', 'content-type', 'x-csrf-token', 'x-csrftoken', 'authorization']) {
      if (ctx.get(name)) entry.headers[name] = ctx.get(name);
    }
    entry.credentialed = Boolean(ctx.get('cookie'));
    if (method === 'POST' && body.length) {
      try {
        const parsed = JSON.parse(body.toString('utf8'));
        entry.mutationIds = Array.isArray(parsed?.mutations) ? parsed.mutations.map((m) => m?.id) : undefined;
      } catch {
        entry.mutationIds = undefined;
      }
    }
    log.push(entry);
    const fault = takeFault(ctx.path, method, (name) => ctx.get(name), body.toString('utf8'));
    entry.fault = fault?.mode ?? null;

    if (fault?.mode === 'down') {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (fault?.mode === 'hang') {
      ctx.respond = false;
      hanging.add(ctx.req.socket);
      return;
    }
    if (fault?.mode === 'cut-body' || fault?.mode === 'stall-body') {
      ctx.respond = false;
      ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
      ctx.res.write('{"results":[');
      if (fault.mode === 'cut-body') setTimeout(() => ctx.req.socket.destroy(), fault.delayMs ?? 50);
      else hanging.add(ctx.req.socket);
      return;
    }
    if (fault?.mode === 'status') {
      ctx.status = fault.status;
      if (fault.retryAfter !== undefined) ctx.set('Retry-After', String(fault.retryAfter));
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(fault.body ?? { error: { code: 'injected', message: `injected ${fault.status}` } });
      entry.status = fault.status;
      return;
    }
    if (fault?.mode === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));

    const url = `http://${ctx.host}${ctx.url}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(', '));
    }
    let response;
    try {
      response = await callHandler(method, url, headers, body);
    } catch (error) {
      ctx.status = 503;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ error: { code: 'test-server', message: String(error?.stack ?? error) } });
      entry.status = 503;
      return;
    }
    entry.status = response.status;
    const text = Buffer.from(await response.arrayBuffer());
    if (fault?.mode === 'hold-body') {
      ctx.respond = false;
      const head = {};
      response.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'transfer-encoding') head[name] = value;
      });
      ctx.res.writeHead(response.status, { ...head, 'Content-Length': String(text.length) });
      const cut = Math.floor(text.length / 2);
      ctx.res.write(text.subarray(0, cut));
      hanging.add(ctx.req.socket);
      hold(ctx.req.socket, { path: ctx.path, finish: () => ctx.res.end(text.subarray(cut)) });
      return;
    }
    if (fault?.mode === 'commit-then-drop') {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    ctx.status = response.status;
    response.headers.forEach((value, name) => ctx.set(name, value));
    ctx.body = text;
  }

  /** Reads every answer the server holds for a user, through the protocol's own pull. */
  async function serverAnswers(userId) {
    const answers = [];
    const sessions = [];
    const progress = [];
    let since = '';
    for (let page = 0; page < 10_000; page++) {
      const query = since ? `?since=${encodeURIComponent(since)}&limit=500` : '?limit=500';
      const response = await callHandler(
        'GET',
        `http://localhost${basePath}/changes${query}`,
        new Headers({ cookie: `offline_review_user=${encodeURIComponent(userId)}` }),
      );
      if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
      const body = await response.json();
      answers.push(...body.changes.answers);
      sessions.push(...body.changes.sessions);
      progress.push(...body.changes.progress);
      since = body.cursor;
      if (!body.hasMore) break;
    }
    return { answers, sessions, progress };
  }

  async function cdpFor(session) {
    const page = session.browser.getPage(session.id);
    const cdp = await page.createCDPSession();
    return { page, cdp };
  }

  async function dispatchSync(session, { tag, lastChance = false, scope }) {
    const { page, cdp } = await cdpFor(session);
    const origin = new URL(page.url()).origin;
    const registrations = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
    await cdp.send('ServiceWorker.enable');
    const deadline = Date.now() + 5000;
    let registration;
    while (!registration && Date.now() < deadline) {
      // With `scope` (a path), the newest live registration of exactly that scope.
      registration = scope
        ? registrations
            .filter((r) => !r.isDeleted && r.scopeURL === new URL(scope, origin).href)
            .sort((a, b) => Number(b.registrationId) - Number(a.registrationId))[0]
        : registrations.find((r) => !r.isDeleted && r.scopeURL.startsWith(origin));
      if (!registration) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!registration) throw new Error(`no service worker registration for ${origin}`);
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin,
      registrationId: registration.registrationId,
      tag,
      lastChance,
    });
    await cdp.send('ServiceWorker.disable');
    await cdp.detach();
    return { registrationId: registration.registrationId };
  }

  /**
   * Runs `apply(held)` on a CDP session kept per test session for as long as an override holds:
   * Chromium withdraws an override when the CDP session that set it detaches. With `release`,
   * the override is over and the session is detached afterwards.
   */
  async function withHeldSession(sessions, session, apply, release) {
    let held = sessions.get(session.id);
    if (!held) {
      held = await cdpFor(session);
      sessions.set(session.id, held);
    }
    const result = await apply(held);
    if (release) {
      sessions.delete(session.id);
      await held.cdp.detach();
    }
    return result;
  }

  /** CDP sessions holding a quota override, per test session. */
  const quotaSessions = new Map();

  function setQuota(session, { quotaSize }) {
    return withHeldSession(
      quotaSessions,
      session,
      async ({ page, cdp }) => {
        const origin = new URL(page.url()).origin;
        await cdp.send('Storage.overrideQuotaForOrigin', quotaSize == null ? { origin } : { origin, quotaSize });
        return { origin };
      },
      quotaSize == null,
    );
  }

  /** CDP sessions holding a connectivity override, per test session. */
  const networkSessions = new Map();

  // The device offline for real, without cutting the runner's own socket to the page (as
  // emulating an offline network would): `navigator.onLine` turns false and `offline` fires.
  // Requests still pass, so tests pair it with a `down` fault, which fails them.
  // Firefox (WebDriver BiDi, no CDP) has its own real offline mode: the page's requests fail too,
  // but not the worker's, hence the same `down` fault. Classic WebDriver (WebKit) has none:
  // there the test server's offline switch cuts the requests and `navigator.onLine` stays true
  // (`device: false` says so; the page announces the way back with an `online` event).
  async function setOffline(session, { offline }) {
    if (session.browser.type === 'webdriver') {
      offlineSwitch = offline;
      return { offline, device: false };
    }
    const page = session.browser.getPage(session.id);
    if (page.browser().protocol !== 'cdp') {
      await page.setOfflineMode(offline);
      return { offline, device: true };
    }
    return withHeldSession(
      networkSessions,
      session,
      async ({ cdp }) => {
        await cdp.send('Network.overrideNetworkState', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        return { offline, device: true };
      },
      !offline,
    );
  }

  /** CDP sessions holding a time zone override, per test session. */
  const zoneSessions = new Map();

  // The page's time zone (what Intl and Date use), for tests of the learner's local day.
  // Firefox (WebDriver BiDi) overrides it per page through puppeteer's `emulateTimezone`.
  // Classic WebDriver (WebKit) cannot: its run launches the files that need another zone in a
  // browser started in it (web-test-runner.config.mjs), where `cdp.timeZone` asks nothing.
  async function setTimeZone(session, { timezoneId }) {
    if (session.browser.type === 'webdriver') {
      throw new Error(`WebKit cannot change its time zone to ${timezoneId} under test: launch its browser in that zone (web-test-runner.config.mjs)`);
    }
    const page = session.browser.getPage(session.id);
    if (page.browser().protocol !== 'cdp') {
      await page.emulateTimezone(timezoneId ?? undefined);
      return { timezoneId: timezoneId ?? null };
    }
    return withHeldSession(
      zoneSessions,
      session,
      async ({ cdp }) => {
        await cdp.send('Emulation.setTimezoneOverride', { timezoneId: timezoneId ?? '' });
        return { timezoneId: timezoneId ?? null };
      },
      !timezoneId,
    );
  }

  /** CDP sessions holding touch emulation, per test session. */
  const touchSessions = new Map();

  // A touch screen as the primary pointer: Chromium's touch emulation makes the page report
  // `pointer: coarse` and `hover: none`, as a phone does. Firefox and WebKit cannot switch it
  // per page: their runs launch the files that need it in a browser started with a coarse
  // pointer (web-test-runner.config.mjs), where `cdp.touch` asks nothing.
  async function setTouch(session, { enabled }) {
    const page = session.browser.type === 'webdriver' ? null : session.browser.getPage(session.id);
    if (!page || page.browser().protocol !== 'cdp') {
      throw new Error('Only Chromium emulates a touch screen per page: launch the browser with a coarse pointer (web-test-runner.config.mjs)');
    }
    return withHeldSession(
      touchSessions,
      session,
      async ({ cdp }) => {
        await cdp.send('Emulation.setTouchEmulationEnabled', enabled ? { enabled: true, maxTouchPoints: 5 } : { enabled: false });
        await cdp.send('Emulation.setEmitTouchEventsForMouse', { enabled: Boolean(enabled), configuration: 'mobile' });
        return { enabled: Boolean(enabled) };
      },
      !enabled,
    );
  }

  /**
   * Presses `key` with `modifier` held (a chord, e.g. Control+z). Puppeteer holds the modifier
   * across presses; classic WebDriver (WebKit) sends a chord as one string whose modifier key
   * code (U+E009 for Control) stays down for the rest of the string.
   */
  async function pressChord(session, { modifier, key }) {
    if (session.browser.type === 'webdriver') {
      await session.browser.sendKeys(session.id, [`${WEBDRIVER_KEYS[modifier]}${key}`]);
      return true;
    }
    const page = session.browser.getPage(session.id);
    await page.keyboard.down(modifier);
    try {
      await page.keyboard.press(key);
    } finally {
      await page.keyboard.up(modifier);
    }
    return true;
  }

  const plugin = {
    name: 'offline-review-api',
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'api-fault':
          if (payload?.clear) {
            faults = [];
            tokens = { ...TOKEN_DEFAULTS, generation: tokens.generation };
            for (const socket of hanging) socket.destroy();
            hanging.clear();
            held.clear();
          } else if (payload?.release) {
            for (const [socket, { finish }] of held) {
              hanging.delete(socket);
              finish();
            }
            held.clear();
          } else faults.push({ ...payload });
          return { faults: faults.length };
        case 'api-tokens':
          // `revoke`: the tokens handed out so far are refused from now on.
          tokens = { ...TOKEN_DEFAULTS, generation: tokens.generation + (payload?.revoke ? 1 : 0), ...payload };
          delete tokens.revoke;
          return tokens;
        case 'api-held':
          // The paths of the requests a `hold` or `hold-body` rule holds now (a release sends them).
          return [...held.values()].map(({ path }) => path);
        case 'api-log': {
          const copy = log.slice();
          if (payload?.clear) log = [];
          return copy;
        }
        case 'api-server-state':
          return serverAnswers(payload.userId);
        case 'api-warm':
          await getServer();
          return true;
        case 'cdp-sync':
          return dispatchSync(session, payload ?? { tag: 'offline-review-sync' });
        case 'cdp-quota':
          return setQuota(session, payload ?? {});
        case 'cdp-offline':
          return setOffline(session, { offline: payload?.offline !== false });
        case 'key-chord':
          return pressChord(session, payload);
        case 'cdp-timezone':
          return setTimeZone(session, payload ?? {});
        case 'cdp-touch':
          return setTouch(session, payload ?? {});
        default:
          return undefined;
      }
    },
  };

  return { plugin, middleware, getServer };
}
