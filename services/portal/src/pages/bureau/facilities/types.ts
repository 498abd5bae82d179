import type { ComponentType } from 'react';
import type { School, SchoolType } from '../../../api/types';
import type { MessageKey } from '../../../i18n/messages';

/** The filters the facilities dashboard shares with every section (a section may ignore one it cannot apply). */
export interface FacilitiesFilters {
  /** Only schools of this type (identity's register), or all. */
  schoolType?: SchoolType;
  /** Business-date range, Beijing calendar days as YYYY-MM-DD, both ends included. */
  from?: string;
  to?: string;
  /** identity's register (empty while it loads or when identity is down). */
  schools: School[];
  /** The school codes the type filter keeps, or undefined for all schools (no type chosen). */
  schoolIds?: ReadonlySet<string>;
}

export interface FacilitiesSectionProps {
  filters: FacilitiesFilters;
}

export interface FacilitiesSection {
  /** Stable key: the tab's key and the `section-<key>` test id. */
  key: string;
  /** i18n key of the tab's title. */
  titleKey: MessageKey;
  Component: ComponentType<FacilitiesSectionProps>;
}
