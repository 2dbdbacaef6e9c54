/**
 * `offline-review-conformance <base-url> [options]`: runs the protocol's checks against any
 * server and prints PASS/FAIL per check; exits 1 when one fails, 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { OfflineReviewError } from '../../src/errors.js';
import { parseCommandLine } from '../command-line.js';
import type { UserCredentials } from './client.js';
import { formatResult, runConformance } from './runner.js';

/** The usage text. */
export const USAGE = `Usage: offline-review-conformance <base-url> [options]

Runs the offline-review sync protocol v1 checks against a server, e.g.
  offline-review-conformance http://localhost:8080/api/review

The checks act as two different users. Either let the kit make two fresh users:
  --cookie-template "offline_review_user={user}"   cookie per user ({user} is replaced)
  --header-template "Authorization: Bearer {user}"  header per user
  --jwt-secret S --jwt-issuer I --jwt-audience A   an HS256 token per user, as a site mints
                                                  them (a server using createJwtAuthenticator)
(without any credentials, the reference server's demo cookie template is used), or name them:
  --user ID --cookie "k=v" [--header-a "N: v"]      user A (repeatable cookie/header)
  --user-b ID --cookie-b "k=v" [--header-b "N: v"]  user B
  (with the demo cookie offline_review_user=x, --user defaults to x and user B to x-b)
Other options:
  --header "N: v"    sent by both users (API keys, CSRF tokens); repeatable
  --skip-auth        skip the 401 check (a server without authentication)
  --only a,b         run only these check ids
  --json             print the results as JSON after the lines
  --help`;

/** Parsed command line. */
export interface CliConfig {
  baseUrl: string;
  users: [UserCredentials, UserCredentials];
  skipAuth: boolean;
  only?: string[];
  json: boolean;
  /** Mint an HS256 token per user (sub = the user id) and send it as Authorization: Bearer. */
  jwt?: { secret: string; issuer: string; audience: string };
}

function usage(message: string): OfflineReviewError {
  return new OfflineReviewError('invalid-input', message);
}

function header(line: string): [string, string] {
  const index = line.indexOf(':');
  if (index <= 0) throw usage(`Not a header "Name: value": ${line}`);
  return [line.slice(0, index).trim(), line.slice(index + 1).trim()];
}

function credentials(userId: string, cookies: string[], headers: string[]): UserCredentials {
  const result: Record<string, string> = {};
  for (const line of headers) {
    const [name, value] = header(line);
    result[name.toLowerCase()] = value;
  }
  if (cookies.length > 0) result.cookie = cookies.join('; ');
  return { userId, headers: result };
}

function demoUser(cookies: string[]): string | undefined {
  for (const cookie of cookies) {
    const match = /^\s*offline_review_user=(.*)$/.exec(cookie);
    if (match) return decodeURIComponent(match[1]!.trim());
  }
  return undefined;
}

/** Parses argv (without node and the script). Throws OfflineReviewError('invalid-input') with the reason for bad usage. */
export function parseCli(argv: string[]): CliConfig | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean' },
      json: { type: 'boolean' },
      'skip-auth': { type: 'boolean' },
      only: { type: 'string' },
      header: { type: 'string', multiple: true },
      user: { type: 'string' },
      cookie: { type: 'string', multiple: true },
      'header-a': { type: 'string', multiple: true },
      'user-b': { type: 'string' },
      'cookie-b': { type: 'string', multiple: true },
      'header-b': { type: 'string', multiple: true },
      'cookie-template': { type: 'string' },
      'header-template': { type: 'string', multiple: true },
      'jwt-secret': { type: 'string' },
      'jwt-issuer': { type: 'string' },
      'jwt-audience': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw usage('Give exactly one base URL.');
  let baseUrl: string;
  try {
    baseUrl = new URL(positionals[0]!).toString().replace(/\/+$/, '');
  } catch (error) {
    throw new OfflineReviewError('invalid-input', `Not a URL: ${positionals[0]}`, { cause: error });
  }
  const shared = values.header ?? [];
  let cookiesA = values.cookie ?? [];
  let cookiesB = values['cookie-b'] ?? [];
  let headersA = [...shared, ...(values['header-a'] ?? [])];
  let headersB = [...shared, ...(values['header-b'] ?? [])];
  let userA = values.user ?? demoUser(cookiesA);
  let userB = values['user-b'] ?? demoUser(cookiesB);
  const jwt = values['jwt-secret'];
  if (jwt !== undefined && (!values['jwt-issuer'] || !values['jwt-audience'])) throw usage('--jwt-secret needs --jwt-issuer and --jwt-audience.');
  const templated = values['cookie-template'] !== undefined || values['header-template'] !== undefined || jwt !== undefined;
  const named = values.user !== undefined || cookiesA.length > 0 || values['header-a'] !== undefined;
  if (templated || !named) {
    const cookieTemplate = values['cookie-template'] ?? (values['header-template'] || jwt ? undefined : 'offline_review_user={user}');
    const stamp = crypto.randomUUID().slice(0, 8);
    userA = `conformance-a-${stamp}`;
    userB = `conformance-b-${stamp}`;
    const fill = (template: string, user: string) => template.replaceAll('{user}', user);
    const fillCookie = (user: string) => (cookieTemplate ? [fill(cookieTemplate, encodeURIComponent(user))] : []);
    cookiesA = fillCookie(userA);
    cookiesB = fillCookie(userB);
    headersA = [...headersA, ...(values['header-template'] ?? []).map((t) => fill(t, userA!))];
    headersB = [...headersB, ...(values['header-template'] ?? []).map((t) => fill(t, userB!))];
  } else if (userB === undefined && cookiesB.length === 0 && values['header-b'] === undefined && demoUser(cookiesA)) {
    userB = `${userA}-b`;
    cookiesB = cookiesA.map((c) => (/^\s*offline_review_user=/.test(c) ? `offline_review_user=${encodeURIComponent(userB!)}` : c));
  }
  if (!userA) throw usage('Name user A with --user (the id your server authenticates the credentials as).');
  if (!userB) throw usage('Name user B with --user-b and give its credentials (--cookie-b / --header-b).');
  return {
    baseUrl,
    users: [credentials(userA, cookiesA, headersA), credentials(userB, cookiesB, headersB)],
    skipAuth: values['skip-auth'] ?? false,
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    json: values.json ?? false,
    ...(jwt === undefined ? {} : { jwt: { secret: jwt, issuer: values['jwt-issuer']!, audience: values['jwt-audience']! } }),
  };
}

/** Runs the CLI; resolves the process exit code (0 all passed, 1 a check failed, 2 usage). */
export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const parsed = parseCommandLine(() => parseCli(argv), USAGE, out);
  if ('exit' in parsed) return parsed.exit;
  const { config } = parsed;
  out(`offline-review conformance: ${config.baseUrl} as ${config.users[0].userId} and ${config.users[1].userId}`);
  if (config.jwt) {
    for (const user of config.users) user.headers.authorization = `Bearer ${await mintToken(config.jwt, user.userId)}`;
  }
  const results = await runConformance({ ...config, onResult: (r) => out(formatResult(r)) });
  const failed = results.filter((r) => !r.passed).length;
  out(`${results.length - failed} passed, ${failed} failed`);
  if (config.json) out(JSON.stringify(results, null, 2));
  return failed === 0 && results.length > 0 ? 0 : 1;
}

/** An HS256 token for `userId` valid for an hour, as a site's backend mints it. */
function mintToken(jwt: NonNullable<CliConfig['jwt']>, userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(jwt.secret));
}
