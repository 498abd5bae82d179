import 'reflect-metadata';
import { bootstrapService } from '@houqin/platform';
import { IDENTITY_APP_OPTIONS } from './app-options';
import { IdentityModule, SERVICE } from './app.module';

void bootstrapService({ module: IdentityModule, name: SERVICE, defaultPort: 3104, ...IDENTITY_APP_OPTIONS });
