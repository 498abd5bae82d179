import { forbidden, notFound } from './http-errors';
import { Principal } from './principal';
import { isSchoolRole } from './roles';

/*
 * Who may touch one school's data (everything else is decided by @Roles):
 *
 *   role              read own school   read another school   write own school   write another school
 *   school-staff      yes               no -> 404             yes               no -> 403 (404 for a record)
 *   school-admin      yes               no -> 404             yes               no -> 403 (404 for a record)
 *   bureau-official   yes (every school, no own school)       no -> 403         no -> 403
 *   auditor           yes (every school, no own school)       no -> 403         no -> 403
 *   system-admin      yes (every school, no own school)       no -> 403         no -> 403
 *
 * A school role asking for another school's record, to read or to change it, gets 404,
 * not 403, so it cannot learn which records exist there (commands on another school's
 * stream are refused as not found by the command executor).
 */

export const canReadSchool = (principal: Principal, schoolId: string): boolean =>
  !isSchoolRole(principal.role) || principal.schoolId === schoolId;

export const canWriteSchool = (principal: Principal, schoolId: string): boolean =>
  isSchoolRole(principal.role) && principal.schoolId === schoolId;

/** The school a listing must be restricted to, or undefined when the principal sees every school. */
export const readableSchoolOf = (principal: Principal): string | undefined =>
  isSchoolRole(principal.role) ? principal.schoolId : undefined;

export function assertCanReadSchool(principal: Principal, schoolId: string): void {
  if (!canReadSchool(principal, schoolId)) throw notFound('Resource not found', '资源不存在');
}

export function assertCanWriteSchool(principal: Principal, schoolId: string): void {
  if (!canWriteSchool(principal, schoolId)) {
    throw forbidden("Only the school's own staff may change its data", '只有本校人员可以修改本校数据');
  }
}
