import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ASSET_CATEGORIES } from '@houqin/contracts';
import { pgPoolOf } from '@houqin/event-store';
import { readGroups } from '@houqin/projection-store';
import { assetValuesAt } from '@houqin/statistics';
import { assetValueTables, awaitingDisposalTables } from './asset-figure-tables';

const categoryZh = (code: string) => ASSET_CATEGORIES.find((c) => c.code === code)?.zh ?? code;

/**
 * 资产统计: per school and category the count, original value and net book value at `asOf` (from the
 * asset-values figure's cohort sums, which the audit replays), and per school the disposals awaiting the bureau.
 */
@Injectable()
export class AssetStatisticsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async values(asOf: string, schoolId?: string) {
    const groups = await readGroups(pgPoolOf(this.dataSource), assetValueTables);
    const rows = assetValuesAt(schoolId ? groups.filter((g) => g.key.startsWith(`${schoolId}|`)) : groups, asOf).map((r) => ({ ...r, categoryZh: categoryZh(r.category) }));
    const bySchool = new Map<string, { schoolId: string; assets: number; originalValueFen: number; netValueFen: number }>();
    for (const r of rows) {
      const s = bySchool.get(r.schoolId) ?? { schoolId: r.schoolId, assets: 0, originalValueFen: 0, netValueFen: 0 };
      s.assets += r.assets;
      s.originalValueFen += r.originalValueFen;
      s.netValueFen += r.netValueFen;
      bySchool.set(r.schoolId, s);
    }
    const schools = [...bySchool.values()];
    const district = schools.reduce((t, s) => ({ assets: t.assets + s.assets, originalValueFen: t.originalValueFen + s.originalValueFen, netValueFen: t.netValueFen + s.netValueFen }), { assets: 0, originalValueFen: 0, netValueFen: 0 });
    return { asOf, district: { schools: schools.length, ...district }, schools, rows };
  }

  async awaitingBureau(schoolId?: string) {
    const groups = await readGroups(pgPoolOf(this.dataSource), awaitingDisposalTables, schoolId);
    const schools = groups.filter((g) => g.sums.awaiting > 0).map((g) => ({ schoolId: g.key, ...g.sums }));
    return { schools, total: schools.reduce((t, s) => ({ awaiting: t.awaiting + s.awaiting, awaitingOriginalValueFen: t.awaitingOriginalValueFen + s.awaitingOriginalValueFen }), { awaiting: 0, awaitingOriginalValueFen: 0 }) };
  }
}
