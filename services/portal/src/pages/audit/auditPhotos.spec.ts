import { HistoryLine } from '../../api/types';
import { photoOf } from './auditPhotos';

const line = (type: string, streamId: string, payload: unknown, position = '1'): HistoryLine =>
  ({ position, recordedAt: '2026-11-24T08:00:00.000Z', type, schemaVersion: 1, streamId, streamVersion: 1, schoolId: 'S001', payload, hash: 'h', prevHash: 'p' }) as HistoryLine;

const uploaded = line('AttachmentUploaded', 'Attachment-a1', { attachmentId: 'a1', fileName: '灯管.png', sha256: 'x' });
const removed = line('AttachmentRemoved', 'Attachment-a1', { attachmentId: 'a1', reason: '拍错了' }, '2');

describe('photos in the audit history (查看照片)', () => {
  it('names the photo of an upload, not removed while no removal of its stream is loaded', () => {
    expect(photoOf(uploaded, [uploaded])).toEqual({ attachmentId: 'a1', fileName: '灯管.png', removed: false });
  });

  it('marks it removed (已删除) once its removal is among the lines, and the removal line itself', () => {
    expect(photoOf(uploaded, [uploaded, removed])).toEqual({ attachmentId: 'a1', fileName: '灯管.png', removed: true });
    expect(photoOf(removed, [uploaded, removed])).toEqual({ attachmentId: 'a1', fileName: 'a1', removed: true });
    const other = line('AttachmentRemoved', 'Attachment-b2', { attachmentId: 'b2' });
    expect(photoOf(uploaded, [uploaded, other])?.removed).toBe(false);
  });

  it('ignores other events and a payload without an attachment id', () => {
    expect(photoOf(line('WorkOrderReported', 'WorkOrder-w', { workOrderId: 'w' }), [])).toBeUndefined();
    expect(photoOf(line('AttachmentUploaded', 'Attachment-x', null), [])).toBeUndefined();
    expect(photoOf(line('AttachmentUploaded', 'Attachment-x', { attachmentId: 42 }), [])).toBeUndefined();
  });
});
