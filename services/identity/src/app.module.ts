import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_CONFIG, AuthConfig, authConfigFromEnv, devAuthEnabled, JwtAuthGuard, TokenVerifier } from '@houqin/auth';
import { Topics } from '@houqin/contracts';
import { EventStoreModule } from '@houqin/event-store';
import { HealthModule } from '@houqin/platform';
import { CreateProjectionStatus1764400000000, ReadModelsModule } from '@houqin/projection-store';
import { AccountsController } from './api/accounts.controller';
import { AuthController } from './api/auth.controller';
import { SchoolsController } from './api/schools.controller';
import { AccountImport } from './application/account-import';
import { AccountsService, BootstrapAdmin } from './application/accounts.service';
import { AuthService } from './application/auth.service';
import { Credentials } from './application/credentials';
import { IDENTITY_CONFIG, identityConfigFromEnv } from './application/identity-config';
import { IdentityQueries } from './application/identity.queries';
import { accountList, projectedIdentityEvent, schoolList } from './application/read-models';
import { Sessions } from './application/sessions';
import { KEY_ENCRYPTION, SigningKeys } from './application/signing-keys';
import { CreateIdentityTables1764800000000, SigningKeyActivation1764900000000 } from './infrastructure/identity.migration';
import { IdentityTokenVerifier } from './infrastructure/identity-token-verifier';
import { KeyEncryption, keySecretFromEnv } from './infrastructure/key-secret';
import { PasswordHasher } from './infrastructure/password-hasher';

export const SERVICE = 'identity';

/**
 * Tokens other than identity's own: the development HS256 secret under HOUQIN_DEV_AUTH=1 (never in
 * production), else none. identity's own RS256 tokens are verified in process (IdentityTokenVerifier).
 */
function otherTokens(): AuthConfig {
  return devAuthEnabled() ? authConfigFromEnv() : { algorithms: [], audience: 'houqin', issuer: 'houqin-dev' };
}

@Module({
  imports: [
    EventStoreModule.forService({ service: SERVICE, topic: Topics.identityEvents, migrations: [CreateProjectionStatus1764400000000, CreateIdentityTables1764800000000, SigningKeyActivation1764900000000] }),
    ReadModelsModule.forService([schoolList, accountList], { toProjected: projectedIdentityEvent }),
    HealthModule.forService(SERVICE),
  ],
  controllers: [AuthController, SchoolsController, AccountsController],
  providers: [
    { provide: IDENTITY_CONFIG, useFactory: () => identityConfigFromEnv() },
    { provide: KEY_ENCRYPTION, useFactory: () => new KeyEncryption(keySecretFromEnv()) },
    PasswordHasher,
    Credentials,
    Sessions,
    SigningKeys,
    AuthService,
    AccountsService,
    AccountImport,
    IdentityQueries,
    BootstrapAdmin,
    // The platform's guard (libs/auth), verifying with identity's own keys.
    { provide: AUTH_CONFIG, useFactory: otherTokens },
    { provide: TokenVerifier, useFactory: (config: AuthConfig, keys: SigningKeys) => new IdentityTokenVerifier(config, keys), inject: [AUTH_CONFIG, SigningKeys] },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class IdentityModule {}
