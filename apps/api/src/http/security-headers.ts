/**
 * Headers every answer carries, set once here rather than route by route:
 * - nosniff, so a browser never runs an answer (an export, a file name echoed in JSON) as a script;
 * - a Content-Security-Policy with frame-ancestors 'none' (and X-Frame-Options for older browsers), so
 *   no other site frames the application to trick a click, and scripts only come from this origin;
 * - `Cache-Control: no-store` on API answers: they carry names, posts, goals and the CSRF token, which a
 *   shared PC's browser cache or a proxy must not keep. A route that says otherwise (the live stream)
 *   keeps its own; the sign-in pages set their own stricter policy.
 */
import type { FastifyInstance } from 'fastify';

/** The web application: its scripts and styles are files of this origin (Vite emits no inline script). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style properties through the DOM; style attributes in markup come from charts' SVG.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI at /docs inlines its styles and draws icons from data: URLs. */
const DOCS_CSP = APP_CSP.replace("img-src 'self' data: blob:", "img-src 'self' data: https:");

/** JSON and files answer nothing a browser should render or frame. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0];
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    const api = path.startsWith('/api/');
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', api ? API_CSP : path.startsWith('/docs') ? DOCS_CSP : APP_CSP);
    if (api && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
