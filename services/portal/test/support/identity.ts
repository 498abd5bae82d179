import { randomBytes } from 'node:crypto';
import { call, dropSchema, eventually, Platform, TEST_DATABASE_URL } from '@houqin/testing';
import { ExtraService, freePort } from './processes';

/** identity's port, chosen before the other services start: they verify its tokens at JWKS_URL. */
export async function identityService(): Promise<{ identity: ExtraService; jwks: Record<string, string> }> {
  const identity = new ExtraService('identity', await freePort());
  return { identity, jwks: { JWKS_URL: `${identity.url}/.well-known/jwks.json` } };
}

/** identity on the run's own schema and topic prefix, rotating no key by itself. */
export function startIdentity(identity: ExtraService, platform: Platform): Promise<ExtraService> {
  return identity.start(
    platform,
    {
      PORT: String(identity.port),
      DATABASE_URL: TEST_DATABASE_URL,
      IDENTITY_DB_SCHEMA: identitySchema(platform),
      KAFKA_TOPIC_PREFIX: platform.topicPrefix,
      KAFKA_PUBLISH_TIMEOUT_MS: '5000',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      IDENTITY_KEY_SECRET: randomBytes(32).toString('base64'),
      IDENTITY_KEY_CHECK_INTERVAL_MS: '0',
      // Short-lived access tokens: the portal refreshes one minute before expiry, so every journey runs across refreshes.
      IDENTITY_ACCESS_TTL: '70s',
    },
    '/health',
  );
}

export const identitySchema = (platform: Platform) => `${platform.run}_identity`;
export const dropIdentitySchema = (platform: Platform) => dropSchema(identitySchema(platform));

export interface Person {
  username: string;
  displayName: string;
  phone: string;
  role: string;
  schoolId?: string;
  /** Posts (岗位), e.g. dormitory-manager (宿舍管理员), which some school-staff writes need; none unless given. */
  posts?: string[];
}

/** A password of the kind identity accepts (long, four character classes), new for every run. */
export const strongPassword = () => `Hq#${randomBytes(6).toString('hex')}aZ9`;

/** Registers a school (accounts of school roles must name a registered one). */
export async function registerSchool(identity: Pick<ExtraService, 'url'>, adminToken: string, code: string, name: string): Promise<void> {
  const body = { code, name, type: 'primary', address: '浙江省杭州市西湖区文三路158号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 21500 };
  const reply = await call('POST', `${identity.url}/schools`, { token: adminToken, body });
  if (reply.status !== 201) throw new Error(`school ${code}: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** Creates an account (by a system admin's token) with an initial password, to be changed at first login. */
export async function createAccount(identity: Pick<ExtraService, 'url'>, adminToken: string, person: Person, initialPassword: string): Promise<void> {
  // The school's registration reaches identity's own read model a moment after its command: retried until it has.
  await eventually(async () => {
    const reply = await call('POST', `${identity.url}/accounts`, { token: adminToken, body: { ...person, posts: person.posts ?? [], initialPassword } });
    if (reply.status === 201) return true;
    if (reply.status === 400 && JSON.stringify(reply.body).includes('schoolExists')) return undefined;
    throw new Error(`account ${person.username}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }, 10_000, 200);
}
