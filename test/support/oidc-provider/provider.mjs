/**
 * A real OpenID provider (oidc-provider 9, ESM) for the sign-in tests, run as its own process on a
 * loopback port: Jest's CommonJS runtime cannot load it, and a separate process is also what the
 * service meets in production. Configuration arrives as JSON in OIDC_TEST_CONFIG; the issuer URL is
 * printed as the first line of standard output.
 *
 * Its development login form accepts any account id; accounts listed in the configuration get their
 * claims (preferred_username, email, employee_number), others only preferred_username = their id.
 * Consent is granted at once (a first-party client), so a sign-in is: authorise → login form → back.
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const server = createServer();
await new Promise((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const accounts = config.accounts ?? {};
const provider = new Provider(issuer, {
  clients: config.clients ?? [],
  pkce: { required: () => true },
  // The service asks for these in the ID token; a provider may also leave them to userinfo.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name', 'employee_number'],
    email: ['email'],
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  ttl: { IdToken: config.idTokenTtl ?? 3600, AuthorizationCode: 60 },
  cookies: { keys: ['test-cookie-key-not-secret'] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, ...(accounts[id] ?? {}) };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`provider error: ${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
