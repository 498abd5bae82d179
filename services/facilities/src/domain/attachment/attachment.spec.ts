import { AttachmentEvent } from '@houqin/contracts';
import { given } from '@houqin/testing';
import { attachmentDecider, AttachmentCommand, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_SUBJECT, MAX_REMOVAL_REASON, sniffImageType } from './index';

const at = '2026-11-24T08:00:00.000Z';
const metadata = { actorId: 'teacher.li', actorRole: 'school-staff', now: at, occurredAt: at };
const data = {
  attachmentId: 'att-1',
  schoolId: 'S001',
  subjectType: 'WorkOrder' as const,
  subjectId: 'wo-1',
  fileName: 'light.jpg',
  contentType: 'image/jpeg' as const,
  size: 1234,
  sha256: 'a'.repeat(64),
};
const upload = (change: Partial<Extract<AttachmentCommand, { type: 'UploadAttachment' }>['data']> = {}): AttachmentCommand => ({
  type: 'UploadAttachment',
  data: { ...data, existingForSubject: 0, ...change },
  metadata,
});
const uploaded: AttachmentEvent = { type: 'AttachmentUploaded', data: { ...data, uploadedBy: 'teacher.li', uploadedAt: at } };

describe('attachment (附件)', () => {
  it('records an upload with its hash, size, type and subject, never the bytes', () => {
    given(attachmentDecider, []).when(upload()).then([uploaded]);
  });

  it('refuses a type the bytes do not show to be JPEG, PNG or WebP', () => {
    given(attachmentDecider, []).when(upload({ contentType: undefined })).thenThrows('attachment-type');
  });

  it('refuses an empty file and one over the size bound', () => {
    given(attachmentDecider, []).when(upload({ size: MAX_ATTACHMENT_BYTES + 1 })).thenThrows('attachment-size');
    given(attachmentDecider, []).when(upload({ size: 0 })).thenThrows('attachment-size');
    given(attachmentDecider, []).when(upload({ size: MAX_ATTACHMENT_BYTES })).then([{ ...uploaded, data: { ...uploaded.data, size: MAX_ATTACHMENT_BYTES } }]);
  });

  it('bounds the photos per record', () => {
    given(attachmentDecider, []).when(upload({ existingForSubject: MAX_ATTACHMENTS_PER_SUBJECT })).thenThrows('attachment-limit', 'conflict');
    given(attachmentDecider, []).when(upload({ existingForSubject: MAX_ATTACHMENTS_PER_SUBJECT - 1 })).then([uploaded]);
  });

  it('uploads an attachment once', () => {
    given(attachmentDecider, [uploaded]).when(upload()).thenThrows('attachment-exists', 'conflict');
  });
});

describe('removing an attachment (删除照片)', () => {
  const later = '2026-11-24T09:00:00.000Z';
  const by = (actorId: string, actorRole: string) => ({ actorId, actorRole, now: later, occurredAt: later });
  const remove = (change: Partial<Extract<AttachmentCommand, { type: 'RemoveAttachment' }>['data']> = {}, meta = by('teacher.li', 'school-staff')): AttachmentCommand => ({
    type: 'RemoveAttachment',
    data: { reason: '拍错了工单', subjectClosed: false, ...change },
    metadata: meta,
  });
  const removed = (removedBy: string): AttachmentEvent => ({
    type: 'AttachmentRemoved',
    data: { attachmentId: 'att-1', schoolId: 'S001', subjectType: 'WorkOrder', subjectId: 'wo-1', sha256: data.sha256, reason: '拍错了工单', removedBy, removedAt: later },
  });

  it('records the removal by its uploader with the reason and the hash kept as evidence', () => {
    given(attachmentDecider, [uploaded]).when(remove()).then([removed('teacher.li')]);
  });

  it("lets a school admin remove anyone's photo of the school", () => {
    given(attachmentDecider, [uploaded]).when(remove({}, by('admin.wang', 'school-admin'))).then([removed('admin.wang')]);
  });

  it('refuses another staff member who did not upload it', () => {
    given(attachmentDecider, [uploaded]).when(remove({}, by('teacher.zhou', 'school-staff'))).thenThrows('attachment-not-yours', 'forbidden');
  });

  it('refuses once the repair was verified: the photos belong to the accepted record', () => {
    given(attachmentDecider, [uploaded]).when(remove({ subjectClosed: true })).thenThrows('attachment-subject-closed', 'conflict');
    given(attachmentDecider, [uploaded]).when(remove({ subjectClosed: true }, by('admin.wang', 'school-admin'))).thenThrows('attachment-subject-closed', 'conflict');
  });

  it('needs a reason of 1 to 200 characters (trimmed)', () => {
    given(attachmentDecider, [uploaded]).when(remove({ reason: '   ' })).thenThrows('attachment-removal-reason');
    given(attachmentDecider, [uploaded]).when(remove({ reason: 'x'.repeat(MAX_REMOVAL_REASON + 1) })).thenThrows('attachment-removal-reason');
    given(attachmentDecider, [uploaded]).when(remove({ reason: ' 拍错了工单 ' })).then([removed('teacher.li')]);
  });

  it('removes once: a second removal is refused as already removed', () => {
    given(attachmentDecider, [uploaded, removed('teacher.li')]).when(remove()).thenThrows('attachment-removed', 'conflict');
  });

  it('cannot remove a photo that was never uploaded', () => {
    given(attachmentDecider, []).when(remove()).thenThrows('not-found', 'not-found');
  });

  it('cannot upload again under a removed id', () => {
    given(attachmentDecider, [uploaded, removed('teacher.li')]).when(upload()).thenThrows('attachment-exists', 'conflict');
  });
});

describe('sniffImageType', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('reads the type from the magic bytes', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0))).toBe('image/jpeg');
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffImageType(Uint8Array.from(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')))).toBe('image/webp');
  });
  it('refuses anything else, whatever its name says', () => {
    expect(sniffImageType(Uint8Array.from(Buffer.from('%PDF-1.7')))).toBeUndefined();
    expect(sniffImageType(Uint8Array.from(Buffer.from('GIF89a')))).toBeUndefined();
    expect(sniffImageType(Uint8Array.from(Buffer.from('RIFF\x10\x00\x00\x00WAVE', 'latin1')))).toBeUndefined();
    expect(sniffImageType(bytes())).toBeUndefined();
  });
});
