import { ACCOUNT_POST_ZH, ACCOUNT_ROLE_ZH, maskPhone, SCHOOL_TYPE_ZH } from '@houqin/contracts';
import { ExistingAccount, isSchoolRole } from '../domain/account';
import { RegisteredSchool } from '../domain/school';

export const schoolView = (school: RegisteredSchool, version?: number) => {
  const { status: _status, ...rest } = school;
  return { ...rest, code: school.schoolId, typeZh: SCHOOL_TYPE_ZH[school.type], ...(version === undefined ? {} : { version }) };
};

/** An account as administrators see it: never its credential; the phone masked unless `fullPhone`. */
export const accountView = (account: ExistingAccount, now: Date, { fullPhone = false, version }: { fullPhone?: boolean; version?: number } = {}) => {
  const { credentialId: _c, failures: _f, accountId, schoolId, phone, lockedUntil, ...rest } = account;
  const locked = lockedUntil !== undefined && Date.parse(lockedUntil) > now.getTime();
  return {
    id: accountId,
    ...rest,
    ...(isSchoolRole(account.role) ? { schoolId } : {}),
    phone: fullPhone ? phone : maskPhone(phone),
    roleZh: ACCOUNT_ROLE_ZH[account.role],
    postsZh: account.posts.map((p) => ACCOUNT_POST_ZH[p]),
    locked,
    ...(locked ? { lockedUntil } : {}),
    ...(version === undefined ? {} : { version }),
  };
};
