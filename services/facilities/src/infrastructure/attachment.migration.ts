import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bytes of attachments (附件), beside the event store: the event AttachmentUploaded holds only their sha256.
 * A row whose stream `Attachment-<id>` does not exist is an upload whose command failed or never ran: never served,
 * and swept after a few minutes (see AttachmentStore).
 */
export class CreateAttachmentBlobs1764900100000 implements MigrationInterface {
  name = 'CreateAttachmentBlobs1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment_blobs (
        attachment_id uuid PRIMARY KEY,
        school_id     text NOT NULL,
        subject_type  text NOT NULL,
        subject_id    text NOT NULL,
        content_type  text NOT NULL,
        size          integer NOT NULL CHECK (size > 0),
        sha256        text NOT NULL,
        bytes         bytea NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachment_blobs_subject ON attachment_blobs (subject_type, subject_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_blobs`);
  }
}
