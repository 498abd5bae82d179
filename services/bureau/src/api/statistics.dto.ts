import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString } from 'class-validator';
import { MaxTextLength, ZhLabel } from '@houqin/platform';

/** A school id is bounded as the event contracts bound it (64). */
export class SchoolParams {
  @ApiProperty({ description: 'School id / 学校编号', minLength: 1, maxLength: 64, example: 'S001' })
  @ZhLabel('学校编号')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(64)
  schoolId: string;
}
