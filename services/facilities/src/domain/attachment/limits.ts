import { AttachmentContentType } from '@houqin/contracts';

/** 5 MiB: a phone photo after the portal's JPEG quality, with room; larger files are refused, not resized. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** Photos per record (e.g. per work order): enough to show a fault and its repair, bounded so one record cannot fill the table. */
export const MAX_ATTACHMENTS_PER_SUBJECT = 9;

/**
 * The image type the bytes themselves say, by their magic numbers; never the client's Content-Type or file name.
 * JPEG: FF D8 FF; PNG: 89 50 4E 47 0D 0A 1A 0A; WebP: "RIFF" <size> "WEBP".
 */
export function sniffImageType(bytes: Uint8Array): AttachmentContentType | undefined {
  const at = (offset: number, ...expected: number[]) => expected.every((b, i) => bytes[offset + i] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}
