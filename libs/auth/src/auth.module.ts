import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { assertValidAuthConfig, AuthConfig, authConfigFromEnv } from './config';
import { TokenVerifier } from './jwt';
import { AUTH_CONFIG, JwtAuthGuard, tokenVerifierProvider } from './jwt-auth.guard';

@Module({})
export class AuthModule {
  /** Installs JwtAuthGuard on every route of the app; config defaults to the JWT_* environment. */
  static forRoot(config?: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_CONFIG, useFactory: () => (config ? assertValidAuthConfig(config) : authConfigFromEnv()) },
        tokenVerifierProvider,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [AUTH_CONFIG, TokenVerifier],
    };
  }
}
