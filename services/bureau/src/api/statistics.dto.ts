import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString } from 'class-validator';
import { MaxTextLength, ZhLabel } from '@houqin/platform';
import { FIGURES } from '@houqin/statistics';

/** A school id is bounded as the event contracts bound it (64). */
export class SchoolParams {
  @ApiProperty({ description: 'School id / 学校编号', minLength: 1, maxLength: 64, example: 'S001' })
  @ZhLabel('学校编号')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(64)
  schoolId: string;
}

export class FigureParams {
  @ApiProperty({ description: 'A figure of the statistics lib / 统计项', enum: [...FIGURES.keys()], example: 'work-order-figures' })
  @ZhLabel('统计项')
  @IsIn([...FIGURES.keys()])
  figure: string;
}
