import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable, OnModuleInit } from '@nestjs/common';

/**
 * Argon2id with explicit cost (the libraries' defaults differ): 19 MiB, 2 passes, 1 lane, the
 * OWASP minimum for Argon2id (about 15 ms here). `@node-rs/argon2`: prebuilt, no install script.
 */
export const ARGON2_OPTIONS = { algorithm: 2 as Algorithm /* Argon2id (a const enum: not importable under SWC) */, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 };

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when the account is unknown, so that an unknown username takes as long as a wrong password. */
  private dummy?: Promise<string>;

  onModuleInit(): void {
    this.dummy = hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** False for any hash that cannot be parsed (never throws on stored data). */
  async verify(stored: string | undefined, password: string): Promise<boolean> {
    const target = stored ?? (await (this.dummy ??= hash('dummy', ARGON2_OPTIONS)));
    try {
      const ok = await verify(target, password);
      return stored !== undefined && ok;
    } catch {
      return false;
    }
  }
}
