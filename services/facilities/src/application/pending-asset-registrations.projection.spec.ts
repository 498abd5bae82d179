import { MemoryProjection, ProjectedEvent } from '@houqin/projections';
import { pendingAssetRegistrations } from './pending-asset-registrations.projection';

const event = (streamVersion: number, type: string, payload: Record<string, unknown>): ProjectedEvent => ({
  type,
  streamType: 'Asset',
  streamVersion,
  schoolId: 'S001',
  streamId: 'Asset-a1',
  globalPosition: String(streamVersion),
  payload: { assetId: 'a1', schoolId: 'S001', ...payload },
  metadata: {},
  recordedAt: '2026-11-24T08:00:00.000Z',
});

describe('pending-asset-registrations projection', () => {
  it("keeps the version of an asset registered by hand, so its later events are no gap (they stalled the projection)", () => {
    const registrations = new MemoryProjection(pendingAssetRegistrations.definition);
    registrations.apply(event(1, 'AssetRegistered', { registeredAt: '2026-11-24T08:00:00.000Z' }));
    expect(() => registrations.apply(event(2, 'AssetDisposalRequested', {}))).not.toThrow();
    expect(registrations.document('a1')).toMatchObject({ version: 2, doc: { assetId: 'a1' } });
    expect(registrations.document('a1')!.doc!.pendingAssetId).toBeUndefined();
  });

  it('names the pending asset a registration from procurement took', () => {
    const registrations = new MemoryProjection(pendingAssetRegistrations.definition);
    registrations.apply(event(1, 'AssetRegistered', { pendingAssetId: 'p1', registeredAt: '2026-11-24T08:00:00.000Z' }));
    expect(registrations.document('a1')!.doc).toMatchObject({ pendingAssetId: 'p1' });
  });
});
