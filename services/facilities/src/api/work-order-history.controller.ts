import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Principal, Roles } from '@houqin/auth';
import { StoredEvent } from '@houqin/event-store';
import { UuidParam } from '@houqin/platform';
import { Attachments } from '../application/attachments';
import { WorkOrderQueries } from '../application/work-order.queries';

type Data = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The technician's name, or the contractor's company (never its phone), or the free-text repairer of older orders. */
const repairerOf = (d: Data) => {
  const r = d.repairer as { kind: string; name?: string; company?: string } | undefined;
  return text(r ? (r.kind === 'technician' ? r.name : r.company) : d.assignee);
};
/** Whole fen as yuan with two decimals, exactly (no float division). */
const yuan = (fen: unknown) => (typeof fen === 'number' ? `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}` : '');

/** One short line per event type, in both languages; a type this list does not know still shows, by its name. */
const SUMMARIES: Record<string, (d: Data) => { en: string; zh: string }> = {
  WorkOrderReported: (d) => ({ en: `Reported: ${text(d.title)} (${text(d.location)})`, zh: `报修：${text(d.title)}（${text(d.location)}）` }),
  WorkOrderAssigned: (d) => ({ en: `Dispatched to ${repairerOf(d)}`, zh: `派工给 ${repairerOf(d)}` }),
  WorkOrderRepairStarted: () => ({ en: 'Repair started on site', zh: '开工' }),
  WorkOrderCostsRecorded: (d) => ({ en: `Costs recorded: ¥${yuan(d.totalFen)}`, zh: `登记费用：¥${yuan(d.totalFen)}` }),
  WorkOrderCompleted: (d) => ({ en: `Completed${d.note ? `: ${text(d.note)}` : ''}`, zh: `完工${d.note ? `：${text(d.note)}` : ''}` }),
  WorkOrderCompletionRejected: (d) => ({ en: `Returned: ${text(d.reason)}`, zh: `验收退回：${text(d.reason)}` }),
  WorkOrderVerified: (d) => ({ en: `Verified${d.rating ? `, rated ${text(d.rating)}/5` : ''}`, zh: `验收通过${d.rating ? `，评分 ${text(d.rating)}/5` : ''}` }),
  WorkOrderResponseOverdue: () => ({ en: 'Not assigned in time (response overdue)', zh: '超时未派单' }),
  WorkOrderCompletionOverdue: () => ({ en: 'Not completed in time (completion overdue)', zh: '超时未完工' }),
  AttachmentUploaded: (d) => ({ en: `Photo attached: ${text(d.fileName)}`, zh: `上传照片：${text(d.fileName)}` }),
  AttachmentRemoved: (d) => ({ en: `Photo removed: ${text(d.reason)}`, zh: `删除照片：${text(d.reason)}` }),
};

const entryOf = (e: StoredEvent) => ({
  eventId: e.eventId,
  type: e.type,
  streamVersion: e.streamVersion,
  occurredAt: e.metadata.occurredAt,
  recordedAt: e.recordedAt.toISOString(),
  actor: { id: e.metadata.actor.id, role: e.metadata.actor.role, ...(actorNameOf(e) ? { name: actorNameOf(e) } : {}) },
  summary: (SUMMARIES[e.type] ?? (() => ({ en: e.type, zh: e.type })))(e.data),
  ...(e.data['attachmentId'] ? { attachmentId: e.data['attachmentId'] } : {}),
});
/** The display name the token carried when the event was recorded (events before names were recorded have none). */
const actorNameOf = (e: StoredEvent) => (e.metadata.actor as { name?: string }).name;

@ApiTags('work-orders 报修')
@Controller('work-orders')
export class WorkOrderHistoryController {
  constructor(
    private readonly workOrders: WorkOrderQueries,
    private readonly attachments: Attachments,
  ) {}

  @Get(':id/history')
  @Roles('school-staff', 'school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({
    summary: "A work order's timeline from its events, with its photos / 工单处理记录",
    description:
      'Every event of the stream and the uploads of its attachments, by business time (occurredAt; recordedAt differs for a late entry, 补录): type, actor (id, role, display name when recorded), a one-line summary in English and Chinese. `attachments` lists the photos (GET /attachments/:id); a removed one is left out, its upload and removal stay in `events`. Another school answers 404.',
  })
  async history(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    const loaded = await this.workOrders.get(id, (schoolId) => canReadSchool(principal, schoolId));
    const attachments = await this.attachments.ofSubject('WorkOrder', id);
    const events = [...loaded.events, ...attachments.flatMap((a) => (a.removal ? [a.event, a.removal] : [a.event]))].map(entryOf).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.recordedAt.localeCompare(b.recordedAt));
    return {
      workOrderId: id,
      version: loaded.version,
      events,
      attachments: attachments.filter((a) => !a.removal).map(({ uploaded: a }) => ({
        attachmentId: a.attachmentId,
        fileName: a.fileName,
        contentType: a.contentType,
        size: a.size,
        sha256: a.sha256,
        uploadedBy: a.uploadedBy,
        uploadedAt: a.uploadedAt,
        url: `/attachments/${a.attachmentId}`,
      })),
    };
  }
}
