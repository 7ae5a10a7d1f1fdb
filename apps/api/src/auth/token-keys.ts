/**
 * Keys for bearer tokens. Embedded default: an HS256 secret generated once and kept under the data
 * folder (so no secret ships with the code); production: the issuer's JWKS URL.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRemoteJWKSet, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '@goals/infrastructure';

export function localSecret(config: AppConfig): Uint8Array {
  if (config.jwt.secret) return new TextEncoder().encode(config.jwt.secret);
  const file = config.jwt.secretFile;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export function tokenVerifier(config: AppConfig): TokenVerifier {
  const options = { issuer: config.jwt.issuer, audience: config.jwt.audience };
  const maxSeconds = config.jwt.maxLifetimeHours * 3600;
  if (config.jwt.jwksUrl) {
    const keys = createRemoteJWKSet(new URL(config.jwt.jwksUrl));
    return remembered(async (token) => withinLifetime((await jwtVerify(token, keys, options)).payload, maxSeconds));
  }
  const secret = localSecret(config);
  return remembered(async (token) =>
    withinLifetime((await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload, maxSeconds),
  );
}

/**
 * A token without an expiry, or meant to live longer than the configured lifetime (default 12 h, a
 * working day), would be valid for years once leaked: it is refused, however well signed.
 */
export function withinLifetime(payload: JWTPayload, maxSeconds: number, nowSeconds = Date.now() / 1000): JWTPayload {
  if (typeof payload.exp !== 'number') throw new Error('it has no expiry (exp)');
  const issued = typeof payload.iat === 'number' ? Math.min(payload.iat, nowSeconds) : nowSeconds;
  if (payload.exp - issued > maxSeconds || payload.exp - nowSeconds > maxSeconds)
    throw new Error(`it lives longer than ${maxSeconds / 3600} h (exp too far from iat)`);
  return payload;
}

/** A verified token is trusted again for at most this long (never past its own exp). */
const REMEMBER_MS = 60_000;
const REMEMBER_MAX = 10_000;

/**
 * Verifying the same token on every request was a tenth of the command path's CPU. A token that
 * verified once is remembered briefly: past its exp it is verified (and refused) again, and a key
 * withdrawn from the issuer's key set stops being honoured within REMEMBER_MS.
 */
function remembered(verify: TokenVerifier): TokenVerifier {
  const verified = new Map<string, { payload: JWTPayload; until: number }>();
  return async (token) => {
    const now = Date.now();
    const known = verified.get(token);
    if (known && known.until > now) return known.payload;
    verified.delete(token);
    const payload = await verify(token);
    const until = Math.min(now + REMEMBER_MS, typeof payload.exp === 'number' ? payload.exp * 1000 : now);
    if (verified.size >= REMEMBER_MAX) verified.delete(verified.keys().next().value!);
    verified.set(token, { payload, until });
    return payload;
  };
}

/** Tokens for the users of the directory file, on the embedded default. */
export async function mintToken(config: AppConfig, userId: string, ttl = '8h'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(config.jwt.issuer)
    .setAudience(config.jwt.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(localSecret(config));
}
