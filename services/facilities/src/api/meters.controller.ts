import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { decimalToMilli, METER_KIND_ZH, METER_UNIT, milliToDecimal } from '@houqin/contracts';
import { Command, CommandContext, CommandRunner, RunResult } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { meterIdOf } from '../application/meter-ids';
import { meterList, openFlagsOf } from '../application/meter-list.projection';
import { MeterQueries, ReadingRow } from '../application/meter.queries';
import { ActiveMeter, meterDecider, ReadingPeriod } from '../domain/meter';
import { ConfirmReadingDto, ConsumptionQuery, CorrectReadingDto, InstallMeterDto, ListMetersQuery, ListReadingsQuery, RecordReadingDto, ReplaceMeterDto } from './meter.dto';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}

const SCHOOL_READERS = ['school-staff', 'school-admin', 'bureau-official', 'system-admin'] as const;

/** 能源管理: meters per building and kind, their readings (抄表), replacements (换表) and flagged jumps. */
@ApiTags('meters 能源管理')
@Controller('meters')
export class MetersController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly meters: MeterQueries,
    private readonly readModels: ReadModels,
  ) {}

  @Post()
  @CommandRoute({ roles: ['school-admin'], summary: 'Install a meter in a building (one per building and kind) / 安装水电气表', creates: true })
  async install(@Body() { occurredAt, initialReading, ...dto }: InstallMeterDto, @Command() ctx: CommandContext) {
    const meterId = meterIdOf(ctx.schoolId, dto.building, dto.kind);
    const data = { ...dto, meterId, schoolId: ctx.schoolId, initialReadingMilli: milli(initialReading, 'initialReading') };
    return accepted(await this.commands.run(meterDecider, meterId, { type: 'InstallMeter', data, metadata: { occurredAt } }, ctx));
  }

  @Post(':id/readings')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Record a reading (抄表); a jump beyond the rule is flagged / 录入读数' })
  async record(@UuidParam('id') id: string, @Body() dto: RecordReadingDto, @Command() ctx: CommandContext) {
    const data = { readingId: randomUUID(), readingMilli: milli(dto.reading, 'reading') };
    const result = await this.commands.run(meterDecider, id, { type: 'RecordMeterReading', data, metadata: { occurredAt: dto.occurredAt } }, ctx);
    return { ...accepted(result), readingId: data.readingId };
  }

  @Post(':id/replace')
  @CommandRoute({ roles: ['school-admin'], summary: "Replace the meter: the old one's final reading and the new one's start / 换表" })
  async replace(@UuidParam('id') id: string, @Body() { occurredAt, finalReading, startReading, ...dto }: ReplaceMeterDto, @Command() ctx: CommandContext) {
    const data = { ...dto, finalReadingMilli: milli(finalReading, 'finalReading'), startReadingMilli: milli(startReading, 'startReading') };
    return accepted(await this.commands.run(meterDecider, id, { type: 'ReplaceMeter', data, metadata: { occurredAt } }, ctx));
  }

  @Post(':id/readings/:readingId/confirm')
  @CommandRoute({ roles: ['school-admin'], summary: 'Confirm a flagged jump is real / 确认异常读数' })
  async confirm(@UuidParam('id') id: string, @UuidParam('readingId') readingId: string, @Body() dto: ConfirmReadingDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(meterDecider, id, { type: 'ConfirmMeterReading', data: { readingId, note: dto.note } }, ctx));
  }

  @Post(':id/readings/:readingId/correct')
  @CommandRoute({ roles: ['school-admin'], summary: 'Correct a flagged reading (the latest one) / 更正异常读数' })
  async correct(@UuidParam('id') id: string, @UuidParam('readingId') readingId: string, @Body() dto: CorrectReadingDto, @Command() ctx: CommandContext) {
    const data = { readingId, readingMilli: milli(dto.reading, 'reading'), reason: dto.reason };
    return accepted(await this.commands.run(meterDecider, id, { type: 'CorrectMeterReading', data }, ctx));
  }

  @Get()
  @Roles(...SCHOOL_READERS)
  @ApiOperation({ summary: 'Meters of my school (bureau: any school) with their last reading and open flags / 水电气表列表', description: 'From the read model `meter-list`; cursor paging; read-your-writes with `consistentWith`.' })
  @ApiResponse({ status: 503, description: 'The list has not caught up with `consistentWith` yet (Retry-After) / 列表尚未同步', type: ErrorBodyDto })
  async list(@Query() { consistentWith, ...query }: ListMetersQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await this.caughtUp(consistentWith, res);
    const page = await this.meters.listMeters({ ...query, schoolId: readableSchoolOf(principal) ?? query.schoolId, sort: query.sort ?? 'building', order: query.order ?? 'asc', limit: query.limit ?? 50 });
    return { items: page.rows.map((r) => meterView(r.doc, r.version)), ...next(page.nextCursor) };
  }

  @Get('readings')
  @Roles(...SCHOOL_READERS)
  @ApiOperation({ summary: 'Readings by meter and month with their consumption and jump flags / 抄表记录', description: 'From the read model `meter-list` (view meter_readings); newest first by default; cursor paging.' })
  @ApiResponse({ status: 503, description: 'Not caught up with `consistentWith` yet / 列表尚未同步', type: ErrorBodyDto })
  async readings(@Query() { consistentWith, ...query }: ListReadingsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    assertMonthRange(query);
    await this.caughtUp(consistentWith, res);
    const page = await this.meters.listReadings({ ...query, schoolId: readableSchoolOf(principal) ?? query.schoolId, order: query.order ?? 'desc', limit: query.limit ?? 100 });
    return { items: page.rows.map(readingView), ...next(page.nextCursor) };
  }

  @Get('consumption')
  @Roles(...SCHOOL_READERS)
  @ApiOperation({ summary: 'Consumption per month, per building and for the school (a period counts in the month it was read) / 月度用量' })
  async consumption(@Query() { consistentWith, ...query }: ConsumptionQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    assertMonthRange(query);
    await this.caughtUp(consistentWith, res);
    const result = await this.meters.consumption({ ...query, schoolId: readableSchoolOf(principal) ?? query.schoolId });
    const unit = (r: { kind: keyof typeof METER_UNIT }) => ({ unit: METER_UNIT[r.kind], kindZh: METER_KIND_ZH[r.kind] });
    return { byBuilding: result.byBuilding.map((r) => ({ ...r, ...unit(r) })), school: result.school.map((r) => ({ ...r, ...unit(r) })) };
  }

  @Get(':id')
  @Roles(...SCHOOL_READERS)
  @ApiOperation({ summary: 'One meter with every reading period, from its stream; ETag is its version / 表计详情' })
  async get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const loaded = await this.meters.get(id, (schoolId) => canReadSchool(principal, schoolId));
    setHeader(res, 'ETag', `"${loaded.version}"`);
    return { ...meterView(loaded.state, loaded.version), periods: loaded.state.periods.map(periodView) };
  }

  private async caughtUp(position: string | undefined, res: HeaderSink) {
    await awaitReadModel(this.readModels.get(meterList.definition.name), position, { header: (name, value) => setHeader(res, name, value) });
  }
}

/** Exact decimal text → thousandths; the DTO's pattern admits only what converts, this guards the rest. */
function milli(text: string, field: string): number {
  const value = decimalToMilli(text);
  if (value !== undefined) return value;
  const message = `${field} must be a decimal with at most 13 digits and 3 decimals`;
  throw new BadRequestException({ message, messageZh: '读数须为最多13位整数、3位小数的数字', errors: [{ field, constraint: 'reading', message, messageZh: '读数格式不正确' }] });
}

function assertMonthRange(range: { from?: string; to?: string }) {
  if (!range.from || !range.to || range.from <= range.to) return;
  const message = 'to must not be before from';
  throw new BadRequestException({ message, messageZh: '截止月份不能早于起始月份', errors: [{ field: 'to', constraint: 'monthRange', message, messageZh: '截止月份不能早于起始月份' }] });
}

const setHeader = (res: HeaderSink, name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value));
const next = (cursor?: string) => (cursor ? { nextCursor: cursor } : {});
const accepted = ({ id, ...result }: RunResult) => ({ meterId: id, ...result });

function meterView(m: ActiveMeter, version: number) {
  const last = m.periods[m.periods.length - 1];
  return {
    meterId: m.meterId,
    schoolId: m.schoolId,
    building: m.building,
    kind: m.kind,
    kindZh: METER_KIND_ZH[m.kind],
    unit: METER_UNIT[m.kind],
    ...(m.serial === undefined ? {} : { serial: m.serial }),
    installedAt: m.installedAt,
    lastReading: milliToDecimal(m.lastReadingMilli),
    lastReadAt: m.lastReadAt,
    ...(last ? { lastConsumption: milliToDecimal(last.consumptionMilli) } : {}),
    replacedSinceLastReading: Boolean(m.replacement),
    replacements: m.replacements,
    readings: m.periods.length,
    openFlags: openFlagsOf(m),
    version,
  };
}

const periodView = (p: ReadingPeriod) => ({
  readingId: p.readingId,
  periodStart: p.periodStart,
  readAt: p.readAt,
  reading: milliToDecimal(p.readingMilli),
  consumption: milliToDecimal(p.consumptionMilli),
  daily: milliToDecimal(p.dailyMilli),
  ...(p.baselineDailyMilli === undefined ? {} : { baselineDaily: milliToDecimal(p.baselineDailyMilli) }),
  flagged: p.flagged,
  ...(p.resolution ? { resolution: p.resolution } : {}),
});

const readingView = (r: ReadingRow) => ({
  readingId: r.reading_id,
  meterId: r.meter_id,
  schoolId: r.school_id,
  building: r.building,
  kind: r.kind,
  unit: METER_UNIT[r.kind],
  month: r.month,
  periodStart: new Date(r.period_start).toISOString(),
  readAt: new Date(r.read_at).toISOString(),
  reading: milliToDecimal(Number(r.reading_milli)),
  consumption: milliToDecimal(Number(r.consumption_milli)),
  daily: milliToDecimal(Number(r.daily_milli)),
  ...(r.baseline_daily_milli === null ? {} : { baselineDaily: milliToDecimal(Number(r.baseline_daily_milli)) }),
  flagged: r.flagged,
  ...(r.resolution ? { resolution: r.resolution } : {}),
});
