import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgPoolOf, SqlPool } from '@houqin/event-store';
import { PasswordHasher } from '../infrastructure/password-hasher';

/**
 * Password hashes, outside the event log. A row is written BEFORE the event that names it
 * (`credentialId`), and only the credential the account's newest password event names is ever read:
 * the event decides, the row only holds the secret. A command that fails after the row was written
 * leaves an orphan row no event names (harmless, never read); the other order could leave an event
 * naming a missing hash (a locked-out person). The executor appends in one statement of its own, so
 * the two cannot share a transaction without changing the event store.
 */
@Injectable()
export class Credentials {
  private readonly pool: SqlPool;

  constructor(
    dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** Hashes and stores a password; answers the id the event will carry. */
  async store(accountId: string, password: string): Promise<string> {
    const credentialId = randomUUID();
    const hash = await this.hasher.hash(password);
    await this.pool.query(`INSERT INTO credentials (credential_id, account_id, hash) VALUES ($1, $2, $3)`, [credentialId, accountId, hash]);
    return credentialId;
  }

  /** Whether the password is the one of this credential; an unknown credential still costs one hash (timing). */
  async matches(credentialId: string, password: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ hash: string }>(`SELECT hash FROM credentials WHERE credential_id = $1`, [credentialId]);
    return this.hasher.verify(rows[0]?.hash, password);
  }
}
