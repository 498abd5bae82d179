import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { assertValidAuthConfig, AuthConfig, authConfigFromEnv } from './config';
import { TokenVerifier } from './jwt';
import { AUTH_CONFIG, JwtAuthGuard, tokenVerifierProvider } from './jwt-auth.guard';

export interface AuthModuleOptions {
  /**
   * Another verifier for the guard (a subclass of TokenVerifier), e.g. identity's, which checks its own tokens
   * against the keys it holds; `inject` may name AUTH_CONFIG and providers of `imports`.
   */
  verifier?: Omit<FactoryProvider<TokenVerifier>, 'provide'>;
  /** Modules whose providers `verifier.inject` names. */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AuthModule {
  /** Installs JwtAuthGuard on every route of the app; config defaults to the JWT_* / JWKS_* environment. */
  static forRoot(config?: AuthConfig, options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: AUTH_CONFIG, useFactory: () => (config ? assertValidAuthConfig(config) : authConfigFromEnv()) },
        options.verifier ? { provide: TokenVerifier, ...options.verifier } : tokenVerifierProvider,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [AUTH_CONFIG, TokenVerifier],
    };
  }
}
