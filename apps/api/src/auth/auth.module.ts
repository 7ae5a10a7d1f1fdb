import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { ACTOR_RESOLVER, directoryFileActors } from './actor-resolver';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { tokenVerifier } from './token-keys';

/** Who is calling: token verification, the guard on every route, and the posts a person holds. */
@Global()
@Module({
  providers: [
    { provide: TOKEN_VERIFIER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => tokenVerifier(config) },
    {
      provide: ACTOR_RESOLVER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => directoryFileActors(config.directory),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TOKEN_VERIFIER, ACTOR_RESOLVER],
})
export class AuthModule {}
