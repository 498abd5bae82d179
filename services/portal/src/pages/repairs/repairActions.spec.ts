import { WorkOrder } from '../../api/types';
import { Account } from '../../auth/session';
import { fenToYuan, yuanToFen } from './money';
import { actionsFor } from './repairActions';

const order = (status: WorkOrder['status'], extra: Partial<WorkOrder> = {}) => ({ workOrderId: 'w', schoolId: 'S1', status, reportedBy: 'li', assignee: 'tech.zhang', ...extra }) as WorkOrder;
const account = (id: string, role: Account['role'], schoolId = 'S1'): Account => ({ id, username: id, name: id, role, schoolId, posts: [] });
const admin = account('wang', 'school-admin');
const tech = account('tech.zhang', 'school-staff');
const reporter = account('li', 'school-staff');

describe('repair actions offered', () => {
  it('lets the admin dispatch, the technician start, cost and complete, and the reporter verify or reopen', () => {
    expect(actionsFor(order('reported'), admin)).toEqual(['dispatch']);
    expect(actionsFor(order('assigned'), tech)).toEqual(['start', 'costs', 'complete']);
    expect(actionsFor(order('in-progress'), admin)).toEqual(['dispatch', 'costs', 'complete']);
    expect(actionsFor(order('completed', { completedBy: 'tech.zhang' }), reporter)).toEqual(['verify', 'reject']);
    expect(actionsFor(order('completed', { completedBy: 'tech.zhang' }), tech)).toEqual(['costs']);
  });

  it('offers nothing to another school, the bureau, or a staff member not involved', () => {
    expect(actionsFor(order('reported'), account('zhao', 'school-admin', 'S2'))).toEqual([]);
    expect(actionsFor(order('assigned'), account('chen', 'bureau-official'))).toEqual([]);
    expect(actionsFor(order('assigned'), reporter)).toEqual([]);
  });
});

describe('money', () => {
  it('reads yuan as exact fen and shows fen as yuan', () => {
    expect(yuanToFen('18.5')).toBe(1850);
    expect(yuanToFen(' 0.07 ')).toBe(7);
    expect(yuanToFen('100')).toBe(10000);
    expect([yuanToFen('1.234'), yuanToFen('-1'), yuanToFen('1e3'), yuanToFen('')]).toEqual([undefined, undefined, undefined, undefined]);
    expect([fenToYuan(1850), fenToYuan(7), fenToYuan(0), fenToYuan(123456789)]).toEqual(['18.50', '0.07', '0.00', '1234567.89']);
  });
});
