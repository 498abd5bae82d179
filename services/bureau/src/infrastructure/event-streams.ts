/**
 * The bureau consumes two topics, each under a consumer group of its own, so each is one
 * Nest transport; a handler names its transport, or every transport would subscribe it.
 */
export const FACILITIES_EVENTS = Symbol('bureau:facilities-events');
export const IDENTITY_EVENTS = Symbol('bureau:identity-events');
