import { publishedAt, signingKeyAt, SigningKeyRecord } from './signing-keys';

/** Which key signs, and which are published, at a moment: what every replica computes from the same table. */
const at = (iso: string) => new Date(`2026-11-30T${iso}Z`);
const key = (kid: string, fields: Partial<SigningKeyRecord>): SigningKeyRecord => ({
  kid,
  createdAt: at('08:00:00'),
  activatesAt: at('08:00:00'),
  retiredAt: null,
  publishedUntil: null,
  ...fields,
});

describe('signing keys, pre-published', () => {
  // k1 signs since 08:00; k2 was created at 09:00, announced to sign from 09:00:30; k1's tokens live until 09:16:30.
  const k1 = key('k1', { retiredAt: at('09:00:30'), publishedUntil: at('09:16:30') });
  const k2 = key('k2', { createdAt: at('09:00:00'), activatesAt: at('09:00:30') });
  const keys = [k2, k1];

  it('given a new key waiting for its activation, when tokens are signed before it, then the previous key signs and both are published', () => {
    expect(signingKeyAt(keys, at('09:00:00'))?.kid).toBe('k1');
    expect(signingKeyAt(keys, at('09:00:29.999'))?.kid).toBe('k1');
    expect(publishedAt(keys, at('09:00:00')).map((k) => k.kid)).toEqual(['k2', 'k1']);
  });

  it('given its activation time, then the new key signs, and the previous one stays published until its last token expired', () => {
    expect(signingKeyAt(keys, at('09:00:30'))?.kid).toBe('k2');
    expect(publishedAt(keys, at('09:16:29')).map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(publishedAt(keys, at('09:16:30')).map((k) => k.kid)).toEqual(['k2']);
  });

  it('given the order of the rows differs between replicas, then they pick the same key', () => {
    for (const t of ['09:00:00', '09:00:30', '10:00:00']) expect(signingKeyAt([k1, k2], at(t))?.kid).toBe(signingKeyAt([k2, k1], at(t))?.kid);
  });

  it('given an immediate rotation while a key was waiting, then the new key signs at once and the waiting one never does', () => {
    // At 09:00:10: k3 signs at once; k1 stops now; k2 (waiting) withdrawn.
    const now = at('09:00:10');
    const after = [
      key('k3', { createdAt: now, activatesAt: now }),
      { ...k2, retiredAt: now, publishedUntil: now },
      { ...k1, retiredAt: now, publishedUntil: at('09:16:10') },
    ];
    for (const t of ['09:00:10', '09:00:30', '09:30:00']) expect(signingKeyAt(after, at(t))?.kid).toBe('k3');
    expect(publishedAt(after, now).map((k) => k.kid)).toEqual(['k3', 'k1']);
  });

  it('given the first key seen by a replica whose clock is behind, then that key signs rather than none', () => {
    expect(signingKeyAt([key('k1', { activatesAt: at('08:00:02') })], at('08:00:00'))?.kid).toBe('k1');
    expect(signingKeyAt([], at('08:00:00'))).toBeUndefined();
  });
});
