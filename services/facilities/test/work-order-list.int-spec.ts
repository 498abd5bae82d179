import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ReadModels } from '@houqin/projection-store';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * The work-order list through HTTP on the real module and PostgreSQL: the read model
 * `work-order-list` projected from the service's own global log, its filters, sorts,
 * keyset paging, Chinese search, school scoping, and read-your-writes.
 */
const facilities = new FacilitiesTestApp('facilities_list');
const { schema, clock } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

interface Item {
  workOrderId: string;
  schoolId: string;
  status: string;
  title: string;
  priority: string;
  reportedAt: string;
  version: number;
  sla?: { responseDueAt?: string; completionDueAt?: string };
}

let schools = 0;
/** A school of its own per test: the lists of one test are not disturbed by another's orders. */
function school() {
  const id = `L${++schools}-${schema.slice(-8)}`;
  return { id, staff: token({ sub: `staff.${schools}`, role: 'school-staff', schoolId: id }), admin: token({ sub: `admin.${schools}`, role: 'school-admin', schoolId: id }) };
}
const official = token({ sub: 'chen.ju', role: 'bureau-official' });

let keys = 0;
const post = (path: string, bearer: string, body: object) =>
  request(app.getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `list-key-${++keys}-${schema}` }).send(body);
const repair = { title: '灯管不亮', location: '302', category: 'electrical', priority: 'normal' };

/** Reports a repair; answers its id and the command's position. */
async function report(bearer: string, body: Partial<typeof repair> & { description?: string } = {}) {
  const reply = await post('/work-orders', bearer, { ...repair, ...body }).expect(201);
  expect(reply.body.position).toBe(reply.body.events.at(-1).globalPosition);
  return { id: reply.body.workOrderId as string, position: reply.body.position as string };
}

const list = (bearer: string, query: Record<string, string | number | boolean> = {}) =>
  request(app.getHttpServer()).get('/work-orders').set('authorization', `Bearer ${bearer}`).query(query);

/** The list, once it has applied everything up to `position` (read-your-writes). */
async function listed(bearer: string, position: string, query: Record<string, string | number | boolean> = {}): Promise<Item[]> {
  const reply = await list(bearer, { ...query, consistentWith: position }).expect(200);
  return reply.body.items;
}
const ids = (items: Item[]) => items.map((i) => i.workOrderId);

describe('read-your-writes', () => {
  it('lists a report read right after it, with the position its answer carries', async () => {
    const s = school();
    const first = await report(s.staff);
    expect(ids(await listed(s.staff, first.position))).toEqual([first.id]);
    // A command on the stream: the list shows the new status at once.
    const assigned = await post(`/work-orders/${first.id}/assign`, s.admin, { assignee: '电工 张师傅' }).expect(200);
    const [item] = await listed(s.staff, assigned.body.position);
    expect(item).toMatchObject({ workOrderId: first.id, status: 'assigned', statusZh: expect.any(String), version: 2 });
    // The same document as the detail, which is folded from the stream.
    const detail = await request(app.getHttpServer()).get(`/work-orders/${first.id}`).set('authorization', `Bearer ${s.staff}`).expect(200);
    expect(item).toEqual(detail.body);
  });

  it('answers 503 with Retry-After and a bilingual message while the projector is paused, then lists it once resumed', async () => {
    const s = school();
    const readModels = app.get(ReadModels).group; // one loop drives every read model: pausing it pauses the list
    await readModels.stop();
    try {
      const { id, position } = await report(s.staff);
      const started = Date.now();
      const behind = await list(s.staff, { consistentWith: position }).expect(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900); // the bounded wait
      expect(behind.headers['retry-after']).toBe('1');
      expect(behind.body).toMatchObject({ code: 'read-model-behind', message: expect.stringContaining(position), messageZh: expect.stringMatching(/同步/) });
      readModels.start();
      expect(ids(await listed(s.staff, position))).toEqual([id]);
    } finally {
      readModels.start();
    }
  });

  it('refuses a position that is not one (400 naming consistentWith)', async () => {
    const reply = await list(official, { consistentWith: '12:34' }).expect(400);
    expect(reply.body.errors[0]).toMatchObject({ field: 'consistentWith', constraint: 'matches' });
  });
});

describe('filters and sorting', () => {
  const s = school();
  const at = (day: number, hour = 8) => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const orders: Record<string, string> = {};
  let last = '';

  beforeAll(async () => {
    const plan: [string, number, Partial<typeof repair>][] = [
      ['lamp', 2, { title: '三楼灯管不亮', category: 'electrical', priority: 'normal' }],
      ['tap', 3, { title: '水龙头漏水', location: '二楼卫生间', category: 'plumbing', priority: 'high' }],
      ['door', 4, { title: '门锁坏了', category: 'carpentry', priority: 'low' }],
      ['desk', 5, { title: '课桌松动', category: 'furniture', priority: 'urgent' }],
      ['net', 6, { title: '教室断网', category: 'network', priority: 'normal' }],
    ];
    for (const [name, day, body] of plan) {
      clock.set(at(day));
      const r = await report(s.staff, body);
      orders[name] = r.id;
      last = r.position;
    }
    clock.set(at(7));
    await post(`/work-orders/${orders['tap']}/assign`, s.admin, { assignee: '水工 李师傅' }).expect(200);
    await post(`/work-orders/${orders['door']}/assign`, s.admin, { assignee: '木工 王师傅' }).expect(200);
    const done = await post(`/work-orders/${orders['door']}/complete`, s.admin, { note: '换锁' }).expect(200);
    last = done.body.position;
  });

  const names = (items: Item[]) => items.map((i) => Object.keys(orders).find((k) => orders[k] === i.workOrderId));
  const query = async (q: Record<string, string | number | boolean>) => names(await listed(s.staff, last, q));

  it('filters by status, category, priority, assignee and report date (Beijing days or instants)', async () => {
    expect(await query({ status: 'assigned' })).toEqual(['tap']);
    expect(await query({ status: 'completed' })).toEqual(['door']);
    expect(await query({ category: 'plumbing' })).toEqual(['tap']);
    expect(await query({ priority: 'normal' })).toEqual(['net', 'lamp']);
    expect(await query({ assignee: '木工 王师傅' })).toEqual(['door']);
    expect(await query({ reportedFrom: '2026-11-03', reportedTo: '2026-11-04' })).toEqual(['door', 'tap']);
    // 2026-11-04T08:00Z is 16:00 in Beijing: an instant bound is exclusive.
    expect(await query({ reportedFrom: '2026-11-03T08:00:00Z', reportedTo: '2026-11-04T16:00:00+08:00' })).toEqual(['tap']);
    expect(await query({ category: 'electrical', priority: 'urgent' })).toEqual([]);
  });

  it('sorts by report time, priority or status, either way, ties by report time', async () => {
    expect(await query({})).toEqual(['net', 'desk', 'door', 'tap', 'lamp']);
    expect(await query({ sort: 'reportedAt', order: 'asc' })).toEqual(['lamp', 'tap', 'door', 'desk', 'net']);
    expect(await query({ sort: 'priority' })).toEqual(['desk', 'tap', 'net', 'lamp', 'door']);
    expect(await query({ sort: 'priority', order: 'asc' })).toEqual(['door', 'lamp', 'net', 'tap', 'desk']);
    expect(await query({ sort: 'status', order: 'asc' })).toEqual(['lamp', 'desk', 'net', 'tap', 'door']);
  });

  it('filters overdue orders by their next open deadline against the clock, as the detail states it', async () => {
    clock.set('2026-11-07T07:30:00.000Z'); // some deadlines of the rule pack have passed, not all
    const detail = async (name: string): Promise<Item> =>
      (await request(app.getHttpServer()).get(`/work-orders/${orders[name]}`).set('authorization', `Bearer ${s.staff}`).expect(200)).body;
    const due = async (name: string) => {
      const d = await detail(name);
      const next = d.status === 'reported' ? d.sla?.responseDueAt : d.status === 'assigned' ? d.sla?.completionDueAt : undefined;
      return next !== undefined && Date.parse(next) <= clock.now().getTime();
    };
    const expected: string[] = [];
    for (const name of ['net', 'desk', 'door', 'tap', 'lamp']) if (await due(name)) expected.push(name);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(4);
    expect(await query({ overdue: true })).toEqual(expected);
    expect(await query({ overdue: false })).toEqual(['net', 'desk', 'door', 'tap', 'lamp'].filter((n) => !expected.includes(n)));
    // A completed order has no open deadline.
    expect(expected).not.toContain('door');
  });
});

describe('search', () => {
  const s = school();
  const found: Record<string, string> = {};
  let last = '';

  beforeAll(async () => {
    const bodies: Record<string, object> = {
      lamp: { title: '三楼302教室灯管不亮', location: '教学楼3层302' },
      led: { title: 'LED灯闪烁', location: '实验楼' },
      tap: { title: '水龙头漏水', location: '二楼卫生间', description: '螺丝脱落，需要更换' },
      percent: { title: '电量显示100%', location: '配电房' },
    };
    for (const [name, body] of Object.entries(bodies)) {
      const r = await report(s.staff, body);
      found[name] = r.id;
      last = r.position;
    }
  });

  const search = async (q: string) => {
    const items = await listed(s.staff, last, { q });
    return items.map((i) => Object.keys(found).find((k) => found[k] === i.workOrderId)).sort();
  };

  it('finds Chinese substrings of one, two and more characters in title, location and description', async () => {
    expect(await search('灯管')).toEqual(['lamp']);
    expect(await search('灯')).toEqual(['lamp', 'led']);
    expect(await search('三楼302教室灯管')).toEqual(['lamp']);
    expect(await search('卫生间')).toEqual(['tap']);
    expect(await search('螺丝')).toEqual(['tap']);
    expect(await search('管灯')).toEqual([]);
  });

  it('ignores case and full-width letters, and takes LIKE wildcards literally', async () => {
    expect(await search('led')).toEqual(['led']);
    expect(await search('ＬＥＤ灯')).toEqual(['led']);
    expect(await search('100%')).toEqual(['percent']);
    expect(await search('%')).toEqual(['percent']);
    expect(await search('_')).toEqual([]);
  });
});

describe('cursor paging', () => {
  it('pages through more than a page with no duplicates and no gaps, while new orders arrive between pages', async () => {
    const s = school();
    const before: string[] = [];
    let last = '';
    for (let i = 0; i < 7; i++) {
      clock.advance({ minutes: 1 });
      const r = await report(s.staff, { title: `窗户${i}`, priority: (['low', 'normal', 'high'] as const)[i % 3] });
      before.push(r.id);
      last = r.position;
    }
    for (const [sort, order] of [
      ['reportedAt', 'desc'],
      ['reportedAt', 'asc'],
      ['priority', 'desc'],
      ['status', 'asc'],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const reply = await list(s.staff, { sort, order, limit: 3, consistentWith: last, ...(cursor ? { cursor } : {}) }).expect(200);
        seen.push(...ids(reply.body.items));
        cursor = reply.body.nextCursor;
        pages++;
        if (pages === 1) {
          // Arrives between pages: at the newest end, so it shows only where that end is still ahead.
          clock.advance({ minutes: 1 });
          last = (await report(s.staff, { title: `新报修${sort}${order}`, priority: 'normal' })).position;
        }
      } while (cursor && pages < 10);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => before.includes(id)).sort()).toEqual([...before].sort());
      expect(pages).toBeGreaterThanOrEqual(3);
    }
  });

  it('refuses a cursor of another sort, and a malformed one (400 naming cursor)', async () => {
    const s = school();
    let last = '';
    for (let i = 0; i < 3; i++) last = (await report(s.staff)).position;
    const first = await list(s.staff, { limit: 2, consistentWith: last }).expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const other = await list(s.staff, { limit: 2, sort: 'priority', cursor: first.body.nextCursor }).expect(400);
    expect(other.body).toMatchObject({ messageZh: expect.any(String), errors: [expect.objectContaining({ field: 'cursor' })] });
    expect((await list(s.staff, { cursor: 'not-a-cursor' }).expect(400)).body.errors[0]).toMatchObject({ field: 'cursor', constraint: 'matches' });
  });
});

describe('who sees what', () => {
  it("never lists another school's orders to a school account, whatever schoolId it passes; the bureau may choose", async () => {
    const a = school();
    const b = school();
    const mine = await report(a.staff);
    const theirs = await report(b.staff);
    const position = String(Math.max(Number(mine.position), Number(theirs.position)));
    expect(ids(await listed(a.staff, position))).toEqual([mine.id]);
    expect(ids(await listed(a.staff, position, { schoolId: b.id }))).toEqual([mine.id]);
    expect(ids(await listed(b.admin, position, { q: '灯管' }))).toEqual([theirs.id]);
    expect(ids(await listed(official, position, { schoolId: b.id }))).toEqual([theirs.id]);
    expect(ids(await listed(official, position, { limit: 200 }))).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('refuses invalid filters with a 400 naming the field', async () => {
    const field = async (q: Record<string, string>) => (await list(official, q).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field({ reportedFrom: '2026-02-30' })).toContain('reportedFrom');
    expect(await field({ reportedTo: '0000-01-01' })).toContain('reportedTo');
    expect(await field({ overdue: 'TRUE' })).toContain('overdue');
    expect(await field({ limit: '201' })).toContain('limit');
    expect(await field({ status: 'none' })).toContain('status');
    expect(await field({ q: '' })).toContain('q');
  });
});
