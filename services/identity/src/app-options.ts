import { AppOptions } from '@houqin/platform';
import { IMPORT_MAX_BASE64 } from './api/identity.dto';

/** What the service and its HTTP tests configure alike: the body limit lets an .xlsx import (base64) through. */
export const IDENTITY_APP_OPTIONS: AppOptions = {
  title: 'Houqin identity 身份与学校',
  description: "The district's schools and people, password login (等保 2.0 level 3), RS256 tokens with rotating keys (JWKS at /.well-known/jwks.json).",
  bodyLimit: `${Math.ceil((IMPORT_MAX_BASE64 + 4096) / 1024)}kb`,
};
