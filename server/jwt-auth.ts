/**
 * Production sign-in for the sync API: the host site's backend (PHP, Django, Rails…) mints a
 * short-lived JWT for the signed-in learner and the tags send it as `Authorization: Bearer`.
 * Verification is jose's (no crypto written here): HS256 with a shared secret, or an
 * asymmetric signature (EdDSA by default) checked with a public key (PEM or JWK) or a JWKS URL.
 */
import { createRemoteJWKSet, errors, importJWK, importSPKI, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import { OfflineReviewError } from '../src/errors.js';
import type { Authenticate } from './auth.js';

/** Options of createJwtAuthenticator: exactly one of `secret`, `publicKey` or `jwksUrl`. */
export interface JwtAuthOptions {
  /** HS256 shared secret, at least 32 bytes (e.g. `openssl rand -base64 48`). */
  secret?: string | Uint8Array;
  /** The host's public key: a PEM (`-----BEGIN PUBLIC KEY-----`, SPKI) or a JWK object or JSON. */
  publicKey?: string | JWK;
  /** Where the host publishes its public keys (a JWKS document); keys are cached and refetched on rotation. */
  jwksUrl?: string | URL;
  /** The `iss` tokens must carry (the host site, e.g. `https://www.example.com`). Required. */
  issuer: string | string[];
  /** The `aud` tokens must carry (this API, e.g. `offline-review`). Required. */
  audience: string | string[];
  /** Allowed clock skew between the host and this server, in seconds; default 30. */
  clockToleranceSeconds?: number;
  /** Accepted algorithms; default `['HS256']` with a secret, `['EdDSA', 'Ed25519']` with a public key or JWKS. */
  algorithms?: string[];
}

/** jose errors that mean "this token is not acceptable" (401), as opposed to a server fault. */
const TOKEN_ERRORS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

type Key = Awaited<ReturnType<typeof importSPKI>> | Uint8Array | JWTVerifyGetKey;

async function keyOf(options: JwtAuthOptions, algorithms: string[]): Promise<Key> {
  if (options.secret !== undefined) {
    return typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
  }
  if (options.jwksUrl !== undefined) return createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000 });
  const key = options.publicKey!;
  if (typeof key === 'string' && key.includes('-----BEGIN')) return importSPKI(key, algorithms[0]!);
  const jwk = (typeof key === 'string' ? JSON.parse(key) : key) as JWK;
  const imported = await importJWK(jwk, jwk.alg ?? algorithms[0]);
  if (imported instanceof Uint8Array) throw new TypeError('jwt: publicKey is a symmetric key; pass it as secret.');
  return imported;
}

/**
 * Builds an authenticator that verifies `Authorization: Bearer <JWT>`: signature, `iss`,
 * `aud`, `exp` (required) and `nbf`, with a clock tolerance; the user id is `sub`. Resolves null
 * without a bearer token (answered 401 auth-required); throws OfflineReviewError('auth-required',
 * details.reason 'invalid-token') for a bad, expired or foreign token (answered 401
 * invalid-token). Throws a TypeError at once for bad options (no key, two keys, a short secret,
 * no issuer or audience); a bad key rejects on the first request.
 */
export function createJwtAuthenticator(options: JwtAuthOptions): Authenticate {
  const sources = [options.secret, options.publicKey, options.jwksUrl].filter((x) => x !== undefined);
  if (sources.length !== 1) throw new TypeError('jwt: give exactly one of secret, publicKey or jwksUrl.');
  if (!options.issuer || (Array.isArray(options.issuer) && options.issuer.length === 0)) throw new TypeError('jwt: issuer is required.');
  if (!options.audience || (Array.isArray(options.audience) && options.audience.length === 0)) throw new TypeError('jwt: audience is required.');
  if (options.secret !== undefined) {
    const bytes = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret).byteLength : options.secret.byteLength;
    if (bytes < 32) throw new TypeError('jwt: the HS256 secret must be at least 32 bytes (e.g. openssl rand -base64 48).');
  }
  const algorithms = options.algorithms ?? (options.secret !== undefined ? ['HS256'] : ['EdDSA', 'Ed25519']);
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  let key: Promise<Key> | undefined;

  return async (request) => {
    const header = request.headers.get('authorization');
    const match = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return null;
    key ??= keyOf(options, algorithms);
    const verifyKey = await key;
    try {
      const verify = { issuer: options.issuer, audience: options.audience, clockTolerance, algorithms, requiredClaims: ['exp', 'sub'] };
      const { payload } =
        typeof verifyKey === 'function' ? await jwtVerify(match[1]!, verifyKey, verify) : await jwtVerify(match[1]!, verifyKey, verify);
      return { userId: payload.sub! };
    } catch (error) {
      if (!TOKEN_ERRORS.some((kind) => error instanceof kind)) throw error;
      const why = error instanceof errors.JWTExpired ? 'The token has expired.' : `The token was refused: ${(error as Error).message}.`;
      throw new OfflineReviewError('auth-required', why, { details: { reason: 'invalid-token', jose: (error as errors.JOSEError).code }, cause: error });
    }
  };
}
