import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppOptions } from './app.module';
import { Accounts } from './auth/accounts.service';
import { TOKEN_VERIFIER } from './auth/auth.guard';
import { sessionCookieName } from './auth/session-cookie';
import { CallerOf, verifiedCaller } from './auth/verified-caller';
import { clientErrorHandler, frameworkErrors } from './http/framework-errors';
import { completeOpenApiDocument } from './http/openapi.document';
import { registerSecurityHeaders } from './http/security-headers';
import { registerStrictBodyParsers } from './http/strict-body.parsers';
import { requestValidationPipe } from './http/validation.pipe';
import { withinRequest } from './shared/request-arrival';

export const API_PREFIX = 'api/v1';

export interface RegisteredRoute {
  method: string;
  url: string;
}

const routesByApp = new WeakMap<object, RegisteredRoute[]>();

/** Every route the HTTP router holds, as Fastify registered it (for the route-guard test). */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return routesByApp.get(app) ?? [];
}

/** The HTTP app, as main.ts and the end-to-end tests start it. */
export async function createApp(
  options: AppOptions & { logger?: false; webRoot?: string },
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.bodyLimit,
    trustProxy: options.config.trustProxy,
    frameworkErrors,
    clientErrorHandler,
  });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  // Each request's handler runs knowing when the request arrived (see shared/request-arrival).
  const arrived = new WeakMap<object, number>();
  adapter.getInstance().addHook('onRequest', (request, _reply, done) => {
    arrived.set(request, performance.now());
    done();
  });
  adapter.getInstance().addHook('preHandler', (request, _reply, done) => {
    withinRequest(done, arrived.get(request));
  });
  registerStrictBodyParsers(adapter.getInstance<FastifyInstance>(), options.config.bodyLimit);
  registerSecurityHeaders(adapter.getInstance<FastifyInstance>());
  // Browser sessions and the sign-in form's own token travel as cookies.
  await adapter.getInstance().register(cookie as never);
  // Per caller: a person, so one busy colleague never slows the rest of the department, and colleagues
  // behind the city's one proxy address are counted apart. Only a caller proved by a token that verifies
  // or a session the store holds counts as a person; anything else counts against its address, so random
  // credentials never escape the limit. The verifier needs the app's services: set once it is created.
  let callerOf: CallerOf = async () => undefined;
  await adapter.getInstance().register(rateLimit as never, {
    global: true,
    max: options.config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: async (request: Parameters<CallerOf>[0]) =>
      (await callerOf(request).catch(() => undefined)) ?? `address:${request.ip}`,
    errorResponseBuilder: (_request: unknown, context: { max: number; after: string }) => ({
      type: 'https://goal-sheet.example/problems/too-many-requests',
      title: 'Too many requests',
      status: 429,
      statusCode: 429,
      detail: `more than ${context.max} requests a minute; try again in ${context.after}`,
      detailJa: `1分間の要求が上限（${context.max}回）を超えました。少し待ってからもう一度お試しください`,
    }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    // Our own strict parsers are registered above; Nest's would replace the JSON one.
    bodyParser: false,
    // A failed start reaches the caller (main.ts says it in one line) instead of exiting here.
    abortOnError: false,
  });
  // The sign-in pages are the browser's, not the API's: they live at the root.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      'health',
      'docs',
      'public',
      'public/*path',
      'login',
      'set-password',
      'auth/logout',
      'auth/oidc/login',
      'auth/oidc/callback',
    ],
  });
  callerOf = verifiedCaller(
    app.get(TOKEN_VERIFIER),
    app.get(Accounts).sessions,
    sessionCookieName(options.config.auth),
  );
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, openApiDocument(app));
  await serveWebApplication(adapter, options.webRoot ?? defaultWebRoot());
  routesByApp.set(app, routes);
  return app;
}

/** The OpenAPI document of the app's routes (served at /docs; the web client's types are generated from it). */
export function openApiDocument(app: NestFastifyApplication) {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('組織目標展開整理表 API')
      .setDescription("Goal sheets of a municipality's departments: draft, submit, approve, record achievement, audit.")
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  return completeOpenApiDocument(document);
}

/** The web application's client-side routes: each answers index.html and the SPA draws the page. */
export const WEB_CLIENT_ROUTES = [
  '/inbox',
  '/delegations',
  '/overview',
  '/goals',
  '/goals/*',
  '/sheets',
  '/sheets/*',
  '/audit',
  '/audit/*',
  '/admin',
  '/admin/*',
];

/** dist/web beside the package.json above this file, whether it runs from apps/ (tests) or dist/apps/ (npm start). */
function defaultWebRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/**
 * The built web application at `/`, with the .br/.gz files made at build time sent to browsers
 * that accept them. Hashed assets are cached for good; index.html is revalidated every time so a
 * new build reaches people at their next page load.
 */
async function serveWebApplication(adapter: FastifyAdapter, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) return; // not built: the API alone (npm start builds it)
  const fastify = adapter.getInstance();
  await fastify.register(fastifyStatic as never, {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    index: ['index.html'],
    setHeaders: (reply: { header(name: string, value: string): void }, path: string) => {
      const immutable = /[\\/]assets[\\/]/.test(path);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const url of WEB_CLIENT_ROUTES) {
    fastify.get(url, (_request, reply) => {
      void (reply as unknown as { sendFile(file: string): unknown }).sendFile('index.html');
    });
  }
}
