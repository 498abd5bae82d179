import { ATTACHMENT_CONTENT_TYPES, AttachmentContentType, AttachmentEvent, AttachmentSubjectType } from '@houqin/contracts';
import { Command, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_SUBJECT } from './limits';
import { AttachmentState, exhausted } from './state';

/**
 * The application stored the bytes and says what they are: `contentType` as sniffed from the bytes (undefined when
 * no allowed signature matched), their size and sha256, and how many attachments the subject already has.
 */
export type UploadAttachment = Command<
  'UploadAttachment',
  {
    attachmentId: string;
    schoolId: string;
    subjectType: AttachmentSubjectType;
    subjectId: string;
    fileName: string;
    contentType: AttachmentContentType | undefined;
    size: number;
    sha256: string;
    existingForSubject: number;
  }
>;
export type AttachmentCommand = UploadAttachment;

export function decide(command: AttachmentCommand, state: AttachmentState): AttachmentEvent[] {
  switch (command.type) {
    case 'UploadAttachment':
      return upload(command, state);
    default:
      // One command today: TypeScript narrows `command.type`, not a union of one member, so the exhaustiveness check is on the type.
      return unknownCommand(exhausted(command.type, command));
  }
}

function upload({ data, metadata }: UploadAttachment, state: AttachmentState): AttachmentEvent[] {
  if (state.status !== 'none') throw refuse('attachment-exists', 'This attachment was already uploaded', '附件已上传', 'conflict');
  const { existingForSubject, contentType, ...rest } = data;
  if (!contentType || !(ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(contentType)) {
    throw refuse('attachment-type', 'Only JPEG, PNG or WebP photos are accepted (judged by the file content)', '只能上传 JPEG、PNG 或 WebP 格式的照片（按文件内容判断）');
  }
  if (data.size <= 0 || data.size > MAX_ATTACHMENT_BYTES) {
    throw refuse('attachment-size', `A photo must be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`, `照片不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  }
  if (existingForSubject >= MAX_ATTACHMENTS_PER_SUBJECT) {
    throw refuse('attachment-limit', `At most ${MAX_ATTACHMENTS_PER_SUBJECT} photos per record`, `每条记录最多上传 ${MAX_ATTACHMENTS_PER_SUBJECT} 张照片`, 'conflict');
  }
  return [{ type: 'AttachmentUploaded', data: { ...rest, contentType, uploadedBy: metadata.actorId, uploadedAt: metadata.occurredAt } }];
}

const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
