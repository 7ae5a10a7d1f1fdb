/**
 * Who a request comes from, as far as it can be proved before routing: the subject of a bearer token
 * that verifies, or the person of a session cookie the store holds. The per-caller rate limit counts by
 * this; anything not proved (a random token, a made-up cookie) is counted by the client's address, so
 * inventing credentials never buys a fresh allowance.
 */
import { SessionStore } from './session.store';
import { TokenVerifier } from './token-keys';

export type CallerOf = (request: {
  headers: Record<string, string | string[] | undefined>;
  ip: string;
}) => Promise<string | undefined>;

export function verifiedCaller(verify: TokenVerifier, sessions: SessionStore, cookieName: string): CallerOf {
  const cookiePattern = new RegExp(`(?:^|;\\s*)${cookieName.replace(/[-]/g, '\\-')}=([^;]+)`);
  return async (request) => {
    const header = request.headers.authorization;
    if (typeof header === 'string' && header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (!token) return undefined;
      try {
        const subject = (await verify(token)).sub;
        return subject ? `person:${subject}` : undefined;
      } catch {
        return undefined;
      }
    }
    const cookie = request.headers.cookie;
    const id = typeof cookie === 'string' ? cookiePattern.exec(cookie)?.[1] : undefined;
    if (!id) return undefined;
    const owner = await sessions.ownerOf(decodeURIComponent(id)).catch(() => undefined);
    return owner ? `person:${owner}` : undefined;
  };
}
