/**
 * `offline-review-server`'s configuration, from flags or environment variables (flags win), so
 * that a systemd unit or a container can run the reference server without writing code.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OfflineReviewError } from '../../src/errors.js';
import type { JwtAuthOptions } from '../jwt-auth.js';

/** The usage text. */
export const SERVER_USAGE = `Usage: offline-review-server [options]

Runs the offline-review sync server (protocol v1). Each option can also be set by the
environment variable in brackets; a flag wins over the environment.

  --port N                 port to listen on (PORT; default 8080; 0 picks a free one)
  --host ADDR              address to listen on (HOST; default 127.0.0.1: put a proxy in front)
  --database-url URL       PostgreSQL, recommended in production (DATABASE_URL)
  --pool-size N            connections this instance opens to PostgreSQL, 1 to 1000
                           (OFFLINE_REVIEW_POOL_SIZE; default 10). On several instances,
                           give each its share of what the database should take.
  --data-dir DIR           PGlite data directory when there is no database URL
                           (OFFLINE_REVIEW_DATA_DIR; default ./offline-review-data)
  --base-path PATH         where the API lives (OFFLINE_REVIEW_BASE_PATH; default /api/review)
  --allowed-origin ORIGIN  another origin whose pages may call the API (repeatable;
                           OFFLINE_REVIEW_ALLOWED_ORIGINS, comma-separated)
Sign-in (one of):
  --jwt-secret-file FILE   HS256 shared secret, read from a file (OFFLINE_REVIEW_JWT_SECRET_FILE)
  --jwt-secret SECRET      the same, given directly (OFFLINE_REVIEW_JWT_SECRET)
  --jwt-public-key-file F  the site's public key, PEM or JWK (OFFLINE_REVIEW_JWT_PUBLIC_KEY_FILE)
  --jwks-url URL           the site's key set (OFFLINE_REVIEW_JWKS_URL)
  --demo-auth              DEMO ONLY: the user id is a cookie anyone can set
With a JWT option:
  --jwt-issuer ISS         required (OFFLINE_REVIEW_JWT_ISSUER)
  --jwt-audience AUD       required (OFFLINE_REVIEW_JWT_AUDIENCE)
  --jwt-clock-tolerance S  seconds of allowed clock skew (OFFLINE_REVIEW_JWT_CLOCK_TOLERANCE; default 30)
  --help

GET /healthz answers 200 when the database answers. SIGTERM or SIGINT: stop accepting,
finish the requests in flight, close the database, exit 0.`;

/** What the server runs with. */
export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  /** Connections to PostgreSQL this process opens at most (not used with PGlite). */
  poolSize: number;
  dataDir: string;
  basePath: string;
  allowedOrigins: string[];
  /** JWT options, or 'demo' for the demo cookie. */
  auth: Omit<JwtAuthOptions, 'issuer' | 'audience'> & { issuer: string; audience: string } | 'demo';
}

function usage(message: string): OfflineReviewError {
  return new OfflineReviewError('invalid-input', message);
}

function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new OfflineReviewError('invalid-input', `Cannot read the ${what} file ${path}: ${String(error)}`, { cause: error });
  }
}

/**
 * Parses flags and environment. Resolves 'help' for --help; throws
 * OfflineReviewError('invalid-input') with the reason for bad or missing options.
 */
export function parseServerConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      'database-url': { type: 'string' },
      'pool-size': { type: 'string' },
      'data-dir': { type: 'string' },
      'base-path': { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      'jwt-secret': { type: 'string' },
      'jwt-secret-file': { type: 'string' },
      'jwt-public-key-file': { type: 'string' },
      'jwks-url': { type: 'string' },
      'jwt-issuer': { type: 'string' },
      'jwt-audience': { type: 'string' },
      'jwt-clock-tolerance': { type: 'string' },
      'demo-auth': { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const pick = (flag: string | undefined, name: string): string | undefined => (flag ?? env[name])?.trim() || undefined;
  const portText = pick(values.port, 'PORT') ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw usage(`Not a port: ${portText}`);
  const poolText = pick(values['pool-size'], 'OFFLINE_REVIEW_POOL_SIZE') ?? '10';
  const poolSize = Number(poolText);
  if (!/^\d+$/.test(poolText) || poolSize < 1 || poolSize > 1000) throw usage(`Not a pool size (a whole number from 1 to 1000): ${poolText}`);
  const basePath = pick(values['base-path'], 'OFFLINE_REVIEW_BASE_PATH') ?? '/api/review';
  if (!basePath.startsWith('/')) throw usage(`The base path must start with "/": ${basePath}`);
  const allowedOrigins =
    values['allowed-origin'] ??
    (env.OFFLINE_REVIEW_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);

  const secretFile = pick(values['jwt-secret-file'], 'OFFLINE_REVIEW_JWT_SECRET_FILE');
  const keyFile = pick(values['jwt-public-key-file'], 'OFFLINE_REVIEW_JWT_PUBLIC_KEY_FILE');
  const secret = secretFile ? readSecretFile(secretFile, 'JWT secret') : pick(values['jwt-secret'], 'OFFLINE_REVIEW_JWT_SECRET');
  const publicKey = keyFile ? readSecretFile(keyFile, 'public key') : undefined;
  const jwksUrl = pick(values['jwks-url'], 'OFFLINE_REVIEW_JWKS_URL');
  const chosen = [secret, publicKey, jwksUrl].filter(Boolean).length + (values['demo-auth'] ? 1 : 0);
  if (chosen === 0) {
    throw usage('Choose how learners sign in: --jwt-secret-file, --jwt-public-key-file or --jwks-url (or --demo-auth, DEMO ONLY).');
  }
  if (chosen > 1) throw usage('Give only one of --jwt-secret(-file), --jwt-public-key-file, --jwks-url and --demo-auth.');
  let auth: ServerConfig['auth'] = 'demo';
  if (!values['demo-auth']) {
    const issuer = pick(values['jwt-issuer'], 'OFFLINE_REVIEW_JWT_ISSUER');
    const audience = pick(values['jwt-audience'], 'OFFLINE_REVIEW_JWT_AUDIENCE');
    if (!issuer || !audience) throw usage('Tokens need --jwt-issuer and --jwt-audience (the iss and aud your site puts in them).');
    const toleranceText = pick(values['jwt-clock-tolerance'], 'OFFLINE_REVIEW_JWT_CLOCK_TOLERANCE');
    const clockToleranceSeconds = toleranceText === undefined ? undefined : Number(toleranceText);
    if (clockToleranceSeconds !== undefined && !(clockToleranceSeconds >= 0)) throw usage(`Not a number of seconds: ${toleranceText}`);
    auth = {
      issuer,
      audience,
      ...(secret ? { secret } : publicKey ? { publicKey } : { jwksUrl: jwksUrl! }),
      ...(clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds }),
    };
  }
  return {
    port,
    host: pick(values.host, 'HOST') ?? '127.0.0.1',
    databaseUrl: pick(values['database-url'], 'DATABASE_URL'),
    poolSize,
    dataDir: pick(values['data-dir'], 'OFFLINE_REVIEW_DATA_DIR') ?? './offline-review-data',
    basePath,
    allowedOrigins,
    auth,
  };
}
