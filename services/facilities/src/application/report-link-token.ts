import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token a QR label carries: the link id (22 base64url characters) then its HMAC-SHA256 (43), with no separator:
 * a dot would make `/r/<token>` look like a file to the gateway, which then serves no page. It names
 * the link and proves the school's server issued it; whether the link is still usable (not revoked, not
 * expired) is asked of the link itself at every scan, so a revoked label stops working at once.
 * FACILITIES_LINK_SECRET: the signing key (≥ 32 characters; comma-separated: the first signs, every one
 * verifies, so a key is rotated without reprinting every label at once). Required in production; a fixed
 * development key otherwise.
 */
export interface ReportLinkSigner {
  sign(linkId: string): string;
  /** The link id the token names, or undefined when it is malformed or its signature is not ours. */
  verify(token: string): string | undefined;
}

export const REPORT_LINK_SIGNER = Symbol('ReportLinkSigner');
const DEVELOPMENT_SECRET = 'houqin-development-report-link-secret-not-for-production';
const MIN_SECRET_LENGTH = 32;
/** A link id is a UUID: 16 bytes, 22 base64url characters; the MAC is 32 bytes, 43 characters. */
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{22})([A-Za-z0-9_-]{43})$/;

export function linkSecretsFrom(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env['FACILITIES_LINK_SECRET'];
  if (raw === undefined || raw.trim() === '') {
    if (env['NODE_ENV'] === 'production') throw new Error('FACILITIES_LINK_SECRET is required in production (the key that signs QR report links)');
    return [DEVELOPMENT_SECRET];
  }
  const secrets = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const short = secrets.find((s) => s.length < MIN_SECRET_LENGTH);
  if (short !== undefined || secrets.length === 0) throw new Error(`FACILITIES_LINK_SECRET: each key needs at least ${MIN_SECRET_LENGTH} characters`);
  return secrets;
}

export function reportLinkSigner(secrets: string[]): ReportLinkSigner {
  const mac = (secret: string, idBytes: Buffer) => createHmac('sha256', secret).update('houqin.report-link.v1:').update(idBytes).digest();
  return {
    sign(linkId) {
      const idBytes = uuidBytes(linkId);
      return `${idBytes.toString('base64url')}${mac(secrets[0], idBytes).toString('base64url')}`;
    },
    verify(token) {
      const match = TOKEN_PATTERN.exec(token);
      if (!match) return undefined;
      const idBytes = Buffer.from(match[1], 'base64url');
      const given = Buffer.from(match[2], 'base64url');
      if (idBytes.length !== 16 || given.length !== 32) return undefined;
      return secrets.some((s) => timingSafeEqual(mac(s, idBytes), given)) ? uuidOf(idBytes) : undefined;
    },
  };
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`a report link id is a UUID, not ${uuid}`);
  return Buffer.from(hex, 'hex');
}
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
