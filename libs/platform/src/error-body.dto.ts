import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorBody, FieldError } from './error-body';

/** Swagger schemas of ErrorBody, for `@ApiResponse({ status: 422, type: ErrorBodyDto })`. */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'title' }) field: string;
  @ApiProperty({ example: 'title must be shorter than or equal to 100 characters' }) message: string;
  @ApiProperty({ example: '标题长度不能超过100个字符' }) messageZh: string;
  @ApiProperty({ example: 'maxLength' }) constraint: string;
}

export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'Validation failed' }) message: string;
  @ApiProperty({ example: '输入校验失败' }) messageZh: string;
  @ApiPropertyOptional({ description: 'Domain error code / 业务错误码', example: 'work-order-closed' }) code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
