import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest, Principal } from '@houqin/auth';
import { commandContextOf } from '@houqin/event-store';
import { CommandRoute, CommandRouteOptions, correlationIdOf } from '@houqin/platform';
import { unkeyedContext } from '../application/account-ids';
import { Administrator } from '../application/accounts.service';

/**
 * An administrator's command route: the platform's @CommandRoute with an optional Idempotency-Key
 * (sent, a retry with it replays the first answer; left out, each request is its own command).
 */
export const IdentityCommand = (options: Omit<CommandRouteOptions, 'idempotencyKey'>): MethodDecorator => CommandRoute({ ...options, idempotencyKey: 'optional' });

type CommandRequest = AuthenticatedRequest & { method: string; url: string; body?: unknown };

/**
 * The administrator behind a request, and the command context for a stream of the given school: the
 * stream's school (an account's or a school's), which the executor checks, while the actor stays the token's.
 */
export function administratorOf(request: CommandRequest, { keyed = true } = {}): Administrator {
  const principal = request.principal as Principal;
  return {
    principal,
    contextFor: (schoolId: string) => {
      if (keyed && request.headers['idempotency-key'] !== undefined) {
        // The request as the platform's context reads it, with the stream's school in place of the token's.
        return commandContextOf(Object.assign(Object.create(request) as CommandRequest, { principal: { ...principal, schoolId } }));
      }
      return unkeyedContext({ actorId: principal.sub, role: principal.role, schoolId, correlationId: correlationIdOf(request) ?? randomUUID() });
    },
  };
}
