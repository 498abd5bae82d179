/**
 * Who sends a command and when, attached by the command runner (never by the client):
 * the domain reads time only from here.
 */
export interface CommandMetadata {
  actorId: string;
  /** The actor's role (a school admin may do what a staff member may not). */
  actorRole: string;
  /** When the command is recorded (ISO 8601), from the injected clock. */
  now: string;
  /**
   * Business time (ISO 8601): when the fact happened. Equal to `now` unless the command
   * brings one (a late entry, 补录); the events' `metadata.occurredAt` carries it.
   */
  occurredAt: string;
}

/** The one command shape of the platform: `{ type, data, metadata }` (as emmett's). */
export interface Command<T extends string = string, D = unknown> {
  type: T;
  data: D;
  metadata: CommandMetadata;
}
