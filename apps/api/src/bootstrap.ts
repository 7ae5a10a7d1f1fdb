import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppOptions } from './app.module';
import { registerStrictBodyParsers } from './http/strict-body.parsers';
import { requestValidationPipe } from './http/validation.pipe';

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
export async function createApp(options: AppOptions & { logger?: false }): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.config.bodyLimit, trustProxy: options.config.trustProxy });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  registerStrictBodyParsers(adapter.getInstance() as never, options.config.bodyLimit);
  // Browser sessions and the sign-in form's own token travel as cookies.
  await adapter.getInstance().register(cookie as never);
  // Per caller: a token is a person, so one busy colleague never slows the rest of the department.
  await adapter.getInstance().register(rateLimit as never, {
    global: true,
    max: options.config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: { headers: Record<string, string | undefined>; ip: string }) => {
      // A browser session is a person too: colleagues behind the city's one proxy address are counted apart.
      const caller = request.headers.authorization ?? /(?:^|;\s*)(?:__Host-)?goal-sheet-session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
      return caller ? createHash('sha256').update(caller).digest('base64url') : request.ip;
    },
    errorResponseBuilder: (_request: unknown, context: { max: number; after: string }) => ({
      type: 'https://goal-sheet.example/problems/too-many-requests',
      title: 'Too many requests',
      status: 429,
      statusCode: 429,
      detail: `more than ${context.max} requests a minute; try again in ${context.after}`,
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
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'docs', 'login', 'set-password', 'auth/logout', 'auth/oidc/login', 'auth/oidc/callback'] });
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('組織目標展開整理表 API')
      .setDescription("Goal sheets of a municipality's departments: draft, submit, approve, record achievement, audit.")
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  routesByApp.set(app, routes);
  return app;
}
