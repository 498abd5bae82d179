import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { METER_UNIT, MeterKind, milliToDecimal, SchoolType } from '@houqin/contracts';
import { pgPoolOf } from '@houqin/event-store';
import { median, schoolTypeLabel, schoolYearOfMonth, SchoolYearCounts } from '@houqin/statistics';

interface Row {
  school_id: string;
  name: string | null;
  type: SchoolType | null;
  floor_area_m2: string | null;
  years: Record<string, SchoolYearCounts> | null;
  consumption_milli: string | null;
  readings: string | null;
}

/** One school's consumption of a kind in a month, per student and per m² (thousandths, exact integer division). */
interface SchoolEnergy {
  schoolId: string;
  name: string | null;
  type: SchoolType | null;
  consumptionMilli: number | null;
  readings: number;
  students: number | null;
  floorAreaM2: string | null;
  perStudentMilli: number | null;
  perM2Milli: number | null;
}

/**
 * 能耗对标: each school's consumption of one kind in one month (the energy-consumption figure's
 * per-school rows, which the audit replays), per student and per m² from the school register, and the
 * median of the schools of its type. Medians are not sums, so they are computed here, from those rows,
 * every time: over the schools of the type that have readings that month.
 */
@Injectable()
export class EnergyQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async compare(query: { kind: MeterKind; month: string; schoolType?: SchoolType; schoolId?: string }) {
    const { rows } = await pgPoolOf(this.dataSource).query<Row>(
      `SELECT coalesce(s.school_id, g.school_id) AS school_id, s.name, s.type, s.floor_area_m2::text AS floor_area_m2, s.years,
              g.consumption_milli::text AS consumption_milli, g.readings::text AS readings
         FROM schools s
         FULL JOIN (SELECT school_id, consumption_milli, readings FROM energy_consumption WHERE kind = $1 AND month = $2) g ON g.school_id = s.school_id
        ORDER BY 1`,
      [query.kind, query.month],
    );
    const all = rows.map((r) => schoolEnergy(r, query.month));
    const byType = new Map<SchoolType, SchoolEnergy[]>();
    for (const s of all) if (s.type && s.consumptionMilli !== null) byType.set(s.type, [...(byType.get(s.type) ?? []), s]);
    const medians = new Map([...byType].map(([type, schools]) => [type, mediansOf(schools)]));

    const unit = METER_UNIT[query.kind];
    const shown = all.filter((s) => (!query.schoolType || s.type === query.schoolType) && (!query.schoolId || s.schoolId === query.schoolId));
    return {
      kind: query.kind,
      month: query.month,
      unit,
      schools: shown.map((s) => {
        const m = s.type ? medians.get(s.type) : undefined;
        return {
          schoolId: s.schoolId,
          name: s.name,
          schoolType: s.type,
          schoolTypeZh: schoolTypeLabel(s.type),
          registered: s.type !== null,
          consumption: decimal(s.consumptionMilli),
          readings: s.readings,
          students: s.students,
          floorAreaM2: s.floorAreaM2,
          perStudent: decimal(s.perStudentMilli),
          perM2: decimal(s.perM2Milli),
          typeMedianPerStudent: decimal(m?.perStudentMilli ?? null),
          typeMedianPerM2: decimal(m?.perM2Milli ?? null),
          ratioPerStudent: ratio(s.perStudentMilli, m?.perStudentMilli),
          ratioPerM2: ratio(s.perM2Milli, m?.perM2Milli),
        };
      }),
      types: [...medians]
        .filter(([type]) => !query.schoolType || type === query.schoolType)
        .map(([type, m]) => ({ schoolType: type, schoolTypeZh: schoolTypeLabel(type), schools: m.schools, consumption: decimal(m.consumptionMilli), perStudent: decimal(m.perStudentMilli), perM2: decimal(m.perM2Milli) })),
    };
  }
}

function schoolEnergy(r: Row, month: string): SchoolEnergy {
  const consumptionMilli = r.consumption_milli === null ? null : Number(r.consumption_milli);
  const students = studentsIn(r.years, month);
  const areaCenti = r.floor_area_m2 === null ? null : centi(r.floor_area_m2);
  return {
    schoolId: r.school_id,
    name: r.name,
    type: r.type,
    consumptionMilli,
    readings: Number(r.readings ?? 0),
    students,
    floorAreaM2: r.floor_area_m2,
    perStudentMilli: consumptionMilli !== null && students ? Number(BigInt(consumptionMilli) / BigInt(students)) : null,
    perM2Milli: consumptionMilli !== null && areaCenti ? Number((BigInt(consumptionMilli) * 100n) / areaCenti) : null,
  };
}

/** Students of the month's school year (学年), else of the newest year the register holds. */
function studentsIn(years: Record<string, SchoolYearCounts> | null, month: string): number | null {
  if (!years) return null;
  const exact = years[schoolYearOfMonth(month)];
  if (exact) return exact.students;
  const newest = Object.keys(years).sort().pop();
  return newest ? years[newest].students : null;
}

/** `12345.67` → 1234567n (hundredths of a m², exact); null for zero or unreadable. */
function centi(text: string): bigint | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const value = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0').slice(0, 2));
  return value > 0n ? value : null;
}

function mediansOf(schools: SchoolEnergy[]) {
  const of = (values: (number | null)[]) => {
    const m = median(values.filter((v): v is number => v !== null));
    return m === null ? null : Math.floor(m);
  };
  return {
    schools: schools.length,
    consumptionMilli: of(schools.map((s) => s.consumptionMilli)),
    perStudentMilli: of(schools.map((s) => s.perStudentMilli)),
    perM2Milli: of(schools.map((s) => s.perM2Milli)),
  };
}

const decimal = (milli: number | null) => (milli === null ? null : milliToDecimal(milli));
/** School ÷ median, two decimals (1.25 = 25 % above its type's median); null without both. */
const ratio = (value: number | null, of: number | null | undefined) => (value === null || !of ? null : Math.round((value * 100) / of) / 100);
