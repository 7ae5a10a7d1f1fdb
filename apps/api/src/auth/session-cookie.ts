/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts),
 * Path=/, no Max-Age (it ends with the browser; the server ends it sooner). In production mode it is
 * Secure and carries the __Host- prefix, which browsers accept only from HTTPS, for the exact host.
 */
import { AuthConfig } from '@goals/infrastructure';

export function sessionCookieName(auth: AuthConfig): string {
  return auth.secureCookies ? '__Host-goal-sheet-session' : 'goal-sheet-session';
}

/** The sign-in form's login-CSRF cookie: __Host- wherever the session cookie has it. */
export function formCookieName(auth: AuthConfig): string {
  return auth.secureCookies ? '__Host-goal-sheet-form' : 'goal-sheet-form';
}

export function cookieOptions(auth: AuthConfig) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: auth.secureCookies };
}

export interface CookieRequest {
  cookies?: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
  method: string;
}
