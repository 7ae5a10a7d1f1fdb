/**
 * The service as an OpenID Connect relying party of the city's identity provider (openid-client 6):
 * authorisation code flow with PKCE, state and nonce; the provider found by discovery from
 * OIDC_ISSUER_URL; the client authenticated by a secret or by private_key_jwt.
 *
 * What a sign-in in flight needs (state, nonce, PKCE verifier, where to go next) is kept in Redis
 * under a random id that travels in a short-lived cookie, and is taken (GETDEL) by the callback:
 * a callback can be used once, and a state from another browser matches nothing.
 */
import { createHash, createPrivateKey, type JsonWebKey, randomBytes, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import * as client from 'openid-client';
import { CLOCK, Clock } from '@goals/platform';
import { APP_CONFIG, AppConfig, OidcConfig } from '@goals/infrastructure';
import { REDIS } from '@goals/infrastructure';

const PENDING = 'auth:oidc-pending:';
const PENDING_MS = 10 * 60_000;

interface Pending {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

/** Why a callback did not sign anyone in, for the refusal page and the security event (never a token or code). */
export class OidcRefusal extends Error {
  constructor(
    readonly reason: 'unreachable' | 'no-pending-sign-in' | 'state-mismatch' | 'provider-error' | 'rejected' | 'no-person-claim',
    detail: string,
  ) {
    super(detail);
  }
}

export interface OidcIdentity {
  claimValue: string;
  idToken?: string;
  next: string;
}

/** http only on loopback (the tests' provider); anywhere else the provider must be reached over https. */
function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** The private_key_jwt key: a PEM (PKCS#8) or a JWK file, RSA (RS256) or EC P-256 (ES256). */
export async function loadClientKey(file: string): Promise<{ key: webcrypto.CryptoKey; kid?: string; alg: string }> {
  const text = readFileSync(file, 'utf8');
  const source = text.trim().startsWith('{') ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' }) : createPrivateKey(text);
  const jwk = source.export({ format: 'jwk' });
  const kid = text.trim().startsWith('{') ? (JSON.parse(text) as { kid?: string }).kid : undefined;
  if (jwk.kty === 'RSA') {
    const key = await webcrypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return { key, kid, alg: 'RS256' };
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    const key = await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    return { key, kid, alg: 'ES256' };
  }
  throw new Error('the key must be RSA or EC P-256');
}

@Injectable()
export class OidcRelyingParty {
  private readonly logger = new Logger('OIDC');
  private readonly oidc: OidcConfig;
  private server?: client.ServerMetadata;
  private readonly jwksCache: { value?: client.ExportedJWKSCache } = {};

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.oidc = config.auth.oidc!;
  }

  get redirectUri(): string {
    return `${this.config.auth.publicUrl}/auth/oidc/callback`;
  }

  private async authentication(): Promise<client.ClientAuth> {
    if (this.oidc.clientSecret) return client.ClientSecretBasic(this.oidc.clientSecret);
    const { key, kid } = await loadClientKey(this.oidc.privateKeyFile!);
    const cryptoKey = key;
    return client.PrivateKeyJwt(kid ? { key: cryptoKey, kid } : cryptoKey);
  }

  /**
   * The provider's configuration, discovered once and then kept. A provider that cannot be reached
   * refuses the sign-in with a clear message; the next attempt tries discovery again.
   */
  private async configuration(): Promise<client.Configuration> {
    const issuer = new URL(this.oidc.issuerUrl);
    const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
    if (!this.server) {
      try {
        const discovered = await client.discovery(issuer, this.oidc.clientId, undefined, await this.authentication(), {
          execute: insecure ? [client.allowInsecureRequests] : [],
          timeout: 10,
        });
        this.server = discovered.serverMetadata();
      } catch (e) {
        throw new OidcRefusal('unreachable', `discovery at ${issuer.origin} failed: ${(e as Error).message}`);
      }
    }
    // Built per use so the service's clock (which tests move) is the one ID tokens are checked against.
    const skew = Math.round((this.clock.now().getTime() - Date.now()) / 1000);
    const configuration = new client.Configuration(
      this.server,
      this.oidc.clientId,
      { [client.clockSkew]: skew, [client.clockTolerance]: 30 },
      await this.authentication(),
    );
    configuration.timeout = 10;
    if (insecure) client.allowInsecureRequests(configuration);
    if (this.jwksCache.value) client.setJwksCache(configuration, this.jwksCache.value);
    return configuration;
  }

  /** Where to send the browser, and the id of the sign-in in flight (for a cookie). */
  async start(next: string): Promise<{ url: string; pendingId: string }> {
    const configuration = await this.configuration();
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      next,
    };
    const pendingId = randomBytes(32).toString('base64url');
    await this.redis.set(PENDING + digest(pendingId), JSON.stringify(pending), 'PX', PENDING_MS);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.oidc.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pendingId };
  }

  /** Checks the provider's answer (state, code with PKCE, ID token with nonce and expiry) and reads the person's claim. */
  async finish(callbackUrl: URL, pendingId: string | undefined): Promise<OidcIdentity> {
    const stored = pendingId && /^[A-Za-z0-9_-]{43}$/.test(pendingId) ? await this.redis.getdel(PENDING + digest(pendingId)) : null;
    if (!stored) throw new OidcRefusal('no-pending-sign-in', 'no sign-in in flight for this browser (expired, used, or never started)');
    const pending = JSON.parse(stored) as Pending;
    if (callbackUrl.searchParams.get('state') !== pending.state) throw new OidcRefusal('state-mismatch', 'the state does not match the sign-in in flight');
    const error = callbackUrl.searchParams.get('error');
    if (error) throw new OidcRefusal('provider-error', `the provider answered ${error.slice(0, 100)}`);
    const configuration = await this.configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      throw new OidcRefusal('rejected', describe(e));
    } finally {
      this.jwksCache.value = client.getJwksCache(configuration) ?? this.jwksCache.value;
    }
    const claims = tokens.claims()!;
    let value = claims[this.oidc.personClaim];
    if (value === undefined && this.server?.userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        value = info[this.oidc.personClaim];
      } catch (e) {
        throw new OidcRefusal('rejected', `userinfo: ${describe(e)}`);
      }
    }
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new OidcRefusal('no-person-claim', `the provider sent no ${this.oidc.personClaim} claim`);
    return { claimValue: String(value), idToken: tokens.id_token, next: pending.next };
  }

  /** RP-initiated logout, where the provider has an end_session_endpoint. */
  async logoutUrl(idToken: string | undefined, afterwards: string): Promise<string | undefined> {
    try {
      const configuration = await this.configuration();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: afterwards,
        client_id: this.oidc.clientId,
        ...(idToken ? { id_token_hint: idToken } : {}),
      }).href;
    } catch (e) {
      this.logger.warn(`no RP-initiated logout: ${(e as Error).message}`);
      return undefined;
    }
  }
}

/** An error's code and message, for the log and the event; openid-client's messages name checks, never token contents. */
function describe(e: unknown): string {
  const error = e as { code?: string; error?: string; message?: string };
  // The claim that failed (nonce, exp, iss…), found down the chain of causes, but never its value or the token.
  let claim: string | undefined;
  for (let cause = (e as { cause?: unknown }).cause, depth = 0; cause && typeof cause === 'object' && depth < 4; depth++) {
    const named = (cause as { claim?: unknown }).claim;
    if (typeof named === 'string') {
      claim = `claim "${named}"`;
      break;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return [error.code, error.error, error.message, claim].filter(Boolean).join(': ').slice(0, 300);
}

function digest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
