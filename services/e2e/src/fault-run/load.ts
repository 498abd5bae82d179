import { randomUUID } from 'node:crypto';

/** What happened to one command, as its sender saw it. */
export interface CommandRecord {
  key: string;
  kind: 'report' | 'assign';
  schoolId: string;
  outcome: 'acknowledged' | 'refused' | 'failed' | 'no-answer';
  status?: number;
  workOrderId?: string;
}

export interface Writer {
  schoolId: string;
  token: string;
  adminToken: string;
}

const REPAIR = { title: '故障演练 报修', location: '演练楼101', category: 'other', priority: 'normal' };

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

  private async loop(writer: Writer): Promise<void> {
    const mine: string[] = [];
    while (this.running) {
      const assign = mine.length > 0 && Math.random() < 0.3;
      const record = assign
        ? await this.send(writer, 'assign', `/work-orders/${mine.splice(Math.floor(Math.random() * mine.length), 1)[0]}/assign`, { assignee: '演练 维修组' }, writer.adminToken)
        : await this.send(writer, 'report', '/work-orders', REPAIR, writer.token);
      this.records.push(record);
      if (record.kind === 'report' && record.workOrderId) mine.push(record.workOrderId);
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
      const reply = (await response.json().catch(() => ({}))) as { workOrderId?: string };
      if (response.ok) {
        record.outcome = 'acknowledged';
        record.workOrderId = reply.workOrderId;
      } else record.outcome = response.status < 500 ? 'refused' : 'failed';
    } catch {
      record.outcome = 'no-answer';
    }
    return record;
  }
}
