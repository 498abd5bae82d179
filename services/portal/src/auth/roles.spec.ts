import { homeOf, mayUse, menuFor, ROLES } from './roles';

describe('navigation by role', () => {
  it('offers each role only its pages', () => {
    const menu = (role: (typeof ROLES)[number]) => menuFor(role).map((p) => p.key);
    // Each area appends its school pages; the first ones and the admin's accounts page stay.
    expect(menu('school-staff').slice(0, 4)).toEqual(['repairs', 'new-repair', 'my-school', 'energy']);
    expect(menu('school-staff')).toEqual(expect.arrayContaining(['dormitories', 'greening']));
    expect(menu('school-staff')).not.toContain('accounts');
    expect(menu('school-admin')).toEqual(expect.arrayContaining([...menu('school-staff'), 'accounts']));
    expect(menu('school-staff')).toEqual(expect.arrayContaining(['inspections', 'assets', 'stocktakes']));
    expect(menu('school-staff')).not.toContain('asset-disposals'); // the bureau's approvals
    expect(menu('bureau-official')).toEqual(['dashboard', 'work-orders', 'facilities-dashboard', 'assets', 'asset-disposals']);
    expect(menu('auditor')).toEqual(['audit-history', 'audit-checks', 'assets']);
    expect(menu('system-admin')).toEqual(['dashboard', 'work-orders', 'facilities-dashboard', 'accounts', 'assets']);
  });

  it('keeps auditors out of work orders and schools out of the audit, as the services do', () => {
    expect(mayUse('auditor', 'repair')).toBe(false);
    expect(mayUse('school-staff', 'audit-history')).toBe(false);
    expect(mayUse('school-admin', 'dashboard')).toBe(false);
    expect(mayUse('bureau-official', 'new-repair')).toBe(false);
    expect(mayUse('bureau-official', 'repair')).toBe(true);
  });

  it('lands every role on a page it may use', () => {
    for (const role of ROLES) expect(homeOf(role)).toMatch(/^\//);
    expect(homeOf('auditor')).toBe('/audit/history');
  });
});
