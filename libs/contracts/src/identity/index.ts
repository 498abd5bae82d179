import { AccountEvents } from './account-events';
import { SchoolEvents } from './school-events';

export * from './school-events';
export * from './account-events';

/** Every event of the identity service (schools and accounts, topic `identity.events.v1`). */
export const IdentityEvents = [...SchoolEvents, ...AccountEvents] as const;
