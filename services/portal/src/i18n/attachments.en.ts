import type { attachmentsZh } from './attachments.zh-CN';

export const attachmentsEn: Record<keyof typeof attachmentsZh, string> = {
  'photo.title': 'Photos',
  'photo.none': 'No photos',
  'photo.choose': 'Add a photo',
  'photo.hint': 'JPEG, PNG or WebP, at most {mb} MB each, at most {n} per repair',
  'photo.tooLarge': 'A photo must be at most {mb} MB',
  'photo.wrongType': 'Only JPEG, PNG or WebP photos can be uploaded',
  'photo.uploaded': 'Photo uploaded',
  'photo.uploadFailed': 'The repair was reported, but a photo failed to upload: {reason}',
  'timeline.recordedAt': 'recorded {time}',
};
