import { AssetEvent } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { atMost, HOUQIN_RULE_PACK, RulePack } from '@houqin/rules';
import { given } from '@houqin/testing';
import { AssetCommand, assetDecider, assetDeciderWith, AssetRules, ledgerStatusOf } from './index';

const ids = { assetId: 'as-1', schoolId: 'S001' };
const keeper = 'staff.zhao';
const head = 'head.wang';
const official = 'bureau.chen';
const rule = { ruleId: 'facilities.asset.disposalBureauApproval', version: 'v1' };

/** Who acts at what Beijing-morning instant of a day (UTC 01:00 = 09:00 Beijing). */
const by = (actorId: string, actorRole: string, day = '2026-11-24'): { metadata: CommandMetadata } => {
  const at = `${day}T01:00:00.000Z`;
  return { metadata: { actorId, actorRole, now: at, occurredAt: at } };
};
const asStaff = (day?: string) => by(keeper, 'school-staff', day);
const asHead = (day?: string) => by(head, 'school-admin', day);
const asBureau = (day?: string) => by(official, 'bureau-official', day);

const location = { building: '实验楼', floor: '3F', room: '302' };
const registration = {
  ...ids,
  category: '2010104' as const,
  name: '学生用台式计算机',
  model: 'ThinkCentre M730',
  serialNumber: 'PC-0001',
  purchaseDate: '2024-01-15',
  priceFen: 600_000,
  fundingSource: 'fiscal' as const,
  location,
};
const register: AssetCommand = { type: 'RegisterAsset', data: registration, ...asStaff() };
const registered: AssetEvent = {
  type: 'AssetRegistered',
  data: { ...registration, usefulLifeYears: 6, registeredBy: keeper, registeredAt: '2026-11-24T01:00:00.000Z' },
};
/** A ¥120,000 smart blackboard system: above the ¥50,000 bureau threshold. */
const costly: AssetEvent = { type: 'AssetRegistered', data: { ...registered.data, category: '2020000', name: '智慧黑板', priceFen: 12_000_000 } };

const lent: AssetEvent = { type: 'AssetLent', data: { ...ids, borrower: '李老师', dueBackOn: '2026-12-01', lentBy: keeper, lentAt: '2026-11-24T01:00:00.000Z' } };
const missing: AssetEvent = { type: 'AssetReportedMissing', data: { ...ids, stocktakeId: 'st-1', reportedBy: keeper, reportedAt: '2026-11-24T01:00:00.000Z' } };
const damaged: AssetEvent = { type: 'AssetReportedDamaged', data: { ...ids, stocktakeId: 'st-1', note: '屏幕碎裂', reportedBy: keeper, reportedAt: '2026-11-24T01:00:00.000Z' } };

const requestDisposal: AssetCommand = { type: 'RequestAssetDisposal', data: { method: 'scrapped', reason: '主板损坏，无维修价值' }, ...asHead('2026-11-25') };
const requested = (originalValueFen: number, netBookValueFen: number, bureauApprovalRequired: boolean): AssetEvent => ({
  type: 'AssetDisposalRequested',
  data: { ...ids, method: 'scrapped', reason: '主板损坏，无维修价值', originalValueFen, netBookValueFen, bureauApprovalRequired, thresholdFen: 5_000_000, thresholdRule: rule, requestedBy: head, requestedAt: '2026-11-25T01:00:00.000Z' },
});
const cheapRequested = requested(600_000, 325_000, false);
const schoolApproved: AssetEvent = { type: 'AssetDisposalApprovedBySchool', data: { ...ids, approvedBy: head, approvedAt: '2026-11-26T01:00:00.000Z' } };
const bureauApproved: AssetEvent = { type: 'AssetDisposalApprovedByBureau', data: { ...ids, approvedBy: official, approvedAt: '2026-11-27T01:00:00.000Z' } };
const dispose = (day: string): AssetCommand => ({ type: 'DisposeAsset', data: { residualValueFen: 5_000, disposedOn: day }, ...asHead(day) });
const disposed = (): AssetEvent => ({
  type: 'AssetDisposed',
  data: { ...ids, method: 'scrapped', reason: '主板损坏，无维修价值', residualValueFen: 5_000, disposedOn: '2026-11-28', disposedBy: head, disposedAt: '2026-11-28T01:00:00.000Z' },
});

describe('asset (校产) registration', () => {
  it('is registered with the category minimum life (计算机 ≥6 years) when none is given', () => {
    given(assetDecider, []).when(register).then([registered]);
  });

  it('takes a longer life, refuses a shorter one', () => {
    given(assetDecider, [])
      .when({ ...register, data: { ...registration, usefulLifeYears: 8 } } as AssetCommand)
      .then([{ ...registered, data: { ...registered.data, usefulLifeYears: 8 } } as AssetEvent]);
    given(assetDecider, []).when({ ...register, data: { ...registration, usefulLifeYears: 5 } } as AssetCommand).thenThrows('useful-life-below-minimum', 'invalid');
  });

  it('gives no life to a category that is not depreciated (图书), and refuses one', () => {
    const books = { ...registration, category: '5000000' as const, name: '图书馆藏书（批）' };
    const decision = given(assetDecider, []).when({ ...register, data: books } as AssetCommand);
    expect(decision.events?.[0]?.data).not.toHaveProperty('usefulLifeYears');
    given(assetDecider, []).when({ ...register, data: { ...books, usefulLifeYears: 10 } } as AssetCommand).thenThrows('category-not-depreciated');
  });

  it('refuses a purchase after today and a warranty ending before the purchase', () => {
    given(assetDecider, []).when({ ...register, data: { ...registration, purchaseDate: '2026-11-25' } } as AssetCommand).thenThrows('purchase-date-in-future');
    given(assetDecider, []).when({ ...register, data: { ...registration, warrantyEndsOn: '2023-12-31' } } as AssetCommand).thenThrows('warranty-before-purchase');
  });

  it('keeps the pending asset it came from (procurement)', () => {
    given(assetDecider, [])
      .when({ ...register, data: { ...registration, pendingAssetId: 'pa-9' } } as AssetCommand)
      .then([{ ...registered, data: { ...registered.data, pendingAssetId: 'pa-9' } } as AssetEvent]);
  });

  it('cannot be registered twice, and nothing happens to an asset that does not exist', () => {
    given(assetDecider, [registered]).when(register).thenThrows('asset-exists', 'conflict');
    given(assetDecider, []).when({ type: 'ReturnAsset', data: {}, ...asStaff() }).thenThrows('asset-not-found', 'not-found');
  });
});

describe('asset movements', () => {
  const move: AssetCommand = { type: 'MoveAsset', data: { location: { building: '行政楼', room: '101' }, custodian: '王老师' }, ...asStaff() };
  const moved: AssetEvent = { type: 'AssetMoved', data: { ...ids, location: { building: '行政楼', room: '101' }, custodian: '王老师', movedBy: keeper, movedAt: '2026-11-24T01:00:00.000Z' } };
  const lend: AssetCommand = { type: 'LendAsset', data: { borrower: '李老师', dueBackOn: '2026-12-01' }, ...asStaff() };

  it('moves to another room and custodian', () => {
    given(assetDecider, [registered]).when(move).then([moved]);
  });

  it('is lent, then returned', () => {
    given(assetDecider, [registered]).when(lend).then([lent]);
    given(assetDecider, [registered, lent])
      .when({ type: 'ReturnAsset', data: {}, ...asStaff() })
      .then([{ type: 'AssetReturned', data: { ...ids, returnedBy: keeper, returnedAt: '2026-11-24T01:00:00.000Z' } }]);
  });

  it('is not lent twice, not moved while lent, not returned when not lent', () => {
    given(assetDecider, [registered, lent]).when(lend).thenThrows('asset-wrong-status', 'conflict');
    given(assetDecider, [registered, lent]).when(move).thenThrows('asset-wrong-status');
    given(assetDecider, [registered]).when({ type: 'ReturnAsset', data: {}, ...asStaff() }).thenThrows('asset-wrong-status');
  });

  it('is not lent with a due-back day already past, nor while damaged or missing', () => {
    given(assetDecider, [registered]).when({ ...lend, data: { borrower: '李老师', dueBackOn: '2026-11-23' } } as AssetCommand).thenThrows('due-back-in-past');
    given(assetDecider, [registered, damaged]).when(lend).thenThrows('asset-wrong-status');
    given(assetDecider, [registered, missing]).when(move).thenThrows('asset-wrong-status');
  });

  it('records maintenance; a repair clears the damage a stocktake found', () => {
    const repair: AssetCommand = { type: 'RecordAssetMaintenance', data: { what: '更换屏幕', costFen: 45_000, performedBy: '联想售后', damageRepaired: true }, ...asStaff() };
    const repaired: AssetEvent = {
      type: 'AssetMaintenanceRecorded',
      data: { ...ids, what: '更换屏幕', costFen: 45_000, performedBy: '联想售后', damageRepaired: true, recordedBy: keeper, recordedAt: '2026-11-24T01:00:00.000Z' },
    };
    given(assetDecider, [registered, damaged]).when(repair).then([repaired]);
    const state = [registered, damaged, repaired].reduce(assetDecider.evolve, assetDecider.initialState());
    expect(state.status !== 'none' && ledgerStatusOf(state)).toBe('in-use');
  });

  it('does not move, lend or maintain a disposed asset', () => {
    const history = [registered, cheapRequested, schoolApproved, disposed()];
    given(assetDecider, history).when(move).thenThrows('asset-disposed', 'conflict');
    given(assetDecider, history).when(lend).thenThrows('asset-disposed');
    given(assetDecider, history).when({ type: 'RecordAssetMaintenance', data: { what: 'x', costFen: 0, performedBy: 'y' }, ...asStaff() }).thenThrows('asset-disposed');
  });
});

describe('stocktake findings (盘点)', () => {
  const missingCmd: AssetCommand = { type: 'ReportAssetMissing', data: { stocktakeId: 'st-1' }, ...asStaff() };

  it('a missing asset is marked once', () => {
    given(assetDecider, [registered]).when(missingCmd).then([missing]);
    given(assetDecider, [registered, missing]).when(missingCmd).then([]);
  });

  it('a damaged asset is marked with the note', () => {
    given(assetDecider, [registered]).when({ type: 'ReportAssetDamaged', data: { stocktakeId: 'st-1', note: '屏幕碎裂' }, ...asStaff() }).then([damaged]);
  });

  it('a missing asset found again is back in use, where it was found; finding a present asset changes nothing', () => {
    const found: AssetCommand = { type: 'ReportAssetFound', data: { stocktakeId: 'st-2', location: { building: '图书馆' } }, ...asStaff() };
    given(assetDecider, [registered, missing])
      .when(found)
      .then([{ type: 'AssetFoundAgain', data: { ...ids, stocktakeId: 'st-2', location: { building: '图书馆' }, reportedBy: keeper, reportedAt: '2026-11-24T01:00:00.000Z' } }]);
    given(assetDecider, [registered]).when(found).then([]);
  });
});

describe('disposal (报废/处置)', () => {
  it('below the threshold: requested, approved by the school head, then disposed, without the bureau', () => {
    // ¥6,000 computer bought 2024-01-15: Feb 2024 … Oct 2026 = 33 of 72 months charged by 2026-11-25.
    const req = requested(600_000, 600_000 - 33 * Math.floor(600_000 / 72), false);
    given(assetDecider, [registered]).when(requestDisposal).then([req]);
    given(assetDecider, [registered, req]).when({ type: 'ApproveAssetDisposalAsSchool', data: {}, ...asHead('2026-11-26') }).then([schoolApproved]);
    given(assetDecider, [registered, req, schoolApproved]).when(dispose('2026-11-28')).then([disposed()]);
    given(assetDecider, [registered, req, schoolApproved]).when({ type: 'ApproveAssetDisposalAsBureau', data: {}, ...asBureau() }).thenThrows('disposal-wrong-stage', 'conflict');
  });

  it('above the threshold (by original value): the bureau must approve before the disposal', () => {
    const req = requested(12_000_000, 12_000_000 - 33 * Math.floor(12_000_000 / 72), true);
    given(assetDecider, [costly]).when(requestDisposal).then([req]);
    given(assetDecider, [costly, req, schoolApproved]).when(dispose('2026-11-28')).thenThrows('disposal-wrong-stage', 'conflict');
    given(assetDecider, [costly, req, schoolApproved]).when({ type: 'ApproveAssetDisposalAsBureau', data: {}, ...asBureau('2026-11-27') }).then([bureauApproved]);
    given(assetDecider, [costly, req, schoolApproved, bureauApproved]).when(dispose('2026-11-28')).then([disposed()]);
  });

  it('exactly at the threshold counts as above (以上 includes the number)', () => {
    const atThreshold: AssetEvent = { type: 'AssetRegistered', data: { ...registered.data, priceFen: 5_000_000 } };
    const decision = given(assetDecider, [atThreshold]).when(requestDisposal);
    expect(decision.events?.[0]).toMatchObject({ data: { bureauApprovalRequired: true } });
  });

  it('is judged by the threshold in force when requested (a district that lowers it)', () => {
    const lowered: AssetRules = RulePack.load({
      ...HOUQIN_RULE_PACK,
      rules: {
        ...HOUQIN_RULE_PACK.rules,
        'facilities.asset.disposalBureauApproval': {
          ...HOUQIN_RULE_PACK.rules['facilities.asset.disposalBureauApproval'],
          versions: [...HOUQIN_RULE_PACK.rules['facilities.asset.disposalBureauApproval'].versions, { ...HOUQIN_RULE_PACK.rules['facilities.asset.disposalBureauApproval'].versions[0], version: 'v2', effectiveFrom: '2026-09-01', value: { originalValueFrom: atMost(500_000, 'fen') } }],
        },
      },
    });
    const decision = given(assetDeciderWith(lowered), [registered]).when(requestDisposal);
    expect(decision.events?.[0]).toMatchObject({ data: { bureauApprovalRequired: true, thresholdFen: 500_000, thresholdRule: { version: 'v2' } } });
  });

  it('only the school head approves at the school stage, only the bureau at the bureau stage', () => {
    const req = requested(12_000_000, 0, true);
    given(assetDecider, [costly, req]).when({ type: 'ApproveAssetDisposalAsSchool', data: {}, ...asStaff() }).thenThrows('disposal-approver-role', 'forbidden');
    given(assetDecider, [costly, req, schoolApproved]).when({ type: 'ApproveAssetDisposalAsBureau', data: {}, ...asHead() }).thenThrows('disposal-approver-role', 'forbidden');
  });

  it('is rejected by the school head, or by the bureau; the asset stays in use', () => {
    const req = requested(12_000_000, 0, true);
    const reject = (actor: { metadata: CommandMetadata }): AssetCommand => ({ type: 'RejectAssetDisposal', data: { reason: '仍可维修使用' }, ...actor });
    const rejection = (level: 'school' | 'bureau', rejectedBy: string): AssetEvent => ({
      type: 'AssetDisposalRejected',
      data: { ...ids, level, reason: '仍可维修使用', rejectedBy, rejectedAt: '2026-11-24T01:00:00.000Z' },
    });
    given(assetDecider, [costly, req]).when(reject(asHead())).then([rejection('school', head)]);
    given(assetDecider, [costly, req, schoolApproved]).when(reject(asBureau())).then([rejection('bureau', official)]);
    given(assetDecider, [costly, req, schoolApproved]).when(reject(asHead())).thenThrows('disposal-approver-role', 'forbidden');
    const state = [costly, req, schoolApproved, rejection('bureau', official)].reduce(assetDecider.evolve, assetDecider.initialState());
    expect(state.status !== 'none' && ledgerStatusOf(state)).toBe('in-use');
  });

  it('is not requested twice, nor for a lent asset; a missing asset may be written off', () => {
    const req = requested(600_000, 0, false);
    given(assetDecider, [registered, req]).when(requestDisposal).thenThrows('disposal-already-requested', 'conflict');
    given(assetDecider, [registered, lent]).when(requestDisposal).thenThrows('asset-wrong-status');
    const writeOff = { ...requestDisposal, data: { method: 'written-off', reason: '盘亏无法找回' } } as AssetCommand;
    expect(given(assetDecider, [registered, missing]).when(writeOff).events).toHaveLength(1);
  });

  it('is not disposed on a day before the request or after today', () => {
    const history = [registered, requested(600_000, 0, false), schoolApproved];
    given(assetDecider, history).when({ ...dispose('2026-11-28'), data: { residualValueFen: 0, disposedOn: '2026-11-20' } } as AssetCommand).thenThrows('disposed-before-request');
    given(assetDecider, history).when({ ...dispose('2026-11-28'), data: { residualValueFen: 0, disposedOn: '2026-11-29' } } as AssetCommand).thenThrows('disposed-on-in-future');
  });

  it('a disposed asset is not disposed again nor found again', () => {
    const history = [registered, requested(600_000, 0, false), schoolApproved, disposed()];
    given(assetDecider, history).when(requestDisposal).thenThrows('asset-disposed');
    given(assetDecider, history).when({ type: 'ReportAssetFound', data: { stocktakeId: 'st-3' }, ...asStaff() }).thenThrows('asset-disposed');
  });
});
