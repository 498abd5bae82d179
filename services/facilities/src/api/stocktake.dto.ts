import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, IsUUID, Matches } from 'class-validator';
import { STOCKTAKE_FINDINGS, StocktakeFinding } from '@houqin/contracts';
import { MaxTextLength, NestedObject, OptionalField, PageLimit, ZhLabel } from '@houqin/platform';
import { KEYSET_CURSOR_MAX_LENGTH, KEYSET_CURSOR_PATTERN } from '@houqin/projection-store';
import { AssetLocationDto } from './asset.dto';
import { UUID_V4_PATTERN } from './report-links.dto';

const POSITION = /^\d{1,18}$/;

export class OpenStocktakeDto {
  @NestedObject(() => AssetLocationDto, '盘点地点')
  location: AssetLocationDto;

  @ApiPropertyOptional({ description: 'Title; default "<place> 盘点" / 盘点名称', minLength: 1, maxLength: 100, example: '2026 秋季学期教学楼盘点' })
  @ZhLabel('盘点名称')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  title?: string;

  @ApiPropertyOptional({ description: "A command's position the ledger must have applied first (an asset registered a moment ago) / 读己之写", pattern: POSITION.source })
  @ZhLabel('同步位置')
  @OptionalField()
  @Matches(POSITION)
  consistentWith?: string;
}

export class MarkStocktakeItemDto {
  @ApiProperty({ enum: STOCKTAKE_FINDINGS, description: 'found 在位 / missing 盘亏 / damaged 损坏' })
  @ZhLabel('盘点结果')
  @IsIn(STOCKTAKE_FINDINGS)
  finding: StocktakeFinding;

  @ApiPropertyOptional({ description: 'Note (what is damaged: required for damaged) / 备注', minLength: 1, maxLength: 500, example: '屏幕有裂痕' })
  @ZhLabel('备注')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(500)
  note?: string;
}

export class AddUnlistedDto {
  @ApiPropertyOptional({ description: 'A ledger asset kept elsewhere (its QR/number) / 台账资产', format: 'uuid', pattern: UUID_V4_PATTERN })
  @ZhLabel('台账资产')
  @OptionalField()
  @IsUUID('4')
  assetId?: string;

  @ApiPropertyOptional({ description: 'What it is, when it is not in the ledger / 物品描述', minLength: 1, maxLength: 100, example: '折叠椅 4 把' })
  @ZhLabel('物品描述')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  description?: string;

  @ApiPropertyOptional({ description: 'Floor where found (default: the stocktake’s) / 楼层', minLength: 1, maxLength: 20 })
  @ZhLabel('楼层')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(20)
  floor?: string;

  @ApiPropertyOptional({ description: 'Room where found / 房间', minLength: 1, maxLength: 40 })
  @ZhLabel('房间')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(40)
  room?: string;

  @ApiPropertyOptional({ description: 'Note / 备注', minLength: 1, maxLength: 500 })
  @ZhLabel('备注')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(500)
  note?: string;
}

export class CloseStocktakeDto {
  @ApiPropertyOptional({ description: 'Count every unmarked asset as missing (otherwise closing with unmarked assets is refused) / 未盘点资产按盘亏处理', default: false })
  @ZhLabel('未盘点按盘亏')
  @OptionalField()
  @IsBoolean()
  unmarkedAsMissing?: boolean;
}

export class ListStocktakesQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'], description: 'Status / 状态' })
  @ZhLabel('状态')
  @OptionalField()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ description: 'School (bureau) / 学校', maxLength: 64 })
  @ZhLabel('学校')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  schoolId?: string;

  @PageLimit(100)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor / 翻页游标", pattern: KEYSET_CURSOR_PATTERN.source, maxLength: KEYSET_CURSOR_MAX_LENGTH })
  @ZhLabel('翻页游标')
  @OptionalField()
  @IsString()
  @Matches(KEYSET_CURSOR_PATTERN)
  cursor?: string;

  @ApiPropertyOptional({ description: "Read-your-writes: a command's position / 读己之写", pattern: POSITION.source })
  @ZhLabel('同步位置')
  @OptionalField()
  @Matches(POSITION)
  consistentWith?: string;
}
