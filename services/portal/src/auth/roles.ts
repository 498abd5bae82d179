import type { MessageKey } from '../i18n/messages';

export const ROLES = ['school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin'] as const;
export type Role = (typeof ROLES)[number];
export const SCHOOL_ROLES: readonly Role[] = ['school-staff', 'school-admin'];

/**
 * The portal's pages and who may use them. It follows the services' access table (docs/architecture.md):
 * a page a role could only meet with 403s is not offered to it. The services still decide; this only hides.
 */
export interface PageRule {
  key: string;
  /** Path pattern as React Router writes it. */
  path: string;
  roles: readonly Role[];
  /** In the menu, with this label (pages reached from others, e.g. a detail, have none). */
  menu?: MessageKey;
}

export const PAGES: readonly PageRule[] = [
  { key: 'repairs', path: '/repairs', roles: ['school-staff', 'school-admin'], menu: 'nav.repairs' },
  { key: 'new-repair', path: '/repairs/new', roles: ['school-staff', 'school-admin'], menu: 'nav.newRepair' },
  { key: 'repair', path: '/repairs/:id', roles: ['school-staff', 'school-admin', 'bureau-official', 'system-admin'] },
  { key: 'my-school', path: '/my-school', roles: ['school-staff', 'school-admin'], menu: 'nav.mySchool' },
  { key: 'energy', path: '/energy', roles: ['school-staff', 'school-admin'], menu: 'nav.energy' },
  { key: 'energy-reading', path: '/energy/reading', roles: ['school-staff', 'school-admin'] },
  { key: 'dormitories', path: '/dormitories', roles: ['school-staff', 'school-admin'], menu: 'nav.dormitories' },
  { key: 'dormitory', path: '/dormitories/:id', roles: ['school-staff', 'school-admin', 'bureau-official', 'system-admin'] },
  { key: 'greening', path: '/greening', roles: ['school-staff', 'school-admin'], menu: 'nav.greening' },
  { key: 'dashboard', path: '/dashboard', roles: ['bureau-official', 'system-admin'], menu: 'nav.dashboard' },
  { key: 'work-orders', path: '/work-orders', roles: ['bureau-official', 'system-admin'], menu: 'nav.workOrders' },
  { key: 'facilities-dashboard', path: '/facilities-dashboard', roles: ['bureau-official', 'system-admin'], menu: 'nav.facilities' },
  { key: 'accounts', path: '/accounts', roles: ['system-admin', 'school-admin'], menu: 'nav.accounts' },
  { key: 'audit-history', path: '/audit/history', roles: ['auditor'], menu: 'nav.auditHistory' },
  { key: 'audit-checks', path: '/audit/checks', roles: ['auditor'], menu: 'nav.auditChecks' },
  { key: 'inspections', path: '/inspections', roles: ['school-staff', 'school-admin'], menu: 'nav.inspections' },
  { key: 'inspection-record', path: '/inspections/:planId/record', roles: ['school-staff', 'school-admin'] },
  { key: 'assets', path: '/assets', roles: ['school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin'], menu: 'nav.assets' },
  { key: 'new-asset', path: '/assets/new', roles: ['school-staff', 'school-admin'] },
  { key: 'asset-labels', path: '/assets/labels', roles: ['school-admin'] },
  { key: 'asset-import', path: '/assets/import', roles: ['school-admin'] },
  { key: 'stocktakes', path: '/stocktakes', roles: ['school-staff', 'school-admin'], menu: 'nav.stocktakes' },
  { key: 'stocktake', path: '/stocktakes/:id', roles: ['school-staff', 'school-admin', 'bureau-official', 'system-admin'] },
  { key: 'asset', path: '/assets/:id', roles: ['school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin'] },
  { key: 'asset-disposals', path: '/asset-disposals', roles: ['bureau-official'], menu: 'nav.assetDisposals' },
];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const pagesFor = (role: Role) => PAGES.filter((p) => p.roles.includes(role));
export const menuFor = (role: Role) => pagesFor(role).filter((p) => p.menu);
export const mayUse = (role: Role, key: string) => PAGES.some((p) => p.key === key && p.roles.includes(role));

/** Where a role lands after login. */
export function homeOf(role: Role): string {
  return menuFor(role)[0]?.path ?? '/';
}
