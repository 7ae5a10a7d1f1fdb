/**
 * Production tokens come from the city's identity provider: the service fetches its key set from
 * JWT_JWKS_URL (here a real HTTP server on loopback) and accepts only tokens signed by those keys.
 */
import { createServer, Server } from 'node:http';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { AppHarness, startApp } from '../support/app-harness';

describe('tokens verified against the issuer key set (JWT_JWKS_URL)', () => {
  let jwks: Server;
  let api: AppHarness;
  let privateKey: KeyLike;
  const issuer = 'https://idp.city.example';
  const audience = 'goal-sheet-api';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'city-2026', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as { port: number };
    api = await startApp({ JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, JWT_ISSUER: issuer, JWT_AUDIENCE: audience });
  });
  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const issue = (kid: string, key: KeyLike | Uint8Array = privateKey, alg = 'RS256') =>
    new SignJWT({})
      .setProtectedHeader({ alg, kid })
      .setSubject('kansa')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  const inbox = (token: string) => fetch(`${api.baseUrl}/api/v1/inbox`, { headers: { authorization: `Bearer ${token}` } });

  it("accepts a token signed with the issuer's key", async () => {
    expect((await inbox(await issue('city-2026'))).status).toBe(200);
  });

  it('refuses a token signed with a key the issuer does not publish, and a locally minted one', async () => {
    const stranger = (await generateKeyPair('RS256')).privateKey;
    expect((await inbox(await issue('city-2026', stranger))).status).toBe(401);
    const hs = await issue('city-2026', new TextEncoder().encode('a-local-secret-that-is-long-enough-000'), 'HS256');
    expect((await inbox(hs)).status).toBe(401);
  });
});
