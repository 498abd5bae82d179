import { ATTACHMENT_CONTENT_TYPES, AttachmentContentType, AttachmentEvent, AttachmentSubjectType } from '@houqin/contracts';
import { Command, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_SUBJECT } from './limits';
import { AttachmentState } from './state';

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
/**
 * 删除照片. The application says whether the subject is closed (a work order the reporter verified): its photos are
 * then the record of an accepted repair and stay.
 */
export type RemoveAttachment = Command<'RemoveAttachment', { reason: string; subjectClosed: boolean }>;
export type AttachmentCommand = UploadAttachment | RemoveAttachment;

/** The role that may remove any photo of its school; everyone else only their own uploads. */
const REMOVES_ANY = 'school-admin';
export const MAX_REMOVAL_REASON = 200;

export function decide(command: AttachmentCommand, state: AttachmentState): AttachmentEvent[] {
  switch (command.type) {
    case 'UploadAttachment':
      return upload(command, state);
    case 'RemoveAttachment':
      return remove(command, state);
    default:
      return unknownCommand(command);
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

function remove({ data, metadata }: RemoveAttachment, state: AttachmentState): AttachmentEvent[] {
  if (state.status === 'none') throw new DomainError('not-found', 'No such photo', '照片不存在', 'not-found');
  if (state.status === 'removed') throw refuse('attachment-removed', 'This photo was already removed', '该照片已被删除', 'conflict');
  if (metadata.actorId !== state.uploadedBy && metadata.actorRole !== REMOVES_ANY) {
    throw refuse('attachment-not-yours', 'Only the uploader or a school admin may remove a photo', '只有上传人或学校管理员可以删除照片', 'forbidden');
  }
  if (data.subjectClosed) {
    throw refuse('attachment-subject-closed', 'The repair was verified: its photos are part of the accepted record and cannot be removed', '工单已验收，照片已归档，不能再删除', 'conflict');
  }
  const reason = data.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REMOVAL_REASON) {
    throw refuse('attachment-removal-reason', `Give a reason of 1 to ${MAX_REMOVAL_REASON} characters`, `请填写删除原因（1 至 ${MAX_REMOVAL_REASON} 个字）`);
  }
  const { attachmentId, schoolId, subjectType, subjectId, sha256 } = state;
  return [{ type: 'AttachmentRemoved', data: { attachmentId, schoolId, subjectType, subjectId, sha256, reason, removedBy: metadata.actorId, removedAt: metadata.occurredAt } }];
}

const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
