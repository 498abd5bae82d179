import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MinLength } from 'class-validator';
import { MaxTextLength, ZhLabel } from '@houqin/platform';

/** 2 MB of file, base64 (4 characters per 3 bytes). */
export const ASSET_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const ASSET_IMPORT_MAX_BASE64 = 4 * Math.ceil(ASSET_IMPORT_MAX_BYTES / 3);

export class ImportAssetsDto {
  @ApiProperty({ description: 'File name: .xlsx or .csv / 文件名', minLength: 5, maxLength: 200, pattern: '\\.([xX][lL][sS][xX]|[cC][sS][vV])$', example: '校产台账2026.xlsx' })
  @ZhLabel('文件名')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(200)
  @Matches(/\.(xlsx|csv)$/i, { message: 'fileName must end in .xlsx or .csv' })
  fileName: string;

  @ApiProperty({
    description:
      'The file, base64 (at most 2 MB, 2000 rows). First sheet (or the CSV, UTF-8 or GB18030), first row the headers: 资产名称, 分类代码, 型号, 序列号, 购置日期, 原值(元), 供应商, 经费来源, 楼宇, 楼层, 房间, 保管人, 保修截止, 使用年限 (GET /assets/imports/template.xlsx) / 台账文件（base64）',
    minLength: 4,
    maxLength: ASSET_IMPORT_MAX_BASE64,
    pattern: '^[A-Za-z0-9+/]+={0,2}$',
  })
  @ZhLabel('文件内容')
  @IsString()
  @IsNotEmpty()
  @MinLength(4)
  @MaxTextLength(ASSET_IMPORT_MAX_BASE64)
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/)
  contentBase64: string;
}
