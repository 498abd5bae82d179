import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ATTACHMENT_STREAM_TYPE, AttachmentSubjectType } from '@houqin/contracts';
import { inTransaction, pgPoolOf, SqlPool } from '@houqin/event-store';

export interface AttachmentBlob {
  attachmentId: string;
  schoolId: string;
  subjectType: AttachmentSubjectType;
  subjectId: string;
  contentType: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

/** How long an upload may sit between its bytes and its event before it counts as abandoned (an orphan). */
const PENDING_MINUTES = 5;
/** The row's event exists: its stream was written (the command ran and was not refused). */
const RECORDED = `EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = '${ATTACHMENT_STREAM_TYPE}-' || b.attachment_id::text)`;
/** The photo was removed (AttachmentRemoved is in its stream): its bytes must be gone. */
const REMOVED = `EXISTS (SELECT 1 FROM events e WHERE e.stream_id = '${ATTACHMENT_STREAM_TYPE}-' || b.attachment_id::text AND e.type = 'AttachmentRemoved')`;

/**
 * The bytes of attachments, in PostgreSQL (bytea). Bytes and event are NOT one transaction (the kit's executor appends in
 * a statement of its own): the bytes go first, then the command; a refused command deletes them, and a crash in between
 * leaves an orphan that is harmless — it is served and listed only once its event exists, and swept after PENDING_MINUTES.
 * A removal is the other way round: the event first (a refused removal keeps the photo), then the bytes are erased
 * (`erase`; the row stays, bytes NULL, for the history). A crash in between leaves bytes that are never served (the
 * event says removed: 410); a retry of the removal erases them, and so does the subject's next upload.
 */
@Injectable()
export class AttachmentStore {
  private readonly pool: SqlPool;

  constructor(dataSource: DataSource) {
    this.pool = pgPoolOf(dataSource);
  }

  /**
   * Stores the bytes and answers how many attachments the subject had before (recorded ones and uploads still in flight).
   * A lock per subject makes count-and-insert atomic, so concurrent uploads cannot overshoot the bound together.
   */
  reserve(blob: AttachmentBlob): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`attachment:${blob.subjectType}:${blob.subjectId}`]);
      await client.query(
        `DELETE FROM attachment_blobs b WHERE subject_type = $1 AND subject_id = $2 AND created_at < now() - interval '${PENDING_MINUTES} minutes' AND NOT ${RECORDED}`,
        [blob.subjectType, blob.subjectId],
      );
      await client.query(`UPDATE attachment_blobs b SET bytes = NULL WHERE subject_type = $1 AND subject_id = $2 AND bytes IS NOT NULL AND ${REMOVED}`, [blob.subjectType, blob.subjectId]);
      // Removed photos no longer count: a wrong photo removed makes room for the right one.
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM attachment_blobs WHERE subject_type = $1 AND subject_id = $2 AND bytes IS NOT NULL`, [blob.subjectType, blob.subjectId]);
      await client.query(
        `INSERT INTO attachment_blobs (attachment_id, school_id, subject_type, subject_id, content_type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [blob.attachmentId, blob.schoolId, blob.subjectType, blob.subjectId, blob.contentType, blob.size, blob.sha256, blob.bytes],
      );
      return rows[0].n;
    });
  }

  /** The upload's command was refused (or answered an earlier upload): its bytes go. */
  async discard(attachmentId: string): Promise<void> {
    await this.pool.query(`DELETE FROM attachment_blobs WHERE attachment_id = $1`, [attachmentId]);
  }

  /** The photo was removed (its AttachmentRemoved is recorded): its bytes are deleted; the row (hash, subject) stays. */
  async erase(attachmentId: string): Promise<void> {
    await this.pool.query(`UPDATE attachment_blobs SET bytes = NULL WHERE attachment_id = $1 AND bytes IS NOT NULL`, [attachmentId]);
  }

  async bytesOf(attachmentId: string): Promise<Buffer | undefined> {
    const { rows } = await this.pool.query<{ bytes: Buffer | null }>(`SELECT bytes FROM attachment_blobs WHERE attachment_id = $1`, [attachmentId]);
    return rows[0]?.bytes ?? undefined;
  }

  /** The recorded attachments of one subject, removed ones too, oldest first (their ids; the bytes stay). */
  async ofSubject(subjectType: AttachmentSubjectType, subjectId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT attachment_id::text AS id FROM attachment_blobs b WHERE subject_type = $1 AND subject_id = $2 AND ${RECORDED} ORDER BY created_at, attachment_id`,
      [subjectType, subjectId],
    );
    return rows.map((r) => r.id);
  }
}
