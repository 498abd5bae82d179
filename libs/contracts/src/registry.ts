import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { EventEnvelope, eventEnvelopeSchema, eventMetadataSchema } from './envelope';
import { unstorableTextPaths } from './storable-text';
import { assertUniqueTypes } from './define-event';
import { PLATFORM_EVENTS } from './events';
import { WORK_ORDER_UPCASTERS } from './facilities/work-order-upcasters';

/** The current schema of every cross-service event type. */
export interface EventContract {
  type: string;
  version: number;
  schema: z.ZodType<Record<string, unknown>>;
}

/** Lifts a payload of `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  up(payload: Record<string, unknown>): Record<string, unknown>;
}

export class ContractViolation extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
    this.name = 'ContractViolation';
  }
}

/** An event a command is about to append, before the store hashes and seals it. */
export interface OutgoingEvent {
  type: string;
  payload: Record<string, unknown>;
  metadata: unknown;
  /** The school of the stream it is appended to. */
  schoolId: string;
}

/** A contract without a stream or topic (tests' own aggregates); services use `defineEvent`. */
export const defineContract = (type: string, version: number, schema: z.ZodObject<z.ZodRawShape>): EventContract => ({
  type,
  version,
  schema: schema.strict() as unknown as z.ZodType<Record<string, unknown>>,
});

/** @deprecated use PLATFORM_EVENTS (the records themselves are the contracts). */
export const EVENT_CONTRACTS: readonly EventContract[] = PLATFORM_EVENTS;

/**
 * Upcasters of superseded schema versions: when a payload changes, bump the contract and
 * add `{ type, fromVersion, up }` here (deterministic: a replay must lift it the same way).
 */
export const UPCASTERS: readonly Upcaster[] = [...WORK_ORDER_UPCASTERS];

/**
 * The zod schemas are the source of truth; each is also compiled (via its JSON Schema) to an
 * ajv validator, ~2× cheaper per event, which is what a replay of the whole history pays.
 * zod runs only when the fast check fails, to name the fields in the error.
 */
const ajv = addFormats(new Ajv({ strict: false, allErrors: false }));
const compile = (schema: z.ZodType): ValidateFunction => ajv.compile(z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }));
const fastEnvelope = compile(eventEnvelopeSchema);
const fastMetadata = compile(eventMetadataSchema);

export class ContractRegistry {
  private readonly contracts = new Map<string, EventContract>();
  private readonly upcasters = new Map<string, Upcaster>();
  private readonly fast = new Map<string, ValidateFunction>();

  /** Refuses two contracts of one type name (DuplicateEventTypeError): the last would silently win. */
  constructor(contracts: readonly EventContract[] = PLATFORM_EVENTS, upcasters: readonly Upcaster[] = UPCASTERS) {
    assertUniqueTypes(contracts);
    for (const c of contracts) this.contracts.set(c.type, c);
    for (const u of upcasters) this.upcasters.set(`${u.type}@${u.fromVersion}`, u);
  }

  current(type: string): EventContract {
    const c = this.contracts.get(type);
    if (!c) throw new ContractViolation(`Unknown event type ${type}`);
    return c;
  }

  /** Brings a payload of any known version up to the current one and validates it. */
  upcast(type: string, version: number, payload: Record<string, unknown>): Record<string, unknown> {
    const target = this.current(type);
    if (version > target.version) {
      throw new ContractViolation(`${type} v${version} is newer than this service knows (v${target.version})`);
    }
    let current = payload;
    for (let v = version; v < target.version; v++) {
      const upcaster = this.upcasters.get(`${type}@${v}`);
      if (!upcaster) throw new ContractViolation(`No upcaster for ${type} v${v}`);
      current = upcaster.up(current);
    }
    return this.validatePayload(type, current);
  }

  validatePayload(type: string, payload: unknown): Record<string, unknown> {
    const contract = this.current(type);
    let fast = this.fast.get(type);
    if (!fast) this.fast.set(type, (fast = compile(contract.schema)));
    if (fast(payload)) return payload as Record<string, unknown>;
    const result = contract.schema.safeParse(payload);
    if (!result.success) {
      throw new ContractViolation(`Invalid ${type} payload`, formatIssues(result.error));
    }
    return result.data;
  }

  /**
   * The producer's side of the consumers' check (parseEnvelope): the same validators, run on
   * an event before it is sealed, so that nothing is stored that a consumer would refuse.
   * Also refuses text PostgreSQL or the hash's canonical JSON cannot hold (NUL, lone surrogates).
   */
  checkOutgoing(event: OutgoingEvent): void {
    this.validatePayload(event.type, event.payload);
    if (!fastMetadata(event.metadata)) {
      const result = eventMetadataSchema.safeParse(event.metadata);
      if (!result.success) throw new ContractViolation(`Invalid ${event.type} metadata`, formatIssues(result.error));
    }
    if (event.payload['schoolId'] !== event.schoolId) {
      throw new ContractViolation(`${event.type} payload schoolId differs from its stream's school`, ['schoolId']);
    }
    const unstorable = [...unstorableTextPaths(event.payload, 'payload'), ...unstorableTextPaths(event.metadata, 'metadata')];
    if (unstorable.length > 0) {
      throw new ContractViolation(`${event.type} holds text that cannot be stored`, unstorable.map((path) => `${path}: NUL or unpaired surrogate`));
    }
  }

  /** Parses a consumed message: envelope shape, known type, payload upcast to the current version. */
  parseEnvelope(raw: unknown): EventEnvelope {
    let envelope = raw as z.infer<typeof eventEnvelopeSchema>;
    if (!fastEnvelope(raw)) {
      const result = eventEnvelopeSchema.safeParse(raw);
      if (!result.success) throw new ContractViolation('Invalid event envelope', formatIssues(result.error));
      envelope = result.data;
    }
    const payload = this.upcast(envelope.type, envelope.schemaVersion, envelope.payload);
    if (payload['schoolId'] !== envelope.schoolId) {
      throw new ContractViolation(`Envelope schoolId ${envelope.schoolId} differs from payload schoolId`);
    }
    return { ...envelope, schemaVersion: this.current(envelope.type).version, payload };
  }
}

const formatIssues = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

export const contracts = new ContractRegistry();
