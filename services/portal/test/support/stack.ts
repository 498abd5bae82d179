import { existsSync, readFileSync } from 'node:fs';

/**
 * The one stack a run of the journeys shares (started by the global setup, stopped by the global teardown), as the
 * specs see it: handed over in this environment variable, since a global setup shares no module with the tests.
 * Node modules only: the global setup imports this file too, without the config's moduleNameMapper.
 */
export const STACK_ENV = 'HOUQIN_PORTAL_STACK';

export type StackService = 'identity' | 'facilities' | 'bureau' | 'audit' | 'gateway';

export interface StackDescription {
  /** The Platform's run name: its schemas are `<run>_<service>`, its topics `<run>.…`. */
  run: string;
  urls: Record<StackService, string>;
  /** The folder of the services' logs. */
  logs: string;
  /** Written when a service exits while the journeys run: one line per service, naming its log. */
  crashes: string;
}

/** The shared stack, or a sentence saying how the journeys are to be run when there is none. */
export function stackDescription(): StackDescription {
  const value = process.env[STACK_ENV];
  if (!value) {
    throw new Error(`${STACK_ENV} is unset: the journeys run on the stack services/portal/test/support/global-setup.ts starts (jest -c services/portal/jest.integration.config.ts)`);
  }
  return JSON.parse(value) as StackDescription;
}

/** The services that died while the journeys ran, with their logs (empty when none did). */
export function crashesOf(stack: StackDescription): string {
  return existsSync(stack.crashes) ? readFileSync(stack.crashes, 'utf8').trim() : '';
}
