import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import {
  ASSET_CATEGORY_CODES,
  ASSET_DISPOSAL_METHODS,
  ASSET_FUNDING_SOURCES,
  ASSET_MAX_FEN,
  AssetCategoryCode,
  AssetDisposalMethod,
  AssetFundingSource,
} from '@houqin/contracts';
import { MaxTextLength, NestedObject, OptionalField, PageLimit, ZhLabel } from '@houqin/platform';
import { KEYSET_CURSOR_MAX_LENGTH, KEYSET_CURSOR_PATTERN, LIST_ORDERS, ListOrder } from '@houqin/projection-store';
import { ASSET_LIST_SORTS, AssetListSort } from '../application/asset.queries';
import { LEDGER_STATUSES, LedgerStatus } from '../domain/asset';

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day (no 2026-02-30). */
export const isCalendarDay = (value: unknown): boolean =>
  typeof value === 'string' && DAY_PATTERN.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

const Day = (description: string, zh: string, optional = false) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({ description, type: 'string', format: 'date', pattern: DAY_PATTERN.source, maxLength: 10, example: '2026-09-01' }),
    ZhLabel(zh),
    ...(optional ? [OptionalField()] : []),
    IsString(),
    ValidateBy({ name: 'isCalendarDay', validator: { validate: isCalendarDay, defaultMessage: () => `${zh} must be a calendar day YYYY-MM-DD` } }),
  );

const Text = (max: number, description: string, zh: string, optional = false, example?: string) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({ description, minLength: 1, maxLength: max, ...(example ? { example } : {}) }),
    ZhLabel(zh),
    ...(optional ? [OptionalField()] : []),
    IsString(),
    IsNotEmpty(),
    MaxTextLength(max),
  );

const Fen = (description: string, zh: string) =>
  applyDecorators(ApiProperty({ description, type: 'integer', minimum: 0, maximum: ASSET_MAX_FEN, example: 600000 }), ZhLabel(zh), IsInt(), Min(0), Max(ASSET_MAX_FEN));

export class AssetLocationDto {
  @Text(60, 'Building / 楼宇', '楼宇', false, '实验楼')
  building: string;

  @Text(20, 'Floor / 楼层', '楼层', true, '3F')
  floor?: string;

  @Text(40, 'Room / 房间', '房间', true, '302')
  room?: string;
}

const Location = (optional = false) => NestedObject(() => AssetLocationDto, '存放地点', optional);

export class RegisterAssetDto {
  @ApiProperty({ enum: ASSET_CATEGORY_CODES, description: 'GB/T 14885 category code / 资产分类代码', example: '2010104' })
  @ZhLabel('资产分类')
  @IsIn(ASSET_CATEGORY_CODES)
  category: AssetCategoryCode;

  @Text(100, 'Name / 资产名称', '资产名称', false, '学生用台式计算机')
  name: string;

  @Text(100, 'Model / 规格型号', '规格型号', true, 'ThinkCentre M730')
  model?: string;

  @Text(100, 'Serial number / 序列号', '序列号', true, 'PC-2024-0001')
  serialNumber?: string;

  @Day('Purchase day / 购置日期', '购置日期')
  purchaseDate: string;

  @Fen('Price in fen (分), an integer / 原值（分）', '原值')
  priceFen: number;

  @Text(100, 'Supplier / 供应商', '供应商', true)
  supplier?: string;

  @ApiProperty({ enum: ASSET_FUNDING_SOURCES, description: 'Funding: fiscal 财政拨款, self-raised 自筹, donation 捐赠, transfer 调入, other / 经费来源' })
  @ZhLabel('经费来源')
  @IsIn(ASSET_FUNDING_SOURCES)
  fundingSource: AssetFundingSource;

  @Location()
  location: AssetLocationDto;

  @Text(64, 'Custodian / 保管人', '保管人', true, '王老师')
  custodian?: string;

  @Day('Warranty end / 保修截止', '保修截止', true)
  warrantyEndsOn?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, description: 'Useful life in years; default the category minimum (准则3号应用指南 表1) / 折旧年限' })
  @ZhLabel('折旧年限')
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(100)
  usefulLifeYears?: number;

  @ApiPropertyOptional({ description: 'The pending asset from procurement this registers / 待入账资产编号', minLength: 1, maxLength: 64 })
  @ZhLabel('待入账资产')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(64)
  pendingAssetId?: string;
}

export class MoveAssetDto {
  @Location()
  location: AssetLocationDto;

  @Text(64, 'New custodian / 新保管人', '保管人', true)
  custodian?: string;
}

export class LendAssetDto {
  @Text(64, 'Borrower / 借用人', '借用人', false, '李老师')
  borrower: string;

  @Day('Due back / 应还日期', '应还日期')
  dueBackOn: string;
}

export class ReturnAssetDto {
  @Text(500, 'Note / 备注', '备注', true)
  note?: string;
}

export class RecordMaintenanceDto {
  @Text(500, 'What was done / 维护内容', '维护内容', false, '更换电源')
  what: string;

  @Fen('Cost in fen / 费用（分）', '费用')
  costFen: number;

  @Text(64, 'Done by / 维护单位或人员', '维护人', false, '联想售后')
  performedBy: string;

  @ApiPropertyOptional({ description: 'Repairs the damage a stocktake found / 已修复损坏' })
  @ZhLabel('已修复损坏')
  @OptionalField()
  @IsBoolean()
  damageRepaired?: boolean;
}

export class RequestDisposalDto {
  @ApiProperty({ enum: ASSET_DISPOSAL_METHODS, description: 'scrapped 报废, sold 出售, donated 捐赠, transferred 调拨, written-off 报损 / 处置方式' })
  @ZhLabel('处置方式')
  @IsIn(ASSET_DISPOSAL_METHODS)
  method: AssetDisposalMethod;

  @Text(500, 'Why / 处置原因', '处置原因', false, '主板损坏，无维修价值')
  reason: string;
}

export class ApproveDisposalDto {
  @Text(500, 'Comment / 审批意见', '审批意见', true)
  comment?: string;
}

export class RejectDisposalDto {
  @Text(500, 'Why / 驳回原因', '驳回原因', false, '仍可维修使用')
  reason: string;
}

export class DisposeAssetDto {
  @Fen('Residual value in fen (残值) / 残值（分）', '残值')
  residualValueFen: number;

  @Day('Day of disposal / 处置日期', '处置日期')
  disposedOn: string;
}

export class AssetAtQuery {
  @Day('Net book value at the end of this Beijing day (default today) / 净值日期', '净值日期', true)
  at?: string;
}

const CONSISTENT_WITH_PATTERN = /^[0-9]{1,18}$/;
const DISPOSAL_STAGES = ['requested', 'awaiting-bureau', 'approved'] as const;

export class ListAssetsQuery {
  @Text(64, 'Bureau, auditor and system admin only: one school / 学校编号', '学校编号', true)
  schoolId?: string;

  @ApiPropertyOptional({ enum: ASSET_CATEGORY_CODES, description: 'Category / 资产分类' })
  @ZhLabel('资产分类')
  @OptionalField()
  @IsIn(ASSET_CATEGORY_CODES)
  category?: AssetCategoryCode;

  @Text(60, 'Building, exactly / 楼宇', '楼宇', true)
  building?: string;

  @ApiPropertyOptional({ enum: LEDGER_STATUSES, description: 'Status / 状态' })
  @ZhLabel('状态')
  @OptionalField()
  @IsIn(LEDGER_STATUSES)
  status?: LedgerStatus;

  @ApiPropertyOptional({ enum: DISPOSAL_STAGES, description: 'Disposal stage (awaiting-bureau: the bureau’s queue) / 处置审批阶段' })
  @ZhLabel('处置审批阶段')
  @OptionalField()
  @IsIn(DISPOSAL_STAGES)
  disposalStage?: (typeof DISPOSAL_STAGES)[number];

  @Text(64, 'Custodian, exactly / 保管人', '保管人', true)
  custodian?: string;

  @Text(100, 'Text in name, model or serial number / 搜索', '搜索', true, '计算机')
  q?: string;

  @ApiPropertyOptional({ enum: ASSET_LIST_SORTS, default: 'registeredAt', description: 'Sort (ties by id) / 排序' })
  @ZhLabel('排序')
  @OptionalField()
  @IsIn(ASSET_LIST_SORTS)
  sort?: AssetListSort;

  @ApiPropertyOptional({ enum: LIST_ORDERS, default: 'desc', description: 'Order / 顺序' })
  @ZhLabel('顺序')
  @OptionalField()
  @IsIn(LIST_ORDERS)
  order?: ListOrder;

  @PageLimit(200)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor (same sort and order) / 翻页游标", pattern: KEYSET_CURSOR_PATTERN.source, maxLength: KEYSET_CURSOR_MAX_LENGTH })
  @ZhLabel('翻页游标')
  @OptionalField()
  @IsString()
  @Matches(KEYSET_CURSOR_PATTERN)
  cursor?: string;

  @ApiPropertyOptional({ description: "Read-your-writes: a command's `position` / 读己之写的同步位置", pattern: CONSISTENT_WITH_PATTERN.source, maxLength: 18, example: '1042' })
  @ZhLabel('同步位置')
  @OptionalField()
  @IsString()
  @Matches(CONSISTENT_WITH_PATTERN)
  consistentWith?: string;
}

export class AssetCommandAcceptedDto {
  @ApiProperty() assetId: string;
  @ApiProperty({ description: 'Stream version after the command (use as If-Match)' }) version: number;
  @ApiPropertyOptional({ description: 'Read-your-writes: pass as `consistentWith` to the list / 读己之写的同步位置', example: '1042' }) position?: string;
  @ApiProperty({ description: 'Events appended' }) events: { eventId: string; type: string; streamVersion: number; globalPosition: string }[];
}

