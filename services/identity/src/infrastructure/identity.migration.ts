import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * identity's own tables beside its event store:
 * - `credentials`: Argon2id hashes, one row per password ever set, named by the `credentialId` of the
 *   event that set it (AccountCreated, AccountPasswordReset, AccountPasswordChanged). Written before the
 *   event: a row no event names is never read (a failed command leaves an orphan, nothing else). Hashes
 *   never enter the event log, which the auditors read and Kafka carries.
 * - `session_families` and `refresh_tokens`: login sessions; a refresh token is stored as its SHA-256 only.
 * - `signing_keys`: RS256 keys, the private key encrypted (AES-256-GCM) with IDENTITY_KEY_SECRET.
 * - `school_list`, `account_list`: the read models of the lists.
 */
export class CreateIdentityTables1764800000000 implements MigrationInterface {
  name = 'CreateIdentityTables1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credentials (
        credential_id uuid PRIMARY KEY,
        account_id    text NOT NULL,
        hash          text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX credentials_account ON credentials (account_id)`);
    await q.query(`
      CREATE TABLE session_families (
        family_id      uuid PRIMARY KEY,
        account_id     text NOT NULL,
        role           text NOT NULL,
        school_id      text NOT NULL,
        created_at     timestamptz NOT NULL,
        last_used_at   timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE INDEX session_families_account ON session_families (account_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        family_id  uuid NOT NULL REFERENCES session_families (family_id),
        issued_at  timestamptz NOT NULL,
        used_at    timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`
      CREATE TABLE signing_keys (
        kid             text PRIMARY KEY,
        public_jwk      jsonb NOT NULL,
        private_key_enc text NOT NULL,
        created_at      timestamptz NOT NULL,
        retired_at      timestamptz,
        published_until timestamptz
      )`);
    await q.query(`
      CREATE TABLE school_list (
        school_id  text PRIMARY KEY,
        version    integer NOT NULL,
        name       text NOT NULL,
        type       text NOT NULL,
        doc        jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE account_list (
        account_id   text PRIMARY KEY,
        version      integer NOT NULL,
        school_id    text NOT NULL,
        username     text NOT NULL,
        display_name text NOT NULL,
        phone        text NOT NULL,
        role         text NOT NULL,
        status       text NOT NULL,
        doc          jsonb NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_list_school ON account_list (school_id, username)`);
    await q.query(`CREATE INDEX account_list_username ON account_list (username)`);
    await q.query(`CREATE INDEX account_list_phone ON account_list (phone)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['account_list', 'school_list', 'signing_keys', 'refresh_tokens', 'session_families', 'credentials']) await q.query(`DROP TABLE ${table}`);
  }
}

/**
 * Pre-published signing keys: `activates_at` is when a key starts signing (until then it is only in the
 * JWKS), `retired_at` when it stops (the next key's activation, possibly ahead). Keys created before sign
 * from their creation.
 */
export class SigningKeyActivation1764900000000 implements MigrationInterface {
  name = 'SigningKeyActivation1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signing_keys ADD COLUMN activates_at timestamptz`);
    await q.query(`UPDATE signing_keys SET activates_at = created_at`);
    await q.query(`ALTER TABLE signing_keys ALTER COLUMN activates_at SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signing_keys DROP COLUMN activates_at`);
  }
}
