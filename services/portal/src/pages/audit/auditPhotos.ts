import { HistoryLine } from '../../api/types';

/** A photo an audit history line names: its attachment, file name, and whether it was removed (as far as the lines show). */
export interface AuditPhoto {
  attachmentId: string;
  fileName: string;
  removed: boolean;
}

const field = (payload: unknown, name: string): string | undefined => {
  const value = payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value ? value : undefined;
};

/**
 * The photo of an `AttachmentUploaded` line (查看照片), removed when an `AttachmentRemoved` of the same stream is among
 * the lines loaded; an `AttachmentRemoved` line names a removed photo (已删除). Other lines: undefined. The service
 * still answers 410 for a removal the loaded lines do not show.
 */
export function photoOf(line: HistoryLine, lines: readonly HistoryLine[]): AuditPhoto | undefined {
  if (line.type !== 'AttachmentUploaded' && line.type !== 'AttachmentRemoved') return undefined;
  const attachmentId = field(line.payload, 'attachmentId');
  if (!attachmentId) return undefined;
  const removed = line.type === 'AttachmentRemoved' || lines.some((l) => l.type === 'AttachmentRemoved' && l.streamId === line.streamId);
  return { attachmentId, fileName: field(line.payload, 'fileName') ?? attachmentId, removed };
}
