import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { ASSET_STREAM_TYPE, AssetEvent, AssetRegistered } from '@houqin/contracts';
import { CommandRunner, IdempotencyKey } from '@houqin/event-store';

/**
 * Puts an asset in a school's ledger for tests of what builds on the ledger (QR links, stocktakes): an
 * AssetRegistered event through the real runner and contract check, without depending on the ledger's API.
 */
export async function ledgerAsset(app: INestApplication, schoolId: string, fields: Partial<AssetRegistered> = {}): Promise<{ assetId: string; position: string }> {
  const assetId = randomUUID();
  const writer = {
    streamType: ASSET_STREAM_TYPE,
    initialState: () => null,
    evolve: () => null,
    decide: (): AssetEvent[] => [
      {
        type: 'AssetRegistered',
        data: {
          assetId,
          schoolId,
          category: '2020000',
          name: '投影仪',
          model: 'EB-X51',
          serialNumber: `SN-${assetId.slice(0, 8)}`,
          purchaseDate: '2024-09-01',
          priceFen: 450_000,
          fundingSource: 'fiscal',
          location: { building: '教学楼', floor: '3F', room: '302' },
          usefulLifeYears: 6,
          registeredBy: 'test.setup',
          registeredAt: '2026-11-24T08:00:00.000Z',
          ...fields,
        } as AssetRegistered,
      },
    ],
  };
  const result = await app
    .get(CommandRunner)
    .run(writer, assetId, { type: 'Seed', data: {} } as never, { actorId: 'test.setup', role: 'school-admin', schoolId, correlationId: randomUUID(), idempotency: undefined as unknown as IdempotencyKey }, { newStream: true });
  return { assetId, position: result.position! };
}
