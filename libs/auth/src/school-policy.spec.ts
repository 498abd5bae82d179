import { HttpException } from '@nestjs/common';
import { Principal } from './principal';
import { assertCanReadSchool, assertCanWriteSchool, canReadSchool, readableSchoolOf } from './school-policy';

const principals: Record<string, Principal> = {
  staffS1: { sub: 'a', role: 'school-staff', schoolId: 'S1' },
  adminS1: { sub: 'b', role: 'school-admin', schoolId: 'S1' },
  official: { sub: 'c', role: 'bureau-official' },
  auditor: { sub: 'd', role: 'auditor' },
  sysadmin: { sub: 'e', role: 'system-admin' },
};

const statusOf = (run: () => void): number => {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as HttpException).getStatus();
  }
};

// [principal, read S1, read S2, write S1, write S2]
const table: [string, boolean, boolean, number, number][] = [
  ['staffS1', true, false, 200, 403],
  ['adminS1', true, false, 200, 403],
  ['official', true, true, 403, 403],
  ['auditor', true, true, 403, 403],
  ['sysadmin', true, true, 403, 403],
];

describe('school policy', () => {
  it.each(table)('%s', (name, readOwn, readOther, writeOwn, writeOther) => {
    const principal = principals[name];
    expect(canReadSchool(principal, 'S1')).toBe(readOwn);
    expect(canReadSchool(principal, 'S2')).toBe(readOther);
    expect(statusOf(() => assertCanReadSchool(principal, 'S2'))).toBe(readOther ? 200 : 404);
    expect(statusOf(() => assertCanWriteSchool(principal, 'S1'))).toBe(writeOwn);
    expect(statusOf(() => assertCanWriteSchool(principal, 'S2'))).toBe(writeOther);
  });

  it('hides another school behind a bilingual 404', () => {
    try {
      assertCanReadSchool(principals.staffS1, 'S2');
      fail('expected NotFoundException');
    } catch (error) {
      expect((error as HttpException).getResponse()).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Resource not found',
        messageZh: '资源不存在',
      });
    }
  });

  it('restricts listings of school roles to their school', () => {
    expect(readableSchoolOf(principals.adminS1)).toBe('S1');
    expect(readableSchoolOf(principals.auditor)).toBeUndefined();
  });
});
