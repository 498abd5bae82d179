import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import { FieldError, validationErrorBody } from '@houqin/platform';

/** A 400 in the platform's validation shape, for rules a DTO cannot check (they need the account). */
export const fieldErrors = (errors: FieldError[]) => new BadRequestException({ ...validationErrorBody([]), errors });

/** A request of the right shape whose content cannot be used (an upload that is no .xlsx, an unknown school): 422, naming the field. */
export const unusableContent = (errors: FieldError[], message = 'The file cannot be read', messageZh = '文件无法读取') =>
  new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message, messageZh, errors });
