import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/event-sourcing';
import { inTransaction, pgPoolOf, SqlPool } from '@houqin/event-store';
import { IDENTITY_CONFIG, IdentityConfig } from './identity-config';

/** Who a session was opened for: a refresh for another role or school (a role change) is refused. */
export interface SessionOwner {
  accountId: string;
  role: string;
  schoolId: string;
}

export type RotationOutcome =
  | { outcome: 'rotated'; familyId: string; owner: SessionOwner }
  /** A token already used came back: the family is revoked now (theft or a replayed request). */
  | { outcome: 'reused'; familyId: string; owner: SessionOwner }
  | { outcome: 'refused' };

/** Only the hash of a refresh token is stored: the table does not let anyone use a token. */
const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/**
 * Login sessions (a family of refresh tokens): each refresh uses its token up and issues the next;
 * a used token presented again revokes the whole family; a token unused for IDENTITY_IDLE_MINUTES
 * (idle timeout) or a family older than IDENTITY_SESSION_MAX_HOURS is refused.
 */
@Injectable()
export class Sessions {
  private readonly pool: SqlPool;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** Opens a session; answers its first refresh token. */
  async open(owner: SessionOwner, familyId = randomUUID()): Promise<{ familyId: string; refreshToken: string }> {
    const now = this.clock.now();
    const refreshToken = newToken();
    await inTransaction(this.pool, async (client) => {
      await client.query(`INSERT INTO session_families (family_id, account_id, role, school_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $5)`, [
        familyId,
        owner.accountId,
        owner.role,
        owner.schoolId,
        now,
      ]);
      await client.query(`INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, $3)`, [digest(refreshToken), familyId, now]);
    });
    return { familyId, refreshToken };
  }

  /** Uses a refresh token up (one transaction, the token's row locked). The caller then checks the account and calls `next` or `revoke`. */
  async use(refreshToken: string): Promise<RotationOutcome> {
    const now = this.clock.now();
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ family_id: string; issued_at: Date; used_at: Date | null; account_id: string; role: string; school_id: string; created_at: Date; revoked_at: Date | null }>(
        `SELECT t.family_id, t.issued_at, t.used_at, f.account_id, f.role, f.school_id, f.created_at, f.revoked_at
           FROM refresh_tokens t JOIN session_families f USING (family_id)
          WHERE t.token_hash = $1 FOR UPDATE OF t, f`,
        [digest(refreshToken)],
      );
      const row = rows[0];
      if (!row || row.revoked_at) return { outcome: 'refused' };
      const owner = { accountId: row.account_id, role: row.role, schoolId: row.school_id };
      if (row.used_at) {
        await client.query(`UPDATE session_families SET revoked_at = $2, revoked_reason = 'refresh-token-reused' WHERE family_id = $1`, [row.family_id, now]);
        return { outcome: 'reused', familyId: row.family_id, owner };
      }
      const idle = now.getTime() - row.issued_at.getTime() > this.config.idleMinutes * 60_000;
      const old = now.getTime() - row.created_at.getTime() > this.config.sessionMaxHours * 3_600_000;
      if (idle || old) {
        await client.query(`UPDATE session_families SET revoked_at = $2, revoked_reason = $3 WHERE family_id = $1`, [row.family_id, now, idle ? 'idle' : 'expired']);
        return { outcome: 'refused' };
      }
      await client.query(`UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1`, [digest(refreshToken), now]);
      return { outcome: 'rotated', familyId: row.family_id, owner };
    });
  }

  /** The next token of a family whose previous token was just used. */
  async next(familyId: string): Promise<string> {
    const now = this.clock.now();
    const refreshToken = newToken();
    await inTransaction(this.pool, async (client) => {
      await client.query(`UPDATE session_families SET last_used_at = $2 WHERE family_id = $1`, [familyId, now]);
      await client.query(`INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, $3)`, [digest(refreshToken), familyId, now]);
    });
    return refreshToken;
  }

  async revoke(familyId: string, reason: string): Promise<void> {
    await this.pool.query(`UPDATE session_families SET revoked_at = $2, revoked_reason = $3 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, this.clock.now(), reason]);
  }

  /** Ends every session of an account (password changed or reset, disabled, role changed). */
  async revokeAll(accountId: string, reason: string): Promise<void> {
    await this.pool.query(`UPDATE session_families SET revoked_at = $2, revoked_reason = $3 WHERE account_id = $1 AND revoked_at IS NULL`, [accountId, this.clock.now(), reason]);
  }

  /** The live session a refresh token belongs to (logout); undefined for an unknown or revoked one. */
  async ownerOf(refreshToken: string): Promise<{ familyId: string; owner: SessionOwner } | undefined> {
    const { rows } = await this.pool.query<{ family_id: string; account_id: string; role: string; school_id: string }>(
      `SELECT f.family_id, f.account_id, f.role, f.school_id FROM refresh_tokens t JOIN session_families f USING (family_id) WHERE t.token_hash = $1 AND f.revoked_at IS NULL`,
      [digest(refreshToken)],
    );
    const row = rows[0];
    return row && { familyId: row.family_id, owner: { accountId: row.account_id, role: row.role, schoolId: row.school_id } };
  }
}
