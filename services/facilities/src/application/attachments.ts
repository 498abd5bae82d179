import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, GoneException, Injectable } from '@nestjs/common';
import { ATTACHMENT_STREAM_TYPE, AttachmentSubjectType, AttachmentUploaded } from '@houqin/contracts';
import { DomainError } from '@houqin/event-sourcing';
import { CommandContext, CommandExecutor, CommandRunner, RunResult, StoredEvent, streamNotFound } from '@houqin/event-store';
import { attachmentDecider, AttachmentState, MAX_ATTACHMENT_BYTES, sniffImageType } from '../domain/attachment';
import { AttachmentStore } from '../infrastructure/attachment-store';
import { WorkOrderQueries } from './work-order.queries';

export interface UploadInput {
  subjectType: AttachmentSubjectType;
  subjectId: string;
  fileName: string;
  bytes: Buffer;
}

/** A subject as the attachments see it: closed once its photos belong to an accepted record (a verified work order). */
interface Subject {
  closed: boolean;
}

/** A recorded attachment of a subject: its upload, and its removal when it was removed. */
export interface SubjectAttachment {
  uploaded: AttachmentUploaded;
  event: StoredEvent;
  removal?: StoredEvent;
}

/** 410: the photo existed and was removed (its removal stays in the work order's history). */
const gone = () => new GoneException({ code: 'attachment-removed', message: 'This photo was removed', messageZh: '该照片已被删除' });

/** A bad file is a 400 on `contentBase64` (nothing stored), as a DTO refusal would be. */
const badFile = (constraint: string, message: string, messageZh: string) =>
  new BadRequestException({ message, messageZh, errors: [{ field: 'contentBase64', constraint, message, messageZh }] });

/**
 * Uploads and reads of attachments. The subject must exist and belong to the reader's school (404 otherwise); each
 * subject type names how that is checked, so a later record (hazard rectification) adds one entry to `subjects`.
 */
@Injectable()
export class Attachments {
  private readonly subjects: Record<AttachmentSubjectType, (id: string, canRead: (schoolId: string) => boolean) => Promise<Subject>>;

  constructor(
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
    private readonly store: AttachmentStore,
    workOrders: WorkOrderQueries,
  ) {
    this.subjects = { WorkOrder: async (id, canRead) => ({ closed: (await workOrders.get(id, canRead)).state.status === 'verified' }) };
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

  /**
   * 删除照片: the event first (the decider checks who may and whether the subject is still open), then the bytes are
   * erased; the row and the event keep the sha256. Another school's photo is 404; a removed one 410 (a retry with the
   * same Idempotency-Key replays the first answer, and erases again what a crash may have left).
   */
  async remove(attachmentId: string, reason: string, ctx: CommandContext): Promise<RunResult> {
    const state = await this.stateOf(attachmentId, (schoolId) => schoolId === ctx.schoolId);
    const subject = await this.subjects[state.subjectType](state.subjectId, (schoolId) => schoolId === ctx.schoolId);
    try {
      const result = await this.commands.run(attachmentDecider, attachmentId, { type: 'RemoveAttachment', data: { reason, subjectClosed: subject.closed } }, ctx);
      await this.store.erase(attachmentId);
      return result;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'attachment-removed') {
        await this.store.erase(attachmentId);
        throw gone();
      }
      throw err;
    }
  }

  /** The upload's event (who, what, hash); 404 for a missing one and another school's, 410 for a removed one. */
  async get(attachmentId: string, canRead: (schoolId: string) => boolean): Promise<AttachmentUploaded> {
    const state = await this.stateOf(attachmentId, canRead);
    if (state.status === 'removed') throw gone();
    return this.strip(state);
  }

  private async stateOf(attachmentId: string, canRead: (schoolId: string) => boolean): Promise<Exclude<AttachmentState, { status: 'none' }>> {
    const { state } = await this.executor.load(attachmentDecider, `${ATTACHMENT_STREAM_TYPE}-${attachmentId}`);
    if (state.status === 'none' || !canRead(state.schoolId)) throw streamNotFound(attachmentId);
    return state;
  }

  /** The bytes, checked against the event's sha256: a stored file that was changed is refused, never served. */
  async bytes(attachment: AttachmentUploaded): Promise<Buffer> {
    const bytes = await this.store.bytesOf(attachment.attachmentId);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== attachment.sha256) {
      throw new Error(`Attachment ${attachment.attachmentId}: stored bytes missing or not matching the recorded sha256`);
    }
    return bytes;
  }

  /** The subject's recorded attachments with their upload events (and removal events, for removed ones), oldest first. */
  async ofSubject(subjectType: AttachmentSubjectType, subjectId: string): Promise<SubjectAttachment[]> {
    const ids = await this.store.ofSubject(subjectType, subjectId);
    const loaded = await Promise.all(ids.map((id) => this.executor.load(attachmentDecider, `${ATTACHMENT_STREAM_TYPE}-${id}`)));
    return loaded.flatMap(({ state, events }) => {
      if (state.status === 'none' || !events[0]) return [];
      const removal = state.status === 'removed' ? events.find((e) => e.type === 'AttachmentRemoved') : undefined;
      return [{ uploaded: this.strip(state), event: events[0], ...(removal ? { removal } : {}) }];
    });
  }

  private strip(state: Exclude<AttachmentState, { status: 'none' }>): AttachmentUploaded {
    const { attachmentId, schoolId, subjectType, subjectId, contentType, size, sha256, fileName, uploadedBy, uploadedAt } = state;
    return { attachmentId, schoolId, subjectType, subjectId, contentType, size, sha256, fileName, uploadedBy, uploadedAt };
  }
}
