import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A removed photo (AttachmentRemoved) keeps its row — subject, type, size, sha256, so the work order's history still lists
 * the upload and its removal — but not its bytes: they may be personal data, and the event's sha256 is the evidence.
 */
export class AllowRemovedAttachmentBytes1765400000100 implements MigrationInterface {
  name = 'AllowRemovedAttachmentBytes1765400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachment_blobs ALTER COLUMN bytes DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM attachment_blobs WHERE bytes IS NULL`);
    await q.query(`ALTER TABLE attachment_blobs ALTER COLUMN bytes SET NOT NULL`);
  }
}
