import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min, ValidateBy } from 'class-validator';
import { ASSET_CATEGORY_CODES, ASSET_FUNDING_SOURCES, AssetCategoryCode, AssetFundingSource } from '@houqin/contracts';
import { MaxTextLength, NestedObject, OptionalField, ZhLabel } from '@houqin/platform';
import { AssetLocationDto, isCalendarDay } from './asset.dto';

const Optional = (max: number, description: string, zh: string) => [
  ApiPropertyOptional({ description, minLength: 1, maxLength: max }),
  ZhLabel(zh),
  OptionalField(),
  IsString(),
  IsNotEmpty(),
  MaxTextLength(max),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));
const OptionalDay = (description: string, zh: string) =>
  apply([
    ApiPropertyOptional({ description, type: 'string', format: 'date', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', example: '2029-08-31' }),
    ZhLabel(zh),
    OptionalField(),
    IsString(),
    ValidateBy({ name: 'isCalendarDay', validator: { validate: isCalendarDay, defaultMessage: () => `${zh} must be a calendar day YYYY-MM-DD` } }),
  ]);

/** 入账: what the school adds to procurement's receipt (the name, model, price, supplier and date come from it). */
export class RegisterPendingAssetDto {
  @NestedObject(() => AssetLocationDto, '存放地点')
  location: AssetLocationDto;

  @ApiPropertyOptional({ enum: ASSET_CATEGORY_CODES, description: 'Category, when procurement gave none or another / 资产分类' })
  @ZhLabel('资产分类')
  @OptionalField()
  @IsIn(ASSET_CATEGORY_CODES)
  category?: AssetCategoryCode;

  @ApiPropertyOptional({ enum: ASSET_FUNDING_SOURCES, description: 'Funding source, when procurement gave none / 经费来源' })
  @ZhLabel('经费来源')
  @OptionalField()
  @IsIn(ASSET_FUNDING_SOURCES)
  fundingSource?: AssetFundingSource;

  @apply(Optional(100, 'Name, to correct procurement’s / 资产名称', '资产名称'))
  name?: string;

  @apply(Optional(100, 'Serial number / 序列号', '序列号'))
  serialNumber?: string;

  @apply(Optional(64, 'Custodian / 保管人', '保管人'))
  custodian?: string;

  @OptionalDay('Warranty end / 保修截止', '保修截止')
  warrantyEndsOn?: string;

  @ApiPropertyOptional({ description: 'Useful life in years (default: the category’s) / 使用年限', type: 'integer', minimum: 1, maximum: 100 })
  @ZhLabel('使用年限')
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(100)
  usefulLifeYears?: number;
}
