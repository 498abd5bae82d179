import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

/**
 * 附件 — a file (today: a photo) attached to a record of another aggregate. Generic on purpose: the subject is named by its
 * type and id, so later records (hazard rectification photos, 隐患整改) reuse the same stream type and table.
 * The bytes are never in the event: they stay in facilities' attachment table; the sha256 in the event is the tamper
 * evidence (the stored bytes must hash to it, and the event itself is in the hash chain).
 */
export const ATTACHMENT_STREAM_TYPE = 'Attachment';
export const ATTACHMENT_SUBJECT_TYPES = ['WorkOrder'] as const;
export type AttachmentSubjectType = (typeof ATTACHMENT_SUBJECT_TYPES)[number];
export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

const id = z.string().min(1).max(64);
/** Which attachment, of which record of which school: the first fields of every attachment event. */
const attachmentOf = { attachmentId: id, schoolId: id, subjectType: z.enum(ATTACHMENT_SUBJECT_TYPES), subjectId: id };
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** 上传附件 — the bytes were checked (type by their magic bytes, size) and stored under attachmentId. */
export const AttachmentUploaded = defineEvent({
  type: 'AttachmentUploaded',
  version: 1,
  streamType: ATTACHMENT_STREAM_TYPE,
  topic: Topics.facilitiesEvents,
  schema: z.object({
    ...attachmentOf,
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().int().positive(),
    sha256,
    fileName: z.string().min(1).max(200),
    uploadedBy: id,
    uploadedAt: z.string().datetime({ offset: true }),
  }),
});

/**
 * 删除照片 — a wrong photo was removed by its uploader or a school admin, with a reason. Its bytes are deleted from
 * facilities' table (they may be personal data); the sha256 stays here and in the upload, the evidence of what was there.
 */
export const AttachmentRemoved = defineEvent({
  type: 'AttachmentRemoved',
  version: 1,
  streamType: ATTACHMENT_STREAM_TYPE,
  topic: Topics.facilitiesEvents,
  schema: z.object({
    ...attachmentOf,
    sha256,
    reason: z.string().min(1).max(200),
    removedBy: id,
    removedAt: z.string().datetime({ offset: true }),
  }),
});

export const AttachmentEvents = eventGroup([AttachmentUploaded, AttachmentRemoved]);
export type AttachmentEvent = EventsOf<typeof AttachmentEvents>;
export const ATTACHMENT_EVENT_TYPES = eventTypesOf(AttachmentEvents);
export type AttachmentUploaded = EventOf<typeof AttachmentUploaded>['data'];
export type AttachmentRemoved = EventOf<typeof AttachmentRemoved>['data'];
