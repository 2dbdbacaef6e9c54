// A tiny HTTP proxy on loopback in front of the demo server. The page only ever talks to the
// proxy, so a scenario can hold the server's answer to a push (the server has committed, the
// page has not heard back yet), or "deploy" a new service-worker version by changing the bytes
// of the site's one-line worker file, without touching the demo server itself.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './demo.js';

/**
 * Which context sent a request: a page, or the service worker. A fetch's `Referer` is its
 * client's URL: the page's for a page, the worker script's for the worker (same origin, so the
 * default referrer policy keeps the path).
 */
export type Sender = 'page' | 'worker';

/** A push whose answer the proxy is holding back. */
export interface HeldPush {
  /** Mutation ids sent. */
  mutationIds: string[];
  /** Answer ids among them. */
  answerIds: string[];
  /** The upstream status (the server has already committed when this exists). */
  status: number;
  /** Who sent it (a page, or the service worker for a Background Sync or a page's request). */
  from: Sender;
  /**
   * Set by `release()`: whether the sender was still waiting for the answer, so that it got it.
   * False when it had gone (a closed tab) or given up (its request timed out).
   */
  answered?: boolean;
}

/** The sender of `req`, from its Referer (see {@link Sender}). */
export function senderOf(req: IncomingMessage): Sender {
  const referer = req.headers.referer ?? '';
  let path = '';
  try {
    path = new URL(referer).pathname;
  } catch {
    // No Referer: not a worker script either.
  }
  return path.endsWith('-sw.js') ? 'worker' : 'page';
}

export interface DemoProxy {
  readonly port: number;
  /** http://127.0.0.1:port */
  readonly origin: string;
  /** Where requests go; change it to point at a restarted server. */
  upstreamPort: number;
  /** Appended as a comment to /offline-review-sw.js: a new value is a new worker version. */
  workerVersion: string | null;
  /** While true, answers to POST …/sync are held (after the server committed) until released. */
  holdPushes: boolean;
  /** Every push answer held so far. */
  readonly held: HeldPush[];
  /** Resolves with the first held push from now on (or one already held, unreleased). */
  nextHeldPush(timeoutMs?: number): Promise<HeldPush>;
  /** Sends every held answer on (to sockets still open) and stops holding. */
  release(): void;
  /** Mutation ids of every push that reached the server through the proxy (repeats kept). */
  readonly pushedIds: string[];
  /** Answer ids carried by those pushes (repeats kept: a re-sent answer appears twice). */
  readonly pushedAnswerIds: string[];
  /**
   * Cuts (or restores) the network of one device: every request carrying its
   * {@link DEVICE_COOKIE} meets a destroyed socket, the page's and its service worker's alike.
   * Firefox's offline mode does not reach the worker's own fetches, so this is where they fail.
   */
  setDeviceOffline(device: string, offline: boolean): void;
  close(): Promise<void>;
}

const WORKER_PATH = '/offline-review-sw.js';
/** The cookie that names a scenario's device (its browser profile), for {@link DemoProxy.setDeviceOffline}. */
export const DEVICE_COOKIE = 'e2e_device';

/** The device a request comes from, from its cookie header. */
function deviceOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === DEVICE_COOKIE && value) return value;
  }
  return null;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type SentMutation = { id?: string; type?: string; data?: { id?: string } };

/** The mutations of a push body; none when it is not one (the server rejects it, not us). */
function parseMutations(body: Buffer): SentMutation[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { mutations?: unknown };
    return Array.isArray(parsed.mutations) ? (parsed.mutations as SentMutation[]) : [];
  } catch {
    return [];
  }
}

function answerIdsOf(mutations: SentMutation[]): string[] {
  return mutations.flatMap((m) => (m.type === 'answer' && m.data?.id ? [m.data.id] : []));
}

/**
 * Starts a proxy to 127.0.0.1:upstreamPort; resolves once it listens. `keepHost` passes the
 * page's own Host header on, as a site's reverse proxy does: a site that checks it (Django's
 * CSRF check compares it with the form's Origin) then sees the origin the browser used.
 */
export async function startProxy(upstreamPort: number, options: { keepHost?: boolean } = {}): Promise<DemoProxy> {
  const port = await freePort();
  const waiting: Array<() => void> = [];
  const releases: Array<() => void> = [];
  const offline = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const device = deviceOf(req);
    if (device !== null && offline.has(device)) {
      // A device with no network: its request never reaches anything.
      req.socket.destroy();
      return;
    }
    const body = await readAll(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isPush = req.method === 'POST' && path.endsWith('/sync');
    if (isPush) {
      const sent = parseMutations(body);
      for (const m of sent) if (m.id) proxy.pushedIds.push(m.id);
      proxy.pushedAnswerIds.push(...answerIdsOf(sent));
    }
    const headers = options.keepHost ? { ...req.headers } : { ...req.headers, host: `127.0.0.1:${proxy.upstreamPort}` };
    if (path === WORKER_PATH) delete headers['accept-encoding'];
    const upstream = httpRequest(
      { host: '127.0.0.1', port: proxy.upstreamPort, method: req.method, path: req.url, headers },
      async (up) => {
        let payload = await readAll(up);
        const outHeaders = { ...up.headers };
        if (path === WORKER_PATH && proxy.workerVersion && (up.statusCode ?? 0) < 300) {
          payload = Buffer.concat([payload, Buffer.from(`\n// deployed version ${proxy.workerVersion}\n`)]);
          delete outHeaders['etag'];
          delete outHeaders['last-modified'];
        }
        outHeaders['content-length'] = String(payload.length);
        delete outHeaders['transfer-encoding'];
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(up.statusCode ?? 502, outHeaders);
          res.end(payload);
        };
        if (isPush && proxy.holdPushes) {
          const sent = parseMutations(body);
          const held: HeldPush = {
            mutationIds: sent.map((m) => m.id ?? ''),
            answerIds: answerIdsOf(sent),
            status: up.statusCode ?? 0,
            from: senderOf(req),
          };
          proxy.held.push(held);
          releases.push(() => {
            held.answered = !res.destroyed;
            send();
          });
          for (const wake of waiting.splice(0)) wake();
          return;
        }
        send();
      },
    );
    // The server is down: cut the page's socket, which is what a page sees when a server is gone.
    upstream.on('error', () => res.socket?.destroy());
    upstream.end(body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  const proxy: DemoProxy = {
    port,
    origin: `http://127.0.0.1:${port}`,
    upstreamPort,
    workerVersion: null,
    holdPushes: false,
    held: [],
    pushedIds: [],
    pushedAnswerIds: [],
    nextHeldPush(timeoutMs = 30_000) {
      const already = proxy.held.length;
      if (releases.length > 0) return Promise.resolve(proxy.held[already - 1]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no push reached the server within ${timeoutMs} ms`)), timeoutMs);
        waiting.push(() => {
          clearTimeout(timer);
          resolve(proxy.held[proxy.held.length - 1]!);
        });
      });
    },
    setDeviceOffline(device, cut) {
      if (cut) offline.add(device);
      else offline.delete(device);
    },
    release() {
      proxy.holdPushes = false;
      for (const send of releases.splice(0)) send();
    },
    close() {
      proxy.release();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
