import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Logger } from '@nestjs/common';

/**
 * The secret that encrypts the signing keys' private halves at rest: IDENTITY_KEY_SECRET (at least
 * 32 characters); without it, outside production, a random one kept in IDENTITY_KEY_SECRET_FILE
 * (default `.run/identity-key-secret`, mode 600) and created on first start. Production refuses to start without it.
 */
export function keySecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['IDENTITY_KEY_SECRET']?.trim();
  if (given) {
    if (given.length < 32) throw new Error('IDENTITY_KEY_SECRET must be at least 32 characters');
    return given;
  }
  if (env['NODE_ENV'] === 'production') throw new Error('IDENTITY_KEY_SECRET is required when NODE_ENV=production (it encrypts the token signing keys)');
  const file = resolve(env['IDENTITY_KEY_SECRET_FILE']?.trim() || '.run/identity-key-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    new Logger('identity').warn(`IDENTITY_KEY_SECRET not set: generated a development secret in ${file} (set IDENTITY_KEY_SECRET in production)`);
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/** AES-256-GCM under a key derived from the secret; `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export class KeyEncryption {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = scryptSync(secret, 'houqin-identity-signing-keys', 32);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unreadable encrypted signing key');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
