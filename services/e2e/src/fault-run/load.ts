import { randomUUID } from 'node:crypto';

/** What happened to one command, as its sender saw it. */
export interface CommandRecord {
  key: string;
  kind: 'report' | 'assign' | 'register-asset' | 'move-asset';
  schoolId: string;
  outcome: 'acknowledged' | 'refused' | 'failed' | 'no-answer';
  status?: number;
  /** The stream a creating command started (work order or asset id). */
  createdId?: string;
}

export interface Writer {
  schoolId: string;
  token: string;
  adminToken: string;
}

const REPAIR = { title: '故障演练 报修', location: '演练楼101', category: 'other', priority: 'normal' };
const ASSET = { category: '2010104', name: '演练 台式计算机', purchaseDate: '2025-09-01', priceFen: 459_900, fundingSource: 'fiscal', location: { building: '演练楼', floor: '1', room: '101' } };
const ROOMS = ['101', '102', '201', '202'];

/**
 * Concurrent writers with unique idempotency keys, each command sent once and its
 * outcome recorded. A writer pauses briefly after a failure so an outage is not a spin.
 */
export class CommandLoad {
  readonly records: CommandRecord[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly facilitiesUrl: () => string,
    private readonly writers: Writer[],
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.writers.map((w) => this.loop(w));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Two aggregates of facilities: work orders (report, assign) and ledger assets (register, move). */
  private async loop(writer: Writer): Promise<void> {
    const orders: string[] = [];
    const assets: string[] = [];
    const pick = (ids: string[]) => ids.splice(Math.floor(Math.random() * ids.length), 1)[0];
    while (this.running) {
      const dice = Math.random();
      let record: CommandRecord;
      if (dice < 0.2 && orders.length > 0) {
        record = await this.send(writer, 'assign', `/work-orders/${pick(orders)}/assign`, { assignee: '演练 维修组' }, writer.adminToken);
      } else if (dice < 0.35 && assets.length > 0) {
        const room = ROOMS[Math.floor(Math.random() * ROOMS.length)];
        const id = assets[Math.floor(Math.random() * assets.length)];
        record = await this.send(writer, 'move-asset', `/assets/${id}/move`, { location: { building: '演练楼', floor: room[0], room } }, writer.adminToken);
      } else if (dice < 0.55) {
        record = await this.send(writer, 'register-asset', '/assets', ASSET, writer.adminToken);
        if (record.createdId) assets.push(record.createdId);
      } else {
        record = await this.send(writer, 'report', '/work-orders', REPAIR, writer.token);
        if (record.createdId) orders.push(record.createdId);
      }
      this.records.push(record);
      if (record.outcome !== 'acknowledged') await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async send(writer: Writer, kind: CommandRecord['kind'], path: string, body: object, token: string): Promise<CommandRecord> {
    const key = `fault-${randomUUID()}`;
    const record: CommandRecord = { key, kind, schoolId: writer.schoolId, outcome: 'no-answer' };
    try {
      const response = await fetch(`${this.facilitiesUrl()}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      record.status = response.status;
      const reply = (await response.json().catch(() => ({}))) as { workOrderId?: string; assetId?: string };
      if (response.ok) {
        record.outcome = 'acknowledged';
        record.createdId = reply.workOrderId ?? reply.assetId;
      } else record.outcome = response.status < 500 ? 'refused' : 'failed';
    } catch {
      record.outcome = 'no-answer';
    }
    return record;
  }
}
