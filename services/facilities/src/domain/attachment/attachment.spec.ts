import { AttachmentEvent } from '@houqin/contracts';
import { given } from '@houqin/testing';
import { attachmentDecider, AttachmentCommand, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_SUBJECT, sniffImageType } from './index';

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
