/** Who a user is in the district: school-level roles belong to exactly one school. */
export const ROLES = ['school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin'] as const;
export type Role = (typeof ROLES)[number];

export const SCHOOL_ROLES: readonly Role[] = ['school-staff', 'school-admin'];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const isSchoolRole = (role: Role): boolean => SCHOOL_ROLES.includes(role);
