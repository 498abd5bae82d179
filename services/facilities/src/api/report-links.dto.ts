import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches } from 'class-validator';
import { PHONE_PATTERN } from '@houqin/contracts';
import { MaxTextLength, OptionalField, ZhLabel } from '@houqin/platform';

/** A v4 UUID (the ledger's asset ids), as the document states it. */
export const UUID_V4_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';
const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

export const LABEL_SHEET_MAX_ASSETS = 200;

export class IssueReportLinkDto {
  @ApiProperty({ description: 'The asset the label goes on / 资产', format: 'uuid', pattern: UUID_V4_PATTERN })
  @ZhLabel('资产')
  @IsUUID('4')
  assetId: string;

  @ApiPropertyOptional({ description: 'The link stops working at this time; default never / 有效期至', format: 'date-time', pattern: INSTANT_PATTERN, example: '2027-07-31T16:00:00Z' })
  @ZhLabel('有效期至')
  @OptionalField()
  @IsString()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class IssueLabelSheetDto {
  @ApiProperty({
    description: `Assets to print labels for (1-${LABEL_SHEET_MAX_ASSETS}); an asset with an active link keeps it / 打印标签的资产`,
    type: 'array',
    items: { type: 'string', format: 'uuid', pattern: UUID_V4_PATTERN },
    minItems: 1,
    maxItems: LABEL_SHEET_MAX_ASSETS,
    uniqueItems: true,
    example: ['3b4f0c1e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'],
  })
  @ZhLabel('资产')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LABEL_SHEET_MAX_ASSETS)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  assetIds: string[];

  @ApiPropertyOptional({ description: "A command's position: wait until the list has it / 读己之写", pattern: '^\\d{1,19}$' })
  @ZhLabel('一致性位置')
  @OptionalField()
  @Matches(/^\d{1,19}$/)
  consistentWith?: string;
}

export class ConsistentReadQuery {
  @ApiPropertyOptional({ description: "A command's position: wait until the list has it / 读己之写", pattern: '^\\d{1,19}$' })
  @ZhLabel('一致性位置')
  @OptionalField()
  @Matches(/^\d{1,19}$/)
  consistentWith?: string;
}

export class RevokeReportLinkDto {
  @ApiPropertyOptional({ description: 'Why / 作废原因', maxLength: 200, example: '标签损坏，已重新打印' })
  @ZhLabel('作废原因')
  @OptionalField()
  @IsString()
  @MaxTextLength(200)
  reason?: string;
}

export class ListReportLinksQuery {
  @ApiPropertyOptional({ description: 'Links of one asset / 资产', format: 'uuid', pattern: UUID_V4_PATTERN })
  @ZhLabel('资产')
  @OptionalField()
  @IsUUID('4')
  assetId?: string;

  @ApiPropertyOptional({ enum: ['active', 'revoked'], description: 'Status / 状态' })
  @ZhLabel('状态')
  @OptionalField()
  @IsIn(['active', 'revoked'])
  status?: 'active' | 'revoked';

  @ApiPropertyOptional({ description: "A command's position: wait until the list has it / 读己之写", pattern: '^\\d{1,19}$' })
  @ZhLabel('一致性位置')
  @OptionalField()
  @Matches(/^\d{1,19}$/)
  consistentWith?: string;
}

/** What someone who scanned a label reports (no login). */
export class PublicReportDto {
  @ApiProperty({ description: 'What is wrong / 故障简述', minLength: 1, maxLength: 100, example: '投影仪不亮' })
  @ZhLabel('故障简述')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  title: string;

  @ApiPropertyOptional({ description: 'Details / 详细描述', maxLength: 800 })
  @ZhLabel('详细描述')
  @OptionalField()
  @IsString()
  @MaxTextLength(800)
  description?: string;

  @ApiPropertyOptional({ description: 'Your name, to be called back / 报修人姓名', maxLength: 50, example: '李老师' })
  @ZhLabel('报修人姓名')
  @OptionalField()
  @IsString()
  @MaxTextLength(50)
  reporterName?: string;

  @ApiPropertyOptional({ description: 'Your mobile, shown masked to the school / 联系电话', pattern: PHONE_PATTERN.source, example: '13812345678' })
  @ZhLabel('联系电话')
  @OptionalField()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'reporterPhone must be an 11-digit mainland mobile number' })
  reporterPhone?: string;
}
