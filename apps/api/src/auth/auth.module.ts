import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { Accounts } from './accounts.service';
import { ACTOR_RESOLVER } from './actor-resolver';
import { organisationActors } from './organisation-actors';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';
import { AdminAccountsController } from './admin-accounts/admin-accounts.http.controller';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { MeController } from './me/me.http.controller';
import { OidcController } from './oidc/oidc.http.controller';
import { OidcRelyingParty } from './oidc/oidc.relying-party';
import { SecurityEvents } from './security-events';
import { SignInController } from './sign-in/sign-in.http.controller';
import { tokenVerifier } from './token-keys';

/**
 * Who is calling: bearer tokens and browser sessions, the guard on every route, the posts a person
 * holds, the sign-in pages (local accounts and, when configured, the city's OpenID provider).
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      controllers: [SignInController, OidcController, MeController, AdminAccountsController],
      providers: [
        { provide: TOKEN_VERIFIER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => tokenVerifier(c) },
        // The posts a person holds come from the event-sourced directory (apps/api/src/organisation).
        { provide: ACTOR_RESOLVER, inject: [OrganisationDirectory], useFactory: organisationActors },
        { provide: APP_GUARD, useClass: AuthGuard },
        SecurityEvents,
        Accounts,
        ...(config.auth.oidc ? [OidcRelyingParty] : []),
      ],
      exports: [TOKEN_VERIFIER, ACTOR_RESOLVER, SecurityEvents, Accounts],
    };
  }
}
