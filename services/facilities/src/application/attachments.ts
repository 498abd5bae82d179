import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import { ATTACHMENT_STREAM_TYPE, AttachmentSubjectType, AttachmentUploaded } from '@houqin/contracts';
import { CommandContext, CommandExecutor, CommandRunner, RunResult, streamNotFound } from '@houqin/event-store';
import { attachmentDecider, MAX_ATTACHMENT_BYTES, sniffImageType } from '../domain/attachment';
import { AttachmentStore } from '../infrastructure/attachment-store';
import { WorkOrderQueries } from './work-order.queries';

export interface UploadInput {
  subjectType: AttachmentSubjectType;
  subjectId: string;
  fileName: string;
  bytes: Buffer;
}


/** A bad file is a 400 on `contentBase64` (nothing stored), as a DTO refusal would be. */
const badFile = (constraint: string, message: string, messageZh: string) =>
  new BadRequestException({ message, messageZh, errors: [{ field: 'contentBase64', constraint, message, messageZh }] });

/**
 * Uploads and reads of attachments. The subject must exist and belong to the reader's school (404 otherwise); each
 * subject type names how that is checked, so a later record (hazard rectification) adds one entry to `subjects`.
 */
@Injectable()
export class Attachments {
  private readonly subjects: Record<AttachmentSubjectType, (id: string, canRead: (schoolId: string) => boolean) => Promise<unknown>>;

  constructor(
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
    private readonly store: AttachmentStore,
    workOrders: WorkOrderQueries,
  ) {
    this.subjects = { WorkOrder: (id, canRead) => workOrders.get(id, canRead) };
  }

  async upload(input: UploadInput, ctx: CommandContext): Promise<RunResult> {
    const contentType = sniffImageType(input.bytes);
    if (!contentType) throw badFile('imageType', 'Only JPEG, PNG or WebP photos are accepted (judged by the file content)', '只能上传 JPEG、PNG 或 WebP 格式的照片（按文件内容判断）');
    if (input.bytes.length === 0 || input.bytes.length > MAX_ATTACHMENT_BYTES) {
      throw badFile('maxSize', `A photo must be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`, `照片不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
    }
    await this.subjects[input.subjectType](input.subjectId, (schoolId) => schoolId === ctx.schoolId);
    const attachmentId = randomUUID();
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const blob = { attachmentId, schoolId: ctx.schoolId, subjectType: input.subjectType, subjectId: input.subjectId, contentType, size: input.bytes.length, sha256 };
    const existingForSubject = await this.store.reserve({ ...blob, bytes: input.bytes });
    try {
      const result = await this.commands.run(attachmentDecider, attachmentId, { type: 'UploadAttachment', data: { ...blob, fileName: input.fileName, existingForSubject } }, ctx, { newStream: true });
      // A retry of an answered Idempotency-Key replays the first upload: these bytes are a second copy.
      if (result.id !== attachmentId || result.events.length === 0) await this.store.discard(attachmentId);
      return result;
    } catch (err) {
      await this.store.discard(attachmentId).catch(() => undefined);
      throw err;
    }
  }

  /** The upload's event (who, what, hash), or 404 for a missing one and another school's. */
  async get(attachmentId: string, canRead: (schoolId: string) => boolean): Promise<AttachmentUploaded> {
    const loaded = await this.executor.load(attachmentDecider, `${ATTACHMENT_STREAM_TYPE}-${attachmentId}`);
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(attachmentId);
    const { status: _status, ...uploaded } = loaded.state;
    return uploaded;
  }

  /** The bytes, checked against the event's sha256: a stored file that was changed is refused, never served. */
  async bytes(attachment: AttachmentUploaded): Promise<Buffer> {
    const bytes = await this.store.bytesOf(attachment.attachmentId);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== attachment.sha256) {
      throw new Error(`Attachment ${attachment.attachmentId}: stored bytes missing or not matching the recorded sha256`);
    }
    return bytes;
  }

  /** The subject's recorded attachments with their upload events, oldest first. */
  async ofSubject(subjectType: AttachmentSubjectType, subjectId: string): Promise<{ uploaded: AttachmentUploaded; event: Awaited<ReturnType<CommandExecutor['load']>>['events'][number] }[]> {
    const ids = await this.store.ofSubject(subjectType, subjectId);
    const loaded = await Promise.all(ids.map((id) => this.executor.load(attachmentDecider, `${ATTACHMENT_STREAM_TYPE}-${id}`)));
    return loaded.flatMap((l) => (l.state.status === 'uploaded' && l.events[0] ? [{ uploaded: this.strip(l.state), event: l.events[0] }] : []));
  }

  private strip({ status: _status, ...uploaded }: AttachmentUploaded & { status: 'uploaded' }): AttachmentUploaded {
    return uploaded;
  }
}
